import { sqliteDateText } from "./raw-reads.server";
import type { Prisma } from "./generated/sqlite/client";
import type { DbClient } from "./fulfillments.server";
import { sqliteTransactionConnection } from "./sqlite-connection.server";

/**
 * Plain SQL for the webhook path's statements, written once as `Prisma.sql` templates. Inside an
 * interactive transaction on SQLite they run as prepared statements on the transaction's own
 * connection (see sqliteTransactionConnection: the adapter's lock is held by that transaction,
 * so nothing interleaves), skipping Prisma's query compiler, which costs several times the
 * statement; everywhere else (Postgres, or no transaction) they go through Prisma's raw SQL.
 * Rows come back as each path gives them: read dates with `dateOf` (SQLite gives ISO text).
 */
const transactionRoots = new WeakMap<object, object>();

/** Called by inTransaction: which root client a transaction client belongs to. */
export function rememberTransaction(tx: object, db: object): void {
  transactionRoots.set(tx, db);
}

function connectionOf(client: DbClient) {
  const root = transactionRoots.get(client);
  return root ? sqliteTransactionConnection(root) : null;
}

/** Values as Prisma binds them on SQLite (its text form of instants, 0/1 for booleans). */
function sqliteArgument(value: unknown): string | number | null | Uint8Array {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return sqliteDateText(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number" || typeof value === "string" || value instanceof Uint8Array) return value;
  throw new TypeError(`unsupported SQL argument of type ${typeof value}`);
}

export async function queryRows(client: DbClient, query: Prisma.Sql): Promise<Record<string, unknown>[]> {
  const connection = connectionOf(client);
  if (!connection) return client.$queryRaw<Record<string, unknown>[]>(query);
  const result = connection.run({ sql: query.sql, args: query.values.map(sqliteArgument) });
  return result.rows.map((row) => Object.fromEntries(result.columns.map((column, index) => [column, row[index]])));
}

export async function executeStatement(client: DbClient, query: Prisma.Sql): Promise<number> {
  const connection = connectionOf(client);
  if (!connection) return client.$executeRaw(query);
  return connection.run({ sql: query.sql, args: query.values.map(sqliteArgument) }).rowsAffected;
}
