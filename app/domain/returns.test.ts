import { describe, expect, it } from "vitest";
import { returnDeliveredMoment, returnStatusLine, returnTransitTimes } from "./returns";

describe("shopper returns", () => {
  it("reads to the shopper as a return", () => {
    expect(returnStatusLine("in_transit", "Tue, Dec 8")).toBe("Your return is on its way back — expected to arrive Tue, Dec 8");
    expect(returnStatusLine("out_for_delivery", null)).toBe("Your return is on its way back");
    expect(returnStatusLine("info_received", null)).toBe("Your return label is ready: drop the parcel off with the carrier");
    expect(returnStatusLine("delivered", null)).toBe("We received your return");
    expect(returnStatusLine("cancelled", null)).toBeNull();
  });

  it("signals 'return delivered' once, on the transition, for return parcels only", () => {
    const parcel = { id: "s1", shopDomain: "a.myshopify.com", orderId: "gid://shopify/Order/1", returnId: "gid://shopify/Return/7", previousStatus: "out_for_delivery" as const };
    expect(returnDeliveredMoment(parcel, "delivered", "2026-12-08T17:00:00.000Z")).toEqual({
      kind: "return_delivered",
      shopDomain: "a.myshopify.com",
      shipmentId: "s1",
      returnId: "gid://shopify/Return/7",
      orderId: "gid://shopify/Order/1",
      deliveredAt: "2026-12-08T17:00:00.000Z",
    });
    expect(returnDeliveredMoment({ ...parcel, previousStatus: "delivered" }, "delivered", null)).toBeNull();
    expect(returnDeliveredMoment({ ...parcel, returnId: null }, "delivered", null)).toBeNull();
    expect(returnDeliveredMoment(parcel, "in_transit", null)).toBeNull();
  });
});

describe("return transit times", () => {
  const at = (day: number, hour = 0) => new Date(Date.UTC(2026, 11, day, hour));
  const sample = (carrier: string | null, origin: string | null, started: Date, delivered: Date) => ({ carrier, originCountry: origin, destinationCountry: "US", startedAt: started, deliveredAt: delivered });

  it("gives P50 and P90 calendar days by nearest rank, overall, by carrier and by lane", () => {
    const samples = [
      sample("ups", "CA", at(1), at(3)), // 2.0
      sample("ups", "CA", at(1), at(4, 12)), // 3.5
      sample("ups", "MX", at(1), at(6)), // 5.0
      sample("usps", "CA", at(2), at(3, 6)), // 1.25 → 1.3
      sample(null, null, at(5), at(4)), // scanned after delivery: 0
    ];
    expect(returnTransitTimes(samples)).toEqual({
      overall: { key: "", returns: 5, p50Days: 2, p90Days: 5 },
      byCarrier: [
        { key: "ups", returns: 3, p50Days: 3.5, p90Days: 5 },
        { key: "unknown", returns: 1, p50Days: 0, p90Days: 0 },
        { key: "usps", returns: 1, p50Days: 1.3, p90Days: 1.3 },
      ],
      byLane: [
        { key: "CA>US", returns: 3, p50Days: 2, p90Days: 3.5 },
        { key: "?>US", returns: 1, p50Days: 0, p90Days: 0 },
        { key: "MX>US", returns: 1, p50Days: 5, p90Days: 5 },
      ],
    });
    expect(returnTransitTimes([])).toEqual({ overall: null, byCarrier: [], byLane: [] });
  });
});
