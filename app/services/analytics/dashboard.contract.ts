import { beforeAll, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { recordOrderPlaced } from "~/data/fulfillments.server";
import { countShipments } from "~/data/shipments.server";
import { businessDaysBetween } from "~/domain/business-days";
import { loadDashboard } from "./dashboard.server";
import { FIXTURE_NOW, FIXTURE_OTHER_SHOP, FIXTURE_PERIOD, FIXTURE_SHOP, seedAnalyticsFixture } from "./dashboard.fixture";
import { parseShipmentQuery, toShipmentFilter } from "./shipment-filter";

/**
 * Every dashboard metric against numbers worked out by hand from dashboard.fixture.ts, run on
 * SQLite and on Postgres (the raw SQL differs per provider; the answers must not).
 */
export function dashboardContract(expectedProvider: "sqlite" | "postgres") {
  describe(`dashboard on ${expectedProvider}`, () => {
    beforeAll(async () => {
      const { db, provider } = database();
      expect(provider).toBe(expectedProvider);
      await seedAnalyticsFixture(db);
    });

    const dashboard = () => {
      const { db, provider } = database();
      return loadDashboard(db, provider, FIXTURE_SHOP, { search: FIXTURE_PERIOD, now: FIXTURE_NOW });
    };

    it("counts the period's shipments by status, funnel stage and failure path", async () => {
      const result = await dashboard();
      expect(result.period).toEqual({ preset: "custom", fromDate: "2026-11-01", toDate: "2026-11-20", timeZone: "UTC" });
      expect(result.shipments).toBe(9);
      expect(result.statusCounts).toEqual({
        delivered: 3,
        in_transit: 1,
        exception: 1,
        invalid: 1,
        pending: 1,
        attempt_failed: 1,
        out_for_delivery: 1,
      });
      expect(result.funnel.map((stage) => [stage.stage, stage.count])).toEqual([
        ["fulfilled", 9],
        ["info_received", 7],
        ["in_transit", 7],
        ["out_for_delivery", 5],
        ["delivered", 3],
      ]);
      // The two fulfilled shipments that never reached the carrier's systems.
      expect(result.notStarted.filter((row) => row.count > 0)).toEqual([
        { status: "pending", count: 1 },
        { status: "invalid", count: 1 },
      ]);
      expect(result.failures.filter((failure) => failure.count > 0)).toEqual([
        { status: "attempt_failed", count: 1 },
        { status: "exception", count: 1 },
        { status: "invalid", count: 1 },
      ]);
    });

    it("counts what needs attention", async () => {
      const result = await dashboard();
      expect(Object.fromEntries(result.attention.map((item) => [item.kind, item.count]))).toEqual({
        stalled: 1,
        late: 1,
        exception: 1,
        invalid: 2,
        not_picked_up: 1,
      });
      // "Invalid tracking 2" = 1 shipment with status invalid + 1 flagged on another status.
      expect(result.trackingProblems).toEqual({ invalidStatus: 1, flaggedOnOtherStatus: 1 });
    });

    it("reports delivery times in business days, P50/P90, overall, by carrier and by lane", async () => {
      const { deliveryTimes } = await dashboard();
      // Fulfillment → delivered: s3 1, s1 3, s2 5, s10 10; order → delivered: s1 4, s2 6.
      expect(deliveryTimes.overall).toEqual({ deliveries: 4, shipP50: 3, shipP90: 10, orderP50: 4, orderP90: 6 });
      expect(deliveryTimes.byCarrier).toEqual([
        { carrier: "ups", deliveries: 3, shipP50: 5, shipP90: 10, orderP50: 4, orderP90: 6 },
        { carrier: "fedex", deliveries: 1, shipP50: 1, shipP90: 1, orderP50: null, orderP90: null },
      ]);
      expect(deliveryTimes.byLane).toEqual(
        expect.arrayContaining([
          { origin: "US", destination: "US", deliveries: 2, shipP50: 1, shipP90: 3, orderP50: 4, orderP90: 4 },
          { origin: "US", destination: "CA", deliveries: 1, shipP50: 5, shipP90: 5, orderP50: 6, orderP90: 6 },
          { origin: "US", destination: "GB", deliveries: 1, shipP50: 10, shipP90: 10, orderP50: null, orderP90: null },
        ]),
      );
      expect(deliveryTimes.byLane).toHaveLength(3);
    });

    it("rates on-time delivery against the carrier estimate and our prediction", async () => {
      const { onTime } = await dashboard();
      expect(onTime.vsCarrierEstimate).toEqual({ eligible: 2, hits: 1, rate: 0.5 });
      expect(onTime.vsPrediction).toEqual({ eligible: 1, hits: 1, rate: 1 });
    });

    it("breaks exceptions and failed attempts down by reason and carrier", async () => {
      const { problems } = await dashboard();
      expect(problems.byReason).toEqual([
        { status: "exception", reason: "customs_hold", count: 1 },
        { status: "attempt_failed", reason: "recipient_unavailable", count: 1 },
      ]);
      expect(problems.byCarrier).toEqual(
        expect.arrayContaining([
          { carrier: "fedex", exception: 1, attemptFailed: 0 },
          { carrier: "usps", exception: 0, attemptFailed: 1 },
        ]),
      );
    });

    it("measures self-service: lookups per day and surface, orders checked, time saved", async () => {
      const { selfService } = await dashboard();
      expect(selfService.lookupsBySurface).toEqual({ storefront: 3, customer_account: 1, admin: 1 });
      expect(selfService.shopperLookups).toBe(4);
      expect(selfService.orders).toBe(8);
      expect(selfService.ordersChecked).toBe(2);
      expect(selfService.shareChecked).toBe(0.25);
      expect(selfService.lookupsPerOrder).toBe(0.5);
      expect(selfService.supportMinutesPerInquiry).toBe(6);
      expect(selfService.estimatedMinutesSaved).toBe(24);
      // No holdout experiment in the fixture: nothing measured, the upper bound is all there is.
      expect(selfService.measured).toBeNull();
      expect(selfService.days).toHaveLength(20);
      expect(selfService.days.filter((day) => day.storefront + day.customer_account + day.admin > 0)).toEqual([
        { date: "2026-11-02", storefront: 1, customer_account: 0, admin: 0 },
        { date: "2026-11-06", storefront: 1, customer_account: 0, admin: 0 },
        { date: "2026-11-07", storefront: 1, customer_account: 1, admin: 0 },
        { date: "2026-11-10", storefront: 0, customer_account: 0, admin: 1 },
      ]);
    });

    it("scores carriers", async () => {
      const { scorecard } = await dashboard();
      expect(scorecard).toEqual([
        { carrier: "fedex", volume: 3, delivered: 1, medianTransitDays: 1, onTime: { eligible: 0, hits: 0, rate: null }, exceptionRate: 1 / 3, stalledRate: 1 / 3 },
        { carrier: "ups", volume: 3, delivered: 3, medianTransitDays: 5, onTime: { eligible: 2, hits: 1, rate: 0.5 }, exceptionRate: 0, stalledRate: 0 },
        { carrier: "usps", volume: 2, delivered: 0, medianTransitDays: null, onTime: { eligible: 0, hits: 0, rate: null }, exceptionRate: 0, stalledRate: 0 },
        { carrier: "unresolved", volume: 1, delivered: 0, medianTransitDays: null, onTime: { eligible: 0, hits: 0, rate: null }, exceptionRate: 0, stalledRate: 0 },
      ]);
    });

    it("matches the shipments list exactly for every count it links to", async () => {
      const { db } = database();
      const result = await dashboard();
      const listCount = (params: Record<string, string>) => {
        const { query, errors } = parseShipmentQuery(new URLSearchParams({ from: "2026-11-01", to: "2026-11-20", ...params }));
        expect(errors).toEqual([]);
        return countShipments(db, FIXTURE_SHOP, toShipmentFilter(query, "UTC"));
      };
      expect(await listCount({})).toBe(result.shipments);
      for (const [status, count] of Object.entries(result.statusCounts)) expect(await listCount({ status }), status).toBe(count);
      for (const { kind, count } of result.attention) expect(await listCount({ attention: kind }), kind).toBe(count);
      for (const stage of result.funnel) expect(await listCount({ status: stage.statuses.join(",") }), stage.stage).toBe(stage.count);
      for (const row of result.scorecard) expect(await listCount({ carrier: row.carrier }), row.carrier).toBe(row.volume);
    });

    it("never mixes in another shop's data", async () => {
      const { db, provider } = database();
      const other = await loadDashboard(db, provider, FIXTURE_OTHER_SHOP, { search: FIXTURE_PERIOD, now: FIXTURE_NOW });
      expect(other.shipments).toBe(1);
      expect(other.statusCounts).toEqual({ exception: 1 });
      expect(other.deliveryTimes.overall.deliveries).toBe(0);
      expect(other.selfService.lookupsBySurface).toEqual({ storefront: 1, customer_account: 0, admin: 0 });
      expect(other.selfService.orders).toBe(1);
      expect(other.selfService.ordersChecked).toBe(1);
      expect(other.selfService.shopperLookups).toBe(1);
    });

    it("fills order → delivered for a parcel that arrived by webhook once orders/create gives the order's creation time", async () => {
      const { db, provider } = database();
      const shop = "live-shop.myshopify.com";
      await db.shop.create({ data: { domain: shop, timezone: "UTC" } });
      // As a fulfillment webhook stores it: no order creation time (the payload has none).
      await db.shipment.create({
        data: {
          shopDomain: shop,
          orderId: "gid://shopify/Order/77",
          orderName: "#77",
          fulfillmentId: "gid://shopify/Fulfillment/77",
          trackingNumber: "1Z999AA10123456784",
          carrier: "ups",
          status: "delivered",
          createdAt: new Date("2026-11-10T10:00:00Z"),
          fulfillmentCreatedAt: new Date("2026-11-10T10:00:00Z"),
          deliveredAt: new Date("2026-11-13T10:00:00Z"),
        },
      });
      const load = async () =>
        (await loadDashboard(db, provider, shop, { search: FIXTURE_PERIOD, now: FIXTURE_NOW })).deliveryTimes.overall;
      expect(await load()).toEqual({ deliveries: 1, shipP50: 3, shipP90: 3, orderP50: null, orderP90: null });
      // Ordered Monday 9 November, delivered Friday 13: four business days.
      expect(await recordOrderPlaced(db, shop, "gid://shopify/Order/77", new Date("2026-11-09T10:00:00Z"), FIXTURE_NOW)).toEqual({ recorded: true, shipmentsFilled: 1 });
      expect(await load()).toEqual({ deliveries: 1, shipP50: 3, shipP90: 3, orderP50: 4, orderP90: 4 });
    });

    it("counts business days in SQL exactly as the domain does, in the shop's zone", async () => {
      const { db, provider } = database();
      const shop = "zone-shop.myshopify.com";
      // Tokyo has no daylight saving time, so one offset is exact for the whole period.
      await db.shop.create({ data: { domain: shop, timezone: "Asia/Tokyo" } });
      let seed = 7;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const pairs = Array.from({ length: 40 }, (_, index) => {
        const delivered = Date.parse("2026-11-01T00:00:00Z") + Math.floor(random() * 19 * 86_400_000);
        const shipped = delivered - Math.floor(random() * 12 * 86_400_000);
        return { index, shipped, delivered };
      });
      await db.shipment.createMany({
        data: pairs.map(({ index, shipped, delivered }) => ({
          shopDomain: shop,
          orderId: `o${index}`,
          orderName: `#${index}`,
          fulfillmentId: `f${index}`,
          trackingNumber: `t${index}`,
          carrier: `c${index}`,
          status: "delivered",
          createdAt: new Date(shipped),
          fulfillmentCreatedAt: new Date(shipped),
          deliveredAt: new Date(delivered),
        })),
      });
      const result = await loadDashboard(db, provider, shop, {
        search: new URLSearchParams({ from: "2026-11-01", to: "2026-11-30" }),
        now: FIXTURE_NOW,
      });
      const expected = Object.fromEntries(
        pairs.map(({ index, shipped, delivered }) => [`c${index}`, businessDaysBetween(shipped, delivered, { timeZone: "Asia/Tokyo" })]),
      );
      const actual = Object.fromEntries(result.deliveryTimes.byCarrier.map((row) => [row.carrier, row.shipP50]));
      // Deliveries before Tokyo's 2026-11-01 00:00 fall outside the period.
      for (const { index, delivered } of pairs) if (delivered < Date.parse("2026-10-31T15:00:00Z")) delete expected[`c${index}`];
      expect(actual).toEqual(expected);
    });
  });
}
