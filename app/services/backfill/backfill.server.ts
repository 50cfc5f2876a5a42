import {
  backfillProgress,
  failBackfill,
  finishBackfill,
  queueBackfill,
  saveBackfillProgress,
  shopsWithPendingBackfill,
  type BackfillProgress,
} from "~/data/backfill.server";
import type { Db } from "~/data/db.server";
import type { AdminFetch, AdminGraphqlClient } from "~/shopify/graphql/admin-client";
import {
  bulkOperation,
  bulkResultLines,
  countOrders,
  fulfillmentLineItemCount,
  fulfillmentLineItemCounts,
  ordersPage,
  ordersSince,
  openReturnsPage,
  startBulkOrders,
  type GraphqlFulfillment,
  type GraphqlOrder,
} from "~/shopify/graphql/orders";
import { laneColumns, type FulfillmentSnapshot } from "~/services/ingestion/fulfillment-payload.server";
import { recordFulfillment } from "~/services/ingestion/record-fulfillment.server";
import { HandlerContext } from "~/services/ingestion/webhook-delivery";
import { pairTrackingNumbers } from "~/services/ingestion/tracking-resolution";
import { inTransaction } from "~/data/transactions.server";
import { recordReturnFromAdmin } from "~/services/returns/return-webhooks.server";

const DAY = 86_400_000;
/** Shopify shows apps 60 days of orders unless the app holds `read_all_orders`. */
export const DEFAULT_BACKFILL_DAYS = 60;

/**
 * The start of the import window: whole UTC days, so asking again the same day names the same
 * window and resumes the interrupted import instead of starting over.
 */
export function backfillWindowStart(now: Date, days: number): Date {
  const midnight = Math.floor(now.getTime() / DAY) * DAY;
  return new Date(midnight - days * DAY);
}

/** Days the shop lets us read: 60 without `read_all_orders`, the asked number with it. */
export function allowedBackfillDays(requested: number | undefined, scopes: string | null): number {
  const all = (scopes ?? "").split(",").map((scope) => scope.trim()).includes("read_all_orders");
  const days = requested ?? DEFAULT_BACKFILL_DAYS;
  return all ? days : Math.min(days, DEFAULT_BACKFILL_DAYS);
}

/** `lineItemCount` comes from `lineItemCounts`: neither query carries every fulfillment's full list. */
export function snapshotFromOrder(order: GraphqlOrder, fulfillment: GraphqlFulfillment, lineItemCount: number | null): FulfillmentSnapshot {
  const tracking = fulfillment.trackingInfo.filter((info) => info.number);
  return {
    fulfillmentId: fulfillment.id,
    orderId: order.id,
    orderName: order.name,
    orderCreatedAt: new Date(order.createdAt),
    createdAt: new Date(fulfillment.createdAt),
    updatedAt: new Date(fulfillment.updatedAt),
    status: fulfillment.status.toLowerCase(),
    trackingCompany: tracking.find((info) => info.company)?.company ?? null,
    tracking: pairTrackingNumbers(
      tracking.map((info) => info.number ?? ""),
      tracking.map((info) => info.url ?? ""),
    ),
    // The lane columns exactly as the webhooks store them.
    ...laneColumns(fulfillment.originAddress, order.shippingAddress ? { ...order.shippingAddress, countryCode: order.shippingAddress.countryCodeV2 } : null),
    lineItemCount,
    customerEmail: order.email,
    customerPhone: order.phone,
  };
}

export interface BackfillRunOptions {
  db: Db;
  shopDomain: string;
  admin: AdminGraphqlClient;
  /** Downloads the bulk operation's JSONL (the same transport as the Admin client in tests). */
  fetch?: AdminFetch;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Above this many orders the import uses a bulk operation instead of pages. */
  bulkThreshold?: number;
  pageSize?: number;
  bulkPollMs?: number;
  /** Polls before giving up on this run (the bulk operation keeps running; the next run resumes it). */
  maxBulkPolls?: number;
  /** Pages per run (a worker pass stays short; the next run continues from the cursor). */
  maxPages?: number;
  /** Orders per page of the open-returns pass. */
  returnsPageSize?: number;
}

/**
 * Exact line-item counts of a batch's fulfillments. A page carries the first 100 of each (paged
 * on past that); the bulk query carries none, so those are asked for by id. Asked before the
 * batch is stored, so a stored batch, and the cursor saved after it, depend on no other batch.
 */
