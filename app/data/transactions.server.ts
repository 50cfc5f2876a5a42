import type { Db } from "./db.server";
import type { DbClient } from "./fulfillments.server";
import { rememberTransaction } from "./transaction-sql.server";

/**
 * Runs `work` in one database transaction; the repositories it calls take the transaction client.
 * Services group repository calls this way without touching the client themselves.
 */
export function inTransaction<T>(db: Db, work: (tx: Exclude<DbClient, Db>) => Promise<T>, options: { timeout?: number; maxWait?: number } = {}): Promise<T> {
  return db.$transaction((tx) => {
    rememberTransaction(tx, db);
    return work(tx);
  }, options);
}
