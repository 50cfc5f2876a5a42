import { describe, expect, it } from "vitest";
import type { TrackedShipment } from "~/data/tracking-views.server";
import { buildParcelView, shownEstimateWindow } from "./parcel-view";

function parcel(extra: Partial<TrackedShipment>): TrackedShipment {
  return {
    id: "s1",
    shopDomain: "shop.myshopify.com",
    orderId: "gid://shopify/Order/1",
    orderName: "#1001",
    orderCreatedAt: new Date("2026-11-30T10:00:00Z"),
    fulfillmentId: "gid://shopify/Fulfillment/1",
    fulfillmentCreatedAt: new Date("2026-12-01T10:00:00Z"),
    trackingNumber: "1Z999AA10123456784",
    trackingUrl: null,
    carrier: "ups",
    declaredCarrier: "UPS",
    status: "in_transit",
    subStatus: null,
    flags: { stalled: false, late: false, notPickedUp: false },
    estimatedDeliveryAt: null,
    estimatedDeliveryEnd: null,
    predictedDeliveryAt: null,
    pickedUpAt: new Date("2026-12-01T18:00:00Z"),
    deliveredAt: null,
    lastEventAt: new Date("2026-12-02T08:00:00Z"),
    lastCheckedAt: null,
    originCountry: "US",
    destinationCountry: "US",
    trackingStoppedAt: null,
    shopifyStatus: null,
    shopifyStatusAt: null,
    events: [{ occurredAt: "2026-12-02T08:00:00Z", status: "in_transit", carrierCode: "I", description: "Departed" }],
    latestWriteBack: null,
    isReturn: false,
    returnId: null,
    proofOfDelivery: null,
    createdAt: new Date("2026-12-01T10:00:00Z"),
    ...extra,
  };
}

const now = Date.parse("2026-12-08T15:00:00Z");

describe("parcel views show the truth about the estimate", () => {
  it("shows Trackline's window unless the carrier's has been the more accurate one", () => {
    const both = parcel({
      estimatedDeliveryAt: new Date("2026-12-09T12:00:00Z"),
      predictedDeliveryAt: new Date("2026-12-10T12:00:00Z"),
      predictedDeliveryStart: new Date("2026-12-10T00:00:00Z"),
      predictedDeliveryEnd: new Date("2026-12-11T23:59:59Z"),
      estimateSource: "trackline",
    });
    expect(shownEstimateWindow(both)).toEqual({ start: "2026-12-10T00:00:00.000Z", end: "2026-12-11T23:59:59.000Z" });
    expect(shownEstimateWindow({ ...both, estimateSource: "carrier" })).toEqual({ start: "2026-12-09T12:00:00.000Z", end: "2026-12-09T12:00:00.000Z" });
    const view = buildParcelView(both, 1, 1, { locale: "en", timeZone: "UTC", nowMs: now });
    expect(view.estimatedDelivery).toEqual({ label: "Expected Thu, Dec 10\u2009–\u2009Fri, Dec 11", start: "2026-12-10T00:00:00.000Z", end: "2026-12-11T23:59:59.000Z" });
  });

  it("a parcel nine days past the carrier's date is running late with the new window, or says no new date", () => {
    const overdue = parcel({ estimatedDeliveryAt: new Date("2026-11-23T17:00:00Z"), flags: { stalled: false, late: true, notPickedUp: false } });
    expect(buildParcelView(overdue, 1, 1, { locale: "en", timeZone: "UTC", nowMs: now }).estimatedDelivery).toEqual({
      label: "We don't have a new date from the carrier yet",
      start: "2026-12-08T15:00:00.000Z",
      end: null,
      late: true,
    });
    const reEstimated = {
      ...overdue,
      predictedDeliveryAt: new Date("2026-12-11T12:00:00Z"),
      predictedDeliveryStart: new Date("2026-12-10T00:00:00Z"),
      predictedDeliveryEnd: new Date("2026-12-14T23:59:59Z"),
      estimateSource: "trackline",
    };
    expect(buildParcelView(reEstimated, 1, 1, { locale: "fr", timeZone: "UTC", nowMs: now }).estimatedDelivery?.label).toBe(
      "En retard — nouvelle estimation : jeu. 10\u2009–\u2009lun. 14 déc.",
    );
  });
});
