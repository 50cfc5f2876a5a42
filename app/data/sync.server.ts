import type { Prisma } from "./generated/sqlite/client";
import { isCanonicalStatus, type CanonicalEvent, type CanonicalStatus, type SubStatus } from "~/domain/status";
import type { Db, DbProvider } from "./db.server";
import { placeholders, rawReaderOf, requiredDateOf, textOf, type RawReader } from "./raw-reads.server";
import { orderParcels, orderParcelsOn, orderSubject, recordedMoments, recordedMomentsOn, type DueAtPlanner, type MomentRecord } from "./notifications.server";
import { inPlainSqlTransaction, retryingConflicts } from "./transactions.server";
import type { WriteBackRequest } from "./write-backs.server";
import {
  directSqlOf,
  enqueueWriteBacksInBatch,
  insertValues,
  marks,
  recordMomentsInBatch,
  rowId,
  sqliteDate,
  sqlValue,
  storedDate,
  txSql,
  type ColumnType,
  type SqlParam,
  type SqlRow,
  type TxSql,
} from "./sync-writes.server";

/** What the sync engine needs to know about a claimed shipment. */
export interface SyncCandidate {
  id: string;
  shopDomain: string;
  trackingNumber: string;
  carrier: string;
  fulfillmentId: string;
  fulfillmentCreatedAt: Date | null;
  createdAt: Date;
  status: CanonicalStatus;
  shopifyStatus: string | null;
  estimatedDeliveryAt: Date | null;
  estimatedDeliveryEnd: Date | null;
  destinationCountry: string | null;
  originCountry: string | null;
  destinationPostalCode: string | null;
  /** Finer estimate lanes (absent on rows read before they were recorded). */
  originRegion?: string | null;
  destinationRegion?: string | null;
  destinationPostalPrefix?: string | null;
  attemptCount: number;
  /** The previous sync's error, so a second consecutive answer can confirm the first. */
  lastError: string | null;
  /** Delivery estimate state (absent on rows read before estimates existed). */
  shownEstimateEnd?: Date | null;
  firstPredictedDeliveryAt?: Date | null;
  firstCarrierEstimateAt?: Date | null;
  /** What the moment rules compare against (app/services/notifications). */
  orderId: string;
  subStatus: string | null;
  stalled: boolean;
  late: boolean;
  predictedDeliveryAt: Date | null;
  /** A shopper's return parcel (Shopify reverse delivery): never written back as a fulfillment event. */
  returnId?: string | null;
}

const candidateSelect = {
  id: true,
  shopDomain: true,
  trackingNumber: true,
  carrier: true,
  fulfillmentId: true,
  fulfillmentCreatedAt: true,
  createdAt: true,
  status: true,
  shopifyStatus: true,
  estimatedDeliveryAt: true,
  estimatedDeliveryEnd: true,
  destinationCountry: true,
  originCountry: true,
  originRegion: true,
  destinationRegion: true,
  destinationPostalPrefix: true,
  attemptCount: true,
  lastError: true,
  shownEstimateEnd: true,
  firstPredictedDeliveryAt: true,
  firstCarrierEstimateAt: true,
  orderId: true,
  subStatus: true,
  stalled: true,
  late: true,
  predictedDeliveryAt: true,
  returnId: true,
} as const;

export interface ClaimOptions {
  owner: string;
  now: Date;
  leaseMs: number;
  limit: number;
  /** Only these shipments (cli sync, "resync now"); due or not. */
  shipmentIds?: string[];
}

/**
 * Leases due shipments to one worker. Postgres: `FOR UPDATE SKIP LOCKED`, so any number of
 * workers take disjoint batches without waiting on each other. SQLite: one writer at a time,
 * and the conditional UPDATE only takes rows still unleased, so a lease is never granted twice.
 * A crashed worker's lease simply expires and the shipment is due again.
 */
