import { describe, expect, it } from "vitest";
import { chooseInquiryParcel, type OrderParcelState } from "./inquiry-parcel";

function parcel(id: string, createdAt: string, extra: Partial<OrderParcelState> = {}): OrderParcelState {
  return { id, orderId: "gid://shopify/Order/1", status: "in_transit", late: false, stalled: false, carrier: "ups", originCountry: "US", destinationCountry: "DE", createdAt: new Date(createdAt), ...extra };
}

describe("chooseInquiryParcel", () => {
  it("takes the named parcel, else the first stored not delivered or cancelled, else the last stored", () => {
    const delivered = parcel("a", "2026-11-01T00:00:00Z", { status: "delivered" });
    const cancelled = parcel("b", "2026-11-02T00:00:00Z", { status: "cancelled" });
    const later = parcel("c", "2026-11-04T00:00:00Z", { late: true, originCountry: null });
    const earlier = parcel("d", "2026-11-03T00:00:00Z", { stalled: true });
    // Given in another order than stored: the choice goes by when each was stored.
    expect(chooseInquiryParcel([later, delivered, earlier, cancelled], null)).toEqual({
      orderId: "gid://shopify/Order/1", shipmentId: "d", status: "in_transit", late: false, stalled: true, carrier: "ups", lane: "US>DE",
    });
    expect(chooseInquiryParcel([later, delivered, earlier, cancelled], "c")).toEqual({
      orderId: "gid://shopify/Order/1", shipmentId: "c", status: "in_transit", late: true, stalled: false, carrier: "ups", lane: null,
    });
    expect(chooseInquiryParcel([cancelled, delivered], null)?.shipmentId).toBe("b");
    expect(chooseInquiryParcel([cancelled, delivered], "elsewhere")?.shipmentId).toBe("b");
    expect(chooseInquiryParcel([], null)).toBeNull();
    expect(chooseInquiryParcel([], "a")).toBeNull();
  });
});
