import { createClient } from "@libsql/client";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "~/config/database-target.server";
import { sqliteTemplatePath } from "~/testing/test-database.server";
import { postgresSummaryFunctionsSql, postgresSummaryTriggersSql, summaryTriggersSql } from "./day-summaries.sql";

async function schemaOf(file: string): Promise<string[]> {
  const client = createClient({ url: `file:${file}` });
  const result = await client.execute(
    "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE '_prisma%' AND name NOT LIKE 'sqlite_%' ORDER BY type, name",
  );
  client.close();
  // Whitespace differs between `migrate diff` and `db push`; the statements must not.
  return result.rows.map((row) => `${row.type} ${row.name}: ${String(row.sql).replace(/\s+/g, " ").replace(/\s*([(),])\s*/g, "$1")}`);
}

describe("checked-in migrations", () => {
  it("build exactly the database prisma/schema.prisma describes, plus the summary triggers", async () => {
    // What Prisma would create from the schema today, applied to an empty database…
    const result = spawnSync(
      path.join(projectRoot, "node_modules/.bin/prisma"),
      ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      { cwd: projectRoot, env: { ...process.env, CHECKPOINT_DISABLE: "1" }, encoding: "utf8" },
    );
    expect(result.status, result.stderr).toBe(0);
    const pushed = path.join(os.tmpdir(), `trackline-schema-${process.pid}.sqlite`);
    fs.rmSync(pushed, { force: true });
    const client = createClient({ url: `file:${pushed}` });
    await client.executeMultiple(result.stdout);
    // Prisma cannot describe triggers; the dashboard summaries' come from their generator.
    await client.executeMultiple(summaryTriggersSql("sqlite"));
    client.close();
    // …must equal what the checked-in migrations built.
    try {
      expect(await schemaOf(sqliteTemplatePath())).toEqual(await schemaOf(pushed));
    } finally {
      fs.rmSync(pushed, { force: true });
    }
  });

  it("give Postgres the same summary triggers and trigger functions the generator writes", () => {
    const migration = (name: string) => fs.readFileSync(path.join(projectRoot, "prisma/postgres/migrations", name, "migration.sql"), "utf8");
    const created = migration("20261123120000_dashboard_day_summaries");
    for (const trigger of postgresSummaryTriggersSql().split("\n").filter(Boolean)) expect(created).toContain(trigger);
    // The functions as they are now: the newest migration that replaces them.
    expect(migration("20261211090000_summary_triggers_planned_for_size")).toContain(postgresSummaryFunctionsSql());
  });
});
