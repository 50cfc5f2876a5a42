import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../data/database-target";

/**
 * A migrated, demo-seeded SQLite file in the temp folder for the tracking-page benchmark and
 * browser test (never the developer's prisma/demo.sqlite). Returns its DATABASE_URL.
 */
export function demoDatabase(name: string): { url: string; remove(): void } {
  const file = path.join(os.tmpdir(), `trackline-${name}-${process.pid}.sqlite`);
  fs.rmSync(file, { force: true });
  const url = `file:${file}`;
  const env = { ...process.env, DATABASE_URL: url, TRACKLINE_DEMO: "1", HOST: "127.0.0.1", NODE_ENV: "development" as const, SHOPIFY_API_KEY: "", SHOPIFY_API_SECRET: "" };
  const tsx = path.join(projectRoot, "node_modules/.bin/tsx");
  for (const args of [["app/data/migrate.ts"], ["app/cli/main.ts", "seed-demo"]]) {
    const result = spawnSync(tsx, args, { cwd: projectRoot, env, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  }
  return { url, remove: () => fs.rmSync(file, { force: true }) };
}
