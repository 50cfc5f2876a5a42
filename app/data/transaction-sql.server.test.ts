import { beforeEach, describe, expect, it } from "vitest";
import { database } from "./client.server";
import { Prisma } from "./generated/sqlite/client";
import { ensureShop } from "./fulfillments.server";
import { executeStatement, queryRows } from "./transaction-sql.server";
import { inTransaction } from "./transactions.server";
import { isUniqueViolation } from "./webhook-receipts.server";

const shop = "transaction-sql.myshopify.com";
const insert = (id: string, webhookId: string, at: Date) =>
  Prisma.sql`INSERT INTO "WebhookReceipt" ("id", "webhookId", "topic", "shopDomain", "receivedAt", "processedAt", "outcome") VALUES (${id}, ${webhookId}, ${"fulfillments/create"}, ${shop}, ${at}, ${null}, ${"processed"})`;
const ids = () => Prisma.sql`SELECT "webhookId" FROM "WebhookReceipt" WHERE "shopDomain" = ${shop} ORDER BY "webhookId"`;

describe("plain statements in a transaction (the webhook path)", () => {
  beforeEach(async () => {
    const { db } = database();
    await db.webhookReceipt.deleteMany({ where: { shopDomain: shop } });
    await ensureShop(db, shop);
  });

  it("run inside the transaction: they see its writes and are rolled back with it", async () => {
    const { db } = database();
    await expect(
      inTransaction(db, async (tx) => {
        expect(await executeStatement(tx, insert("t-1", "w-1", new Date()))).toBe(1);
        expect((await queryRows(tx, ids())).map((row) => row.webhookId)).toEqual(["w-1"]);
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");
    expect(await queryRows(db, ids())).toEqual([]);
    await inTransaction(db, (tx) => executeStatement(tx, insert("t-2", "w-2", new Date())));
    expect((await queryRows(db, ids())).map((row) => row.webhookId)).toEqual(["w-2"]);
  });

  it("bind instants as Prisma does, so Prisma reads them back equal", async () => {
    const { db } = database();
    const at = new Date("2026-12-06T10:11:12.345Z");
    await inTransaction(db, (tx) => executeStatement(tx, insert("t-3", "w-3", at)));
    expect((await db.webhookReceipt.findUniqueOrThrow({ where: { webhookId: "w-3" } })).receivedAt).toEqual(at);
    expect(await db.webhookReceipt.count({ where: { shopDomain: shop, receivedAt: { gte: at } } })).toBe(1);
    // In the transaction they ran on SQLite's own connection (its text form), outside it through Prisma.
    const read = Prisma.sql`SELECT "receivedAt" FROM "WebhookReceipt" WHERE "webhookId" = ${"w-3"}`;
    expect((await inTransaction(db, (tx) => queryRows(tx, read)))[0]?.receivedAt).toBe("2026-12-06T10:11:12.345+00:00");
    expect((await queryRows(db, read))[0]?.receivedAt).toEqual(at);
  });

  it("raise a unique violation that reads as a duplicate delivery", async () => {
    const { db } = database();
    await inTransaction(db, (tx) => executeStatement(tx, insert("t-4", "w-4", new Date())));
    const error = await inTransaction(db, (tx) => executeStatement(tx, insert("t-5", "w-4", new Date()))).catch((thrown: unknown) => thrown);
    expect(isUniqueViolation(error)).toBe(true);
    expect((await queryRows(db, ids())).map((row) => row.webhookId)).toEqual(["w-4"]);
  });
});
