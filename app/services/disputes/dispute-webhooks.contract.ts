import { beforeEach, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { signedWebhookRequest, TEST_APP } from "~/testing/shopify-requests";
import { action as created } from "~/routes/webhooks.disputes.create";
import { action as updated } from "~/routes/webhooks.disputes.update";

const args = (request: Request) => ({ request, params: {}, context: {} });

/** Shopify's disputes/create body (REST shape, API 2026-10). */
function disputeBody(overrides: Record<string, unknown> = {}) {
  return {
    id: 285332461850,
    order_id: 820982911946154,
    type: "chargeback",
    amount: "89.00",
    currency: "USD",
    reason: "product_not_received",
    network_reason_code: "13.1",
    status: "needs_response",
    evidence_due_by: "2026-12-20T19:00:00-05:00",
    evidence_sent_on: null,
    finalized_on: null,
    initiated_at: "2026-12-01T10:00:00-05:00",
    ...overrides,
  };
}

async function addParcel(orderNumber: number, status: string) {
  await database().db.shipment.create({
    data: {
      shopDomain: TEST_APP.shop,
      orderId: `gid://shopify/Order/${orderNumber}`,
      orderName: `#${orderNumber}`,
      fulfillmentId: `gid://shopify/Fulfillment/${orderNumber}`,
      trackingNumber: `1Z999AA1012345678${orderNumber % 10}`,
      status,
    },
  });
}

/** Dispute webhooks, the same on SQLite and Postgres. */
export function disputesContract(provider: "sqlite" | "postgres") {
  describe(`disputes webhooks (${provider})`, () => {
    beforeEach(async () => {
      const { db } = database();
      expect(database().provider).toBe(provider);
      await db.dispute.deleteMany({});
      await db.shipment.deleteMany({});
      await db.webhookReceipt.deleteMany({});
      await db.shop.upsert({ where: { domain: TEST_APP.shop }, create: { domain: TEST_APP.shop }, update: { disputeEvidenceMode: "download" } });
    });

    it("records a 'not received' dispute on a tracked order with its pack ready to download; a duplicate delivery changes nothing", async () => {
      await addParcel(820982911946154, "delivered");
      const request = () => signedWebhookRequest({ topic: "disputes/create", body: disputeBody(), webhookId: "dispute-hook-1" });
      expect((await created(args(request()))).status).toBe(200);
      expect((await created(args(request()))).status).toBe(200);
      const rows = await database().db.dispute.findMany({});
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        shopDomain: TEST_APP.shop,
        disputeId: "gid://shopify/ShopifyPaymentsDispute/285332461850",
        orderId: "gid://shopify/Order/820982911946154",
        kind: "chargeback",
        reason: "product_not_received",
        networkReasonCode: "13.1",
        status: "needs_response",
        amount: "89.00",
        currency: "USD",
        orderKnown: true,
        evidenceState: "ready",
      });
      expect(rows[0]?.evidenceDueBy?.toISOString()).toBe("2026-12-21T00:00:00.000Z");
      expect(await database().db.webhookReceipt.count({ where: { topic: "disputes/create" } })).toBe(1);
    });

    it("queues the pack for attachment when the shop opted in; 'fraudulent' needs a delivered parcel", async () => {
      await database().db.shop.update({ where: { domain: TEST_APP.shop }, data: { disputeEvidenceMode: "attach" } });
      await addParcel(1001, "in_transit");
      await addParcel(1002, "delivered");
      await created(args(signedWebhookRequest({ topic: "disputes/create", body: disputeBody({ id: 1, order_id: 1001, reason: "fraudulent" }) })));
      await created(args(signedWebhookRequest({ topic: "disputes/create", body: disputeBody({ id: 2, order_id: 1002, reason: "fraudulent" }) })));
      await created(args(signedWebhookRequest({ topic: "disputes/create", body: disputeBody({ id: 3, order_id: 1002, reason: "product_unacceptable" }) })));
      const states = await database().db.dispute.findMany({ orderBy: { disputeId: "asc" }, select: { disputeId: true, evidenceState: true } });
      expect(states.map((row) => row.evidenceState)).toEqual(["not_applicable", "pending_attach", "not_applicable"]);
    });

    it("keeps a dispute about an order Trackline never saw, and follows its status on update", async () => {
      await created(args(signedWebhookRequest({ topic: "disputes/create", body: disputeBody({ order_id: 555 }) })));
      await updated(args(signedWebhookRequest({ topic: "disputes/update", body: disputeBody({ order_id: 555, status: "under_review", evidence_sent_on: "2026-12-05T10:00:00Z" }) })));
      const row = await database().db.dispute.findFirstOrThrow({});
      expect(row).toMatchObject({ orderId: "gid://shopify/Order/555", orderKnown: false, evidenceState: "not_applicable", status: "under_review" });
      expect(row.evidenceSentOn?.toISOString()).toBe("2026-12-05T10:00:00.000Z");
    });

    it("rejects a forged delivery with 401", async () => {
      const thrown = await created(args(signedWebhookRequest({ topic: "disputes/create", body: disputeBody(), secret: "forged" }))).catch((error: unknown) => error);
      expect((thrown as Response).status).toBe(401);
      expect(await database().db.dispute.count()).toBe(0);
    });

    it("a payload without a reason is kept for replay, not lost", async () => {
      const response = await created(args(signedWebhookRequest({ topic: "disputes/create", body: { id: 9 }, webhookId: "bad-dispute" })));
      expect(response.status).toBe(200);
      const receipt = await database().db.webhookReceipt.findUniqueOrThrow({ where: { webhookId: "bad-dispute" } });
      expect(receipt.outcome).toBe("failed");
      expect(receipt.payload).toContain('"id":9');
    });
  });
}
