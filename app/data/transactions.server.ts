import type { Db } from "./db.server";
import type { DbClient } from "./fulfillments.server";
import { beginSqliteWrite } from "./sqlite-connection.server";
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

/** Thrown by the client of inPlainSqlTransaction when `work` reaches for a Prisma query. */
export class NotPlainSql extends Error {
  constructor(what: string) {
    super(`only plain SQL (transaction-sql.server.ts) runs in this transaction, not Prisma's ${what}`);
    this.name = "NotPlainSql";
  }
}

/**
 * The transaction client of inPlainSqlTransaction: good for queryRows/executeStatement only. What
 * reached for Prisma is remembered, so the transaction is refused even if the work caught the error.
 */
function plainSqlClient(): { tx: Exclude<DbClient, Db>; refused: () => NotPlainSql | null } {
  let refused: NotPlainSql | null = null;
  const tx = new Proxy(
    {},
    {
      get(_target, property) {
        // Not a thenable; no other Symbol lookups reach Prisma.
        if (typeof property === "symbol" || property === "then") return undefined;
        refused ??= new NotPlainSql(property);
        throw refused;
      },
    },
  ) as Exclude<DbClient, Db>;
  return { tx, refused: () => refused };
}

/**
 * inTransaction for work whose every statement is plain SQL (transaction-sql.server.ts's
 * queryRows and executeStatement). On SQLite it runs on the connection directly, without
 * Prisma's interactive transaction (see beginSqliteWrite), and rejects with NotPlainSql, rolled
 * back, when the work reaches for a Prisma query instead; on Postgres, and before the client's
 * first query, it is inTransaction. Same limits as Prisma's: `maxWait` for the connection,
 * `timeout` from begin to commit (a transaction past it is rolled back, not committed).
 */
export async function inPlainSqlTransaction<T>(
  db: Db,
  work: (tx: Exclude<DbClient, Db>) => Promise<T>,
  options: { timeout?: number; maxWait?: number } = {},
): Promise<T> {
  const { timeout = 5_000, maxWait = 2_000 } = options;
  const begun = beginSqliteWrite(db);
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<"waited">((resolve) => (timer = setTimeout(() => resolve("waited"), maxWait)));
  const write = await Promise.race([begun, waited]).finally(() => clearTimeout(timer));
  if (write === "waited") {
    // Whenever the connection does come, it is handed straight back.
    void begun.then((late) => late?.rollback()).catch(() => undefined);
    throw new Error(`Transaction API error: could not start a transaction within ${maxWait} ms`);
  }
  if (!write) return inTransaction(db, work, options);
  const { tx, refused } = plainSqlClient();
  rememberTransaction(tx, db);
  // Like Prisma's: a transaction past its timeout is rolled back at once (its lock released, its
  // later statements refused), whatever its work is still waiting for.
  let expire: NodeJS.Timeout | undefined;
  const expired = new Promise<{ expired: true }>((resolve) => (expire = setTimeout(() => resolve({ expired: true }), timeout)));
  const outcome = await Promise.race([
    work(tx).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    ),
    expired,
  ]).finally(() => clearTimeout(expire));
  const failure = "expired" in outcome ? new Error(`Transaction API error: the transaction ran longer than its timeout of ${timeout} ms`) : "error" in outcome ? outcome.error : refused();
  if (failure || !("value" in outcome)) {
    await write.rollback();
    throw failure;
  }
  await write.commit();
  return outcome.value;
}

/**
 * Whether Postgres rolled a transaction back whole as a deadlock (40P01) or a serialization
 * failure (40001), as Prisma reports either (its own P2034, or a raw query's database code).
 */
export function isConflictRollback(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, meta } = error as { code?: unknown; meta?: { code?: unknown } };
  if (code === "P2034" || meta?.code === "40P01" || meta?.code === "40001") return true;
  return /`40P01`|`40001`|deadlock detected|could not serialize access/.test(error.message);
}

/**
 * Runs `transaction` again, at most `attempts` times in all, while Postgres rolls it back as a
 * deadlock or serialization failure: nothing of a rolled-back attempt was written, and the
 * other side of the conflict has gone on, so the same work usually goes through next time.
 */
export async function retryingConflicts<T>(transaction: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await transaction();
    } catch (error) {
      if (attempt >= attempts || !isConflictRollback(error)) throw error;
    }
  }
}
