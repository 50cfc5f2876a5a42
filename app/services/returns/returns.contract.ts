import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CarrierCode } from "~/carriers/adapter";
import { simulatorAdapter } from "~/testing/carrier-simulator/harness";
import { startCarrierSimulator, type CarrierSimulator } from "~/testing/carrier-simulator/server";
import { database } from "~/data/client.server";
import { returnParcelCounts, returnsDeliveredSince } from "~/data/returns.server";
import { action as returnsRoute } from "~/routes/webhooks.returns";
import { action as attachRoute } from "~/routes/webhooks.reverse_deliveries.attach_deliverable";
import { signedWebhookRequest, TEST_APP } from "~/testing/shopify-requests";
import { SyncEngine } from "~/services/sync/sync-engine.server";

const HOUR = 3_600_000;
const ORDER = 820_982_911_946_154;
const RETURN = 945_000_001;
const REVERSE = 77_000_001;
/** The simulator delivers this one (its scenario comes from the number). */
const UPS = "1ZP1G2RH0312510746";

/** Shopify's `returns/request` body (API 2026-10), trimmed to what matters. */
function returnBody(status = "REQUESTED") {
  return {
    id: RETURN,
    admin_graphql_api_id: `gid://shopify/Return/${RETURN}`,
    name: "#1042-R1",
    status,
    order: { id: ORDER, admin_graphql_api_id: `gid://shopify/Order/${ORDER}` },
    return_line_items: [{ id: 1, quantity: 1, return_reason: "SIZE_TOO_SMALL" }],
  };
}

/** `reverse_deliveries/attach_deliverable`: the return label's tracking. */
function deliverableBody(number: string | null) {
  return {
    id: REVERSE,
    admin_graphql_api_id: `gid://shopify/ReverseDelivery/${REVERSE}`,
    return: { id: RETURN, admin_graphql_api_id: `gid://shopify/Return/${RETURN}` },
    shipping_deliverable: number ? { tracking: { carrier_name: "UPS", tracking_number: number, tracking_url: null }, label: null } : null,
  };
}

const deliver = (route: typeof returnsRoute, topic: string, body: unknown, webhookId?: string) =>
  route({ request: signedWebhookRequest({ topic, body, ...(webhookId ? { webhookId } : {}) }), params: {}, context: {} });