async function lineItemCounts(admin: AdminGraphqlClient, orders: GraphqlOrder[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const notCarried: string[] = [];
  for (const order of orders) {
    for (const fulfillment of order.fulfillments ?? []) {
      if (!fulfillment.fulfillmentLineItems) {
        notCarried.push(fulfillment.id);
        continue;
      }
      const count = await fulfillmentLineItemCount(admin, fulfillment.id, fulfillment.fulfillmentLineItems);
      if (count !== null) counts.set(fulfillment.id, count);
    }
  }
  for (const [fulfillmentId, count] of await fulfillmentLineItemCounts(admin, notCarried)) counts.set(fulfillmentId, count);
  return counts;
}

/** Stores the fulfillments of some orders in one transaction; returns how many orders. */
async function importOrders(db: Db, shopDomain: string, admin: AdminGraphqlClient, orders: GraphqlOrder[], now: Date): Promise<number> {
  // Admin API calls first: none may run inside the database transaction.
  const counts = await lineItemCounts(admin, orders);
  await inTransaction(
    db,
    async (tx) => {
      const context = new HandlerContext();
      for (const order of orders) {
        for (const fulfillment of order.fulfillments ?? []) {
          const snapshot = snapshotFromOrder(order, fulfillment, counts.get(fulfillment.id) ?? null);
          await recordFulfillment(tx, shopDomain, snapshot, now, context);
        }
      }
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  return orders.length;
}

/**
 * Imports the fulfillments of the shop's recent orders (queued with `queueBackfill`): pages of
 * 50 orders for small shops, a bulk operation (JSONL) above `bulkThreshold`. Resumable — the
 * cursor (page cursor or JSONL line) is saved after each stored batch, a bulk operation
 * already started is polled rather than started again — and idempotent: fulfillments go
 * through the same `recordFulfillment` as webhooks, so re-imported ones change nothing and
 * never overwrite newer webhook state. The Admin client waits on Shopify's cost-based limit.
 */
export async function runBackfill(options: BackfillRunOptions): Promise<BackfillProgress> {
  const { db, shopDomain, admin } = options;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let progress = await backfillProgress(db, shopDomain);
  if (!progress || !progress.since || !["queued", "running", "failed"].includes(progress.status)) {
    throw new Error(`No backfill queued for ${shopDomain}`);
  }
  const search = ordersSince(progress.since);
  try {
    await saveBackfillProgress(db, shopDomain, { status: "running", ...(progress.startedAt ? {} : { startedAt: now() }) });
    if (!progress.mode) {
      const total = await countOrders(admin, search);
      const mode = total > (options.bulkThreshold ?? 2_500) ? "bulk" : "pages";
      await saveBackfillProgress(db, shopDomain, { mode, total });
      progress = { ...progress, mode, total };
    }
    if (progress.mode === "pages") {
      let cursor = progress.cursor;
      for (let pages = 1; ; pages++) {
        const page = await ordersPage(admin, search, cursor, options.pageSize ?? 50);
        const imported = await importOrders(db, shopDomain, admin, page.orders, now());
        cursor = page.endCursor ?? cursor;
        await saveBackfillProgress(db, shopDomain, { cursor, importedDelta: imported });
        if (!page.hasNextPage) break;
        // Enough for this run: stays "running", the next run continues from the cursor.
        if (options.maxPages !== undefined && pages >= options.maxPages) return (await backfillProgress(db, shopDomain)) as BackfillProgress;
      }
    } else {
      let operationId = progress.operationId;
      if (!operationId) {
        operationId = await startBulkOrders(admin, search);
        await saveBackfillProgress(db, shopDomain, { operationId, cursor: null });
      }
      let completed: { url: string | null } | null = null;
      for (let poll = 0; poll < (options.maxBulkPolls ?? 720); poll++) {
        const operation = await bulkOperation(admin, operationId);
        if (!operation) throw new Error(`Shopify no longer knows bulk operation ${operationId}`);
        if (operation.status === "COMPLETED") {
          completed = { url: operation.url };
          break;
        }
        if (["FAILED", "CANCELED", "CANCELING", "EXPIRED"].includes(operation.status)) {
          // Start a fresh operation next time rather than polling a dead one.
          await saveBackfillProgress(db, shopDomain, { operationId: null, cursor: null });
          throw new Error(`Bulk operation ${operationId} ended ${operation.status}${operation.errorCode ? ` (${operation.errorCode})` : ""}`);
        }
        await sleep(options.bulkPollMs ?? 5_000);
      }
      // Still running on Shopify's side: stay "running"; the next run polls the same operation.
      if (!completed) return (await backfillProgress(db, shopDomain)) as BackfillProgress;
      // A completed operation without a url found no orders.
      if (completed.url) {
        const url = completed.url;
        const resumeAfter = progress.cursor === null ? -1 : Number(progress.cursor);
        let batch: GraphqlOrder[] = [];
        let lastLine = resumeAfter;
        const flush = async () => {
          if (batch.length === 0) return;
          const imported = await importOrders(db, shopDomain, admin, batch, now());
          await saveBackfillProgress(db, shopDomain, { cursor: String(lastLine), importedDelta: imported });
          batch = [];
        };
        for await (const line of bulkResultLines(options.fetch ?? ((input, init) => fetch(input, init)), url)) {
          if (line.index <= resumeAfter) continue;
          lastLine = line.index;
          const value = line.value as Partial<GraphqlOrder> & { __parentId?: string };
          // Only order lines: the query nests no connection, so Shopify writes no `__parentId`
          // child lines (were there one, it is skipped, never counted as an order).
          if (!value.__parentId && value.id?.startsWith("gid://shopify/Order/")) batch.push(value as GraphqlOrder);
          if (batch.length >= 100) await flush();
        }
        await flush();
      }
    }
    await importOpenReturns(db, shopDomain, admin, search, now, options.returnsPageSize);
    await finishBackfill(db, shopDomain, now());
  } catch (error) {
    await failBackfill(db, shopDomain, error instanceof Error ? error.message : String(error), now());
  }
  return (await backfillProgress(db, shopDomain)) as BackfillProgress;
}

/**
 * Open returns of the window, after the fulfillments (a return parcel is linked to its order's
 * outbound parcel): pages of orders with a return requested or in progress, each return kept and
 * its label tracked as the returns webhooks would. Idempotent: a failed run that is resumed reads
 * them again without storing anything twice.
 */
export async function importOpenReturns(db: Db, shopDomain: string, admin: AdminGraphqlClient, search: string, now: () => Date, pageSize = 10): Promise<{ kept: number; tracked: number }> {
  const counts = { kept: 0, tracked: 0 };
  let cursor: string | null = null;
  for (;;) {
    const page = await openReturnsPage(admin, search, cursor, pageSize);
    await inTransaction(db, async (tx) => {
      for (const order of page.orders) {
        for (const value of order.returns.nodes) {
          const outcome = await recordReturnFromAdmin(tx, shopDomain, order.id, value, now());
          if (outcome !== "skipped") counts[outcome] += 1;
        }
      }
    });
    if (!page.hasNextPage || !page.endCursor) return counts;
    cursor = page.endCursor;
  }
}

export interface PendingBackfillOptions extends Omit<BackfillRunOptions, "shopDomain" | "admin"> {
  adminFor: (shop: string) => Promise<AdminGraphqlClient>;
}

/**
 * For the worker loop: runs (or resumes) every queued backfill, one shop after another. Pass
 * `maxPages` / `maxBulkPolls` to keep each call short; unfinished imports continue next call.
 */
export async function runPendingBackfills(options: PendingBackfillOptions): Promise<BackfillProgress[]> {
  const results: BackfillProgress[] = [];
  for (const shopDomain of await shopsWithPendingBackfill(options.db, (options.now ?? (() => new Date()))())) {
    let admin: AdminGraphqlClient;
    try {
      admin = await options.adminFor(shopDomain);
    } catch (error) {
      await failBackfill(options.db, shopDomain, error instanceof Error ? error.message : String(error), (options.now ?? (() => new Date()))());
      continue;
    }
    results.push(await runBackfill({ ...options, shopDomain, admin }));
  }
  return results;
}

/** Queues the install-time backfill once: a shop that never had one gets the default window. */
export async function ensureInstallBackfill(db: Db, shopDomain: string, scopes: string | null, now: Date): Promise<BackfillProgress | null> {
  const progress = await backfillProgress(db, shopDomain);
  if (progress && progress.status !== "idle") return progress;
  return queueBackfill(db, shopDomain, backfillWindowStart(now, allowedBackfillDays(undefined, scopes)));
}
