import { beforeEach, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { FULFILLED_AT, queuedFulfillmentCreate } from "~/testing/queued-deliveries";
import { TEST_APP } from "~/testing/shopify-requests";
import { WebhookBatcher, type CommittedDelivery } from "./webhook-batcher";
import { processWebhookBatch, type QueuedDelivery } from "./webhook-inbox.server";

const T0 = FULFILLED_AT;

function create(webhookId: string, fulfillmentId: number, trackingNumber: string): QueuedDelivery {
  return queuedFulfillmentCreate(webhookId, fulfillmentId, [trackingNumber], { now: new Date(T0.getTime() + 60_000) });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const stored = async () => {
  const { db } = database();
  return {
    shipments: (await db.shipment.findMany({ where: { shopDomain: TEST_APP.shop }, orderBy: { trackingNumber: "asc" } })).map((row) => [row.fulfillmentId, row.trackingNumber]),
    receipts: (await db.webhookReceipt.findMany({ orderBy: { webhookId: "asc" } })).map((row) => [row.webhookId, row.outcome]),
  };
};

/** The real batch work, recording each batch's webhook ids and running `during` while the first commits. */
function recording(during?: () => void) {
  const batches: string[][] = [];
  const work: typeof processWebhookBatch = async (db, batch) => {
    batches.push(batch.map(({ delivery }) => delivery.webhookId));
    const committing = processWebhookBatch(db, batch);
    if (batches.length === 1) during?.();
    return committing;
  };
  return { batches, work };
}

describe("the webhook group commit's window", () => {
  beforeEach(async () => {
    const { db } = database();
    await db.shipment.deleteMany({});
    await db.webhookReceipt.deleteMany({});
    await db.shop.deleteMany({});
  });

  it("commits deliveries that arrive within the window of the first in one batch, and answers each after the commit", async () => {
    const { db } = database();
    const { batches, work } = recording();
    const batcher = new WebhookBatcher(db, 200, work);
    const first = batcher.submit(create("w-1", 401, "1Z999AA10123456784"));
    await sleep(20);
    const second = batcher.submit(create("w-2", 402, "1Z02ZPIE0325721754"));
    const answers = await Promise.all([first.then(async (result) => ({ result, receipts: await db.webhookReceipt.count() })), second]);
    expect(batches).toEqual([["w-1", "w-2"]]);
    // The first caller was answered only once its receipt (and its batch-mate's) was committed.
    expect(answers).toEqual([{ result: { outcome: "processed", note: "1 created, 0 updated, 0 stopped" }, receipts: 2 }, { outcome: "processed", note: "1 created, 0 updated, 0 stopped" }]);
    expect(await stored()).toEqual({
      shipments: [
        ["gid://shopify/Fulfillment/402", "1Z02ZPIE0325721754"],
        ["gid://shopify/Fulfillment/401", "1Z999AA10123456784"],
      ],
      receipts: [
        ["w-1", "processed"],
        ["w-2", "processed"],
      ],
    });
  });

  it("acknowledges a redelivery that arrives while the first delivery waits in the window as a duplicate of the same batch", async () => {
    const { db } = database();
    const { batches, work } = recording();
    const batcher = new WebhookBatcher(db, 200, work);
    const first = batcher.submit(create("w-3", 403, "1Z999AA10123456784"));
    await sleep(20);
    const again = batcher.submit(create("w-3", 403, "1Z999AA10123456784"));
    expect(await Promise.all([first, again])).toEqual([
      { outcome: "processed", note: "1 created, 0 updated, 0 stopped" },
      { outcome: "duplicate", note: null },
    ]);
    expect(batches).toEqual([["w-3", "w-3"]]);
    expect(await stored()).toEqual({ shipments: [["gid://shopify/Fulfillment/403", "1Z999AA10123456784"]], receipts: [["w-3", "processed"]] });
  });

  it("acknowledges a redelivery that arrives while the first delivery's commit is under way as a duplicate, in the next batch", async () => {
    const { db } = database();
    let again: Promise<unknown> | undefined;
    const { batches, work } = recording(() => {
      again = batcher.submit(create("w-4", 404, "1Z999AA10123456784"));
    });
    const batcher = new WebhookBatcher(db, 5, work);
    const first = await batcher.submit(create("w-4", 404, "1Z999AA10123456784"));
    expect(first).toEqual({ outcome: "processed", note: "1 created, 0 updated, 0 stopped" });
    expect(await again).toEqual({ outcome: "duplicate", note: null });
    expect(batches).toEqual([["w-4"], ["w-4"]]);
    expect(await stored()).toEqual({ shipments: [["gid://shopify/Fulfillment/404", "1Z999AA10123456784"]], receipts: [["w-4", "processed"]] });
  });

  it("with a window of 0 still commits deliveries submitted in the same turn together", async () => {
    const { db } = database();
    const { batches, work } = recording();
    const batcher = new WebhookBatcher(db, 0, work);
    const results = await Promise.all([batcher.submit(create("w-5", 405, "1Z999AA10123456784")), batcher.submit(create("w-6", 406, "1Z02ZPIE0325721754"))]);
    expect(results.map((result) => result.outcome)).toEqual(["processed", "processed"]);
    expect(batches).toEqual([["w-5", "w-6"]]);
  });

  it("runs the after-commit work once per batch, with each committed delivery's outcome, before any caller is answered", async () => {
    const { db } = database();
    const seen: { ids: string[]; outcomes: string[]; receipts: number }[] = [];
    let answered = 0;
    const batcher = new WebhookBatcher(db, 200, processWebhookBatch, async (_db, committed: CommittedDelivery[]) => {
      seen.push({ ids: committed.map(({ item }) => item.delivery.webhookId), outcomes: committed.map(({ result }) => result.outcome), receipts: await db.webhookReceipt.count() });
      expect(answered).toBe(0);
    });
    const first = batcher.submit(create("w-7", 407, "1Z999AA10123456784"));
    await sleep(20);
    const again = batcher.submit(create("w-7", 407, "1Z999AA10123456784"));
    const second = batcher.submit(create("w-8", 408, "1Z02ZPIE0325721754"));
    await Promise.all([first, again, second].map((answer) => answer.then(() => (answered += 1))));
    expect(seen).toEqual([{ ids: ["w-7", "w-7", "w-8"], outcomes: ["processed", "duplicate", "processed"], receipts: 2 }]);
  });

  it("answers each delivery by its own outcome even when the after-commit work fails", async () => {
    const { db } = database();
    const batcher = new WebhookBatcher(db, 0, processWebhookBatch, () => Promise.reject(new Error("kept pushes unavailable")));
    expect(await batcher.submit(create("w-9", 409, "1Z999AA10123456784"))).toEqual({ outcome: "processed", note: "1 created, 0 updated, 0 stopped" });
    expect(await stored()).toEqual({ shipments: [["gid://shopify/Fulfillment/409", "1Z999AA10123456784"]], receipts: [["w-9", "processed"]] });
  });
});
