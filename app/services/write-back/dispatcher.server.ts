import crypto from "node:crypto";
import type { Db, DbProvider } from "~/data/db.server";
import {
  claimDueWriteBacks,
  completeWriteBack,
  failWriteBack,
  renewWriteBackLease,
  retryWriteBack,
  skipWriteBack,
  writeBackContext,
  type ClaimedWriteBack,
} from "~/data/write-backs.server";
import { decideShopifyWrite, type ShopifyFulfillmentEventStatus } from "~/domain/shopify-status";
import type { CanonicalStatus, SubStatus } from "~/domain/status";
import { AdminApiError, type AdminGraphqlClient } from "~/shopify/graphql/admin-client";
import { createFulfillmentEvent, recentFulfillmentEvents } from "~/shopify/graphql/fulfillment-events";
import { fulfillmentStatus } from "./fulfillment-status";

export interface WriteBackDispatcherOptions {
  db: Db;
  provider: DbProvider;
  /** The shop's Admin client (production: `adminClientFactory()`; tests inject a fake transport). */
  adminFor: (shop: string) => Promise<AdminGraphqlClient>;
  now?: () => Date;
  limit?: number;
  /** Identifies this dispatcher's leases (one per worker process). */
  owner?: string;
  leaseMs?: number;
  /** Attempts before a passing error (throttling, 5xx) becomes a recorded failure. */
  maxAttempts?: number;
  shopDomain?: string;
}

export interface DispatchReport {
  claimed: number;
  sent: number;
  skipped: number;
  retried: number;
  failed: number;
  /** Rows whose lease expired while we worked (another dispatcher owns them now). */
  lostLease: number;
}

const MINUTE = 60_000;

/** 1, 2, 4 … minutes, capped at an hour; Shopify's own Retry-After / bucket refill wins when longer. */
export function retryDelayMs(attempts: number, retryAfterMs = 0): number {
  return Math.max(retryAfterMs, Math.min(MINUTE * 2 ** Math.max(attempts - 1, 0), 60 * MINUTE));
}

type Settlement =
  | { kind: "sent"; eventId: string }
  | { kind: "skipped"; reason: string }
  | { kind: "retry"; error: string; retryAfterMs: number }
  | { kind: "failed"; error: string }
  | { kind: "lost" };

/**
 * Sends due write-back outbox rows to Shopify as fulfillment events (`fulfillmentEventCreate`).
 * Exactly once per row: a row is leased to one dispatcher, settled only by its lease holder,
 * and a retried row first asks Shopify whether an earlier attempt already landed (a lost
 * response must not become a second event). Never moves Shopify backwards, describes the whole
 * fulfillment (see fulfillment-status.ts), respects each shop's write-back switch.
 */
