import crypto from "node:crypto";
import { Prisma } from "./generated/sqlite/client";
import { dateOf } from "./raw-reads.server";
import { executeStatement, queryRows } from "./transaction-sql.server";
import type { Db } from "./db.server";

/** The root client or an interactive transaction's client: ingestion runs inside the webhook's transaction. */
export type DbClient = Db | Prisma.TransactionClient;

/** Statuses that describe where the parcel ended up: cancelling the order afterwards does not rewrite them. */
const SETTLED_STATUSES = ["delivered", "returned"];

export type TrackingIssue = "invalid_number" | "carrier_mismatch" | "unrecognized_format" | "unsafe_tracking_url";

/** One tracking number of a fulfillment, as ingestion resolved it. */
export interface IncomingShipment {
  trackingNumber: string;
  trackingUrl: string | null;
  declaredCarrier: string | null;
  carrier: string | null;
  /** `invalid` numbers are kept (so the merchant sees them) but never sent to a carrier. */
  initialStatus: "pending" | "invalid";
  trackingIssue: TrackingIssue | null;
  trackingIssueDetail: string | null;
}

/** A fulfillment as Shopify last described it (webhook or backfill), ready to store. */
export interface FulfillmentRecord {
  shopDomain: string;
  fulfillmentId: string;
  orderId: string;
  orderName: string;
  orderCreatedAt: Date | null;
  fulfillmentCreatedAt: Date | null;
  /** Shopify's `updated_at`: an older record than the stored one is ignored. */
  updatedAt: Date;
  cancelled: boolean;
  destinationCountry: string | null;
  originCountry: string | null;
  originRegion?: string | null;
  destinationRegion?: string | null;
  destinationPostalPrefix?: string | null;
  lineItemCount: number | null;
  /** Name, quantity and (when known) image of each line item; null/absent keeps what is stored. */
  lineItems?: { name: string; quantity: number; imageUrl?: string | null }[] | null;
  customerEmailHash: string | null;
  customerPhoneHash: string | null;
  shipments: IncomingShipment[];
}

export interface SaveFulfillmentResult {
  outcome: "applied" | "stale";
  created: number;
  updated: number;
  /** Numbers removed from the fulfillment (or all of them, when it was cancelled). */
  stopped: number;
  shipmentIds: string[];
}

export interface StoredFulfillmentShipment {
  id: string;
  orderCreatedAt?: Date | null;
  fulfillmentId: string;
  trackingNumber: string;
  status: string;
  trackingStoppedAt: Date | null;
  stopReason: string | null;
  carrier: string | null;
  sourceUpdatedAt: Date | null;
}

/** The stored rows of several fulfillments in one query (a batch of webhook deliveries). */
export async function storedFulfillmentShipments(
  client: DbClient,
  shopDomain: string,
  fulfillmentIds: string[],
): Promise<Map<string, StoredFulfillmentShipment[]>> {
  const byFulfillment = new Map<string, StoredFulfillmentShipment[]>(fulfillmentIds.map((id) => [id, []]));
  if (fulfillmentIds.length === 0) return byFulfillment;
  // Plain SQL: read once per webhook batch, on the ingestion hot path.
  const rows = await queryRows(client, Prisma.sql`SELECT "id", "fulfillmentId", "trackingNumber", "status", "trackingStoppedAt", "stopReason", "carrier", "sourceUpdatedAt", "orderCreatedAt" FROM "Shipment" WHERE "shopDomain" = ${shopDomain} AND "fulfillmentId" IN (${Prisma.join(fulfillmentIds)})`);
  for (const row of rows) {
    byFulfillment.get(String(row.fulfillmentId))?.push({
      id: String(row.id),
      fulfillmentId: String(row.fulfillmentId),
      trackingNumber: String(row.trackingNumber),
      status: String(row.status),
      trackingStoppedAt: dateOf(row.trackingStoppedAt),
      stopReason: row.stopReason === null ? null : String(row.stopReason),
      carrier: row.carrier === null ? null : String(row.carrier),
      sourceUpdatedAt: dateOf(row.sourceUpdatedAt),
      orderCreatedAt: dateOf(row.orderCreatedAt),
    });
  }
  return byFulfillment;
}

/** Shopify can deliver a fulfillment before anything else told us about the shop: make sure its row exists. */
export async function ensureShop(client: DbClient, shopDomain: string): Promise<void> {
  // One statement (an upsert is three on SQLite); the same SQL on both providers.
  // Timestamps are bound like Prisma binds them (the columns' SQL defaults would store another text format on SQLite).
  const now = new Date();
  await executeStatement(client, Prisma.sql`INSERT INTO "Shop" ("domain", "installedAt", "createdAt", "updatedAt") VALUES (${shopDomain}, ${now}, ${now}, ${now}) ON CONFLICT ("domain") DO NOTHING`);
}

