import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startSqliteCheckpointer } from "./sqlite-checkpointer.server";
import { SqliteConnection } from "./sqlite-connection.server";

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * Writes continuously (one small transaction after another in batches of 25, a couple of
 * milliseconds apart: several MB of WAL a second, as a busy server writes) with the background checkpointer running, and returns
 * the largest -wal size seen and the rows stored.
 */
async function writeContinuously(walLimitBytes: number, rows: number): Promise<{ maxWalBytes: number; stored: number; truncations: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trackline-checkpointer-"));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, "db.sqlite");
  const db = new SqliteConnection(file, { manualCheckpoints: true });
  cleanups.push(() => db.close());
  await db.execute("PRAGMA journal_mode = WAL");
  await db.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, body TEXT, at INTEGER)");
  await db.execute("CREATE INDEX item_at ON item (at)");
  const checkpointer = startSqliteCheckpointer(file, { intervalMs: 20, walLimitBytes });
  cleanups.push(() => checkpointer.stop());
  let truncations = 0;
  let counting = true;
  void (async () => {
    while (counting) if ((await checkpointer.nextCheckpoint()).mode === "truncate") truncations += 1;
  })();
  let maxWalBytes = 0;
  const body = "x".repeat(3_000);
  for (let index = 0; index < rows; index++) {
    await db.execute({ sql: "INSERT INTO item (body, at) VALUES (?, ?)", args: [body, index] });
    if (index % 25 === 0) {
      maxWalBytes = Math.max(maxWalBytes, fs.statSync(`${file}-wal`).size);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
  counting = false;
  const stored = Number((await db.execute("SELECT count(*) AS n FROM item")).rows[0]?.[0]);
  return { maxWalBytes, stored, truncations };
}

describe("background checkpointer under continuous writes", () => {
  const MB = 1024 * 1024;

  it("keeps the WAL under a bound by restarting it while writes continue", async () => {
    const { maxWalBytes, stored, truncations } = await writeContinuously(2 * MB, 12_000);
    expect(stored).toBe(12_000);
    expect(truncations).toBeGreaterThan(0);
    // The limit, plus what writing adds before the next tick truncates (generous: CPU is shared
    // with other tests, so the checkpoint thread may be scheduled late).
    expect(maxWalBytes).toBeLessThan(32 * MB);
  }, 120_000);

  it("(control) without the size trigger, the same writes grow the WAL well past that bound", async () => {
    const { maxWalBytes, stored } = await writeContinuously(Number.MAX_SAFE_INTEGER, 12_000);
    expect(stored).toBe(12_000);
    expect(maxWalBytes).toBeGreaterThan(64 * MB);
  }, 120_000);
});

describe("background checkpointer and process exit", () => {
  it("does not keep a process alive once its work is done (a stopping worker exits by itself)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trackline-checkpointer-exit-"));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const module = path.join(import.meta.dirname, "sqlite-checkpointer.server.ts");
    // Started and never stopped, as a process that ends without closing it (the thread is unref'd),
    // after half a second of checkpoints reported to the process.
    const script = `const { startSqliteCheckpointer } = await import(${JSON.stringify(module)});
startSqliteCheckpointer(${JSON.stringify(path.join(dir, "db.sqlite"))}, { intervalMs: 20 });
await new Promise((resolve) => setTimeout(resolve, 500));
console.log("checkpointing");`;
    // A script file, as a worker process runs (code given with -e exits however its handles stand).
    const file = path.join(dir, "process.mjs");
    fs.writeFileSync(file, script);
    const child = spawn(process.execPath, ["--import", "tsx", file], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const exit = await new Promise<number | string | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        resolve("still running after 15 s");
      }, 15_000);
      child.once("exit", (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    expect(output).toContain("checkpointing");
    expect(exit).toBe(0);
  }, 30_000);
});
