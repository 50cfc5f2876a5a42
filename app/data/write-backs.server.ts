import type { ShopifyFulfillmentEventStatus } from "~/domain/shopify-status";
import type { CanonicalStatus, EventLocation } from "~/domain/status";
import type { Db, DbProvider } from "./db.server";

/** A transaction client or the root client: enqueueing happens inside the sync's transaction. */
type DbOrTx = Pick<Db, "writeBack">;

export interface WriteBackRequest {
  shopDomain: string;
  shipmentId: string;
  fulfillmentId: string;
  /** The canonical status transition, and what Shopify should be told. */
  status: CanonicalStatus;
  shopifyStatus: ShopifyFulfillmentEventStatus;
  happenedAt: Date;
  estimatedDeliveryAt?: Date | null;
  message?: string | null;
  location?: EventLocation | null;
}

/** A write-back request as its outbox row's columns (shared with the sync's batched insert). */
export function writeBackRow(request: WriteBackRequest) {
  return {
    shopDomain: request.shopDomain,
    shipmentId: request.shipmentId,
    fulfillmentId: request.fulfillmentId,
    status: request.status,
    shopifyStatus: request.shopifyStatus,
    happenedAt: request.happenedAt,
    estimatedDeliveryAt: request.estimatedDeliveryAt ?? null,
    message: request.message ?? null,
    city: request.location?.city ?? null,
    province: request.location?.province ?? null,
    country: request.location?.country ?? null,
    zip: request.location?.postalCode ?? null,
  };
}

/**
 * Puts a status transition in the write-back outbox. Idempotent: the (shipment, status,
 * happenedAt) identity is unique, so a transition enqueued twice (retries, two workers) stays
 * one row and is written to Shopify once. Returns whether a new row was created.
 */
export async function enqueueWriteBack(db: DbOrTx, request: WriteBackRequest): Promise<boolean> {
  const identity = {
    shipmentId_status_happenedAt: {
      shipmentId: request.shipmentId,
      status: request.status,
      happenedAt: request.happenedAt,
    },
  };
  const existing = await db.writeBack.findUnique({ where: identity, select: { id: true } });
  if (existing) return false;
  await db.writeBack.upsert({
    where: identity,
    update: {},
    create: writeBackRow(request),
  });
  return true;
}

/** A leased outbox row, as the dispatcher sends it. */
export interface ClaimedWriteBack {
  id: string;
  shopDomain: string;
  shipmentId: string;
  fulfillmentId: string;
  status: CanonicalStatus;
  shopifyStatus: ShopifyFulfillmentEventStatus;
  happenedAt: Date;
  estimatedDeliveryAt: Date | null;
  message: string | null;
  city: string | null;
  province: string | null;
  country: string | null;
  zip: string | null;
  /** Including this one: above 1, an earlier attempt may have reached Shopify. */
  attempts: number;
}

export interface WriteBackClaimOptions {
  owner: string;
  now: Date;
  leaseMs: number;
  limit: number;
  shopDomain?: string;
}

/**
 * Leases due outbox rows to one dispatcher: pending rows whose time has come, and rows whose
 * sender crashed (lease expired). Rows of a fulfillment that another dispatcher is sending are
 * left alone, so one fulfillment's writes go out one at a time and in order. Postgres:
 * `FOR UPDATE SKIP LOCKED`, concurrent dispatchers take disjoint rows without waiting. SQLite:
 * a conditional UPDATE per row (compare-and-set), so a lease is never granted twice.
 */