export async function claimDueShipments(db: Db, provider: DbProvider, options: ClaimOptions): Promise<SyncCandidate[]> {
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs);
  let ids: string[];
  if (options.shipmentIds) {
    ids = options.shipmentIds;
  } else if (provider === "postgres") {
    const rows = await db.$queryRaw<{ id: string }[]>`
      UPDATE "Shipment" SET "leaseUntil" = ${leaseUntil}, "leaseOwner" = ${options.owner}
      WHERE "id" IN (
        SELECT "id" FROM "Shipment"
        WHERE "nextCheckAt" <= ${options.now}
          AND ("leaseUntil" IS NULL OR "leaseUntil" < ${options.now})
          AND "trackingStoppedAt" IS NULL AND "carrier" IS NOT NULL
        ORDER BY "nextCheckAt"
        LIMIT ${options.limit}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING "id"`;
    ids = rows.map((row) => row.id);
  } else {
    const claimed = await claimDueOnSqlite(db, options, leaseUntil);
    if (claimed) return claimed;
    const due = await db.shipment.findMany({
      where: {
        nextCheckAt: { lte: options.now },
        OR: [{ leaseUntil: null }, { leaseUntil: { lt: options.now } }],
        trackingStoppedAt: null,
        carrier: { not: null },
      },
      orderBy: { nextCheckAt: "asc" },
      take: options.limit,
      select: { id: true },
    });
    ids = due.map((row) => row.id);
  }
  if (ids.length === 0) return [];
  if (provider === "sqlite" || options.shipmentIds) {
    for (const part of idChunks(ids)) {
      await db.shipment.updateMany({
        where: { id: { in: part }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: options.now } }, { leaseOwner: options.owner }] },
        data: { leaseUntil, leaseOwner: options.owner },
      });
    }
  }
  const rows = (
    await Promise.all(
      idChunks(ids).map((part) =>
        db.shipment.findMany({ where: { id: { in: part }, leaseOwner: options.owner, leaseUntil }, select: candidateSelect }),
      ),
    )
  ).flat();
  return rows.flatMap((row) =>
    row.carrier
      ? [{ ...row, carrier: row.carrier, status: row.status as CanonicalStatus, destinationPostalCode: null }]
      : [],
  );
}

const CANDIDATE_COLUMNS = Object.keys(candidateSelect) as (keyof typeof candidateSelect)[];

/**
 * SQLite: the due shipments leased in one statement (UPDATE … RETURNING) on the connection of a
 * transaction of its own, so two claims never lease the same row. In the order the per-part reads
 * gave them (by due time in parts of 500, each part by id). Null when the client has no connection
 * of its own to use (then the ORM path claims).
 */
async function claimDueOnSqlite(db: Db, options: ClaimOptions, leaseUntil: Date): Promise<SyncCandidate[] | null> {
  const rows = await inPlainSqlTransaction(db, async () => {
    const direct = directSqlOf(db, "sqlite");
    if (!direct) return null;
    const now = sqliteDate(options.now);
    return direct.all(
      `UPDATE "Shipment" SET "leaseUntil" = ?, "leaseOwner" = ?
       WHERE "id" IN (
         SELECT "id" FROM "Shipment"
         WHERE "nextCheckAt" <= ? AND ("leaseUntil" IS NULL OR "leaseUntil" < ?) AND "trackingStoppedAt" IS NULL AND "carrier" IS NOT NULL
         ORDER BY "nextCheckAt" ASC
         LIMIT ?
       )
       RETURNING "nextCheckAt", ${CANDIDATE_COLUMNS.map((column) => `"${column}"`).join(", ")}`,
      [sqliteDate(leaseUntil), options.owner, now, now, options.limit],
    );
  });
  if (!rows) return null;
  const due = (row: SqlRow) => storedDate(row.nextCheckAt).getTime();
  const ordered = [...rows].sort((a, b) => due(a) - due(b));
  return idChunks(ordered).flatMap((part) => part.sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1)).map(candidateOf));
}

