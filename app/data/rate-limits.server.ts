import type { Db } from "./db.server";
import { sqliteTransactionConnection } from "./sqlite-connection.server";
import { sqliteDate } from "./sync-writes.server";
import { inPlainSqlTransaction } from "./transactions.server";

export interface RateWindowLimit {
  requests: number;
  perMs: number;
}

export interface RateDecision {
  allowed: boolean;
  /** When the window that refused resets (epoch ms); null when allowed. */
  retryAt: number | null;
}

/**
 * Takes one request from every window of a quota (fixed windows, counted in the database so
 * all worker processes share them). All windows must have room; a refused request does not
 * consume any window, so a burst that is turned away costs nothing.
 */
export async function takeRateLimitToken(db: Db, key: string, windows: readonly RateWindowLimit[], now: number): Promise<RateDecision> {
  if (windows.length === 0) return { allowed: true, retryAt: null };
  // SQLite: plain prepared statements on the transaction's own connection, without Prisma's
  // interactive transaction (the sync takes a token per carrier request).
  return inPlainSqlTransaction(db, async (tx) => {
    const connection = sqliteTransactionConnection(db);
    const take = async (windowKey: string, windowStart: Date): Promise<number> => {
      if (!connection) {
        const row = await tx.rateLimitWindow.upsert({
          where: { key_windowStart: { key: windowKey, windowStart } },
          create: { key: windowKey, windowStart, count: 1 },
          update: { count: { increment: 1 } },
        });
        return row.count;
      }
      const result = connection.run({
        sql: `INSERT INTO "RateLimitWindow" ("key", "windowStart", "count") VALUES (?, ?, 1)
              ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "count" + 1 RETURNING "count"`,
        args: [windowKey, sqliteDate(windowStart)],
      });
      return Number(result.rows[0]?.[0]);
    };
    const taken: { windowKey: string; windowStart: Date }[] = [];
    for (const window of windows) {
      const windowStart = new Date(Math.floor(now / window.perMs) * window.perMs);
      const windowKey = `${key}:${window.perMs}`;
      const count = await take(windowKey, windowStart);
      taken.push({ windowKey, windowStart });
      if (count > window.requests) {
        for (const entry of taken) {
          if (connection) {
            connection.run({
              sql: `UPDATE "RateLimitWindow" SET "count" = "count" - 1 WHERE "key" = ? AND "windowStart" = ?`,
              args: [entry.windowKey, sqliteDate(entry.windowStart)],
            });
            continue;
          }
          await tx.rateLimitWindow.update({
            where: { key_windowStart: { key: entry.windowKey, windowStart: entry.windowStart } },
            data: { count: { decrement: 1 } },
          });
        }
        return { allowed: false, retryAt: windowStart.getTime() + window.perMs };
      }
    }
    return { allowed: true, retryAt: null };
  });
}

/** Drops windows that ended before `now` (housekeeping; the worker calls it now and then). */
export async function pruneRateLimitWindows(db: Db, before: Date): Promise<number> {
  // Windows are at most a day long; anything that started a day before `before` is over.
  const { count } = await db.rateLimitWindow.deleteMany({ where: { windowStart: { lt: new Date(before.getTime() - 86_400_000) } } });
  return count;
}
