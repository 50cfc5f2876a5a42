import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "~/cli/run";
import { database } from "~/data/client.server";
import { countShipments } from "~/data/shipments.server";
import { DEMO_SHOP } from "~/config/demo-mode.server";
import { loadDashboard } from "./dashboard.server";
import { periodFromSearch } from "./period";
import { parseShipmentQuery, toShipmentFilter } from "./shipment-filter";

/**
 * The figures the dashboard shows side by side, for the seeded demo shop: each pair either agrees
 * or differs by exactly the part the page names ("413 fulfilled" is the funnel's 100 %; "Delivered"
 * in the funnel vs "Delivered in this period"; "Invalid tracking" vs the failure path "Invalid").
 */
const NOW = new Date("2026-11-20T12:00:00Z");

describe("dashboard figures of the seeded demo shop", () => {
  beforeAll(async () => {
    const code = await runCli(["seed-demo", "--now", NOW.toISOString()], { stdout: () => {}, stderr: () => {}, readStdin: async () => "" });
    expect(code).toBe(0);
  }, 240_000);

  const load = (period: string) => {
    const { db, provider } = database();
    return loadDashboard(db, provider, DEMO_SHOP, { search: new URLSearchParams({ period }), now: NOW });
  };

  it("shows the demo's 30 days with these exact figures", async () => {
    const dashboard = await load("30");
    expect({
      shipments: dashboard.shipments,
      funnel: dashboard.funnel.map((stage) => [stage.stage, stage.count]),
      notStarted: dashboard.notStarted.filter((row) => row.count > 0),
      invalidAttention: dashboard.attention.find((item) => item.kind === "invalid")?.count,
      trackingProblems: dashboard.trackingProblems,
      invalidFailure: dashboard.failures.find((failure) => failure.status === "invalid")?.count,
      deliveredInPeriod: dashboard.deliveryTimes.overall.deliveries,
      timeSaved: { upperBound: dashboard.selfService.estimatedMinutesSaved, measured: dashboard.selfService.measured },
    }).toEqual(EXPECTED_30_DAYS);
  });

  it.each(["7", "30", "90"])("agrees with itself and with the shipments list over %s days", async (period) => {
    const { db } = database();
    const dashboard = await load(period);
    const listCount = (params: Record<string, string>) => {
      const { query, errors } = parseShipmentQuery(new URLSearchParams({ from: dashboard.period.fromDate, to: dashboard.period.toDate, ...params }));
      expect(errors).toEqual([]);
      return countShipments(db, DEMO_SHOP, toShipmentFilter(query, dashboard.period.timeZone));
    };

    // "N shipments fulfilled" is the funnel's first stage (its 100 %) and the list's count for the period.
    const [fulfilled, confirmed] = dashboard.funnel;
    expect(fulfilled?.stage).toBe("fulfilled");
    expect(fulfilled?.count).toBe(dashboard.shipments);
    expect(await listCount({})).toBe(dashboard.shipments);
    // The step from "fulfilled" to "label created" is exactly the shipments listed as never reaching the carrier.
    expect(dashboard.shipments - (confirmed?.count ?? 0)).toBe(dashboard.notStarted.reduce((sum, row) => sum + row.count, 0));
    for (const row of dashboard.notStarted) expect(await listCount({ status: row.status }), row.status).toBe(row.count);
    for (const stage of dashboard.funnel) expect(await listCount(stage.statuses.length ? { status: stage.statuses.join(",") } : {}), stage.stage).toBe(stage.count);

    // "Invalid tracking" (attention) = status invalid (the failure path's "Invalid") + numbers flagged on another status.
    const invalidAttention = dashboard.attention.find((item) => item.kind === "invalid")?.count;
    const invalidFailure = dashboard.failures.find((failure) => failure.status === "invalid")?.count;
    expect(invalidFailure).toBe(dashboard.trackingProblems.invalidStatus);
    expect(invalidAttention).toBe(dashboard.trackingProblems.invalidStatus + dashboard.trackingProblems.flaggedOnOtherStatus);
    expect(await listCount({ attention: "invalid" })).toBe(invalidAttention);
    expect(await listCount({ status: "invalid" })).toBe(invalidFailure);

    // The funnel's "Delivered" counts shipments fulfilled in the period that are delivered now;
    // "Delivered in this period" counts deliveries made in the period, whenever the parcel shipped.
    const delivered = dashboard.funnel.at(-1);
    expect(delivered?.stage).toBe("delivered");
    expect(await listCount({ status: "delivered" })).toBe(delivered?.count);
    const range = periodFromSearch(new URLSearchParams({ period }), NOW, dashboard.period.timeZone);
    const deliveredInPeriod = await db.shipment.count({
      where: { shopDomain: DEMO_SHOP, deliveredAt: { gte: range.start, lt: range.end }, fulfillmentCreatedAt: { not: null } },
    });
    expect(dashboard.deliveryTimes.overall.deliveries).toBe(deliveredInPeriod);
    // The per-carrier rows add up to the overall figure.
    expect(dashboard.deliveryTimes.byCarrier.reduce((sum, row) => sum + row.deliveries, 0)).toBe(dashboard.deliveryTimes.overall.deliveries);
    expect(dashboard.scorecard.reduce((sum, row) => sum + row.volume, 0)).toBe(dashboard.shipments);
  });
});

/** Worked out from the seed (42, 520 orders, as of 2026-11-20 12:00 UTC): the funnel, invalid-tracking and delivered pairs, and time saved measured beside its upper bound. */
const EXPECTED_30_DAYS = {
  shipments: 413,
  funnel: [
    ["fulfilled", 413],
    ["info_received", 385],
    ["in_transit", 369],
    ["out_for_delivery", 192],
    ["delivered", 190],
  ],
  // 413 − 385 = 28 shipments the carrier never confirmed.
  notStarted: [
    { status: "pending", count: 20 },
    { status: "invalid", count: 8 },
  ],
  invalidAttention: 8,
  trackingProblems: { invalidStatus: 8, flaggedOnOtherStatus: 0 },
  invalidFailure: 8,
  deliveredInPeriod: 232,
  // The demo's 20 % holdout measures 59 avoided inquiries × 6 min; 336 shopper lookups × 6 min is the upper bound.
  timeSaved: { upperBound: 2016, measured: { avoidedInquiries: 59, minutes: 354 } },
};
