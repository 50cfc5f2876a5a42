import { beforeEach, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { enqueueWriteBack } from "~/data/write-backs.server";
import { action as fulfillmentCreated } from "~/routes/webhooks.fulfillments.create";
import { fulfillmentWebhookPayload } from "~/services/ingestion/fulfillment-webhook-builder.server";
import { signedWebhookRequest, TEST_APP } from "~/testing/shopify-requests";
import { runCli } from "~/cli/run";

async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), readStdin: async () => "" });
  return { code, stdout, stderr };
}

async function deliver(body: unknown, webhookId?: string) {
  const request = signedWebhookRequest({ topic: "fulfillments/create", body, ...(webhookId ? { webhookId } : {}) });
  return fulfillmentCreated({ request, params: {}, context: {} });
}

const payload = fulfillmentWebhookPayload({
  fulfillmentId: 31,
  orderId: 41,
  orderName: "#1041",
  createdAt: new Date("2026-11-20T10:00:00Z"),
  trackingCompany: "United Parcel Service",
  trackingNumbers: ["1Z999AA10123456784", "1Z999AA10123456785"],
  destinationCountry: "FR",
  lineItemCount: 2,
});

describe("ops commands: shipment, webhooks, write-back, backfill", () => {
  beforeEach(async () => {
    const { db } = database();
    await db.shipment.deleteMany({});
    await db.webhookReceipt.deleteMany({});
    await db.shop.deleteMany({});
    await deliver(payload);
  });

  it("shipment prints carrier resolution, status, issues, events and write-back state as JSON", async () => {
    const { db } = database();
    const shipment = await db.shipment.findFirstOrThrow({ where: { trackingNumber: "1Z999AA10123456784" } });
    await db.trackingEvent.create({
      data: { shipmentId: shipment.id, occurredAt: new Date("2026-11-20T18:00:00Z"), status: "in_transit", carrierCode: "I", description: "Departed facility", city: "Lyon", country: "FR", dedupeKey: "d1" },
    });
    await enqueueWriteBack(db, {
      shopDomain: TEST_APP.shop,
      shipmentId: shipment.id,
      fulfillmentId: shipment.fulfillmentId,
      status: "in_transit",
      shopifyStatus: "IN_TRANSIT",
      happenedAt: new Date("2026-11-20T18:00:00Z"),
    });
    const result = await cli("shipment", "1z999aa1 0123456784", "--json");
    expect(result.code).toBe(0);
    const [printed] = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(printed).toMatchObject({
      shop: TEST_APP.shop,
      orderName: "#1041",
      carrier: "ups",
      declaredCarrier: "United Parcel Service",
      declaredCarrierResolvesTo: { carrier: "ups", matchedBy: "exact" },
      status: "pending",
      trackingIssue: null,
      events: [{ status: "in_transit", description: "Departed facility", location: "Lyon, FR" }],
      writeBack: { shopifyStatus: null, outbox: [{ shopifyStatus: "IN_TRANSIT", state: "pending", attempts: 0 }] },
    });
  });

  it("shipment finds every parcel of an order by its name, and says when nothing matches", async () => {
    const byOrder = await cli("shipment", "1041", "--shop", TEST_APP.shop);
    expect(byOrder.code).toBe(0);
    expect(byOrder.stdout).toContain("1Z999AA10123456784");
    expect(byOrder.stdout).toMatch(/invalid_number: .*check digit/);
    const none = await cli("shipment", "#9999");
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no shipment matches "#9999"');
    expect((await cli("shipment")).code).toBe(2);
  });

  it("webhooks failed lists kept deliveries and replay processes them", async () => {
    await deliver({ ...payload, id: 32, admin_graphql_api_id: "gid://shopify/Fulfillment/32", updated_at: "not a date" }, "broken-delivery");
    const failed = await cli("webhooks", "failed", "--json");
    const [receipt] = JSON.parse(failed.stdout) as { id: string; webhookId: string; error: string; payloadBytes: number }[];
    expect(receipt).toMatchObject({ webhookId: "broken-delivery" });
    expect(receipt?.error).toMatch(/updated_at/);
    expect(receipt?.payloadBytes).toBeGreaterThan(100);
    const replay = await cli("webhooks", "replay", receipt!.id);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toMatch(/failed — .*updated_at/);
    expect((await cli("webhooks", "stats", "--json")).stdout).toContain('"failed": 1');
    expect((await cli("webhooks", "replay", "no-such-id")).code).toBe(1);
  });

  it("write-back --failed and --retry, backfill --status", async () => {
    const { db } = database();
    const shipment = await db.shipment.findFirstOrThrow({ where: { trackingNumber: "1Z999AA10123456784" } });
    await enqueueWriteBack(db, { shopDomain: TEST_APP.shop, shipmentId: shipment.id, fulfillmentId: shipment.fulfillmentId, status: "delivered", shopifyStatus: "DELIVERED", happenedAt: new Date() });
    const row = await db.writeBack.findFirstOrThrow();
    await db.writeBack.update({ where: { id: row.id }, data: { state: "failed", lastError: "Shopify refused the event: Fulfillment does not exist." } });
    const failed = await cli("write-back", "--failed");
    expect(failed.stdout).toContain("Fulfillment does not exist");
    expect((await cli("write-back", "--retry", row.id)).code).toBe(0);
    expect((await db.writeBack.findUniqueOrThrow({ where: { id: row.id } })).state).toBe("pending");
    expect((await cli("write-back", "--retry", row.id)).code).toBe(1);

    const status = await cli("backfill", "--shop", TEST_APP.shop, "--status");
    expect(status.stdout).toContain(`${TEST_APP.shop}: idle, 0 orders`);
    expect((await cli("backfill", "--shop", "nope.myshopify.com")).stderr).toContain("no offline session");
    expect((await cli("backfill")).code).toBe(2);
  });
});
