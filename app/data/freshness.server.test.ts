import { describe, expect, it } from "vitest";
import { summarizeFreshness } from "~/domain/freshness";
import { database } from "./client.server";
import { freshnessSamples, writtenSamples } from "./freshness.server";

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
    const writeBack = (status: string, happenedAt: string, state: string, sentAt: string | null) =>
      db.writeBack.create({
        data: {
          shopDomain,
          shipmentId: "fresh-1",
          fulfillmentId: "gid://shopify/Fulfillment/f1",
          status,
          shopifyStatus: status.toUpperCase(),
          happenedAt: new Date(happenedAt),
          state,
          sentAt: sentAt === null ? null : new Date(sentAt),
        },
      });
    await writeBack("in_transit", "2026-12-01T12:00:00Z", "done", "2026-12-01T12:01:30Z");
    await writeBack("out_for_delivery", "2026-12-01T13:00:00Z", "done", "2026-12-01T15:02:00Z");
    // Not accepted by Shopify (yet): no written time.
    await writeBack("delivered", "2026-12-01T16:00:00Z", "pending", null);
    // Written, but for a scan older than the shipment (history).
    await writeBack("label_created", "2026-11-30T08:00:00Z", "done", "2026-12-01T10:01:00Z");
    const since = new Date("2026-11-01T00:00:00Z");
    const samples = await freshnessSamples(db, shopDomain, since);
    expect(summarizeFreshness(samples, await writtenSamples(db, shopDomain, since))).toEqual([
      { carrier: "ups", events: 2, p50Seconds: 20, p95Seconds: 7200, written: { events: 2, p50Seconds: 90, p95Seconds: 7320 } },
    ]);
  });
});
