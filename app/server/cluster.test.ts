import { spawn } from "node:child_process";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "~/testing/free-port";
import { createDb } from "~/data/db.server";
import { projectRoot } from "~/config/database-target.server";
import { copySqliteTemplate } from "~/testing/test-database.server";
import { webConcurrency } from "./cluster.server";

describe("webConcurrency", () => {
  it("defaults to the cores, 1 in demo mode, and honours WEB_CONCURRENCY", () => {
    expect(webConcurrency({}, 8)).toBe(8);
    expect(webConcurrency({ TRACKLINE_DEMO: "1" }, 8)).toBe(1);
    expect(webConcurrency({ WEB_CONCURRENCY: "3" }, 8)).toBe(3);
    expect(webConcurrency({ WEB_CONCURRENCY: "3", TRACKLINE_DEMO: "1" }, 8)).toBe(3);
    expect(webConcurrency({ WEB_CONCURRENCY: "zero" }, 2)).toBe(2);
  });
});

describe("web server as 2 processes on one SQLite database", () => {
  let database: ReturnType<typeof copySqliteTemplate>;
  let child: ReturnType<typeof spawn>;
  let url: string;

  beforeAll(async () => {
    database = copySqliteTemplate();
    const port = await freePort();
    const { SQLITE_CHECKPOINTS: _unset, ...inherited } = process.env;
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ["--import", "tsx", "app/testing/cluster-fixture.server.ts"], {
      cwd: projectRoot,
      env: { ...inherited, WEB_CONCURRENCY: "2", PORT: String(port), DATABASE_URL: database.url },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let listening = 0;
    await new Promise<void>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`cluster exited (${code})`)));
      child.stdout?.on("data", (chunk: Buffer) => {
        listening += chunk.toString().split("\n").filter((line) => line.startsWith("listening")).length;
        if (listening === 2) resolve();
      });
    });
  }, 60_000);

  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    database.remove();
  });

  it("serves from both workers, stores every concurrent write once, and checkpoints only in the primary", async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => fetch(url, { method: "POST" }).then(async (response) => ({ status: response.status, body: (await response.json()) as { pid: number; checkpoints: string; autocheckpoint: number } }))),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    const pids = new Set(answers.map((answer) => answer.body.pid));
    expect(pids.size).toBe(2);
    expect(pids.has(child.pid!)).toBe(false);
    // Workers neither checkpoint in commits nor run a checkpointer of their own.
    expect(new Set(answers.map((answer) => `${answer.body.checkpoints}/${answer.body.autocheckpoint}`))).toEqual(new Set(["external/0"]));
    const { db } = createDb(database.url);
    expect(await db.shop.count({ where: { domain: { endsWith: ".myshopify.com" } } })).toBeGreaterThanOrEqual(200);
    await db.$disconnect();
  }, 60_000);

  it("the primary's checkpointer empties the WAL the workers wrote", async () => {
    const deadline = Date.now() + 20_000;
    const walBytes = () => (fs.existsSync(`${database.file}-wal`) ? fs.statSync(`${database.file}-wal`).size : 0);
    const { db } = createDb(database.url);
    const before = await db.shop.count();
    await db.$disconnect();
    // Checkpointed frames are reused from the start of the log by the next write: the WAL's
    // size then stays put however many writes follow.
    await Promise.all(Array.from({ length: 50 }, () => fetch(url, { method: "POST" }).then((response) => response.arrayBuffer())));
    const size = walBytes();
    for (let round = 0; round < 5 && Date.now() < deadline; round++) {
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      await Promise.all(Array.from({ length: 50 }, () => fetch(url, { method: "POST" }).then((response) => response.arrayBuffer())));
    }
    expect(walBytes()).toBeLessThanOrEqual(Math.max(size, 512 * 1024));
    const check = createDb(database.url).db;
    expect(await check.shop.count()).toBe(before + 300);
    await check.$disconnect();
  }, 60_000);
});