function candidateOf(row: SqlRow): SyncCandidate {
  const text = (column: string) => String(row[column]);
  const optionalDate = (column: string) => (row[column] === null ? null : storedDate(row[column]));
  const status = text("status");
  if (!isCanonicalStatus(status)) throw new Error(`Shipment ${text("id")} has an unknown status "${status}"`);
  return {
    id: text("id"),
    shopDomain: text("shopDomain"),
    trackingNumber: text("trackingNumber"),
    carrier: text("carrier"),
    fulfillmentId: text("fulfillmentId"),
    fulfillmentCreatedAt: optionalDate("fulfillmentCreatedAt"),
    createdAt: storedDate(row.createdAt),
    status,
    shopifyStatus: textOf(row.shopifyStatus),
    estimatedDeliveryAt: optionalDate("estimatedDeliveryAt"),
    estimatedDeliveryEnd: optionalDate("estimatedDeliveryEnd"),
    destinationCountry: textOf(row.destinationCountry),
    originCountry: textOf(row.originCountry),
    destinationPostalCode: null,
    originRegion: textOf(row.originRegion),
    destinationRegion: textOf(row.destinationRegion),
    destinationPostalPrefix: textOf(row.destinationPostalPrefix),
    attemptCount: Number(row.attemptCount),
    lastError: textOf(row.lastError),
    shownEstimateEnd: optionalDate("shownEstimateEnd"),
    firstPredictedDeliveryAt: optionalDate("firstPredictedDeliveryAt"),
    firstCarrierEstimateAt: optionalDate("firstCarrierEstimateAt"),
    orderId: text("orderId"),
    subStatus: textOf(row.subStatus),
    stalled: row.stalled === 1 || row.stalled === true,
    late: row.late === 1 || row.late === true,
    predictedDeliveryAt: optionalDate("predictedDeliveryAt"),
    returnId: textOf(row.returnId),
  };
}

/** Prisma caps bound parameters per statement (999 on SQLite): long id lists go in parts. */
export function idChunks<T>(ids: readonly T[], size = 500): T[][] {
  const parts: T[][] = [];
  for (let index = 0; index < ids.length; index += size) parts.push(ids.slice(index, index + size));
  return parts;
}

export type StoredEvent = CanonicalEvent & { id: string; dedupeKey: string };

interface EventRow {
  id: string;
  shipmentId: string;
  occurredAt: Date;
  localTime: string | null;
  status: string;
  subStatus: string | null;
  carrierCode: string;
  description: string;
  city: string | null;
  province: string | null;
  postalCode: string | null;
  country: string | null;
  rawPayload: string | null;
  dedupeKey: string;
}

const EVENT_READ_COLUMNS = ["id", "shipmentId", "occurredAt", "localTime", "status", "subStatus", "carrierCode", "description", "city", "province", "postalCode", "country", "rawPayload", "dedupeKey"];

/**
 * A pass's stored events: prepared statements on the client's reading connection (or pool),
 * which sees the last commit, as the ORM's read would; through the ORM for clients without one.
 */
async function readEvents(db: Db, part: string[]): Promise<EventRow[]> {
  let reader: RawReader;
  try {
    reader = rawReaderOf(db);
  } catch {
    return db.trackingEvent.findMany({ where: { shipmentId: { in: part } }, orderBy: [{ occurredAt: "asc" }, { createdAt: "asc" }] });
  }
  const rows = await reader.all(
    `SELECT ${EVENT_READ_COLUMNS.map((column) => `"${column}"`).join(", ")} FROM "TrackingEvent"
     WHERE "shipmentId" IN (${placeholders(part.length)}) ORDER BY "occurredAt" ASC, "createdAt" ASC`,
    part,
  );
  return rows.map((row) => ({
    id: String(row.id),
    shipmentId: String(row.shipmentId),
    occurredAt: requiredDateOf(row.occurredAt),
    localTime: textOf(row.localTime),
    status: String(row.status),
    subStatus: textOf(row.subStatus),
    carrierCode: String(row.carrierCode),
    description: String(row.description),
    city: textOf(row.city),
    province: textOf(row.province),
    postalCode: textOf(row.postalCode),
    country: textOf(row.country),
    rawPayload: textOf(row.rawPayload),
    dedupeKey: String(row.dedupeKey),
  }));
}

/** Events of several shipments at once, oldest first per shipment. */
export async function loadEvents(db: Db, shipmentIds: string[]): Promise<Map<string, StoredEvent[]>> {
  const rows = (await Promise.all(idChunks(shipmentIds).map((part) => readEvents(db, part)))).flat();
  const byShipment = new Map<string, StoredEvent[]>(shipmentIds.map((id) => [id, []]));
  for (const row of rows) {
    byShipment.get(row.shipmentId)?.push({
      id: row.id,
      dedupeKey: row.dedupeKey,
      occurredAt: row.occurredAt.toISOString(),
      ...(row.localTime ? { localTime: row.localTime } : {}),
      status: row.status as CanonicalStatus,
      ...(row.subStatus ? { subStatus: row.subStatus as SubStatus } : {}),
      carrierCode: row.carrierCode,
      description: row.description,
      location: {
        ...(row.city ? { city: row.city } : {}),
        ...(row.province ? { province: row.province } : {}),
        ...(row.postalCode ? { postalCode: row.postalCode } : {}),
        ...(row.country ? { country: row.country } : {}),
      },
      ...(row.rawPayload ? { raw: JSON.parse(row.rawPayload) as unknown } : {}),
    });
  }
  return byShipment;
}

