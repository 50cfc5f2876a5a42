import crypto from "node:crypto";
import type { Db } from "./db.server";
import { Prisma } from "./generated/sqlite/client";
import { executeStatement } from "./transaction-sql.server";
import { intOf, placeholders, rawReaderOf, type OrderedRead, type SqlValue } from "./raw-reads.server";

/** Where a shopper or agent looked a parcel up (the self-service analytics dimension). */
/** `email`: the storefront page opened from the tracking link of a Trackline email. */
export type LookupSurface = "storefront" | "customer_account" | "admin" | "email" | "sms";

export interface LookupRecord {
  shopDomain: string;
  surface: LookupSurface;
  orderId: string;
  shipmentId: string;
  at: Date;
}

/** Views of the same order on the same surface within this window count once (recordLookup). */
export const LOOKUP_DEDUPE_WINDOW_MS = 30 * 60_000;

/** Who looks, where and when: the lookup to record, before its order is known. */
export type LookupAttempt = Pick<LookupRecord, "shopDomain" | "surface" | "at">;

// COALESCE keeps SQLite on the (shop, order, surface) index: left to itself it ranges over the
// shop's whole window of lookups on the (shop, occurredAt) index instead.
const IN_WINDOW = `COALESCE("occurredAt", "occurredAt") > ? AND COALESCE("occurredAt", "occurredAt") <= ?`;

/**
 * The orders among `orders` (SQL selecting "orderId" values, with its arguments) that already have
 * a lookup recorded within the dedupe window of `attempt`: for a read that finds the parcels too
 * (one statement), whose answer recordLookup then takes as `recorded`.
 */
export function recordedLookupsRead(attempt: LookupAttempt, orders: string, ordersArgs: readonly SqlValue[]): OrderedRead {
  return {
    columns: ["orderId"],
    from: `FROM "LookupEvent" WHERE "shopDomain" = ? AND "surface" = ? AND "orderId" IN (${orders}) AND ${IN_WINDOW}`,
    orderBy: `"orderId" ASC`,
    args: [attempt.shopDomain, attempt.surface, ...ordersArgs, new Date(attempt.at.getTime() - LOOKUP_DEDUPE_WINDOW_MS), attempt.at],
  };
}

/**
 * Records that someone looked an order's parcel up. Views of the same order on the same surface
 * within `dedupeWindowMs` count once: the order status page renders one extension instance per
 * parcel and shoppers refresh, but that is still one question answered. Returns whether a row
 * was written. `recorded`: whether the caller's recordedLookupsRead (same window) found one.
 */
export async function recordLookup(db: Db, lookup: LookupRecord, dedupeWindowMs = LOOKUP_DEDUPE_WINDOW_MS, recorded?: boolean): Promise<boolean> {
  const since = new Date(lookup.at.getTime() - dedupeWindowMs);
  // A repeat view (the common case: refreshes, one extension per parcel) costs one prepared read,
  // or none when the caller's read already answered; only a new lookup pays for a write through
  // Prisma, whose compile and mapping cost more than the statement.
  if (recorded === undefined) {
    const recent = await rawReaderOf(db).first(
      `SELECT "id" FROM "LookupEvent" WHERE "shopDomain" = ? AND "surface" = ? AND "orderId" = ? AND ${IN_WINDOW} LIMIT 1`,
      [lookup.shopDomain, lookup.surface, lookup.orderId, since, lookup.at],
    );
    recorded = recent !== undefined;
  }
  if (recorded) return false;
  // The same check again inside the INSERT, on the writing connection: a view another request
  // recorded since the read above is not counted twice. Ids of new rows are random UUIDs, as for
  // parcels.
  const written = await executeStatement(
    db,
    Prisma.sql`INSERT INTO "LookupEvent" ("id", "shopDomain", "surface", "orderId", "shipmentId", "occurredAt")
      SELECT ${crypto.randomUUID()}, ${lookup.shopDomain}, ${lookup.surface}, ${lookup.orderId}, ${lookup.shipmentId}, ${lookup.at}
      WHERE NOT EXISTS (SELECT 1 FROM "LookupEvent" WHERE "shopDomain" = ${lookup.shopDomain} AND "surface" = ${lookup.surface} AND "orderId" = ${lookup.orderId}
        AND COALESCE("occurredAt", "occurredAt") > ${since} AND COALESCE("occurredAt", "occurredAt") <= ${lookup.at})`,
  );
  return written > 0;
}

/**
 * Failed lookups counted in the fixed window starting at `windowStart`, for several keys in one
 * statement (0 for a key with none), in the order asked: the storefront asks for two per lookup.
 */
export async function countFailuresOf(db: Db, keys: readonly string[], windowStart: Date): Promise<number[]> {
  if (keys.length === 0) return [];
  const rows = await rawReaderOf(db).all(`SELECT "key", "count" FROM "RateLimitWindow" WHERE "windowStart" = ? AND "key" IN (${placeholders(keys.length)})`, [
    windowStart,
    ...keys,
  ]);
  const counts = new Map(rows.map((row) => [String(row.key), intOf(row.count)]));
  return keys.map((key) => counts.get(key) ?? 0);
}

/**
 * Adds one failure to the window (shared by every server process through the database) and drops
 * the key's older windows. Returns the window's new count.
 */
export async function addFailure(db: Db, key: string, windowStart: Date): Promise<number> {
  const identity = { key_windowStart: { key, windowStart } };
  let row: { count: number };
  try {
    row = await db.rateLimitWindow.upsert({
      where: identity,
      create: { key, windowStart, count: 1 },
      update: { count: { increment: 1 } },
      select: { count: true },
    });
  } catch (error) {
    // Two processes creating the same window at once: the loser increments the winner's row.
    if ((error as { code?: string }).code !== "P2002") throw error;
    row = await db.rateLimitWindow.update({ where: identity, data: { count: { increment: 1 } }, select: { count: true } });
  }
  await db.rateLimitWindow.deleteMany({ where: { key, windowStart: { lt: windowStart } } });
  return row.count;
}