/**
 * Stores a fulfillment: one Shipment per tracking number (the shop row must exist, see ensureShop). Idempotent (same record twice = same
 * rows), safe out of order (an `update` before its `create` creates the rows; the late `create`
 * is then older and ignored), and never loses history: a number removed by an update stops
 * being tracked but keeps its events; a number that comes back is tracked again.
 */
export async function saveFulfillment(
  client: DbClient,
  record: FulfillmentRecord,
  now: Date,
  /** The fulfillment's current rows when the caller already read them (see storedFulfillmentShipments). */
  known?: StoredFulfillmentShipment[],
  /** Whether the order is cancelled, when the caller already knows (see cancelledOrderIds). */
  knownOrderCancelled?: boolean,
): Promise<SaveFulfillmentResult> {
  // An order cancellation is final, whichever webhook arrives first: a fulfillment of a
  // cancelled order is stored stopped, exactly as if it had arrived before the cancellation.
  const orderCancelled = knownOrderCancelled ?? (await cancelledOrderIds(client, record.shopDomain, [record.orderId])).has(record.orderId);
  const cancelled = record.cancelled || orderCancelled;
  const cancelReason = record.cancelled ? "fulfillment_cancelled" : "order_cancelled";
  const existing = known ?? (await storedFulfillmentShipments(client, record.shopDomain, [record.fulfillmentId])).get(record.fulfillmentId) ?? [];
  const newest = existing.reduce<number>((max, row) => Math.max(max, row.sourceUpdatedAt?.getTime() ?? 0), 0);
  if (newest > record.updatedAt.getTime()) {
    return { outcome: "stale", created: 0, updated: 0, stopped: 0, shipmentIds: existing.map((row) => row.id) };
  }

  // Webhook payloads do not carry the order's creation time: never erase one a backfill stored,
  // and give a new parcel the time its order's other parcels already know, or else the one
  // orders/create recorded (see recordOrderPlaced).
  let orderCreatedAt = record.orderCreatedAt ?? existing.find((row) => row.orderCreatedAt)?.orderCreatedAt ?? null;
  if (!orderCreatedAt && record.shipments.some((incoming) => !existing.some((row) => row.trackingNumber === incoming.trackingNumber))) {
    // Plain SQL on the ingestion hot path: Prisma's query compiler costs more than the lookup.
    // Both sources hold the same instant, so whichever answers first will do.
    const [known] = await queryRows(
      client,
      Prisma.sql`SELECT "orderCreatedAt" FROM "Shipment" WHERE "shopDomain" = ${record.shopDomain} AND "orderId" = ${record.orderId} AND "orderCreatedAt" IS NOT NULL
        UNION ALL SELECT "orderCreatedAt" FROM "OrderPlaced" WHERE "shopDomain" = ${record.shopDomain} AND "orderId" = ${record.orderId} LIMIT 1`,
    );
    orderCreatedAt = known ? dateOf(known.orderCreatedAt) : null;
  }
  const common = {
    orderId: record.orderId,
    orderName: record.orderName,
    ...(orderCreatedAt ? { orderCreatedAt } : {}),
    fulfillmentCreatedAt: record.fulfillmentCreatedAt,
    sourceUpdatedAt: record.updatedAt,
    destinationCountry: record.destinationCountry,
    lineItemCount: record.lineItemCount,
    ...(record.lineItems ? { lineItemsJson: JSON.stringify(record.lineItems) } : {}),
    ...(record.originCountry ? { originCountry: record.originCountry } : {}),
    ...(record.originRegion ? { originRegion: record.originRegion } : {}),
    ...(record.destinationRegion ? { destinationRegion: record.destinationRegion } : {}),
    ...(record.destinationPostalPrefix ? { destinationPostalPrefix: record.destinationPostalPrefix } : {}),
    ...(record.customerEmailHash ? { customerEmailHash: record.customerEmailHash } : {}),
    ...(record.customerPhoneHash ? { customerPhoneHash: record.customerPhoneHash } : {}),
  };
  const stoppedNow = { trackingStoppedAt: now, nextCheckAt: null, leaseUntil: null, leaseOwner: null };
  const byNumber = new Map(existing.map((row) => [row.trackingNumber, row]));
  const result: SaveFulfillmentResult = { outcome: "applied", created: 0, updated: 0, stopped: 0, shipmentIds: [] };

  for (const incoming of record.shipments) {
    const row = byNumber.get(incoming.trackingNumber);
    const tracking = {
      trackingUrl: incoming.trackingUrl,
      declaredCarrier: incoming.declaredCarrier,
      carrier: incoming.carrier,
      trackingIssue: incoming.trackingIssue,
      trackingIssueDetail: incoming.trackingIssueDetail,
    };
    if (!row) {
      const id = await insertShipment(client, {
        shopDomain: record.shopDomain,
        fulfillmentId: record.fulfillmentId,
        trackingNumber: incoming.trackingNumber,
        orderId: record.orderId,
        orderName: record.orderName,
        orderCreatedAt,
        fulfillmentCreatedAt: record.fulfillmentCreatedAt,
        sourceUpdatedAt: record.updatedAt,
        destinationCountry: record.destinationCountry,
        lineItemCount: record.lineItemCount,
        lineItemsJson: record.lineItems ? JSON.stringify(record.lineItems) : null,
        originCountry: record.originCountry || null,
        originRegion: record.originRegion || null,
        destinationRegion: record.destinationRegion || null,
        destinationPostalPrefix: record.destinationPostalPrefix || null,
        customerEmailHash: record.customerEmailHash || null,
        customerPhoneHash: record.customerPhoneHash || null,
        ...tracking,
        status: cancelled ? "cancelled" : incoming.initialStatus,
        nextCheckAt: cancelled || incoming.initialStatus === "invalid" ? null : now,
        trackingStoppedAt: cancelled ? now : null,
        stopReason: cancelled ? cancelReason : null,
        createdAt: record.fulfillmentCreatedAt ?? now,
        updatedAt: now,
      });
      result.created += 1;
      result.shipmentIds.push(id);
      continue;
    }

    const wasStopped = row.trackingStoppedAt !== null;
    const becameInvalid = incoming.initialStatus === "invalid";
    const carrierChanged = row.carrier !== incoming.carrier;
    // Back to pending when the number (re)becomes trackable: a removed number added again, a
    // fixed carrier mapping, a number that was invalid under the old carrier.
    const restart = !cancelled && !becameInvalid && (wasStopped || carrierChanged || row.status === "invalid");
    await updateShipment(client, row.id, {
      ...common,
      ...tracking,
      ...(cancelled
        ? {
            ...(wasStopped ? {} : stoppedNow),
            stopReason: cancelReason,
            ...(SETTLED_STATUSES.includes(row.status) ? {} : { status: "cancelled" }),
          }
        : becameInvalid
          ? { status: "invalid", nextCheckAt: null, trackingStoppedAt: null, stopReason: null }
          : restart
            ? {
                trackingStoppedAt: null,
                stopReason: null,
                nextCheckAt: now,
                ...(row.status === "invalid" || row.status === "cancelled" || carrierChanged ? { status: "pending", subStatus: null } : {}),
              }
            : {}),
    });
    result.updated += 1;
    result.shipmentIds.push(row.id);
  }

  const kept = new Set(record.shipments.map((shipment) => shipment.trackingNumber));
  const removed = existing.filter((row) => !kept.has(row.trackingNumber));
  for (const row of removed) {
    const stopping = row.trackingStoppedAt === null;
    await updateShipment(client, row.id, {
      sourceUpdatedAt: record.updatedAt,
      ...(stopping ? { ...stoppedNow, stopReason: cancelled ? cancelReason : "removed_from_fulfillment" } : {}),
      ...(cancelled && !SETTLED_STATUSES.includes(row.status) ? { status: "cancelled" } : {}),
    });
    if (stopping) result.stopped += 1;
  }
  if (cancelled) result.stopped += record.shipments.length;
  return result;
}

