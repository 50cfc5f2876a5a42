import { beforeEach, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { FULFILLED_AT, queuedFulfillmentCreate } from "~/testing/queued-deliveries";
import { TEST_APP } from "~/testing/shopify-requests";
import { processWebhookBatch, type QueuedDelivery } from "./webhook-inbox.server";

const T0 = FULFILLED_AT;
const HOUR = 3_600_000;

function create(webhookId: string, fulfillmentId: number, trackingNumbers: string[], updatedAt = T0): QueuedDelivery {
  return queuedFulfillmentCreate(webhookId, fulfillmentId, trackingNumbers, { updatedAt, email: "shopper@example.com", now: new Date(T0.getTime() + 2 * HOUR) });
}

/** Counts the client's interactive transactions while `body` runs (vi.spyOn breaks Prisma's $transaction). */
async function countingTransactions(body: () => Promise<void>): Promise<number> {
  const { db } = database();
  const own = Object.prototype.hasOwnProperty.call(db, "$transaction");
  const original = db.$transaction;
  let calls = 0;
  db.$transaction = ((...args: Parameters<typeof original>) => {
    calls += 1;
    return original.apply(db, args);
  }) as typeof original;
  try {
    await body();
  } finally {
    if (own) db.$transaction = original;
    else delete (db as { $transaction?: unknown }).$transaction;
  }
  return calls;
}

const rows = () => database().db.shipment.findMany({ where: { shopDomain: TEST_APP.shop }, orderBy: [{ fulfillmentId: "asc" }, { trackingNumber: "asc" }] });

/** The group commit on SQLite: which transaction it runs in must never change what it stores. */
describe("group commit of fulfillments/create on SQLite", () => {
  beforeEach(async () => {
    const { db } = database();
    await db.shipment.deleteMany({});
    await db.webhookReceipt.deleteMany({});
    await db.cancelledOrder.deleteMany({});
    await db.shop.deleteMany({});
  });

  it("stores a batch of new parcels without Prisma's interactive transaction, dedupes within it and answers each", async () => {
    const { db } = database();
    const transactions = await countingTransactions(async () => {
      const results = await processWebhookBatch(db, [create("g-1", 101, ["1Z999AA10123456784"]), create("g-2", 102, ["1Z02ZPIE0325721754"]), create("g-1", 101, ["1Z999AA10123456784"])]);
      expect(results).toEqual([
        { ok: true, result: { outcome: "processed", note: "1 created, 0 updated, 0 stopped" } },
        { ok: true, result: { outcome: "processed", note: "1 created, 0 updated, 0 stopped" } },
        { ok: true, result: { outcome: "duplicate", note: null } },
      ]);
    });
    expect(transactions).toBe(0);
    expect((await rows()).map((row) => [row.fulfillmentId, row.trackingNumber, row.status])).toEqual([
      ["gid://shopify/Fulfillment/101", "1Z999AA10123456784", "pending"],
      ["gid://shopify/Fulfillment/102", "1Z02ZPIE0325721754", "pending"],
    ]);
    expect((await db.webhookReceipt.findMany({ orderBy: { webhookId: "asc" } })).map((row) => [row.webhookId, row.outcome])).toEqual([
      ["g-1", "processed"],
      ["g-2", "processed"],
    ]);
  });

  it("stores a batch whose create changes stored parcels without Prisma's transaction too (the update is plain SQL), everything once", async () => {
    const { db } = database();
    await processWebhookBatch(db, [create("h-1", 201, ["1Z999AA10123456784"])]);
    const before = await rows();
    const transactions = await countingTransactions(async () => {
      // A new parcel for another fulfillment, then the first fulfillment again, newer, with a second number.
      const results = await processWebhookBatch(db, [create("h-2", 202, ["1Z02ZPIE0325721754"]), create("h-3", 201, ["1Z999AA10123456784", "1ZA1234567890123X5"], new Date(T0.getTime() + HOUR))]);
      expect(results).toEqual([
        { ok: true, result: { outcome: "processed", note: "1 created, 0 updated, 0 stopped" } },
        { ok: true, result: { outcome: "processed", note: "1 created, 1 updated, 0 stopped" } },
      ]);
    });
    expect(transactions).toBe(0);
    const after = await rows();
    expect(after.map((row) => [row.fulfillmentId, row.trackingNumber])).toEqual([
      ["gid://shopify/Fulfillment/201", "1Z999AA10123456784"],
      ["gid://shopify/Fulfillment/201", "1ZA1234567890123X5"],
      ["gid://shopify/Fulfillment/202", "1Z02ZPIE0325721754"],
    ]);
    expect(after[0]?.id).toBe(before[0]?.id);
    expect(after[0]?.sourceUpdatedAt).toEqual(new Date(T0.getTime() + HOUR));
    expect(await db.webhookReceipt.count()).toBe(3);
  });

  it("stores fulfillments/update and orders/cancelled batches without Prisma's interactive transaction", async () => {
    const { db } = database();
    await processWebhookBatch(db, [create("u-1", 301, ["1Z999AA10123456784", "1Z02ZPIE0325721754"]), create("u-2", 303, ["1ZA1234567890123X5"])]);
    const later = new Date(T0.getTime() + HOUR);
    const update: QueuedDelivery = { ...create("u-3", 301, ["1Z999AA10123456784"], later), now: new Date(T0.getTime() + 3 * HOUR) };
    update.delivery.topic = "fulfillments/update";
    const cancel: QueuedDelivery = {
      delivery: { topic: "orders/cancelled", shopDomain: TEST_APP.shop, webhookId: "u-4", apiVersion: "2026-10", payload: { id: 304, cancelled_at: later.toISOString(), updated_at: later.toISOString() } },
      now: new Date(T0.getTime() + 3 * HOUR),
    };
    const transactions = await countingTransactions(async () => {
      const results = await processWebhookBatch(db, [update, cancel, { ...cancel }]);
      expect(results).toEqual([
        { ok: true, result: { outcome: "processed", note: "0 created, 1 updated, 1 stopped" } },
        { ok: true, result: { outcome: "processed", note: "1 shipments stopped" } },
        { ok: true, result: { outcome: "duplicate", note: null } },
      ]);
    });
    expect(transactions).toBe(0);
    expect((await rows()).map((row) => [row.fulfillmentId, row.trackingNumber, row.status, row.stopReason, row.trackingStoppedAt?.toISOString() ?? null, row.sourceUpdatedAt?.toISOString()])).toEqual([
      ["gid://shopify/Fulfillment/301", "1Z02ZPIE0325721754", "pending", "removed_from_fulfillment", "2026-11-20T13:00:00.000Z", later.toISOString()],
      ["gid://shopify/Fulfillment/301", "1Z999AA10123456784", "pending", null, null, later.toISOString()],
      ["gid://shopify/Fulfillment/303", "1ZA1234567890123X5", "cancelled", "order_cancelled", "2026-11-20T13:00:00.000Z", T0.toISOString()],
    ]);
    expect((await db.cancelledOrder.findMany({ where: { shopDomain: TEST_APP.shop } })).map((row) => [row.orderId, row.cancelledAt.toISOString()])).toEqual([["gid://shopify/Order/304", later.toISOString()]]);
    expect((await db.webhookReceipt.findMany({ orderBy: { webhookId: "asc" } })).map((row) => [row.webhookId, row.topic, row.outcome])).toEqual([
      ["u-1", "fulfillments/create", "processed"],
      ["u-2", "fulfillments/create", "processed"],
      ["u-3", "fulfillments/update", "processed"],
      ["u-4", "orders/cancelled", "processed"],
    ]);
  });
});
