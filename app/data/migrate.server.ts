import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { databaseTarget } from "~/config/database-target.server";

/**
 * Applies the checked-in migrations of the provider DATABASE_URL points at.
 *
 * Both providers are migrated here, not by the Prisma CLI: the CLI is a devDependency, and a
 * production install (`npm ci --omit=dev`) must still migrate. Migrations are applied in order
 * and recorded in Prisma's own `_prisma_migrations` table (same columns, same sha256 checksums,
 * same timestamp format) so `prisma migrate status|deploy` sees an identical history.
 * Postgres also could not use the CLI anyway: Prisma 6.19's WASM engine cannot read Postgres
 * `name` columns through adapter-pg (prisma/orm#27403).
 */
export async function applyMigrations(databaseUrl: string, log: (line: string) => void = () => {}): Promise<string[]> {
  const target = databaseTarget(databaseUrl);
  if (target.provider === "sqlite") {
    fs.mkdirSync(path.dirname(target.filePath), { recursive: true });
    const applied = await applySqliteMigrations(target.filePath, target.migrationsPath, log);
    await useWriteAheadLog(target.filePath);
    return applied;
  }
  return applyPostgresMigrations(target.url, target.migrationsPath, log);
}

/**
 * WAL lets readers (the admin, the tracking page) keep reading while the sync worker writes, and
 * it is a property of the database file, so setting it once here covers every connection.
 */
async function useWriteAheadLog(filePath: string): Promise<void> {
  const { createClient } = await import("@libsql/client");
  const client = createClient({ url: `file:${filePath}` });
  try {
    await client.execute("PRAGMA journal_mode = WAL");
  } finally {
    client.close();
  }
}

interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

/** The checked-in migrations, oldest first; the checksum is Prisma's (sha256 of the script). */
function migrationFiles(migrationsPath: string): MigrationFile[] {
  return fs
    .readdirSync(migrationsPath, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(migrationsPath, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(migrationsPath, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

/** Prisma's table, as its SQLite schema engine creates it. */
const SQLITE_HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/** Prisma stores SQLite timestamps as RFC 3339 text with an explicit offset. */
const sqliteTimestamp = (date: Date) => date.toISOString().replace("Z", "+00:00");

async function applySqliteMigrations(filePath: string, migrationsPath: string, log: (line: string) => void): Promise<string[]> {
  const { createClient } = await import("@libsql/client");
  const client = createClient({ url: `file:${filePath}` });
  const applied: string[] = [];
  try {
    // Another process migrating the same file waits for the lock instead of failing at once.
    await client.execute("PRAGMA busy_timeout = 10000");
    await client.execute(SQLITE_HISTORY_TABLE);
    const history = await client.execute('SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"');
    const rows = history.rows.map((row) => ({
      name: String(row.migration_name),
      checksum: String(row.checksum),
      finished: row.finished_at !== null,
      rolledBack: row.rolled_back_at !== null,
    }));
    const failed = rows.find((row) => !row.finished && !row.rolledBack);
    if (failed) throw new Error(`migration ${failed.name} failed earlier; fix the database, then mark it rolled back`);
    const done = new Map(rows.filter((row) => row.finished).map((row) => [row.name, row.checksum]));
    for (const migration of migrationFiles(migrationsPath)) {
      const previous = done.get(migration.name);
      if (previous) {
        if (previous !== migration.checksum) log(`warning: ${migration.name} was modified after it was applied`);
        continue;
      }
      const id = crypto.randomUUID();
      await client.execute({
        sql: 'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES (?, ?, ?, ?)',
        args: [id, migration.checksum, migration.name, sqliteTimestamp(new Date())],
      });
      try {
        // Run as written, like Prisma: table redefinitions toggle `PRAGMA foreign_keys`, which
        // is ignored inside a transaction (a DROP TABLE would then cascade into child rows).
        await client.executeMultiple(migration.sql);
      } catch (error) {
        await client.execute({ sql: 'UPDATE "_prisma_migrations" SET logs = ? WHERE id = ?', args: [String(error), id] });
        throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`);
      }
      await client.execute({
        sql: 'UPDATE "_prisma_migrations" SET finished_at = ?, applied_steps_count = 1 WHERE id = ?',
        args: [sqliteTimestamp(new Date()), id],
      });
      applied.push(migration.name);
    }
    log(applied.length > 0 ? `${applied.length} migration(s) applied: ${applied.join(", ")}` : "no pending migrations");
    return applied;
  } finally {
    client.close();
  }
}

const HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** An arbitrary constant: concurrent deploys (several app instances starting) take turns. */
const MIGRATION_LOCK_KEY = 72_707_374;

async function applyPostgresMigrations(url: string, migrationsPath: string, log: (line: string) => void): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(HISTORY_TABLE);
    const history = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
    );
    const failed = history.rows.filter((row) => !row.finished_at && !row.rolled_back_at);
    if (failed.length > 0) {
      throw new Error(`migration ${failed[0]?.migration_name} failed earlier; fix the database, then mark it rolled back`);
    }
    const done = new Map(history.rows.filter((row) => row.finished_at).map((row) => [row.migration_name, row.checksum]));
    for (const { name, sql, checksum } of migrationFiles(migrationsPath)) {
      const previous = done.get(name);
      if (previous) {
        if (previous !== checksum) log(`warning: ${name} was modified after it was applied`);
        continue;
      }
      const id = crypto.randomUUID();
      await client.query('INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ($1, $2, $3)', [id, checksum, name]);
      try {
        await client.query("BEGIN");
        await client.query(sql);
        await client.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        await client.query('UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1', [id, String(error)]);
        throw new Error(`migration ${name} failed: ${(error as Error).message}`);
      }
      applied.push(name);
      log(`applied ${name}`);
    }
    log(applied.length > 0 ? `${applied.length} migration(s) applied` : "no pending migrations");
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