/** Everything one sync decided about one shipment, written atomically. */
export interface ShipmentSyncUpdate {
  shipmentId: string;
  owner: string;
  added: (CanonicalEvent & { dedupeKey: string })[];
  updated: (CanonicalEvent & { dedupeKey: string })[];
  shipment: {
    status: CanonicalStatus;
    subStatus: SubStatus | null;
    stalled: boolean;
    late: boolean;
    notPickedUp: boolean;
    pickedUpAt: Date | null;
    deliveredAt: Date | null;
    lastEventAt: Date | null;
    lastCheckedAt: Date;
    nextCheckAt: Date | null;
    estimatedDeliveryAt?: Date | null;
    estimatedDeliveryEnd?: Date | null;
    isReturn: boolean;
    attemptCount: number;
    lastError: string | null;
    originCountry?: string | null;
    /** Set when the carrier confirmed the number is invalid (left unchanged when undefined). */
    trackingIssue?: string | null;
    trackingIssueDetail?: string | null;
    predictedDeliveryAt?: Date | null;
    predictedDeliveryStart?: Date | null;
    predictedDeliveryEnd?: Date | null;
    estimateSource?: string | null;
    shownEstimateEnd?: Date | null;
    firstPredictedDeliveryAt?: Date | null;
    firstCarrierEstimateAt?: Date | null;
    /** Canonical proof of delivery as JSON; undefined keeps the stored one. */
    proofOfDeliveryJson?: string | null;
  };
  writeBack: WriteBackRequest | null;
  /** Shipment moments this change yields, recorded with their outbox rows in the same transaction. */
  moments?: MomentRecord[];
  /** The event that set the status (the moment rules read its time and words). */
  statusEvent?: CanonicalEvent | null;
}

/** How the sync's transaction records moments (planned by app/services/notifications). */
export interface MomentHooks {
  dueAt: DueAtPlanner;
  /** Order-level moments (all parcels delivered) from the order's parcels after the change. */
  orderMoments(
    shopDomain: string,
    orderId: string,
    parcels: { status: string; trackingStoppedAt: Date | null; deliveredAt: Date | null }[],
    recorded: ReadonlySet<string>,
  ): MomentRecord[];
}

function eventRow(shipmentId: string, event: CanonicalEvent & { dedupeKey: string }) {
  return {
    shipmentId,
    occurredAt: new Date(event.occurredAt),
    localTime: event.localTime ?? null,
    status: event.status,
    subStatus: event.subStatus ?? null,
    carrierCode: event.carrierCode,
    description: event.description,
    city: event.location?.city ?? null,
    province: event.location?.province ?? null,
    postalCode: event.location?.postalCode ?? null,
    country: event.location?.country ?? null,
    rawPayload: event.raw === undefined ? null : JSON.stringify(event.raw),
    dedupeKey: event.dedupeKey,
  };
}

/** Shipment columns a sync writes, with their SQL types (for the batched UPDATE). */
const SYNC_COLUMNS = [
  ["status", "text"],
  ["subStatus", "text"],
  ["stalled", "boolean"],
  ["late", "boolean"],
  ["notPickedUp", "boolean"],
  ["pickedUpAt", "timestamp"],
  ["deliveredAt", "timestamp"],
  ["lastEventAt", "timestamp"],
  ["lastCheckedAt", "timestamp"],
  ["nextCheckAt", "timestamp"],
  ["estimatedDeliveryAt", "timestamp"],
  ["estimatedDeliveryEnd", "timestamp"],
  ["isReturn", "boolean"],
  ["attemptCount", "integer"],
  ["lastError", "text"],
  ["originCountry", "text"],
  ["trackingIssue", "text"],
  ["trackingIssueDetail", "text"],
  ["predictedDeliveryAt", "timestamp"],
  ["predictedDeliveryStart", "timestamp"],
  ["predictedDeliveryEnd", "timestamp"],
  ["estimateSource", "text"],
  ["shownEstimateEnd", "timestamp"],
  ["firstPredictedDeliveryAt", "timestamp"],
  ["firstCarrierEstimateAt", "timestamp"],
  ["proofOfDeliveryJson", "text"],
] as const satisfies readonly (readonly [keyof ShipmentSyncUpdate["shipment"], string])[];

