import { describe, expect, it } from "vitest";
import { returnDeliveredMoment, returnStatusLine } from "./returns";

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
