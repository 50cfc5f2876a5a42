import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { databaseTarget, projectRoot } from "./database-target";

/**
 * Applies the checked-in migrations of the provider DATABASE_URL points at.
 *
 * SQLite: `prisma migrate deploy` (WASM schema engine through the libsql adapter, offline).
 * Postgres: Prisma 6.19's WASM engine cannot read Postgres `name` columns through adapter-pg
 * (prisma/orm#27403), so migrations are applied here, in order, each in its own transaction,
 * recorded in Prisma's own `_prisma_migrations` table (same columns, same sha256 checksums) so
 * the native `prisma migrate` sees an identical history.
 */
export async function applyMigrations(databaseUrl: string, log: (line: string) => void = () => {}): Promise<string[]> {
  const target = databaseTarget(databaseUrl);
  if (target.provider === "sqlite") {
    const output = execFileSync(path.join(projectRoot, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
      cwd: projectRoot,
      // No update check: it would wait on the network, which production hosts may not have.
      env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1" },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    log(output.trim());
    await useWriteAheadLog(target.filePath);
    return [];
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
    const names = fs
      .readdirSync(migrationsPath, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    for (const name of names) {
      const file = path.join(migrationsPath, name, "migration.sql");
      if (!fs.existsSync(file)) continue;
      const sql = fs.readFileSync(file, "utf8");
      const checksum = crypto.createHash("sha256").update(sql).digest("hex");
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