/**
 * One UPDATE for a whole batch (a CTE of VALUES joined on id), guarded by the lease owner: a
 * per-row UPDATE costs a round trip each, which would cap sync at a few hundred shipments/s.
 * Columns a given update leaves undefined keep their stored value: a column no update of the
 * batch defines is left out of the SET (SQLite rewrites the entries of every index holding an
 * assigned column, even when its value stays, and the Shipment table has a dozen covering
 * indexes), a column every update defines is assigned without a keep flag, and only a column
 * defined by some updates carries a flag per row saying whether to keep the stored value.
 */
async function updateShipmentsInBatch(sql: TxSql, updates: ShipmentSyncUpdate[], now: Date) {
  const { provider } = sql;
  const params: SqlParam[] = [];
  const placeholder = (value: SqlParam, type: string) => {
    params.push(value);
    const index = params.length;
    if (provider === "sqlite") return "?";
    const pgType = type === "timestamp" ? "timestamp(3)" : type;
    return `$${index}::${pgType}`;
  };
  const assigned: { column: (typeof SYNC_COLUMNS)[number][0]; type: ColumnType; flagged: boolean }[] = [];
  for (const [column, type] of SYNC_COLUMNS) {
    let defined = 0;
    for (const update of updates) if (update.shipment[column] !== undefined) defined += 1;
    if (defined > 0) assigned.push({ column, type, flagged: defined < updates.length });
  }
  const rows = updates.map((update) => {
    const cells = [placeholder(update.shipmentId, "text"), placeholder(update.owner, "text")];
    for (const { column, type, flagged } of assigned) {
      const value = update.shipment[column];
      if (flagged) cells.push(placeholder(value === undefined ? 1 : 0, "integer"));
      cells.push(placeholder(sqlValue(provider, type, value), type));
    }
    return `(${cells.join(", ")})`;
  });
  const names = ["id", "owner", ...assigned.flatMap(({ column, flagged }) => (flagged ? [`keep_${column}`, `v_${column}`] : [`v_${column}`]))];
  const q = (name: string) => `"${name}"`;
  const assignments = assigned.map(({ column, flagged }) =>
    flagged ? `${q(column)} = CASE WHEN v.${q(`keep_${column}`)} = 1 THEN ${q("Shipment")}.${q(column)} ELSE v.${q(`v_${column}`)} END` : `${q(column)} = v.${q(`v_${column}`)}`,
  );
  const updatedAt = placeholder(sqlValue(provider, "timestamp", now), "timestamp");
  const statement = `WITH v(${names.map(q).join(", ")}) AS (VALUES ${rows.join(", ")})
UPDATE ${q("Shipment")} SET ${assignments.map((assignment) => `${assignment}, `).join("")}${q("leaseUntil")} = NULL, ${q("leaseOwner")} = NULL, ${q("updatedAt")} = ${updatedAt}
FROM v WHERE ${q("Shipment")}.${q("id")} = v.${q("id")} AND ${q("Shipment")}.${q("leaseOwner")} = v.${q("owner")}`;
  return sql.execute(statement, params);
}

const EVENT_COLUMNS = [
  ["id", "text"],
  ["shipmentId", "text"],
  ["occurredAt", "timestamp"],
  ["localTime", "text"],
  ["status", "text"],
  ["subStatus", "text"],
  ["carrierCode", "text"],
  ["description", "text"],
  ["city", "text"],
  ["province", "text"],
  ["postalCode", "text"],
  ["country", "text"],
  ["rawPayload", "text"],
  ["dedupeKey", "text"],
  ["createdAt", "timestamp"],
] as const;

/**
 * Multi-row INSERTs for new carrier events: a first sync brings several events per parcel and
 * Prisma's createMany spends more time per row than the database does. Each row's values go
 * straight into column order (the same values `eventRow` gives, plus id and createdAt).
 */
