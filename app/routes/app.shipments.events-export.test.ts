import { beforeAll, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { TEST_APP } from "~/testing/shopify-requests";
import { adminRequest, installTestShop } from "./__fixtures__/admin-requests";
import { loader } from "./app.shipments.events-export";

describe("carrier events CSV export", () => {
  beforeAll(async () => {
    const { db } = database();
    await installTestShop(db);
    await db.shop.create({ data: { domain: "other-events.myshopify.com" } });
    const make = (id: string, shopDomain: string, status: string, events: { at: string; description: string; city?: string }[]) =>
      db.shipment.create({
        data: {
          id,
          shopDomain,
          orderId: `gid://shopify/Order/${id}`,
          orderName: `#${id}`,
          fulfillmentId: `gid://shopify/Fulfillment/${id}`,
          trackingNumber: `1Z${id}`,
          carrier: "ups",
          status,
          events: {
            create: events.map((event, index) => ({ occurredAt: new Date(event.at), status: "in_transit", carrierCode: "I", description: event.description, city: event.city ?? null, dedupeKey: `${id}${index}` })),
          },
        },
      });
    await make("e1", TEST_APP.shop, "delivered", [
      { at: "2026-11-18T10:00:00Z", description: "Departed, ATLANTA", city: "ATLANTA" },
      { at: "2026-11-17T10:00:00Z", description: "=cmd|' /C calc'!A0" },
    ]);
    await make("e2", TEST_APP.shop, "in_transit", [{ at: "2026-11-19T10:00:00Z", description: "Arrived" }]);
    await make("x1", "other-events.myshopify.com", "delivered", [{ at: "2026-11-19T10:00:00Z", description: "Other shop's scan" }]);
  });

  it("streams the filtered shipments' events, oldest first per parcel, this shop only, formulas defused", async () => {
    const response = await loader({ request: adminRequest("/app/shipments/events-export?status=delivered"), params: {}, context: {} });
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const lines = (await response.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("Order,Tracking number,Carrier,Return,Occurred at (UTC),Carrier local time,Status,Reason,Carrier code,Description,City,Province,Postal code,Country,Trackline shipment id");
    expect(lines.slice(1)).toEqual([
      "#e1,1Ze1,ups,no,2026-11-17T10:00:00.000Z,,in_transit,,I,'=cmd|' /C calc'!A0,,,,,e1",
      '#e1,1Ze1,ups,no,2026-11-18T10:00:00.000Z,,in_transit,,I,"Departed, ATLANTA",ATLANTA,,,,e1',
    ]);
  });
});
