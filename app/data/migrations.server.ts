import fs from "node:fs";
import path from "node:path";
import { databaseTarget } from "~/config/database-target.server";
import type { Db } from "./db.server";

/** Migration folder names checked in for the provider DATABASE_URL points at, oldest first. */
export function migrationNames(databaseUrl: string | undefined): string[] {
  const { migrationsPath } = databaseTarget(databaseUrl);
  return fs
    .readdirSync(migrationsPath, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(migrationsPath, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  failed: string[];
  /** Applied in the database but missing from the repository (a newer build ran against it). */
  unknown: string[];
}

/** Compares the database's migration history with the repository's migrations. */
export async function migrationStatus(db: Db, databaseUrl: string | undefined): Promise<MigrationStatus> {
  const expected = migrationNames(databaseUrl);
  let rows: { migration_name: string; finished_at: Date | string | null; rolled_back_at: Date | string | null }[] = [];
  try {
    rows = await db.$queryRawUnsafe(
      'SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name',
    );
  } catch {
    // No history table: nothing applied yet.
    rows = [];
  }
  const applied = rows.filter((row) => row.finished_at && !row.rolled_back_at).map((row) => row.migration_name);
  const failed = rows.filter((row) => !row.finished_at && !row.rolled_back_at).map((row) => row.migration_name);
  return {
    applied,
    failed,
    pending: expected.filter((name) => !applied.includes(name)),
    unknown: applied.filter((name) => !expected.includes(name)),
  };
}