async function insertEventsInBatch(sql: TxSql, updates: readonly ShipmentSyncUpdate[], now: Date): Promise<void> {
  const rows: unknown[][] = [];
  for (const update of updates) {
    for (const event of update.added) {
      const location = event.location;
      rows.push([
        rowId(),
        update.shipmentId,
        new Date(event.occurredAt),
        event.localTime ?? null,
        event.status,
        event.subStatus ?? null,
        event.carrierCode,
        event.description,
        location?.city ?? null,
        location?.province ?? null,
        location?.postalCode ?? null,
        location?.country ?? null,
        event.raw === undefined ? null : JSON.stringify(event.raw),
        event.dedupeKey,
        now,
      ]);
    }
  }
  await insertValues(sql, "TrackingEvent", EVENT_COLUMNS, rows);
}

/**
 * Applies a batch of sync results in one transaction: new events, corrected events, the derived
 * shipment state (releasing the lease) and the write-back outbox rows. Updates whose lease was
 * lost (expired and taken by another worker) are dropped, never half-applied.
 */
export async function applySyncUpdates(
  db: Db,
  provider: DbProvider,
  updates: ShipmentSyncUpdate[],
  now = new Date(),
  moments?: MomentHooks,
): Promise<{ applied: number; lostLease: number }> {
  if (updates.length === 0) return { applied: 0, lostLease: 0 };
  let applied = 0;
  // On SQLite every statement below is plain SQL on the transaction's connection, so the batch
  // skips Prisma's interactive transaction (its begin and commit cost more than a batch's reads).
  // On Postgres another writer of the same summary rows can deadlock with a batch; the batch
  // is then rolled back whole and tried again, instead of its shipments waiting out their lease.
  await retryingConflicts(() => inPlainSqlTransaction(
    db,
    async (tx) => {
      const sql = txSql(db, tx, provider);
      const owned: { id: string; leaseOwner: string | null }[] = [];
      for (const part of idChunks(updates.map((update) => update.shipmentId))) {
        owned.push(
          ...(sql.direct
            ? sql.direct.all(`SELECT "id", "leaseOwner" FROM "Shipment" WHERE "id" IN (${marks(part.length)})`, part).map((row) => ({
                id: String(row.id),
                leaseOwner: row.leaseOwner === null ? null : String(row.leaseOwner),
              }))
            : await tx.shipment.findMany({ where: { id: { in: part } }, select: { id: true, leaseOwner: true } })),
        );
      }
      const ownerOf = new Map(owned.map((row) => [row.id, row.leaseOwner]));
      const mine = updates.filter((update) => ownerOf.get(update.shipmentId) === update.owner);
      if (mine.length === 0) return;
      await insertEventsInBatch(sql, mine, now);
      for (const update of mine) {
        for (const event of update.updated) {
          const row = eventRow(update.shipmentId, event);
          if (sql.direct) {
            await sql.execute(
              `UPDATE "TrackingEvent" SET "description" = ?, "rawPayload" = ?, "subStatus" = ?, "status" = ? WHERE "shipmentId" = ? AND "dedupeKey" = ?`,
              [row.description, row.rawPayload, row.subStatus, row.status, update.shipmentId, event.dedupeKey],
            );
            continue;
          }
          await tx.trackingEvent.updateMany({
            where: { shipmentId: update.shipmentId, dedupeKey: event.dedupeKey },
            data: { description: row.description, rawPayload: row.rawPayload, subStatus: row.subStatus, status: row.status },
          });
        }
      }
      // SQLite caps bound parameters per statement; under 50 per row keeps chunks well inside it.
      // Postgres takes 65,535, and a batch goes in one statement there: the summary triggers take
      // their keys' locks in order within a statement, but a second statement of the same
      // transaction could need a key before one it holds while another worker's batch holds it.
      const part = provider === "postgres" ? 1_200 : 500;
      for (let index = 0; index < mine.length; index += part) {
        await updateShipmentsInBatch(sql, mine.slice(index, index + part), now);
      }
      await enqueueWriteBacksInBatch(
        tx,
        sql,
        mine.flatMap((update) => (update.writeBack ? [update.writeBack] : [])),
        now,
      );
      if (moments) await recordSyncMoments(tx, sql, mine, moments, now);
      applied = mine.length;
    },
    { timeout: 60_000, maxWait: 30_000 },
  ));
  return { applied, lostLease: updates.length - applied };
}

