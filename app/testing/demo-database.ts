import { runScript } from "~/bench/kit/server";
import { tempDir } from "~/bench/kit/temp";

/**
 * A migrated, demo-seeded SQLite file in a private temp folder for the benchmarks and the browser
 * test (never the developer's prisma/demo.sqlite). Returns its DATABASE_URL; `remove()` deletes
 * the folder, with the database's -wal and -shm files.
 */
export function demoDatabase(name: string): { url: string; remove(): void } {
  const dir = tempDir(name);
  const url = `file:${dir.file("demo.sqlite")}`;
  const env = { ...process.env, DATABASE_URL: url, TRACKLINE_DEMO: "1", HOST: "127.0.0.1", NODE_ENV: "development" as const, SHOPIFY_API_KEY: "", SHOPIFY_API_SECRET: "" };
  runScript(["app/data/migrate.ts"], env);
  runScript(["app/cli/main.ts", "seed-demo"], env);
  return { url, remove: dir.remove };
}