export async function claimDueWriteBacks(db: Db, provider: DbProvider, options: WriteBackClaimOptions): Promise<ClaimedWriteBack[]> {
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs);
  const due = {
    OR: [
      { state: "pending", nextAttemptAt: { lte: options.now } },
      { state: "sending", leaseUntil: { lt: options.now } },
    ],
  };
  let ids: string[];
  if (provider === "postgres") {
    const shopFilter = options.shopDomain ?? null;
    const rows = await db.$queryRaw<{ id: string }[]>`
      UPDATE "WriteBack"
      SET "state" = 'sending', "leaseUntil" = ${leaseUntil}, "leaseOwner" = ${options.owner},
          "attempts" = "attempts" + 1, "updatedAt" = ${options.now}
      WHERE "id" IN (
        SELECT w."id" FROM "WriteBack" w
        WHERE ((w."state" = 'pending' AND w."nextAttemptAt" <= ${options.now})
            OR (w."state" = 'sending' AND w."leaseUntil" < ${options.now}))
          AND (${shopFilter}::text IS NULL OR w."shopDomain" = ${shopFilter})
          AND NOT EXISTS (
            SELECT 1 FROM "WriteBack" o
            WHERE o."fulfillmentId" = w."fulfillmentId" AND o."id" <> w."id"
              AND o."state" = 'sending' AND o."leaseUntil" >= ${options.now})
        ORDER BY w."happenedAt", w."createdAt"
        LIMIT ${options.limit}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING "id"`;
    ids = rows.map((row) => row.id);
  } else {
    const inFlight = await db.writeBack.findMany({
      where: { state: "sending", leaseUntil: { gte: options.now } },
      select: { fulfillmentId: true },
      distinct: ["fulfillmentId"],
    });
    const candidates = await db.writeBack.findMany({
      where: {
        ...due,
        ...(options.shopDomain ? { shopDomain: options.shopDomain } : {}),
        fulfillmentId: { notIn: inFlight.map((row) => row.fulfillmentId) },
      },
      orderBy: [{ happenedAt: "asc" }, { createdAt: "asc" }],
      take: options.limit,
      select: { id: true },
    });
    ids = [];
    for (const candidate of candidates) {
      const taken = await db.writeBack.updateMany({
        where: { id: candidate.id, ...due },
        data: { state: "sending", leaseUntil, leaseOwner: options.owner, attempts: { increment: 1 } },
      });
      if (taken.count === 1) ids.push(candidate.id);
    }
  }
  if (ids.length === 0) return [];
  const rows = await db.writeBack.findMany({
    where: { id: { in: ids }, leaseOwner: options.owner },
    orderBy: [{ happenedAt: "asc" }, { createdAt: "asc" }],
  });
  return rows.map((row) => ({
    id: row.id,
    shopDomain: row.shopDomain,
    shipmentId: row.shipmentId,
    fulfillmentId: row.fulfillmentId,
    status: row.status as CanonicalStatus,
    shopifyStatus: row.shopifyStatus as ShopifyFulfillmentEventStatus,
    happenedAt: row.happenedAt,
    estimatedDeliveryAt: row.estimatedDeliveryAt,
    message: row.message,
    city: row.city,
    province: row.province,
    country: row.country,
    zip: row.zip,
    attempts: row.attempts,
  }));
}

const held = (id: string, owner: string) => ({ id, leaseOwner: owner, state: "sending" });
const released = { leaseUntil: null, leaseOwner: null };

/**
 * Extends a lease its holder still has, right before a send, so the lease outlasts the call
 * (each Admin API attempt is bounded by the client's timeout). False when the lease expired
 * meanwhile: another dispatcher may be sending the row, so this one must not.
 */
export async function renewWriteBackLease(db: Db, id: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
  const renewed = await db.writeBack.updateMany({
    where: { ...held(id, owner), leaseUntil: { gte: now } },
    data: { leaseUntil: new Date(now.getTime() + leaseMs) },
  });
  return renewed.count === 1;
}

/**
 * Shopify has the event: the row is done and the fulfillment's shipments remember what Shopify
 * now shows (the "never backwards" check reads it). False when the lease was lost meanwhile.
 */
export async function completeWriteBack(
  db: Db,
  row: Pick<ClaimedWriteBack, "id" | "shopDomain" | "fulfillmentId" | "shopifyStatus">,
  owner: string,
  shopifyEventId: string,
  now: Date,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const done = await tx.writeBack.updateMany({
      where: held(row.id, owner),
      data: { state: "done", shopifyEventId, lastError: null, sentAt: now, ...released },
    });
    if (done.count === 0) return false;
    await tx.shipment.updateMany({
      where: { shopDomain: row.shopDomain, fulfillmentId: row.fulfillmentId },
      data: { shopifyStatus: row.shopifyStatus, shopifyStatusAt: now },
    });
    return true;
  });
}

/** Nothing to send (write-back off, superseded, would move Shopify backwards): recorded with why. */
export async function skipWriteBack(db: Db, id: string, owner: string, reason: string): Promise<boolean> {
  const skipped = await db.writeBack.updateMany({ where: held(id, owner), data: { state: "skipped", lastError: reason, ...released } });
  return skipped.count === 1;
}

/** A permanent error (Shopify refused the event): recorded and shown, never retried by itself. */
export async function failWriteBack(db: Db, id: string, owner: string, error: string): Promise<boolean> {
  const failed = await db.writeBack.updateMany({ where: held(id, owner), data: { state: "failed", lastError: error.slice(0, 2000), ...released } });
  return failed.count === 1;
}