/** The moments of a batch, then "all parcels delivered" for orders whose parcel was just delivered. */
async function recordSyncMoments(tx: Prisma.TransactionClient, sql: TxSql, updates: ShipmentSyncUpdate[], hooks: MomentHooks, now: Date): Promise<void> {
  const records = updates.flatMap((update) => update.moments ?? []);
  if (records.length === 0) return;
  await recordMomentsInBatch(tx, sql, records, hooks.dueAt, now);
  const byShop = new Map<string, Set<string>>();
  for (const record of records) {
    if (record.moment !== "delivered") continue;
    byShop.set(record.shopDomain, (byShop.get(record.shopDomain) ?? new Set()).add(record.orderId));
  }
  for (const [shopDomain, orders] of byShop) {
    const orderIds = [...orders];
    const subjects = orderIds.map(orderSubject);
    const [parcels, recorded] = sql.direct
      ? [orderParcelsOn(sql.direct, shopDomain, orderIds), recordedMomentsOn(sql.direct, shopDomain, subjects)]
      : await Promise.all([orderParcels(tx, shopDomain, orderIds), recordedMoments(tx, shopDomain, subjects)]);
    const orderRecords = orderIds.flatMap((orderId) =>
      hooks.orderMoments(shopDomain, orderId, parcels.get(orderId) ?? [], recorded.get(orderSubject(orderId)) ?? new Set()),
    );
    await recordMomentsInBatch(tx, sql, orderRecords, hooks.dueAt, now);
  }
}

/** Gives shipments back without a result (carrier unavailable, quota spent): due again at `retryAt`. */
export async function deferShipments(
  db: Db,
  shipments: { id: string; owner: string; retryAt: Date; attemptCount?: number; lastError?: string | null }[],
): Promise<void> {
  // Shipments deferred for the same reason share one UPDATE (a spent quota can defer thousands).
  const groups = new Map<string, { ids: string[]; sample: (typeof shipments)[number] }>();
  for (const shipment of shipments) {
    const key = JSON.stringify([shipment.owner, shipment.retryAt.getTime(), shipment.attemptCount, shipment.lastError]);
    const group = groups.get(key) ?? { ids: [], sample: shipment };
    group.ids.push(shipment.id);
    groups.set(key, group);
  }
  for (const { ids, sample } of groups.values()) {
    for (const part of idChunks(ids)) await db.shipment.updateMany({
      where: { id: { in: part }, leaseOwner: sample.owner },
      data: {
        nextCheckAt: sample.retryAt,
        leaseUntil: null,
        leaseOwner: null,
        ...(sample.attemptCount === undefined ? {} : { attemptCount: sample.attemptCount }),
        ...(sample.lastError === undefined ? {} : { lastError: sample.lastError }),
      },
    });
  }
}

/** Shop-level inputs of state derivation (timezone for business days, tracking rules). */
export async function shopSyncSettings(db: Db, shopDomains: string[]) {
  const shops = await db.shop.findMany({
    where: { domain: { in: shopDomains } },
    select: {
      domain: true,
      timezone: true,
      trackingRulesJson: true,
      writeBackEnabled: true,
      uninstalledAt: true,
      notificationSettingsJson: true,
      smtpSealed: true,
      klaviyoKeySealed: true,
      twilioSealed: true,
      longTailAggregator: true,
      aggregatorQuotaExhausted: true,
      aggregatorQuotaExhaustedAt: true,
    },
  });
  return new Map(shops.map((shop) => [shop.domain, shop]));
}

/** Records that `aggregator` answered "quota used up" for these shops (their long tail moves to another aggregator for the day). */
export async function markAggregatorQuotaExhausted(db: Db, shopDomains: string[], aggregator: string, at: Date): Promise<void> {
  if (shopDomains.length === 0) return;
  await db.shop.updateMany({ where: { domain: { in: shopDomains } }, data: { aggregatorQuotaExhausted: aggregator, aggregatorQuotaExhaustedAt: at } });
}

/** Which shops have their own credentials for which carriers (others use the app's). */
export async function shopsWithCarrierAccounts(db: Db, shopDomains: string[]): Promise<Set<string>> {
  const rows = await db.carrierAccount.findMany({
    where: { shopDomain: { in: shopDomains } },
    select: { shopDomain: true, carrier: true },
  });
  return new Set(rows.map((row) => `${row.shopDomain}|${row.carrier}`));
}
