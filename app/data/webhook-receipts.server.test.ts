import { beforeEach, describe, expect, it } from "vitest";
import { database } from "./client.server";
import { ensureShop } from "./fulfillments.server";
import { isUniqueViolation, recordReceipt } from "./webhook-receipts.server";

const shop = "unique.myshopify.com";
const receipt = { webhookId: "w-1", topic: "fulfillments/create", shopDomain: shop, apiVersion: "2026-07", outcome: "processed" as const, error: null, payload: null, orderId: null, processedAt: null };

async function failure(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error("expected the statement to fail");
}

describe("isUniqueViolation", () => {
  beforeEach(async () => {
    const { db } = database();
    await db.webhookReceipt.deleteMany({ where: { shopDomain: shop } });
    await db.shipment.deleteMany({ where: { shopDomain: shop } });
    await ensureShop(db, shop);
  });

  it("recognises a unique violation raised by a Prisma write", async () => {
    const { db } = database();
    await recordReceipt(db, receipt, new Date());
    expect(isUniqueViolation(await failure(() => recordReceipt(db, receipt, new Date())))).toBe(true);
  });

  it("recognises a unique violation raised by a plain SQL statement (the ingestion inserts)", async () => {
    const { db } = database();
    const now = new Date();
    const insert = (id: string) =>
      db.$executeRaw`INSERT INTO "Shipment" ("id", "shopDomain", "fulfillmentId", "trackingNumber", "orderId", "orderName", "status", "createdAt", "updatedAt") VALUES (${id}, ${shop}, ${"f-1"}, ${"1Z999AA10123456784"}, ${"o-1"}, ${"#1001"}, ${"pending"}, ${now}, ${now})`;
    await insert("a");
    expect(isUniqueViolation(await failure(() => insert("b")))).toBe(true);
  });

  it("does not take other failures for duplicates", async () => {
    const { db } = database();
    expect(isUniqueViolation(await failure(() => db.$executeRaw`INSERT INTO "Shipment" ("id") VALUES (${"only-an-id"})`))).toBe(false);
    expect(isUniqueViolation(new Error("UNIQUE constraint failed"))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });
});
