import crypto from "node:crypto";
import type { InValue } from "@libsql/client";
import type { Prisma } from "./generated/sqlite/client";
import type { DbProvider } from "./db.server";
import { sqliteTransactionConnection } from "./sqlite-connection.server";
import { isoString } from "~/domain/iso-time";
import { momentRow, type DueAtPlanner, type MomentRecord } from "./notifications.server";
import { writeBackRow, type WriteBackRequest } from "./write-backs.server";

/**
 * The sync transaction's outbox writes for a whole batch at once: multi-row INSERTs instead of
 * one ORM call per row (the ORM's per-call work cost several times what SQLite spent on the
 * rows). Same rows, same rules as the per-row repositories (`recordMoments`,
 * `enqueueWriteBacks`), checked against them in sync-writes.server.test.ts.
 */
type Tx = Pick<Prisma.TransactionClient, "shipmentMoment" | "notification" | "writeBack">;

/**
 * Runs statements in a batch's transaction: `?` placeholders on SQLite, `$n::type` on Postgres.
 * On SQLite they go straight to the transaction's own connection as prepared statements (see
 * sqliteTransactionConnection); elsewhere through the transaction client's raw SQL.
 */
export interface TxSql {
  provider: DbProvider;
  execute(sql: string, params: readonly SqlParam[]): Promise<number>;
  /** SQLite only: rows of a query on the transaction's connection (null elsewhere: use the transaction client). */
  direct: DirectSql | null;
}

/** Prepared statements on a SQLite transaction's own connection. */
export interface DirectSql {
  all(sql: string, params: readonly SqlParam[]): SqlRow[];
}
export type SqlRow = Record<string, unknown>;
/** A value bound to a statement: what both SQLite's connection and Prisma's raw SQL take. */
export type SqlParam = InValue;

function directSql(connection: NonNullable<ReturnType<typeof sqliteTransactionConnection>>): DirectSql {
  return {
    all(sql, params) {
      const result = connection.run({ sql, args: [...params] });
      const { columns } = result;
      return result.rows.map((values) => {
        const row: SqlRow = {};
        for (let index = 0; index < columns.length; index += 1) row[columns[index] as string] = values[index];
        return row;
      });
    },
  };
}

/** Prepared statements for the SQLite transaction open on `db` (inside its `$transaction` callback), else null. */
export function directSqlOf(db: object, provider: DbProvider): DirectSql | null {
  const connection = provider === "sqlite" ? sqliteTransactionConnection(db) : null;
  return connection ? directSql(connection) : null;
}

/** Statements for the transaction `tx` of the root client `db` (call inside its `$transaction` callback). */
export function txSql(db: object, tx: Pick<Prisma.TransactionClient, "$executeRawUnsafe">, provider: DbProvider): TxSql {
  const connection = provider === "sqlite" ? sqliteTransactionConnection(db) : null;
  if (connection) return { provider, direct: directSql(connection), execute: async (sql, params) => connection.run({ sql, args: [...params] }).rowsAffected };
  return { provider, direct: null, execute: (sql, params) => tx.$executeRawUnsafe(sql, ...params) };
}

export type ColumnType = "text" | "integer" | "boolean" | "timestamp";

/** How Prisma stores DateTime in SQLite (ISO text with "+00:00"), so raw writes compare and sort with its own. */
export function sqliteDate(date: Date): string {
  const time = date.getTime();
  // A batch writes its own clock into many rows (createdAt, lastCheckedAt…): formatted once.
  if (time === lastDate.time) return lastDate.text;
  const text = isoString(time).replace("Z", "+00:00");
  lastDate = { time, text };
  return text;
}
let lastDate = { time: Number.NaN, text: "" };

