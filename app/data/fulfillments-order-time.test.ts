import { beforeEach, describe, expect, it } from "vitest";
import { database } from "./client.server";
import { saveFulfillment, type FulfillmentRecord } from "./fulfillments.server";

const shop = "order-time.myshopify.com";

function record(extra: Partial<FulfillmentRecord>): FulfillmentRecord {
  return {
    shopDomain: shop,
    fulfillmentId: "gid://shopify/Fulfillment/1",
    orderId: "gid://shopify/Order/7",
    orderName: "#1007",
    orderCreatedAt: null,
    fulfillmentCreatedAt: new Date("2026-12-01T10:00:00Z"),
    updatedAt: new Date("2026-12-01T10:00:00Z"),
    cancelled: false,
    destinationCountry: "US",
    originCountry: "US",
    lineItemCount: 1,
    customerEmailHash: null,
    customerPhoneHash: null,
    shipments: [
      {
        trackingNumber: "1Z999AA10123456784",
        trackingUrl: null,
        declaredCarrier: "UPS",
        carrier: "ups",
        initialStatus: "pending",
        trackingIssue: null,
        trackingIssueDetail: null,
      },
    ],
    ...extra,
  };
}

describe("order creation time of live-ingested fulfillments", () => {
  beforeEach(async () => {
    const { db } = database();
    await db.shipment.deleteMany({});
    await db.shop.deleteMany({});
    await db.shop.create({ data: { domain: shop } });
  });

  it("is never erased by a webhook without it, and a new parcel of the order inherits it", async () => {
    const { db } = database();
    const ordered = new Date("2026-11-30T08:00:00Z");
    await saveFulfillment(db, record({ orderCreatedAt: ordered }), new Date("2026-12-01T10:00:00Z"));
    await saveFulfillment(db, record({ updatedAt: new Date("2026-12-01T11:00:00Z") }), new Date("2026-12-01T11:00:00Z"));
    await saveFulfillment(
      db,
      record({
        fulfillmentId: "gid://shopify/Fulfillment/2",
        shipments: [{ ...record({}).shipments[0]!, trackingNumber: "1Z999AA10123456791" }],
      }),
      new Date("2026-12-01T12:00:00Z"),
    );
    const rows = await db.shipment.findMany({ where: { shopDomain: shop }, orderBy: { trackingNumber: "asc" } });
    expect(rows.map((row) => row.orderCreatedAt?.toISOString())).toEqual([ordered.toISOString(), ordered.toISOString()]);
  });
});
