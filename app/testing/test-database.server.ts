import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "~/config/database-target.server";

/**
 * Test databases are real SQLite files built by the real migrations: `prisma migrate deploy` runs
 * once into a template (keyed by the migrations' content), and every test file gets its own copy.
 */
function migrationsFingerprint(migrationsDir: string): string {
  const hash = crypto.createHash("sha256");
  for (const name of fs.readdirSync(migrationsDir).sort()) {
    const file = path.join(migrationsDir, name, "migration.sql");
    if (fs.existsSync(file)) hash.update(name).update(fs.readFileSync(file));
  }
  return hash.digest("hex").slice(0, 16);
}

export function sqliteTemplatePath(): string {
  const fingerprint = migrationsFingerprint(path.join(projectRoot, "prisma/migrations"));
  return path.join(os.tmpdir(), `trackline-test-template-${fingerprint}.sqlite`);
}

/** Applies migrations exactly as `npm run setup` does. */
export function migrateDeploy(databaseUrl: string): void {
  const result = spawnSync(path.join(projectRoot, "node_modules/.bin/tsx"), ["app/data/migrate.ts"], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`migrations failed for ${databaseUrl}:\n${result.stdout}${result.stderr}`);
}

export function ensureSqliteTemplate(): string {
  const template = sqliteTemplatePath();
  if (!fs.existsSync(template)) {
    const building = `${template}.${process.pid}.tmp`;
    migrateDeploy(`file:${building}`);
    fs.renameSync(building, template);
  }
  return template;
}

/** A fresh migrated SQLite file; returns its DATABASE_URL and a cleanup. */
export function copySqliteTemplate(): { url: string; file: string; remove: () => void } {
  const file = path.join(os.tmpdir(), `trackline-test-${process.pid}-${crypto.randomUUID()}.sqlite`);
  fs.copyFileSync(sqliteTemplatePath(), file);
  return {
    url: `file:${file}`,
    file,
    remove: () => {
      for (const suffix of ["", "-journal", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
    },
  };
}
