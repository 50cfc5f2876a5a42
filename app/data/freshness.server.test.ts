import { describe, expect, it } from "vitest";
import { summarizeFreshness } from "~/domain/freshness";
import { database } from "./client.server";
import { freshnessSamples } from "./freshness.server";

describe("freshness samples", () => {
  it("measures scans that happened after the parcel was known, per carrier", async () => {
    const { db } = database();
    const shopDomain = "freshness.myshopify.com";
    const known = new Date("2026-12-01T10:00:00Z");
    await db.shop.create({ data: { domain: shopDomain } });
    await db.shipment.create({
      data: {
        id: "fresh-1",
        shopDomain,
        orderId: "gid://shopify/Order/f1",
        orderName: "#F1",
        fulfillmentId: "gid://shopify/Fulfillment/f1",
        trackingNumber: "1Z999AA10123456784",
        carrier: "ups",
        createdAt: known,
      },
    });
    const event = (id: string, occurredAt: string, createdAt: string) =>
      db.trackingEvent.create({
        data: { id, shipmentId: "fresh-1", occurredAt: new Date(occurredAt), createdAt: new Date(createdAt), status: "in_transit", carrierCode: id, description: id, dedupeKey: id },
      });
    await event("history", "2026-11-30T08:00:00Z", "2026-12-01T10:00:05Z");
    await event("pushed", "2026-12-01T12:00:00Z", "2026-12-01T12:00:20Z");
    await event("polled", "2026-12-01T13:00:00Z", "2026-12-01T15:00:00Z");
    const samples = await freshnessSamples(db, shopDomain, new Date("2026-11-01T00:00:00Z"));
    expect(summarizeFreshness(samples)).toEqual([{ carrier: "ups", events: 2, p50Seconds: 20, p95Seconds: 7200 }]);
  });
});
