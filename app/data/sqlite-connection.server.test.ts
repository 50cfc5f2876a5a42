import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ResultSet } from "@libsql/client";
import Database from "libsql";
import { afterEach, describe, expect, it } from "vitest";
import { copySqliteTemplate } from "~/testing/test-database.server";
import { createDb } from "./db.server";
import { startSqliteCheckpointer } from "./sqlite-checkpointer.server";
import { SqliteConnection } from "./sqlite-connection.server";

/** A result's rows as arrays of their values (rows are read by index, like the adapter reads them). */
const values = (result: ResultSet) => result.rows.map((row) => Array.from(row));

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trackline-sqlite-"));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, "db.sqlite");
}

function connection(file = tempFile(), options = {}) {
  const opened = new SqliteConnection(file, options);
  cleanups.push(() => opened.close());
  return opened;
}

describe("SQLite connection", () => {
  it("keeps one connection across transactions, so what one commits the next reads", async () => {
    const db = connection();
    await db.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, data BLOB, big INTEGER)");
    const tx = await db.transaction("deferred");
    await tx.execute({ sql: "INSERT INTO item (name, data, big) VALUES (?, ?, ?)", args: ["a", new Uint8Array([1, 2, 3]).buffer, 42n] });
    await tx.commit();
    expect(tx.closed).toBe(true);
    const rolledBack = await db.transaction("deferred");
    await rolledBack.execute({ sql: "INSERT INTO item (name) VALUES (?)", args: ["b"] });
    await rolledBack.rollback();
    const result = await db.execute({ sql: "SELECT name, data, big FROM item WHERE name = ?", args: ["a"] });
    expect(result.columns).toEqual(["name", "data", "big"]);
    expect(result.columnTypes).toEqual(["TEXT", "BLOB", "INTEGER"]);
    const [row] = result.rows;
    expect(row?.[0]).toBe("a");
    expect([...new Uint8Array(row?.[1] as ArrayBuffer)]).toEqual([1, 2, 3]);
    expect(row?.[2]).toBe(42);
    expect(values(await db.execute("SELECT count(*) FROM item"))).toEqual([[1]]);
  });

  it("a COMMIT that fails leaves no transaction open: later writes are committed, not rolled back with it", async () => {
    const file = tempFile();
    const db = connection(file);
    await db.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)");
    await db.execute("CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)");
    await db.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)");
    const tx = await db.transaction("deferred");
    await tx.execute({ sql: "INSERT INTO child (parent_id) VALUES (?)", args: [404] });
    // SQLite refuses this COMMIT (deferred foreign key) and keeps the transaction open.
    await expect(tx.commit()).rejects.toThrow(/FOREIGN KEY constraint failed/);
    expect(tx.closed).toBe(true);
    expect(db.inTransaction).toBe(false);
    // A write after the failed commit (another delivery, answered once it returns) is stored.
    await db.execute({ sql: "INSERT INTO note (text) VALUES (?)", args: ["after"] });
    const reader = connection(file);
    expect(values(await reader.execute("SELECT text FROM note"))).toEqual([["after"]]);
    expect(values(await reader.execute("SELECT count(*) FROM child"))).toEqual([[0]]);
  });

  it("a transaction's first write does not fail as busy when another connection wrote after its first read", async () => {
    const file = tempFile();
    const db = connection(file);
    await db.execute("PRAGMA journal_mode = WAL");
    await db.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT)");
    // Another process's connection, not waiting for locks.
    const other = new Database(file);
    cleanups.push(() => {
      other.close();
    });
    other.prepare("PRAGMA busy_timeout = 0").all();
    // Prisma's adapter asks for a deferred transaction, reads, then writes (as a delivery's batch does).
    const tx = await db.transaction("deferred");
    expect(values(await tx.execute("SELECT count(*) FROM item"))).toEqual([[0]]);
    let otherWrite = "written";
    try {
      other.prepare("INSERT INTO item (name) VALUES (?)").run(["other"]);
    } catch (error) {
      otherWrite = (error as Error).message;
    }
    await tx.execute({ sql: "INSERT INTO item (name) VALUES (?)", args: ["mine"] });
    await tx.commit();
    // The transaction held the write lock from its start: the other writer waits (here: gives up).
    expect(otherWrite).toBe("database is locked");
    expect(values(await db.execute("SELECT name FROM item ORDER BY id"))).toEqual([["mine"]]);
  });

  it("a finished transaction's handle never touches the connection's next transaction", async () => {
    const db = connection();
    await db.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT)");
    const first = await db.transaction("deferred");
    await first.rollback();
    const second = await db.transaction("deferred");
    await second.execute({ sql: "INSERT INTO item (name) VALUES (?)", args: ["kept"] });
    // The first handle, closed again late (a timed-out transaction's cleanup), must not end the second.
    first.close();
    await first.rollback();
    await expect(first.execute({ sql: "INSERT INTO item (name) VALUES (?)", args: ["stray"] })).rejects.toThrow("The transaction is closed");
    expect(second.closed).toBe(false);
    await second.commit();
    expect(values(await db.execute("SELECT name FROM item"))).toEqual([["kept"]]);
  });

  it("reuses a prepared statement with new arguments and reports changes", async () => {
    const db = connection();
    await db.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT)");
    for (const name of ["a", "b", "c"]) {
      const inserted = await db.execute({ sql: "INSERT INTO item (name) VALUES (?)", args: [name] });
      expect(inserted.rowsAffected).toBe(1);
    }
    const updated = await db.execute({ sql: "UPDATE item SET name = upper(name) WHERE name <> ?", args: ["b"] });
    expect(updated.rowsAffected).toBe(2);
    expect(values(await db.execute({ sql: "SELECT name FROM item WHERE id >= ? ORDER BY id", args: [2] }))).toEqual([["b"], ["C"]]);
    expect(values(await db.execute({ sql: "SELECT name FROM item WHERE id >= ? ORDER BY id", args: [3] }))).toEqual([["C"]]);
  });

  it("refuses integers JavaScript cannot hold instead of rounding them", async () => {
    const db = connection();
    await expect(db.execute("SELECT 9007199254740993")).rejects.toThrow(RangeError);
  });

  it("reports SQLite errors with the codes the Prisma adapter maps", async () => {
    const { url, remove } = copySqliteTemplate();
    cleanups.push(remove);
    const { db } = createDb(url);
    cleanups.push(() => db.$disconnect());
    await db.shop.create({ data: { domain: "a.myshopify.com" } });
    await expect(db.shop.create({ data: { domain: "a.myshopify.com" } })).rejects.toMatchObject({ code: "P2002" });
    // A failed interactive transaction leaves the shared connection usable.
    await expect(
      db.$transaction(async (tx) => {
        await tx.shop.create({ data: { domain: "b.myshopify.com" } });
        await tx.shop.create({ data: { domain: "a.myshopify.com" } });
      }),
    ).rejects.toMatchObject({ code: "P2002" });
    expect(await db.shop.count()).toBe(1);
    await db.$transaction(async (tx) => tx.shop.create({ data: { domain: "c.myshopify.com" } }));
    expect((await db.shop.findMany({ orderBy: { domain: "asc" } })).map((shop) => shop.domain)).toEqual(["a.myshopify.com", "c.myshopify.com"]);
  });

  it("with manual checkpoints, commits leave the WAL to the checkpoint thread, which empties it", async () => {
    const file = tempFile();
    const db = connection(file, { manualCheckpoints: true });
    await db.execute("PRAGMA journal_mode = WAL");
    await db.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, body TEXT)");
    // Far past SQLite's automatic threshold of 1,000 pages.
    for (let index = 0; index < 4_000; index++) await db.execute({ sql: "INSERT INTO item (body) VALUES (?)", args: ["x".repeat(2_000)] });
    const walBytes = fs.statSync(`${file}-wal`).size;
    expect(walBytes).toBeGreaterThan(1_500 * 4096);
    // PASSIVE checkpoints only here (no size trigger): sqlite-checkpointer.server.test.ts covers that.
    const checkpointer = startSqliteCheckpointer(file, { intervalMs: 20, walLimitBytes: Number.MAX_SAFE_INTEGER });
    cleanups.push(() => checkpointer.stop());
    let result = await checkpointer.nextCheckpoint();
    while (result.checkpointed < result.log) result = await checkpointer.nextCheckpoint();
    expect(result.log).toBeGreaterThan(1_500);
    // The next write starts the WAL over instead of growing it.
    await db.execute({ sql: "INSERT INTO item (body) VALUES (?)", args: ["y"] });
    await checkpointer.nextCheckpoint();
    const after = await checkpointer.nextCheckpoint();
    expect(after.log).toBeLessThan(10);
    expect(values(await db.execute("SELECT count(*) FROM item"))).toEqual([[4_001]]);
  });
});
