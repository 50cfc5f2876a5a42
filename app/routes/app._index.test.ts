import { beforeAll, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { adminRequest, installTestShop } from "./__fixtures__/admin-requests";
import { sessionToken, TEST_APP } from "~/testing/shopify-requests";
import { loader } from "./app._index";

const today = new Date().toISOString().slice(0, 10);

describe("dashboard loader", () => {
  beforeAll(async () => {
    const { db } = database();
    await installTestShop(db);
    await db.shop.create({ data: { domain: "other-shop.myshopify.com" } });
    const recent = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    for (let index = 0; index < 6; index++) {
      await db.shipment.create({
        data: {
          shopDomain: TEST_APP.shop,
          orderId: `gid://shopify/Order/${index}`,
          orderName: `#${1000 + index}`,
          fulfillmentId: `gid://shopify/Fulfillment/${index}`,
          trackingNumber: `TN${index}`,
          carrier: "ups",
          status: index < 2 ? "delivered" : "in_transit",
          stalled: index === 5,
          createdAt: recent(60 + index),
        },
      });
    }
    // Another shop's shipments (more of them, stalled) must not show up.
    for (let index = 0; index < 3; index++) {
      await db.shipment.create({
        data: {
          shopDomain: "other-shop.myshopify.com",
          orderId: `gid://shopify/Order/x${index}`,
          orderName: `#X${index}`,
          fulfillmentId: `gid://shopify/Fulfillment/x${index}`,
          trackingNumber: `X${index}`,
          status: "exception",
          stalled: true,
          createdAt: recent(30),
        },
      });
    }
  });

  it("shows the authenticated shop's period only", async () => {
    const data = await loader({ request: adminRequest("/app?period=7"), params: {}, context: {} });
    expect(data.shop).toBe(TEST_APP.shop);
    expect(data.periodError).toBeNull();
    expect(data.dashboard.period).toMatchObject({ preset: "7", toDate: today });
    expect(data.dashboard.shipments).toBe(6);
    expect(data.dashboard.statusCounts).toEqual({ delivered: 2, in_transit: 4 });
    expect(data.dashboard.attention.find((item) => item.kind === "stalled")?.count).toBe(1);
    expect(data.dashboard.scorecard.map((row) => row.carrier)).toEqual(["ups"]);
    expect(data.unmappedCodes).toEqual([]);
  });

  it("lists carrier codes no status table maps, with the parcels they affect", async () => {
    const { db } = database();
    const shipment = await db.shipment.findFirstOrThrow({ where: { shopDomain: TEST_APP.shop, trackingNumber: "TN3" } });
    await db.trackingEvent.create({
      data: { shipmentId: shipment.id, occurredAt: new Date(), status: "unknown", carrierCode: "U", description: "Updated Delivery Date", dedupeKey: "unmapped-U" },
    });
    const data = await loader({ request: adminRequest("/app?period=7"), params: {}, context: {} });
    expect(data.unmappedCodes).toMatchObject([{ carrier: "ups", code: "U", parcels: 1, example: "Updated Delivery Date" }]);
    await db.trackingEvent.deleteMany({ where: { dedupeKey: "unmapped-U" } });
  });

  it("counts the last 30 days' messages by moment, channel and outcome, and visits from their links, for this shop only", async () => {
    const { db } = database();
    const shipment = await db.shipment.findFirstOrThrow({ where: { shopDomain: TEST_APP.shop, trackingNumber: "TN4" } });
    const moment = await db.shipmentMoment.create({
      data: { shopDomain: TEST_APP.shop, subjectKey: `shipment:${shipment.id}`, shipmentId: shipment.id, orderId: shipment.orderId, moment: "delayed", occurredAt: new Date(), status: "in_transit" },
    });
    const due = new Date();
    await db.notification.createMany({
      data: [
        { shopDomain: TEST_APP.shop, momentId: moment.id, orderId: shipment.orderId, shipmentId: shipment.id, channel: "email", moment: "delayed", state: "sent", sentAt: due, nextAttemptAt: due },
        { shopDomain: TEST_APP.shop, momentId: moment.id, orderId: shipment.orderId, shipmentId: shipment.id, channel: "flow", moment: "delayed", state: "failed", nextAttemptAt: due },
      ],
    });
    const other = await db.shipmentMoment.create({
      data: { shopDomain: "other-shop.myshopify.com", subjectKey: "shipment:x", orderId: "gid://shopify/Order/x0", moment: "delivered", occurredAt: new Date(), status: "delivered" },
    });
    await db.notification.create({ data: { shopDomain: "other-shop.myshopify.com", momentId: other.id, orderId: "gid://shopify/Order/x0", channel: "email", moment: "delivered", state: "sent", nextAttemptAt: due } });
    await db.lookupEvent.create({ data: { shopDomain: TEST_APP.shop, orderId: shipment.orderId, shipmentId: shipment.id, surface: "email", occurredAt: new Date() } });
    const data = await loader({ request: adminRequest("/app?period=7"), params: {}, context: {} });
    expect(data.messages).toEqual({
      rows: [
        { moment: "delayed", channel: "email", sent: 1, skipped: 0, failed: 0, pending: 0 },
        { moment: "delayed", channel: "flow", sent: 0, skipped: 0, failed: 1, pending: 0 },
      ],
      lookupsFromMessages: 1,
    });
  });

  it("explains a bad custom period and falls back to the last 30 days", async () => {
    const data = await loader({ request: adminRequest("/app?period=custom&from=2026-02-30&to=2026-03-01"), params: {}, context: {} });
    expect(data.periodError).toBe('"2026-02-30" is not a date (use YYYY-MM-DD)');
    expect(data.dashboard.period.preset).toBe("30");
    expect(data.dashboard.shipments).toBe(6);
  });

  it("rejects a session token signed with another secret", async () => {
    const request = new Request(`${TEST_APP.appUrl}/app`, { headers: { Authorization: `Bearer ${sessionToken({ secret: "forged" })}` } });
    const thrown = await loader({ request, params: {}, context: {} }).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(401);
  });
});
