import { beforeAll, describe, expect, it } from "vitest";
import { database } from "./client.server";
import { unmappedCarrierCodes } from "./unmapped-codes.server";

const shop = "codes.myshopify.com";
const other = "other-codes.myshopify.com";

async function shipmentWith(shopDomain: string, n: string, carrier: string, events: { status: string; code: string; description: string; at: string }[]) {
  const { db } = database();
  await db.shipment.create({
    data: {
      shopDomain,
      orderId: `gid://shopify/Order/${n}`,
      orderName: `#${n}`,
      fulfillmentId: `gid://shopify/Fulfillment/${n}`,
      trackingNumber: n,
      carrier,
      events: {
        create: events.map((e, index) => ({
          occurredAt: new Date(e.at),
          status: e.status,
          carrierCode: e.code,
          description: e.description,
          dedupeKey: `${n}-${index}`,
        })),
      },
    },
  });
}

beforeAll(async () => {
  const { db } = database();
  await db.shop.createMany({ data: [{ domain: shop }, { domain: other }] });
  const u = (code: string, at: string, description = "Updated Delivery Date") => ({ status: "unknown", code, description, at });
  await shipmentWith(shop, "A1", "ups", [u("U", "2026-11-20T10:00:00Z"), u("U", "2026-11-21T10:00:00Z", "Updated delivery date (latest)"), { status: "in_transit", code: "I", description: "Arrived", at: "2026-11-19T10:00:00Z" }]);
  await shipmentWith(shop, "A2", "ups", [u("U", "2026-11-18T10:00:00Z")]);
  await shipmentWith(shop, "A3", "fedex", [u("ZZ", "2026-11-18T10:00:00Z", "New FedEx scan")]);
  await shipmentWith(shop, "A4", "fedex", [{ status: "delivered", code: "DL", description: "Delivered", at: "2026-11-18T10:00:00Z" }]);
  await shipmentWith(other, "B1", "ups", [u("U", "2026-11-20T10:00:00Z"), u("Q", "2026-11-20T11:00:00Z")]);
});

describe("unmappedCarrierCodes", () => {
  it("lists each unmapped carrier code of the shop with the parcels it affects, most first", async () => {
    const { db } = database();
    expect(await unmappedCarrierCodes(db, shop)).toEqual([
      { carrier: "ups", code: "U", parcels: 2, example: "Updated delivery date (latest)", lastSeenAt: new Date("2026-11-21T10:00:00Z") },
      { carrier: "fedex", code: "ZZ", parcels: 1, example: "New FedEx scan", lastSeenAt: new Date("2026-11-18T10:00:00Z") },
    ]);
  });

  it("is empty for a shop whose codes are all mapped, and respects the limit", async () => {
    const { db } = database();
    expect(await unmappedCarrierCodes(db, "nobody.myshopify.com")).toEqual([]);
    expect((await unmappedCarrierCodes(db, other, { limit: 1 })).map((row) => row.code)).toEqual(["Q"]);
  });
});