/** The Shipment columns a fulfillment delivery changes on a stored parcel (see updateShipment). */
const UPDATABLE_SHIPMENT_COLUMNS = new Set([
  "orderId", "orderName", "orderCreatedAt", "fulfillmentCreatedAt", "sourceUpdatedAt", "destinationCountry", "lineItemCount", "lineItemsJson",
  "originCountry", "originRegion", "destinationRegion", "destinationPostalPrefix", "customerEmailHash", "customerPhoneHash",
  "trackingUrl", "declaredCarrier", "carrier", "trackingIssue", "trackingIssueDetail",
  "status", "subStatus", "nextCheckAt", "trackingStoppedAt", "stopReason", "leaseUntil", "leaseOwner",
]);

/**
 * One stored parcel's columns, as one plain UPDATE: the webhook path's statement instead of
 * Prisma's update, whose query compiler costs more than the statement. As with Prisma's update,
 * undefined values are left out and `updatedAt` is set to the time of the statement. The same
 * SQL runs on both providers; the dashboard's day summaries follow Shipment through its triggers.
 */
export async function updateShipment(client: DbClient, id: string, data: Record<string, string | number | Date | null | undefined>): Promise<void> {
  const assignments: Prisma.Sql[] = [];
  for (const [column, value] of Object.entries(data)) {
    if (value === undefined) continue;
    if (!UPDATABLE_SHIPMENT_COLUMNS.has(column)) throw new Error(`Shipment.${column} is not a column a delivery updates`);
    assignments.push(Prisma.sql`${Prisma.raw(`"${column}"`)} = ${value}`);
  }
  assignments.push(Prisma.sql`"updatedAt" = ${new Date()}`);
  await executeStatement(client, Prisma.sql`UPDATE "Shipment" SET ${Prisma.join(assignments)} WHERE "id" = ${id}`);
}

