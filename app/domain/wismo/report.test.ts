import { describe, expect, it } from "vitest";
import { isHeldOut } from "./holdout";
import { buildWismoReport, type ReportInquiry } from "./report";

const holdout = { enabled: true, percent: 10, key: "report-test-key" };

/** 900 treated and 100 held-out orders (found by walking order ids), all in the experiment. */
function experimentOrders() {
  const treated: string[] = [];
  const held: string[] = [];
  for (let n = 1; treated.length < 900 || held.length < 100; n++) {
    const id = `gid://shopify/Order/${n}`;
    if (isHeldOut(id, holdout)) {
      if (held.length < 100) held.push(id);
    } else if (treated.length < 900) treated.push(id);
  }
  return { treated, held };
}

const inquiry = (orderId: string, date: string, extra: Partial<ReportInquiry> = {}): ReportInquiry => ({
  orderId,
  source: "tracking_page",
  reason: "where_is_my_order",
  parcelStatus: "in_transit",
  parcelLate: false,
  parcelStalled: false,
  carrier: "ups",
  lane: "US>US",
  lookedAtTracking: false,
  notifiedBefore: false,
  date,
  ...extra,
});

describe("WISMO report", () => {
  it("measures deflection from the holdout and turns it into support time (hand-computed)", () => {
    const { treated, held } = experimentOrders();
    const orders = [...treated, ...held].map((orderId, i) => ({ orderId, date: i % 2 === 0 ? "2026-11-01" : "2026-11-02", inExperiment: true }));
    // 36 treated orders and 10 held-out orders asked once each.
    const asked = [...treated.slice(0, 36), ...held.slice(0, 10)];
    const inquiries = asked.map((orderId) => inquiry(orderId, "2026-11-02"));
    const report = buildWismoReport({
      dates: ["2026-11-01", "2026-11-02"],
      inquiries,
      orders,
      ordersWithInquiry: new Set(asked),
      holdout,
      minutesPerInquiry: 6,
      shopperLookups: 400,
    });
    expect(report.orders).toBe(1000);
    expect(report.inquiries).toBe(46);
    expect(report.per100).toBeCloseTo(4.6, 10);
    expect(report.days).toEqual([
      { date: "2026-11-01", orders: 500, inquiries: 0, per100: 0 },
      { date: "2026-11-02", orders: 500, inquiries: 46, per100: 9.2 },
    ]);
    const estimate = report.holdout.estimate;
    expect(estimate?.kind).toBe("estimate");
    if (estimate?.kind !== "estimate") return;
    // Held-out 10/100 = 10 per 100, treated 36/900 = 4 per 100: 6 avoided per 100 (95 % CI 1.28 to 13.52).
    expect([estimate.heldOut.per100, estimate.treated.per100]).toEqual([10, 4]);
    expect(Math.round(estimate.lowerPer100 * 100) / 100).toBe(1.28);
    // 6 per 100 over 900 treated orders = 54 inquiries avoided × 6 min = 324 min; the upper bound is 400 lookups × 6 min.
    expect(report.timeSaved).toEqual({ minutesPerInquiry: 6, avoidedInquiries: 54, measuredMinutes: 324, upperBoundMinutes: 2400, shopperLookups: 400 });
  });

  it("groups by reason, parcel situation, source, carrier and lane, with who looked or was notified first", () => {
    const inquiries = [
      inquiry("a", "2026-11-01", { reason: "delayed", parcelLate: true, carrier: "fedex", lane: "US>CA", lookedAtTracking: true }),
      inquiry("b", "2026-11-01", { reason: "delayed", parcelStalled: true, parcelLate: true, carrier: "fedex", lane: "US>CA", notifiedBefore: true }),
      inquiry("c", "2026-11-01", { reason: "delivered_not_received", parcelStatus: "delivered", source: "zendesk", lookedAtTracking: true }),
      inquiry("d", "2026-11-01", { parcelStatus: null, carrier: null, lane: null, source: "gorgias" }),
    ];
    const report = buildWismoReport({
      dates: ["2026-11-01"],
      inquiries,
      orders: [],
      ordersWithInquiry: new Set(),
      holdout: { enabled: false, percent: 10, key: "k" },
      minutesPerInquiry: 5,
      shopperLookups: 3,
    });
    expect(report.per100).toBeNull();
    expect(report.byReason).toEqual([{ key: "delayed", count: 2 }, { key: "delivered_not_received", count: 1 }, { key: "where_is_my_order", count: 1 }]);
    expect(report.bySituation).toEqual([{ key: "delivered", count: 1 }, { key: "late", count: 1 }, { key: "stalled", count: 1 }, { key: "unknown", count: 1 }]);
    expect(report.bySource).toEqual([{ key: "tracking_page", count: 2 }, { key: "gorgias", count: 1 }, { key: "zendesk", count: 1 }]);
    expect(report.byCarrier).toEqual([{ key: "fedex", count: 2 }, { key: "unknown", count: 1 }, { key: "ups", count: 1 }]);
    expect(report.byLane).toEqual([{ key: "US>CA", count: 2 }, { key: "unknown", count: 1 }, { key: "US>US", count: 1 }]);
    expect([report.lookedFirst, report.notifiedFirst]).toEqual([0.5, 0.25]);
    // No holdout: no measured figure, only the labelled upper bound.
    expect(report.holdout.estimate).toBeNull();
    expect(report.timeSaved).toEqual({ minutesPerInquiry: 5, avoidedInquiries: null, measuredMinutes: null, upperBoundMinutes: 15, shopperLookups: 3 });
  });

  it("leaves orders shipped before the holdout started out of the experiment", () => {
    const report = buildWismoReport({
      dates: [],
      inquiries: [],
      orders: [{ orderId: "1", date: "2026-11-01", inExperiment: false }],
      ordersWithInquiry: new Set(),
      holdout,
      minutesPerInquiry: 6,
      shopperLookups: 0,
    });
    expect(report.holdout.estimate).toMatchObject({ kind: "insufficient", treated: { orders: 0, ordersWithInquiry: 0 }, heldOut: { orders: 0, ordersWithInquiry: 0 } });
  });
});