/** Returns ingestion and tracking, the same on SQLite and Postgres. */
export function returnsContract(provider: "sqlite" | "postgres") {
  describe(`shopper returns (${provider})`, () => {
    let simulator: CarrierSimulator;
    const labelCreatedAt = Date.parse("2026-12-01T10:00:00Z");
    let now = labelCreatedAt;
    beforeAll(async () => {
      // Every return label was created at the same instant; the tests move the clock on.
      simulator = await startCarrierSimulator({ clock: () => now, journeyStart: () => labelCreatedAt });
    });
    afterAll(async () => {
      await simulator.close();
    });
    beforeEach(async () => {
      const { db } = database();
      expect(database().provider).toBe(provider);
      await db.returnRecord.deleteMany({});
      await db.shipment.deleteMany({});
      await db.webhookReceipt.deleteMany({});
      await db.shop.upsert({ where: { domain: TEST_APP.shop }, create: { domain: TEST_APP.shop }, update: {} });
      await db.shipment.create({
        data: {
          shopDomain: TEST_APP.shop,
          orderId: `gid://shopify/Order/${ORDER}`,
          orderName: "#1042",
          fulfillmentId: "gid://shopify/Fulfillment/1",
          trackingNumber: "1Z02ZPIE0325721754",
          carrier: "ups",
          status: "delivered",
          originCountry: "CA",
          originRegion: "ON",
          destinationCountry: "US",
          destinationRegion: "NY",
          customerEmailHash: "hash-of-the-shopper",
        },
      });
    });

    it("keeps a return without tracking, then tracks it once the label's tracking is attached", async () => {
      const { db } = database();
      expect((await deliver(returnsRoute, "returns/request", returnBody())).status).toBe(200);
      expect(await db.returnRecord.findFirstOrThrow({})).toMatchObject({ returnId: `gid://shopify/Return/${RETURN}`, orderId: `gid://shopify/Order/${ORDER}`, status: "requested", shipmentId: null });
      expect(await db.shipment.count({ where: { returnId: { not: null } } })).toBe(0);

      // A deliverable with no tracking yet (label to come) is kept, nothing tracked.
      await deliver(attachRoute, "reverse_deliveries/attach_deliverable", deliverableBody(null), "attach-1");
      expect(await db.shipment.count({ where: { returnId: { not: null } } })).toBe(0);

      await deliver(attachRoute, "reverse_deliveries/attach_deliverable", deliverableBody(UPS), "attach-2");
      const parcel = await db.shipment.findFirstOrThrow({ where: { returnId: `gid://shopify/Return/${RETURN}` } });
      expect(parcel).toMatchObject({
        orderId: `gid://shopify/Order/${ORDER}`,
        orderName: "#1042",
        fulfillmentId: `gid://shopify/ReverseDelivery/${REVERSE}`,
        trackingNumber: UPS,
        carrier: "ups",
        isReturn: true,
        status: "pending",
        customerEmailHash: "hash-of-the-shopper",
        // Back the way it came: a lane of its own for return transit times.
        originCountry: "US",
        originRegion: "NY",
        destinationCountry: "CA",
        destinationRegion: "ON",
      });
      expect(parcel.nextCheckAt).not.toBeNull();
      expect((await db.returnRecord.findFirstOrThrow({})).shipmentId).toBe(parcel.id);
      expect(await returnParcelCounts(db, TEST_APP.shop)).toEqual({ onTheWay: 1, received: 0 });
      // The same delivery again changes nothing.
      await deliver(attachRoute, "reverse_deliveries/attach_deliverable", deliverableBody(UPS), "attach-2");
      expect(await db.shipment.count({ where: { returnId: { not: null } } })).toBe(1);
    });

    it("tracking that arrives before the return's order waits for it", async () => {
      const { db } = database();
      await deliver(attachRoute, "reverse_deliveries/attach_deliverable", deliverableBody(UPS));
      expect(await db.shipment.count({ where: { returnId: { not: null } } })).toBe(0);
      await deliver(returnsRoute, "returns/approve", returnBody("OPEN"));
      expect(await db.shipment.count({ where: { returnId: `gid://shopify/Return/${RETURN}` } })).toBe(1);
      expect((await db.returnRecord.findFirstOrThrow({})).status).toBe("open");
    });

    it("the sync engine tracks the return to delivered, never writes it back, and signals it once", async () => {
      const { db } = database();
      await deliver(returnsRoute, "returns/request", returnBody());
      await deliver(attachRoute, "reverse_deliveries/attach_deliverable", deliverableBody(UPS));
      const engine = new SyncEngine({
        db,
        provider,
        owner: `returns-${provider}`,
        adapters: { adapterFor: async (code: CarrierCode) => simulatorAdapter(simulator, code, { clock: () => now, timeoutMs: 2000 }) },
        clock: () => now,
        batchSize: 10,
      });
      const before = new Date(now - HOUR);
      // Ten days later every simulated journey has ended; the number's scenario decides how.
      now += 240 * HOUR;
      await db.shipment.updateMany({ where: { returnId: { not: null } }, data: { nextCheckAt: new Date(now - 1000) } });
      await engine.runOnce();
      const parcel = await db.shipment.findFirstOrThrow({ where: { returnId: { not: null } } });
      expect(parcel).toMatchObject({ isReturn: true, status: "delivered", trackingIssue: null });
      expect(await db.writeBack.count({ where: { shipmentId: parcel.id } })).toBe(0);
      const delivered = await returnsDeliveredSince(db, TEST_APP.shop, before);
      expect(delivered.map((row) => [row.returnId, row.orderName])).toEqual([[`gid://shopify/Return/${RETURN}`, "#1042"]]);
      expect(await returnsDeliveredSince(db, TEST_APP.shop, parcel.deliveredAt!)).toEqual([]);
      expect(await returnParcelCounts(db, TEST_APP.shop)).toEqual({ onTheWay: 0, received: 1 });
    });

    it("a cancelled return stops its parcel", async () => {
      const { db } = database();
      await deliver(returnsRoute, "returns/request", returnBody());
      await deliver(attachRoute, "reverse_deliveries/attach_deliverable", deliverableBody(UPS));
      await deliver(returnsRoute, "returns/cancel", returnBody("CANCELED"));
      const parcel = await db.shipment.findFirstOrThrow({ where: { returnId: { not: null } } });
      expect(parcel).toMatchObject({ stopReason: "return_canceled", nextCheckAt: null });
      expect((await db.returnRecord.findFirstOrThrow({})).status).toBe("canceled");
    });
  });
}
