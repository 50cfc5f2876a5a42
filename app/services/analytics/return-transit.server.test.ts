import { beforeEach, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { returnTransitSummary } from "./return-transit.server";

const SHOP = "return-transit-shop.myshopify.com";
const OTHER = "return-transit-other.myshopify.com";
const at = (day: number, hour = 0) => new Date(Date.UTC(2026, 10, day, hour));
let serial = 0;

async function parcel(shopDomain: string, data: { returnId?: string | null; status: string; carrier?: string; origin?: string; pickedUpAt?: Date | null; labelAt?: Date; deliveredAt?: Date | null }) {
  serial += 1;
  await database().db.shipment.create({
    data: {
      shopDomain,
      orderId: `gid://shopify/Order/${serial}`,
      orderName: `#${serial}`,
      fulfillmentId: `gid://shopify/ReverseDelivery/${serial}`,
      trackingNumber: `1Z${serial}`,
      carrier: data.carrier ?? "ups",
      status: data.status,
      isReturn: data.returnId !== null,
      returnId: data.returnId === null ? null : (data.returnId ?? `gid://shopify/Return/${serial}`),
      originCountry: data.origin ?? "CA",
      pickedUpAt: data.pickedUpAt ?? null,
      fulfillmentCreatedAt: data.labelAt ?? at(1),
      deliveredAt: data.deliveredAt ?? null,
    },
  });
}

describe("dashboard return transit times", () => {
  beforeEach(async () => {
    const { db } = database();
    await db.shipment.deleteMany({});
    await db.shop.deleteMany({});
    for (const domain of [SHOP, OTHER]) await db.shop.create({ data: { domain } });
  });

  it("counts returns on their way back and times those delivered in the period, by carrier and lane, this shop only", async () => {
    // Delivered back in November (UTC period 2026-11-01 … 2026-11-30).
    await parcel(SHOP, { status: "delivered", pickedUpAt: at(2), deliveredAt: at(4) }); // 2 d
    await parcel(SHOP, { status: "delivered", pickedUpAt: at(2), deliveredAt: at(5, 12) }); // 3.5 d
    await parcel(SHOP, { status: "delivered", carrier: "usps", origin: "MX", pickedUpAt: null, labelAt: at(10), deliveredAt: at(16) }); // 6 d from the label
    // Delivered in December: outside the period.
    await parcel(SHOP, { status: "delivered", pickedUpAt: at(28), deliveredAt: new Date(Date.UTC(2026, 11, 2)) });
    // On their way back; an invalid one and an outbound parcel do not count.
    await parcel(SHOP, { status: "in_transit", pickedUpAt: at(20) });
    await parcel(SHOP, { status: "info_received" });
    await parcel(SHOP, { status: "invalid" });
    await parcel(SHOP, { returnId: null, status: "delivered", pickedUpAt: at(2), deliveredAt: at(3) });
    await parcel(OTHER, { status: "delivered", pickedUpAt: at(2), deliveredAt: at(3) });
    await parcel(OTHER, { status: "in_transit" });

    expect(await returnTransitSummary(database().db, SHOP, { fromDate: "2026-11-01", toDate: "2026-11-30", timeZone: "UTC" })).toEqual({
      inTransit: 2,
      overall: { key: "", returns: 3, p50Days: 3.5, p90Days: 6 },
      byCarrier: [
        { key: "ups", returns: 2, p50Days: 2, p90Days: 3.5 },
        { key: "usps", returns: 1, p50Days: 6, p90Days: 6 },
      ],
      byLane: [
        { key: "CA>?", returns: 2, p50Days: 2, p90Days: 3.5 },
        { key: "MX>?", returns: 1, p50Days: 6, p90Days: 6 },
      ],
    });
  });
});
