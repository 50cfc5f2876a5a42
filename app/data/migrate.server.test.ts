import { createClient } from "@libsql/client";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "~/config/database-target.server";
import { applyMigrations } from "./migrate.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trackline-migrate-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function query(file: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = createClient({ url: `file:${file}` });
  try {
    return (await client.execute(sql)).rows.map((row) => ({ ...row }));
  } finally {
    client.close();
  }
}

const schemaOf = (file: string) =>
  query(file, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY type, name");

function prismaCli(args: string[], databaseUrl: string): string {
  return execFileSync(path.join(projectRoot, "node_modules/.bin/prisma"), args, {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

describe("SQLite migrations without the Prisma CLI", () => {
  it("builds exactly the schema `prisma migrate deploy` builds, and Prisma reads the history as its own", async () => {
    const ours = path.join(dir, "ours.sqlite");
    const theirs = path.join(dir, "theirs.sqlite");
    const names = fs.readdirSync(path.join(projectRoot, "prisma/migrations")).filter((name) => /^\d/.test(name)).sort();

    const applied = await applyMigrations(`file:${ours}`);
    expect(applied).toEqual(names);
    prismaCli(["migrate", "deploy"], `file:${theirs}`);
    expect(await schemaOf(ours)).toEqual(await schemaOf(theirs));

    // Same history rows as Prisma writes: a later `prisma migrate` (development) sees nothing to do.
    const history = await query(ours, 'SELECT migration_name, checksum, applied_steps_count, finished_at FROM "_prisma_migrations" ORDER BY migration_name');
    const prismaHistory = await query(theirs, 'SELECT migration_name, checksum, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name');
    expect(history.map(({ finished_at: _finished, ...row }) => row)).toEqual(prismaHistory);
    expect(String(history[0]?.finished_at)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
    expect(prismaCli(["migrate", "status"], `file:${ours}`)).toMatch(/Database schema is up to date/);
  }, 60_000);

  it("applies nothing the second time and switches the file to WAL", async () => {
    const file = path.join(dir, "twice.sqlite");
    await applyMigrations(`file:${file}`);
    expect(await applyMigrations(`file:${file}`)).toEqual([]);
    expect(await query(file, "PRAGMA journal_mode")).toEqual([{ journal_mode: "wal" }]);
  });

  it("refuses to continue over a migration that failed earlier", async () => {
    const file = path.join(dir, "failed.sqlite");
    await applyMigrations(`file:${file}`);
    const client = createClient({ url: `file:${file}` });
    await client.execute(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('x', 'y', '99999999999999_broken')`);
    client.close();
    await expect(applyMigrations(`file:${file}`)).rejects.toThrow(/99999999999999_broken failed earlier/);
  });
});
