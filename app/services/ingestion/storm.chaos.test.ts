import { describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { seededRandom } from "~/domain/tracking-number/sample-numbers";
import { action as fulfillmentCreated } from "~/routes/webhooks.fulfillments.create";
import { action as fulfillmentUpdated } from "~/routes/webhooks.fulfillments.update";
import { action as orderCancelled } from "~/routes/webhooks.orders.cancelled";
import { signedWebhookRequest, TEST_APP } from "~/testing/shopify-requests";
import { fulfillmentWebhookPayload } from "./fulfillment-webhook-builder.server";

const ORDERS = 600;
const CANCELLED = 300;
const DUPLICATES = 500;
const CONCURRENCY = 50;
const HOUR = 3_600_000;
const T0 = new Date("2026-11-20T10:00:00Z").getTime();

interface Delivery {
  webhookId: string;
  topic: "fulfillments/create" | "fulfillments/update" | "orders/cancelled";
  body: unknown;
}

/** Two parcels per order: the create carries the first number, an update an hour later adds the second. */
function numbersOf(order: number): [string, string] {
  return [`TLSTORM${order}A`, `TLSTORM${order}B`];
}

function stormDeliveries(random: () => number): Delivery[] {
  const unique: Delivery[] = [];
  for (let order = 0; order < ORDERS; order++) {
    const ids = { fulfillmentId: 7_000_000 + order, orderId: 8_000_000 + order, orderName: `#S${order}`, trackingCompany: "Other", destinationCountry: "US", lineItemCount: 1 };
    const [first, second] = numbersOf(order);
    unique.push({ webhookId: `create-${order}`, topic: "fulfillments/create", body: fulfillmentWebhookPayload({ ...ids, createdAt: new Date(T0), trackingNumbers: [first] }) });
    unique.push({
      webhookId: `update-${order}`,
      topic: "fulfillments/update",
      body: fulfillmentWebhookPayload({ ...ids, createdAt: new Date(T0), updatedAt: new Date(T0 + HOUR), trackingNumbers: [first, second] }),
    });
    if (order < CANCELLED) {
      const at = new Date(T0 + 2 * HOUR).toISOString();
      unique.push({ webhookId: `cancel-${order}`, topic: "orders/cancelled", body: { id: ids.orderId, admin_graphql_api_id: `gid://shopify/Order/${ids.orderId}`, cancelled_at: at, updated_at: at } });
    }
  }
  // Shopify redelivers: the same webhook id and body again, anywhere in the stream.
  const all = [...unique, ...Array.from({ length: DUPLICATES }, () => unique[Math.floor(random() * unique.length)]!)];
  for (let index = all.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [all[index], all[other]] = [all[other]!, all[index]!];
  }
  return all;
}

const ROUTES = { "fulfillments/create": fulfillmentCreated, "fulfillments/update": fulfillmentUpdated, "orders/cancelled": orderCancelled };

describe("webhook storm", () => {
  it("takes ~2,000 mixed deliveries in shuffled order with duplicates: nothing lost, nothing duplicated, cancellations honoured", { timeout: 300_000 }, async () => {
    const { db } = database();
    const deliveries = stormDeliveries(seededRandom(20261206));
    const started = performance.now();
    const statuses: number[] = [];
    for (let index = 0; index < deliveries.length; index += CONCURRENCY) {
      const wave = deliveries.slice(index, index + CONCURRENCY).map(({ webhookId, topic, body }) =>
        ROUTES[topic]({ request: signedWebhookRequest({ topic, body, webhookId }), params: {}, context: {} }).then((response) => response.status),
      );
      statuses.push(...(await Promise.all(wave)));
    }
    const seconds = (performance.now() - started) / 1000;

    const rows = await db.shipment.findMany({
      where: { shopDomain: TEST_APP.shop, trackingNumber: { startsWith: "TLSTORM" } },
      select: { orderId: true, trackingNumber: true, status: true, trackingStoppedAt: true, nextCheckAt: true, stopReason: true },
    });
    const expected = new Map<string, boolean>();
    for (let order = 0; order < ORDERS; order++) for (const number of numbersOf(order)) expected.set(number, order < CANCELLED);
    const seen = new Map<string, number>();
    for (const row of rows) seen.set(row.trackingNumber, (seen.get(row.trackingNumber) ?? 0) + 1);
    const lost = [...expected.keys()].filter((number) => !seen.has(number)).length;
    const duplicated = [...seen.values()].reduce((sum, count) => sum + count - 1, 0);
    const unexpected = rows.filter((row) => !expected.has(row.trackingNumber)).length;
    const cancelledRows = rows.filter((row) => expected.get(row.trackingNumber) === true);
    const honoured = cancelledRows.filter((row) => row.status === "cancelled" && row.trackingStoppedAt !== null && row.nextCheckAt === null && row.stopReason === "order_cancelled").length;
    const activeRows = rows.filter((row) => expected.get(row.trackingNumber) === false);
    const wronglyStopped = activeRows.filter((row) => row.trackingStoppedAt !== null || row.status !== "pending").length;
    // This file has a database of its own: every receipt is the storm's.
    const receipts = await db.webhookReceipt.groupBy({ by: ["outcome"], _count: { _all: true } });
    const outcomes = Object.fromEntries(receipts.map((group) => [group.outcome ?? "none", group._count._all]));
    const uniqueIds = new Set(deliveries.map((delivery) => delivery.webhookId)).size;
    const non200 = statuses.filter((status) => status !== 200).length;

    console.log(
      `storm: deliveries=${deliveries.length} unique=${uniqueIds} redelivered=${deliveries.length - uniqueIds} non-200=${non200} receipts=${JSON.stringify(outcomes)} ` +
        `parcels=${rows.length}/${expected.size} lost=${lost} duplicated=${duplicated} cancelled-orders=${CANCELLED} cancelled-parcels-honoured=${honoured}/${cancelledRows.length} ` +
        `active-wrongly-stopped=${wronglyStopped} seconds=${seconds.toFixed(1)}`,
    );
    expect(non200).toBe(0);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(unexpected).toBe(0);
    expect(honoured).toBe(2 * CANCELLED);
    expect(wronglyStopped).toBe(0);
    // Every distinct delivery has exactly one receipt and none failed; ignored ones are creates older than their update.
    expect((outcomes.processed ?? 0) + (outcomes.ignored ?? 0)).toBe(uniqueIds);
    expect(outcomes.failed).toBeUndefined();
  });
});