/** A passing error (throttled, 5xx, network): pending again at `nextAttemptAt`. */
export async function retryWriteBack(db: Db, id: string, owner: string, error: string, nextAttemptAt: Date): Promise<boolean> {
  const retried = await db.writeBack.updateMany({
    where: held(id, owner),
    data: { state: "pending", nextAttemptAt, lastError: error.slice(0, 2000), ...released },
  });
  return retried.count === 1;
}

/** Ops: send a failed or skipped row again (after fixing the cause). */
export async function requeueWriteBack(db: Db, id: string, now: Date): Promise<boolean> {
  const requeued = await db.writeBack.updateMany({
    where: { id, state: { in: ["failed", "skipped"] } },
    data: { state: "pending", nextAttemptAt: now, attempts: 0, lastError: null, ...released },
  });
  return requeued.count === 1;
}

/** What the dispatcher needs to know about a fulfillment's parcels and the shop. */
export async function writeBackContext(db: Db, shopDomain: string, fulfillmentId: string) {
  const [shop, shipments] = await Promise.all([
    db.shop.findUnique({ where: { domain: shopDomain }, select: { writeBackEnabled: true, uninstalledAt: true } }),
    db.shipment.findMany({
      where: { shopDomain, fulfillmentId },
      select: { id: true, status: true, subStatus: true, trackingStoppedAt: true, shopifyStatus: true, shopifyStatusAt: true },
    }),
  ]);
  return { shop, shipments };
}

export interface WriteBackRow {
  id: string;
  shipmentId: string;
  fulfillmentId: string;
  status: string;
  shopifyStatus: string;
  happenedAt: Date;
  state: string;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  shopifyEventId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Outbox rows for ops and support (a shipment's write-back history, failures to look at). */
export async function listWriteBacks(
  db: Db,
  filter: { shopDomain?: string; shipmentIds?: string[]; states?: string[]; limit?: number },
): Promise<(WriteBackRow & { shopDomain: string })[]> {
  return db.writeBack.findMany({
    where: {
      ...(filter.shopDomain ? { shopDomain: filter.shopDomain } : {}),
      ...(filter.shipmentIds ? { shipmentId: { in: filter.shipmentIds } } : {}),
      ...(filter.states ? { state: { in: filter.states } } : {}),
    },
    orderBy: [{ happenedAt: "asc" }, { createdAt: "asc" }],
    take: Math.min(Math.max(filter.limit ?? 100, 1), 5000),
    select: {
      id: true,
      shopDomain: true,
      shipmentId: true,
      fulfillmentId: true,
      status: true,
      shopifyStatus: true,
      happenedAt: true,
      state: true,
      attempts: true,
      nextAttemptAt: true,
      lastError: true,
      shopifyEventId: true,
      createdAt: true,
      updatedAt: true,
    },
  });
}

/**
 * Batch form of `enqueueWriteBack` for the sync engine: one read of the identities already
 * queued, one insert of the rest. Runs inside the sync transaction on leased shipments, so no
 * other writer can add the same transition in between (and the unique index still guards it).
 */
export async function enqueueWriteBacks(db: DbOrTx, requests: readonly WriteBackRequest[], now?: Date): Promise<number> {
  if (requests.length === 0) return 0;
  const identity = (shipmentId: string, status: string, happenedAt: Date) => `${shipmentId}|${status}|${happenedAt.getTime()}`;
  const shipmentIds = [...new Set(requests.map((request) => request.shipmentId))];
  const existing = [];
  // In parts: Prisma caps bound parameters per statement (999 on SQLite).
  for (let index = 0; index < shipmentIds.length; index += 500) {
    existing.push(
      ...(await db.writeBack.findMany({
        where: { shipmentId: { in: shipmentIds.slice(index, index + 500) } },
        select: { shipmentId: true, status: true, happenedAt: true },
      })),
    );
  }
  const seen = new Set(existing.map((row) => identity(row.shipmentId, row.status, row.happenedAt)));
  const fresh = requests.filter((request) => {
    const key = identity(request.shipmentId, request.status, request.happenedAt);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (fresh.length === 0) return 0;
  await db.writeBack.createMany({
    // Queued (and due) at the sync's own clock when given, like the events stored with it.
    data: fresh.map((request) => (now ? { ...writeBackRow(request), createdAt: now, nextAttemptAt: now } : writeBackRow(request))),
  });
  return fresh.length;
}
