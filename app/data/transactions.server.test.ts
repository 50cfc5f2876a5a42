import { beforeEach, describe, expect, it, vi } from "vitest";
import { database } from "./client.server";
import { Prisma } from "./generated/sqlite/client";
import { ensureShop } from "./fulfillments.server";
import { executeStatement, queryRows } from "./transaction-sql.server";
import { inPlainSqlTransaction, isConflictRollback, NotPlainSql, retryingConflicts } from "./transactions.server";
import { isUniqueViolation } from "./webhook-receipts.server";

const shop = "plain-sql-transaction.myshopify.com";
const insert = (webhookId: string) =>
  Prisma.sql`INSERT INTO "WebhookReceipt" ("id", "webhookId", "topic", "shopDomain", "receivedAt", "processedAt", "outcome") VALUES (${`id-${webhookId}`}, ${webhookId}, ${"fulfillments/create"}, ${shop}, ${new Date()}, ${null}, ${"processed"})`;
const stored = async () => (await database().db.webhookReceipt.findMany({ where: { shopDomain: shop }, orderBy: { webhookId: "asc" } })).map((row) => row.webhookId);

describe("inPlainSqlTransaction on SQLite", () => {
  beforeEach(async () => {
    const { db } = database();
    await db.webhookReceipt.deleteMany({ where: { shopDomain: shop } });
    await ensureShop(db, shop);
  });

  it("commits its plain statements without Prisma's interactive transaction", async () => {
    const { db } = database();
    const prismaTransactions = vi.spyOn(db, "$transaction");
    try {
      const seen = await inPlainSqlTransaction(db, async (tx) => {
        await executeStatement(tx, insert("p-1"));
        await executeStatement(tx, insert("p-2"));
        return (await queryRows(tx, Prisma.sql`SELECT "webhookId" FROM "WebhookReceipt" WHERE "shopDomain" = ${shop} ORDER BY "webhookId"`)).map((row) => row.webhookId);
      });
      expect(seen).toEqual(["p-1", "p-2"]);
      expect(prismaTransactions).not.toHaveBeenCalled();
    } finally {
      prismaTransactions.mockRestore();
    }
    expect(await stored()).toEqual(["p-1", "p-2"]);
  });

  it("rolls every statement back when the work fails, a unique violation still reading as a duplicate", async () => {
    const { db } = database();
    await inPlainSqlTransaction(db, (tx) => executeStatement(tx, insert("p-3")));
    const error = await inPlainSqlTransaction(db, async (tx) => {
      await executeStatement(tx, insert("p-4"));
      await executeStatement(tx, insert("p-3"));
    }).catch((thrown: unknown) => thrown);
    expect(isUniqueViolation(error)).toBe(true);
    expect(await stored()).toEqual(["p-3"]);
  });

  it("refuses and rolls back work that reaches for a Prisma query, even when the work caught the error", async () => {
    const { db } = database();
    await expect(
      inPlainSqlTransaction(db, async (tx) => {
        await executeStatement(tx, insert("p-5"));
        await tx.webhookReceipt.count();
      }),
    ).rejects.toBeInstanceOf(NotPlainSql);
    await expect(
      inPlainSqlTransaction(db, async (tx) => {
        await executeStatement(tx, insert("p-6"));
        try {
          await tx.shipment.update({ where: { id: "none" }, data: {} });
        } catch {
          // swallowed by careless work: the transaction must still not commit
        }
        return "done";
      }),
    ).rejects.toBeInstanceOf(NotPlainSql);
    expect(await stored()).toEqual([]);
  });

  it("holds Prisma's queries back until it ends, so none joins it", async () => {
    const { db } = database();
    let outside: Promise<number> | undefined;
    await expect(
      inPlainSqlTransaction(db, async (tx) => {
        await executeStatement(tx, insert("p-7"));
        outside = db.webhookReceipt.count({ where: { shopDomain: shop } });
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");
    // The count waited for the rollback: it never saw p-7, and it did not run inside the transaction.
    expect(await outside).toBe(0);
    expect(await stored()).toEqual([]);
  });

  it("rolls back a transaction past its timeout at once and releases the connection", async () => {
    const { db } = database();
    let release: () => void = () => undefined;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    const started = Date.now();
    await expect(
      inPlainSqlTransaction(
        db,
        async (tx) => {
          await executeStatement(tx, insert("p-8"));
          await stuck;
          // Too late: the transaction is gone, so this statement goes to Prisma and is refused.
          await executeStatement(tx, insert("p-9"));
        },
        { timeout: 100 },
      ),
    ).rejects.toThrow("timeout of 100 ms");
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await stored()).toEqual([]);
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await stored()).toEqual([]);
  });
});

describe("retryingConflicts", () => {
  const deadlock = new Prisma.PrismaClientKnownRequestError("Raw query failed. Code: `40P01`. Message: `deadlock detected`", {
    code: "P2010",
    clientVersion: "test",
    meta: { code: "40P01", message: "deadlock detected" },
  });

  it("knows Postgres's conflict rollbacks as Prisma reports them, and nothing else", () => {
    expect(isConflictRollback(deadlock)).toBe(true);
    expect(isConflictRollback(new Prisma.PrismaClientKnownRequestError("Transaction failed due to a write conflict or a deadlock", { code: "P2034", clientVersion: "test" }))).toBe(true);
    expect(isConflictRollback(new Error("could not serialize access due to concurrent update"))).toBe(true);
    expect(isConflictRollback(new Prisma.PrismaClientKnownRequestError("Unique constraint failed", { code: "P2002", clientVersion: "test" }))).toBe(false);
    expect(isConflictRollback(new Error("Transaction API error: could not start a transaction within 2000 ms"))).toBe(false);
    expect(isConflictRollback("deadlock detected")).toBe(false);
  });

  it("runs a transaction again after a conflict, at most three times in all, and never after another error", async () => {
    let runs = 0;
    await expect(retryingConflicts(async () => (++runs < 3 ? Promise.reject(deadlock) : "done"))).resolves.toBe("done");
    expect(runs).toBe(3);
    runs = 0;
    await expect(retryingConflicts(async () => (runs++, Promise.reject(deadlock)))).rejects.toBe(deadlock);
    expect(runs).toBe(3);
    runs = 0;
    const other = new Error("Shipment x has an unknown status");
    await expect(retryingConflicts(async () => (runs++, Promise.reject(other)))).rejects.toBe(other);
    expect(runs).toBe(1);
  });
});