interface NewShipmentRow {
  shopDomain: string;
  fulfillmentId: string;
  trackingNumber: string;
  orderId: string;
  orderName: string;
  orderCreatedAt: Date | null;
  fulfillmentCreatedAt: Date | null;
  sourceUpdatedAt: Date;
  destinationCountry: string | null;
  lineItemCount: number | null;
  lineItemsJson: string | null;
  originCountry: string | null;
  originRegion: string | null;
  destinationRegion: string | null;
  destinationPostalPrefix: string | null;
  customerEmailHash: string | null;
  customerPhoneHash: string | null;
  trackingUrl: string | null;
  declaredCarrier: string | null;
  carrier: string | null;
  trackingIssue: string | null;
  trackingIssueDetail: string | null;
  status: string;
  nextCheckAt: Date | null;
  trackingStoppedAt: Date | null;
  stopReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * One new parcel, as one plain INSERT: the ingestion hot path, where Prisma's create (query
 * compilation, defaults, result mapping) cost about five times the statement. Columns not named
 * take their schema defaults, as with Prisma; ids are random UUIDs, like the sync's event rows.
 * The same SQL runs on both providers (Dates are bound as Prisma binds them).
 */
async function insertShipment(client: DbClient, row: NewShipmentRow): Promise<string> {
  const id = crypto.randomUUID();
  await executeStatement(client, Prisma.sql`INSERT INTO "Shipment" ("id", "shopDomain", "fulfillmentId", "trackingNumber", "orderId", "orderName", "orderCreatedAt", "fulfillmentCreatedAt", "sourceUpdatedAt", "destinationCountry", "lineItemCount", "lineItemsJson", "originCountry", "originRegion", "destinationRegion", "destinationPostalPrefix", "customerEmailHash", "customerPhoneHash", "trackingUrl", "declaredCarrier", "carrier", "trackingIssue", "trackingIssueDetail", "status", "nextCheckAt", "trackingStoppedAt", "stopReason", "createdAt", "updatedAt")
    VALUES (${id}, ${row.shopDomain}, ${row.fulfillmentId}, ${row.trackingNumber}, ${row.orderId}, ${row.orderName}, ${row.orderCreatedAt}, ${row.fulfillmentCreatedAt}, ${row.sourceUpdatedAt}, ${row.destinationCountry}, ${row.lineItemCount}, ${row.lineItemsJson}, ${row.originCountry}, ${row.originRegion}, ${row.destinationRegion}, ${row.destinationPostalPrefix}, ${row.customerEmailHash}, ${row.customerPhoneHash}, ${row.trackingUrl}, ${row.declaredCarrier}, ${row.carrier}, ${row.trackingIssue}, ${row.trackingIssueDetail}, ${row.status}, ${row.nextCheckAt}, ${row.trackingStoppedAt}, ${row.stopReason}, ${row.createdAt}, ${row.updatedAt})`);
  return id;
}

/** Which of these orders were cancelled (their tombstones exist). */
export async function cancelledOrderIds(client: DbClient, shopDomain: string, orderIds: string[]): Promise<Set<string>> {
  if (orderIds.length === 0) return new Set();
  const rows = await queryRows(client, Prisma.sql`SELECT "orderId" FROM "CancelledOrder" WHERE "shopDomain" = ${shopDomain} AND "orderId" IN (${Prisma.join(orderIds)})`);
  return new Set(rows.map((row) => String(row.orderId)));
}

