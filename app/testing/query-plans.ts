import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

type Statement = { all(params?: unknown[]): Record<string, unknown>[] };
type Connection = { prepare(sql: string): Statement; close(): void };
export type SqliteConnectionClass = { new (file: string): Connection; prototype: Connection };

/** libsql's connection class, the one the app's SQLite clients use. */
export const SqliteConnection = createRequire(import.meta.url)("libsql") as SqliteConnectionClass;

/**
 * The steps of SQLite's own plans for `statements` (on the SQLite database at `databaseUrl`) that
 * read a stored table from end to end, each as "<step>: <statement>". Scanning a VALUES list, a
 * subquery's rows or a constant row is not one. Placeholders are bound to null: without stored
 * statistics SQLite plans the same whatever the values.
 */
export function fullTableScans(databaseUrl: string, statements: Iterable<string>): string[] {
  const connection = new SqliteConnection(fileURLToPath(new URL(databaseUrl)));
  try {
    const tables = new Set(connection.prepare(`SELECT "name" FROM sqlite_master WHERE "type" = 'table'`).all().map((row) => String(row.name)));
    const scans: string[] = [];
    for (const sql of statements) {
      const placeholders = sql.match(/\?/g)?.length ?? 0;
      const plan = connection.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(Array.from({ length: placeholders }, () => null));
      for (const step of plan) {
        const detail = String(step.detail);
        if (tables.has(/^SCAN (\S+)/.exec(detail)?.[1] ?? "")) scans.push(`${detail}: ${sql.replace(/\s+/g, " ").slice(0, 120)}`);
      }
    }
    return scans;
  } finally {
    connection.close();
  }
}