export function sqlValue(provider: DbProvider, type: ColumnType, value: unknown): SqlParam {
  if (value === undefined || value === null) return null;
  if (type === "timestamp" && value instanceof Date) return provider === "sqlite" ? sqliteDate(value) : value;
  if (type === "boolean" && provider === "sqlite") return value ? 1 : 0;
  if (typeof value === "string" || typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return value;
  throw new TypeError(`A ${type} column cannot store a value of type ${typeof value}`);
}

let counter = 0;
/** Tells processes apart (several workers write at once); the counter tells this process's rows apart. */
const processTag = crypto.randomBytes(6).toString("hex");
/**
 * A primary key shaped like the ORM's default (`c` + time + counter + process): unique, and
 * ordered by creation within a process as the default ids are, so `ORDER BY createdAt, id`
 * still lists rows of one batch in the order they were made.
 */
export function rowId(): string {
  counter = (counter + 1) % 2_176_782_336;
  return `c${Date.now().toString(36).padStart(9, "0")}${counter.toString(36).padStart(6, "0")}${processTag}`;
}

/**
 * Multi-row INSERTs of `rows` (objects keyed by column), in statements under SQLite's parameter cap.
 * On SQLite the statements have a few fixed sizes (64 rows, then powers of two for the rest), so
 * each shape is prepared once and reused from the connection's cache: a statement sized to each
 * batch was parsed and planned afresh on every pass, at a cost that grows with its length.
 */
export async function insertRows(
  sql: TxSql,
  table: string,
  columns: readonly (readonly [string, ColumnType])[],
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  await insertValues(sql, table, columns, rows.map((row) => columns.map(([column]) => row[column])));
}

/** `insertRows` with each row's values already in column order (no object per row on hot paths). */
export async function insertValues(
  sql: TxSql,
  table: string,
  columns: readonly (readonly [string, ColumnType])[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  const names = columns.map(([column]) => `"${column}"`).join(", ");
  if (sql.provider === "sqlite") {
    const tuple = `(${columns.map(() => "?").join(", ")})`;
    let start = 0;
    while (start < rows.length) {
      const remaining = rows.length - start;
      const size = remaining >= SQLITE_ROWS_PER_INSERT ? SQLITE_ROWS_PER_INSERT : 2 ** Math.floor(Math.log2(remaining));
      const params: SqlParam[] = [];
      for (let index = start; index < start + size; index++) {
        const row = rows[index] as readonly unknown[];
        for (let column = 0; column < columns.length; column++) params.push(sqlValue("sqlite", (columns[column] as readonly [string, ColumnType])[1], row[column]));
      }
      await sql.execute(`INSERT INTO "${table}" (${names}) VALUES ${Array.from({ length: size }, () => tuple).join(", ")}`, params);
      start += size;
    }
    return;
  }
  const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const params: SqlParam[] = [];
    const tuples = rows.slice(start, start + perStatement).map((row) => {
      const cells = columns.map(([, type], column) => {
        params.push(sqlValue(sql.provider, type, row[column]));
        return `$${params.length}::${type === "timestamp" ? "timestamp(3)" : type}`;
      });
      return `(${cells.join(", ")})`;
    });
    await sql.execute(`INSERT INTO "${table}" (${names}) VALUES ${tuples.join(", ")}`, params);
  }
}

/** Rows per SQLite INSERT: 64 × 16 columns stays far under SQLite's 32,766 bound parameters. */
const SQLITE_ROWS_PER_INSERT = 64;

/** `?, ?, ?` for an IN list of `count` values. */
export function marks(count: number): string {
  return Array.from({ length: Math.max(1, count) }, () => "?").join(", ");
}

/** A DateTime column as SQLite holds it (the ORM's ISO text, or epoch milliseconds) as an instant. */
export function storedDate(value: unknown): Date {
  return new Date(typeof value === "bigint" ? Number(value) : (value as string | number));
}

/** Prisma caps bound parameters per statement (999 on SQLite): long id lists go in parts. */
function chunks<T>(items: readonly T[], size = 500): T[][] {
  const parts: T[][] = [];
  for (let index = 0; index < items.length; index += size) parts.push(items.slice(index, index + size));
  return parts;
}

const MOMENT_COLUMNS = [
  ["id", "text"],
  ["shopDomain", "text"],
  ["subjectKey", "text"],
  ["shipmentId", "text"],
  ["orderId", "text"],
  ["moment", "text"],
  ["occurredAt", "timestamp"],
  ["status", "text"],
  ["reason", "text"],
  ["estimateAt", "timestamp"],
  ["createdAt", "timestamp"],
] as const;

const NOTIFICATION_COLUMNS = [
  ["id", "text"],
  ["shopDomain", "text"],
  ["momentId", "text"],
  ["orderId", "text"],
  ["shipmentId", "text"],
  ["channel", "text"],
  ["moment", "text"],
  ["nextAttemptAt", "timestamp"],
  ["createdAt", "timestamp"],
  ["updatedAt", "timestamp"],
] as const;

/**
 * `recordMoments` for a batch: a moment already recorded (or earlier in the batch) is skipped,
 * and each channel's message is due when `dueAt` says given the order's open group — the
 * earliest still-waiting, never-tried pending row of that order and channel, including rows made
 * earlier in this batch. Reads once per batch, then writes every row in a few statements.
 * Returns how many moments were new.
 */
export async function recordMomentsInBatch(
  tx: Tx,
  sql: TxSql,
  records: readonly MomentRecord[],
  dueAt: DueAtPlanner,
  now: Date,
): Promise<number> {
  if (records.length === 0) return 0;
  const momentKey = (shopDomain: string, subjectKey: string, moment: string) => JSON.stringify([shopDomain, subjectKey, moment]);
  const groupKey = (shopDomain: string, orderId: string, channel: string) => JSON.stringify([shopDomain, orderId, channel]);
  const recorded = new Set<string>();
  for (const part of chunks([...new Set(records.map((record) => record.subjectKey))])) {
    const rows = sql.direct
      ? (sql.direct.all(`SELECT "shopDomain", "subjectKey", "moment" FROM "ShipmentMoment" WHERE "subjectKey" IN (${marks(part.length)})`, part) as {
          shopDomain: string;
          subjectKey: string;
          moment: string;
        }[])
      : await tx.shipmentMoment.findMany({ where: { subjectKey: { in: part } }, select: { shopDomain: true, subjectKey: true, moment: true } });
    for (const row of rows) recorded.add(momentKey(row.shopDomain, row.subjectKey, row.moment));
  }
  const open = new Map<string, Date>();
  const keepEarliest = (key: string, at: Date) => {
    const current = open.get(key);
    if (!current || at.getTime() < current.getTime()) open.set(key, at);
  };
  const withChannels = records.filter((record) => record.channels.length > 0);
  for (const part of chunks([...new Set(withChannels.map((record) => record.orderId))])) {
    const rows = sql.direct
      ? sql.direct
          .all(
            `SELECT "shopDomain", "orderId", "channel", "nextAttemptAt" FROM "Notification"
             WHERE "orderId" IN (${marks(part.length)}) AND "state" = 'pending' AND "nextAttemptAt" > ? AND "attempts" = 0`,
            [...part, sqliteDate(now)],
          )
          .map((row) => ({ shopDomain: String(row.shopDomain), orderId: String(row.orderId), channel: String(row.channel), nextAttemptAt: storedDate(row.nextAttemptAt) }))
      : await tx.notification.findMany({
          where: { orderId: { in: part }, state: "pending", nextAttemptAt: { gt: now }, attempts: 0 },
          select: { shopDomain: true, orderId: true, channel: true, nextAttemptAt: true },
        });
    for (const row of rows) keepEarliest(groupKey(row.shopDomain, row.orderId, row.channel), row.nextAttemptAt);
  }
  const moments: Record<string, unknown>[] = [];
  const notifications: Record<string, unknown>[] = [];
  // The ORM stamps @updatedAt with the time of the write, not the sync's clock.
  const writtenAt = new Date();
  for (const record of records) {
    const key = momentKey(record.shopDomain, record.subjectKey, record.moment);
    if (recorded.has(key)) continue;
    recorded.add(key);
    const momentId = rowId();
    moments.push({ id: momentId, ...momentRow(record, now) });
    for (const channel of record.channels) {
      const group = groupKey(record.shopDomain, record.orderId, channel);
      const nextAttemptAt = dueAt(record, channel, open.get(group) ?? null);
      // A row due later than now is an open group the order's next moments coalesce into.
      if (nextAttemptAt.getTime() > now.getTime()) keepEarliest(group, nextAttemptAt);
      notifications.push({
        id: rowId(),
        shopDomain: record.shopDomain,
        momentId,
        orderId: record.orderId,
        shipmentId: record.shipmentId,
        channel,
        moment: record.moment,
        nextAttemptAt,
        createdAt: now,
        updatedAt: writtenAt,
      });
    }
  }
  await insertRows(sql, "ShipmentMoment", MOMENT_COLUMNS, moments);
  await insertRows(sql, "Notification", NOTIFICATION_COLUMNS, notifications);
  return moments.length;
}

const WRITE_BACK_COLUMNS = [
  ["id", "text"],
  ["shopDomain", "text"],
  ["shipmentId", "text"],
  ["fulfillmentId", "text"],
  ["status", "text"],
  ["shopifyStatus", "text"],
  ["happenedAt", "timestamp"],
  ["estimatedDeliveryAt", "timestamp"],
  ["message", "text"],
  ["city", "text"],
  ["province", "text"],
  ["country", "text"],
  ["zip", "text"],
  ["nextAttemptAt", "timestamp"],
  ["createdAt", "timestamp"],
  ["updatedAt", "timestamp"],
] as const;

/**
 * `enqueueWriteBacks` for a batch (queued and due at the sync's clock): a transition already in
 * the outbox, or earlier in the batch, is not queued again. Returns how many rows were new.
 */
export async function enqueueWriteBacksInBatch(tx: Tx, sql: TxSql, requests: readonly WriteBackRequest[], now: Date): Promise<number> {
  if (requests.length === 0) return 0;
  const identity = (shipmentId: string, status: string, happenedAt: Date) => `${shipmentId}|${status}|${happenedAt.getTime()}`;
  const seen = new Set<string>();
  for (const part of chunks([...new Set(requests.map((request) => request.shipmentId))])) {
    const rows = sql.direct
      ? sql.direct
          .all(`SELECT "shipmentId", "status", "happenedAt" FROM "WriteBack" WHERE "shipmentId" IN (${marks(part.length)})`, part)
          .map((row) => ({ shipmentId: String(row.shipmentId), status: String(row.status), happenedAt: storedDate(row.happenedAt) }))
      : await tx.writeBack.findMany({ where: { shipmentId: { in: part } }, select: { shipmentId: true, status: true, happenedAt: true } });
    for (const row of rows) seen.add(identity(row.shipmentId, row.status, row.happenedAt));
  }
  const writtenAt = new Date();
  const fresh: Record<string, unknown>[] = [];
  for (const request of requests) {
    const key = identity(request.shipmentId, request.status, request.happenedAt);
    if (seen.has(key)) continue;
    seen.add(key);
    fresh.push({
      id: rowId(),
      ...writeBackRow(request),
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: writtenAt,
    });
  }
  await insertRows(sql, "WriteBack", WRITE_BACK_COLUMNS, fresh);
  return fresh.length;
}