/**
 * An order was cancelled: its parcels stop being tracked (history kept; a delivered parcel keeps
 * its status), and a tombstone makes fulfillments of the order that arrive later stored stopped.
 * `sourceUpdatedAt` is left alone: it orders fulfillment payloads among themselves, and a
 * cancellation time there made a later-delivered, older update (a second tracking number) look stale.
 */
export async function stopOrderShipments(
  client: DbClient,
  shopDomain: string,
  orderId: string,
  cancelledAt: Date,
  now: Date,
): Promise<number> {
  // One statement that never raises a unique violation (which would read as a duplicate delivery).
  await executeStatement(
    client,
    Prisma.sql`INSERT INTO "CancelledOrder" ("shopDomain", "orderId", "cancelledAt", "receivedAt") VALUES (${shopDomain}, ${orderId}, ${cancelledAt}, ${now}) ON CONFLICT ("shopDomain", "orderId") DO NOTHING`,
  );
  // Plain UPDATEs (the webhook path); `updatedAt` is the statement's time, as Prisma's updateMany set it.
  const stopped = await executeStatement(
    client,
    Prisma.sql`UPDATE "Shipment" SET "trackingStoppedAt" = ${now}, "stopReason" = 'order_cancelled', "nextCheckAt" = NULL, "leaseUntil" = NULL, "leaseOwner" = NULL, "updatedAt" = ${new Date()}
      WHERE "shopDomain" = ${shopDomain} AND "orderId" = ${orderId} AND "trackingStoppedAt" IS NULL`,
  );
  await executeStatement(
    client,
    Prisma.sql`UPDATE "Shipment" SET "status" = 'cancelled', "updatedAt" = ${new Date()} WHERE "shopDomain" = ${shopDomain} AND "orderId" = ${orderId} AND "status" NOT IN (${Prisma.join(SETTLED_STATUSES)})`,
  );
  return stopped;
}

/**
 * An order was created (orders/create): keeps when, so parcels of the order that arrive later by
 * webhook get it, and gives it to the order's parcels already stored without it (a fulfillment
 * that arrived first). The shop row must exist (see ensureShop). A second delivery changes nothing.
 */
export async function recordOrderPlaced(
  client: DbClient,
  shopDomain: string,
  orderId: string,
  orderCreatedAt: Date,
  now: Date,
): Promise<{ recorded: boolean; shipmentsFilled: number }> {
  const inserted = await executeStatement(
    client,
    Prisma.sql`INSERT INTO "OrderPlaced" ("shopDomain", "orderId", "orderCreatedAt", "receivedAt") VALUES (${shopDomain}, ${orderId}, ${orderCreatedAt}, ${now}) ON CONFLICT ("shopDomain", "orderId") DO NOTHING`,
  );
  // A plain UPDATE: the dashboard's day summaries follow Shipment through its triggers.
  const shipmentsFilled = await executeStatement(
    client,
    Prisma.sql`UPDATE "Shipment" SET "orderCreatedAt" = ${orderCreatedAt} WHERE "shopDomain" = ${shopDomain} AND "orderId" = ${orderId} AND "orderCreatedAt" IS NULL`,
  );
  return { recorded: inserted > 0, shipmentsFilled };
}

/** How long an order's creation time is kept: long after its parcels have arrived. */
export const ORDER_PLACED_RETENTION_DAYS = 400;

/** Deletes creation times received more than ORDER_PLACED_RETENTION_DAYS before `now`. */
export async function pruneOrdersPlaced(db: Db, now: Date): Promise<number> {
  const before = new Date(now.getTime() - ORDER_PLACED_RETENTION_DAYS * 86_400_000);
  const { count } = await db.orderPlaced.deleteMany({ where: { receivedAt: { lt: before } } });
  return count;
}

/** A shipment with everything support and ops look at: events, flags, write-back history. */
export async function findShipmentsForSupport(
  db: Db,
  query: { trackingNumbers: string[]; orderNames: string[]; shopDomain?: string },
  limit = 50,
) {
  const or = [
    ...(query.trackingNumbers.length ? [{ trackingNumber: { in: query.trackingNumbers } }] : []),
    ...(query.orderNames.length ? [{ orderName: { in: query.orderNames } }] : []),
  ];
  if (or.length === 0) return [];
  return db.shipment.findMany({
    where: { OR: or, ...(query.shopDomain ? { shopDomain: query.shopDomain } : {}) },
    orderBy: [{ shopDomain: "asc" }, { createdAt: "asc" }],
    take: limit,
    include: {
      events: { orderBy: [{ occurredAt: "asc" }, { createdAt: "asc" }] },
      writeBacks: { orderBy: [{ happenedAt: "asc" }, { createdAt: "asc" }] },
    },
  });
}