export async function runWriteBackDispatcher(options: WriteBackDispatcherOptions): Promise<DispatchReport> {
  const now = options.now ?? (() => new Date());
  const owner = options.owner ?? `write-back:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  const maxAttempts = options.maxAttempts ?? 8;
  const leaseMs = options.leaseMs ?? 2 * MINUTE;
  const rows = await claimDueWriteBacks(options.db, options.provider, {
    owner,
    now: now(),
    leaseMs,
    limit: options.limit ?? 50,
    ...(options.shopDomain ? { shopDomain: options.shopDomain } : {}),
  });
  const report: DispatchReport = { claimed: rows.length, sent: 0, skipped: 0, retried: 0, failed: 0, lostLease: 0 };
  const clients = new Map<string, Promise<AdminGraphqlClient>>();
  const clientFor = (shop: string) => {
    let client = clients.get(shop);
    if (!client) {
      client = options.adminFor(shop);
      clients.set(shop, client);
    }
    return client;
  };

  // Rows come oldest first; one fulfillment's rows are settled in that order.
  for (const row of rows) {
    let settlement: Settlement;
    try {
      settlement = await settle(options.db, row, clientFor, () => renewWriteBackLease(options.db, row.id, owner, now(), leaseMs));
    } catch (error) {
      settlement = classify(error);
      if (!(error instanceof AdminApiError)) console.error(`write-back ${row.id} failed unexpectedly:`, error);
    }
    if (settlement.kind === "retry" && row.attempts >= maxAttempts) {
      settlement = { kind: "failed", error: `gave up after ${row.attempts} attempts: ${settlement.error}` };
    }
    let kept: boolean;
    switch (settlement.kind) {
      case "lost":
        kept = false;
        break;
      case "sent":
        kept = await completeWriteBack(options.db, row, owner, settlement.eventId, now());
        if (kept) report.sent += 1;
        break;
      case "skipped":
        kept = await skipWriteBack(options.db, row.id, owner, settlement.reason);
        if (kept) report.skipped += 1;
        break;
      case "retry":
        kept = await retryWriteBack(
          options.db,
          row.id,
          owner,
          settlement.error,
          new Date(now().getTime() + retryDelayMs(row.attempts, settlement.retryAfterMs)),
        );
        if (kept) report.retried += 1;
        break;
      case "failed":
        kept = await failWriteBack(options.db, row.id, owner, settlement.error);
        if (kept) report.failed += 1;
        break;
    }
    if (!kept) report.lostLease += 1;
  }
  return report;
}

function classify(error: unknown): Settlement {
  if (error instanceof AdminApiError) {
    return error.retryable
      ? { kind: "retry", error: error.message, retryAfterMs: error.options.retryAfterMs ?? 0 }
      : { kind: "failed", error: error.message };
  }
  return { kind: "retry", error: error instanceof Error ? error.message : String(error), retryAfterMs: 0 };
}

/** Shopify keeps `happenedAt` to the second: an event matches a row when both name the same second. */
const sameSecond = (a: Date, b: Date) => Math.floor(a.getTime() / 1000) === Math.floor(b.getTime() / 1000);

async function settle(
  db: Db,
  row: ClaimedWriteBack,
  clientFor: (shop: string) => Promise<AdminGraphqlClient>,
  renewLease: () => Promise<boolean>,
): Promise<Settlement> {
  const { shop, shipments } = await writeBackContext(db, row.shopDomain, row.fulfillmentId);
  if (!shop || shop.uninstalledAt) return { kind: "skipped", reason: "the shop uninstalled Trackline" };
  if (!shop.writeBackEnabled) return { kind: "skipped", reason: "write-back to Shopify is turned off for this shop" };

  const tracked = shipments.filter((shipment) => shipment.trackingStoppedAt === null);
  if (!tracked.some((shipment) => shipment.id === row.shipmentId)) {
    return { kind: "skipped", reason: "the shipment is no longer tracked (removed, cancelled or redacted)" };
  }
  const whole = fulfillmentStatus(
    tracked.map((shipment) => ({ shipmentId: shipment.id, status: shipment.status as CanonicalStatus, subStatus: shipment.subStatus as SubStatus | null })),
  );
  if (!whole || whole.shopifyStatus !== row.shopifyStatus) {
    return {
      kind: "skipped",
      reason: `superseded: the fulfillment as a whole is ${whole?.shopifyStatus ?? "not writable"}, not ${row.shopifyStatus}`,
    };
  }
  const lastWritten = shipments
    .filter((shipment) => shipment.shopifyStatus && shipment.shopifyStatusAt)
    .sort((a, b) => (b.shopifyStatusAt?.getTime() ?? 0) - (a.shopifyStatusAt?.getTime() ?? 0))[0]?.shopifyStatus as
    | ShopifyFulfillmentEventStatus
    | undefined;
  const decision = decideShopifyWrite(lastWritten ?? null, whole.status, whole.subStatus);
  if (!decision.write) return { kind: "skipped", reason: decision.reason };

  const client = await clientFor(row.shopDomain);
  // Rows of one claim are sent one after another: a row whose lease ran out while earlier ones
  // were sent may be in another dispatcher's hands by now, so it is only sent under a live lease.
  if (!(await renewLease())) return { kind: "lost" };
  if (row.attempts > 1) {
    // An earlier attempt may have reached Shopify with its answer lost: look before sending again.
    const existing = await recentFulfillmentEvents(client, row.fulfillmentId);
    if (existing === null) return { kind: "failed", error: `Shopify has no fulfillment ${row.fulfillmentId}` };
    const landed = existing.find(
      (event) => event.status === row.shopifyStatus && sameSecond(new Date(event.happenedAt), row.happenedAt),
    );
    if (landed) return { kind: "sent", eventId: landed.id };
  }
  const result = await createFulfillmentEvent(client, {
    fulfillmentId: row.fulfillmentId,
    status: row.shopifyStatus,
    happenedAt: row.happenedAt.toISOString(),
    estimatedDeliveryAt: row.estimatedDeliveryAt?.toISOString() ?? null,
    message: row.message,
    city: row.city,
    province: row.province,
    country: row.country,
    zip: row.zip,
  });
  if (result.ok) return { kind: "sent", eventId: result.eventId };
  return { kind: "failed", error: `Shopify refused the event: ${result.userErrors.map((error) => error.message).join("; ")}` };
}
