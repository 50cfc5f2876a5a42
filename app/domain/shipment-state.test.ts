import { describe, expect, it } from "vitest";
import { businessDaysBetween } from "./business-days";
import { crossBorderChina, dhlFailedAttempt, domesticUps, returnToSender, uspsLateScans } from "./event-sequences.fixture";
import { mergeEvents } from "./events";
import { deriveShipmentState, type ShipmentContext } from "./shipment-state";

const context = (overrides: Partial<ShipmentContext> = {}): ShipmentContext => ({
  shipmentId: "shp_123",
  trackingStartedAt: "2026-11-16T20:00:00Z",
  ...overrides,
});

const minutesUntil = (nextCheckAt: string | null, now: Date) =>
  nextCheckAt === null ? null : (Date.parse(nextCheckAt) - now.getTime()) / 60_000;

describe("deriveShipmentState on real sequences", () => {
  it("domestic US parcel: delivered, milestones set, checks stop", () => {
    const now = new Date("2026-11-19T20:00:00Z");
    const state = deriveShipmentState(domesticUps, now, context({ estimatedDeliveryAt: "2026-11-20" }));
    expect(state).toMatchObject({
      status: "delivered",
      subStatus: "left_at_door",
      deliveredAt: "2026-11-19T18:48:00.000Z",
      pickedUpAt: "2026-11-18T00:40:00.000Z",
      lastEventAt: "2026-11-19T18:48:00.000Z",
      flags: { stalled: false, late: false, notPickedUp: false },
      nextCheckAt: null,
      regression: null,
      explanations: [],
    });
  });

  it("domestic US parcel mid-journey: out for delivery is checked every ~30 minutes", () => {
    const now = new Date("2026-11-19T13:00:00Z");
    const state = deriveShipmentState(domesticUps.slice(0, 5), now, context());
    expect(state.status).toBe("out_for_delivery");
    expect(minutesUntil(state.nextCheckAt, now)).toBeGreaterThanOrEqual(27);
    expect(minutesUntil(state.nextCheckAt, now)).toBeLessThanOrEqual(33);
  });

  it("cross-border China → US: customs hold is an exception with a reason, cleared by the next scan", () => {
    const held = deriveShipmentState(crossBorderChina.slice(0, 5), new Date("2026-11-04T12:00:00Z"), context({ international: true }));
    expect(held).toMatchObject({ status: "exception", subStatus: "customs_hold", flags: { stalled: false } });

    // Ten business days in customs is stalled even by the international threshold (7).
    const stuck = deriveShipmentState(crossBorderChina.slice(0, 5), new Date("2026-11-17T12:00:00Z"), context({ international: true }));
    expect(stuck.flags.stalled).toBe(true);
    // The same silence on a domestic parcel would have been stalled much sooner.
    expect(
      deriveShipmentState(crossBorderChina.slice(0, 5), new Date("2026-11-07T12:00:00Z"), context({ international: false })).flags.stalled,
    ).toBe(true);

    const released = deriveShipmentState(crossBorderChina.slice(0, 6), new Date("2026-11-17T12:00:00Z"), context({ international: true }));
    expect(released).toMatchObject({ status: "in_transit", subStatus: "customs_cleared" });

    const done = deriveShipmentState(crossBorderChina, new Date("2026-11-09T00:00:00Z"), context({ international: true }));
    expect(done).toMatchObject({ status: "delivered", deliveredAt: "2026-11-08T22:22:00.000Z", pickedUpAt: "2026-10-29T08:40:00.000Z" });
  });

  it("DHL Express: a failed attempt, then delivery", () => {
    const afterAttempt = deriveShipmentState(dhlFailedAttempt.slice(0, 5), new Date("2026-11-10T12:00:00Z"), context());
    expect(afterAttempt).toMatchObject({ status: "attempt_failed", subStatus: "recipient_unavailable" });
    expect(minutesUntil(afterAttempt.nextCheckAt, new Date("2026-11-10T12:00:00Z"))).toBeGreaterThan(100);

    const delivered = deriveShipmentState(dhlFailedAttempt, new Date("2026-11-11T12:00:00Z"), context({ promisedDeliveryAt: "2026-11-10" }));
    expect(delivered).toMatchObject({
      status: "delivered",
      subStatus: "signed",
      deliveredAt: "2026-11-11T10:47:00.000Z",
      // Promised for the 10th, delivered on the 11th.
      flags: { late: true },
    });
  });

  it("USPS with late-arriving scans: the status never goes back from delivered", () => {
    const now = new Date("2026-11-07T12:00:00Z");
    const merged = mergeEvents(uspsLateScans.firstPoll, uspsLateScans.latePoll).events;
    const state = deriveShipmentState(merged, now, context());
    expect(state).toMatchObject({ status: "delivered", deliveredAt: "2026-11-05T17:02:00.000Z", regression: null, explanations: [] });

    const withStray = deriveShipmentState([...merged, uspsLateScans.strayAfterDelivery], now, context());
    expect(withStray).toMatchObject({ status: "delivered", deliveredAt: "2026-11-05T17:02:00.000Z", regression: null, nextCheckAt: null });
    expect(withStray.lastEventAt).toBe("2026-11-06T08:00:00.000Z");
    expect(withStray.explanations).toEqual([
      'Ignored a "in_transit" scan after delivery. (2026-11-06T08:00:00.000Z: "In Transit to Next Facility")',
    ]);
  });

  it("return to sender: a real regression after delivery is allowed and explained", () => {
    const returning = deriveShipmentState(returnToSender.slice(0, 6), new Date("2026-11-05T12:00:00Z"), context());
    expect(returning).toMatchObject({
      status: "returning",
      subStatus: "refused",
      deliveredAt: null,
      regression: { from: "delivered", to: "returning", at: "2026-11-04T15:00:00.000Z" },
    });
    expect(returning.explanations[0]).toContain("reported returning on 2026-11-04T15:00:00.000Z after delivered");

    const returned = deriveShipmentState(returnToSender, new Date("2026-11-07T12:00:00Z"), context());
    expect(returned).toMatchObject({ status: "returned", subStatus: "return_to_sender", nextCheckAt: null });
    expect(returned.explanations).toContain("Delivered back to the sender. (2026-11-06T16:00:00.000Z)");
  });
});

describe("derived flags", () => {
  const pickedUp = domesticUps.slice(0, 3); // last scan 2026-11-18T04:15Z (Tue 17 Nov, 23:15 New York)

  it("stalled after N business days without a scan, cleared by the next scan", () => {
    const calendar = { timeZone: "America/New_York" };
    // Wed, Thu, Fri = 3 business days after Tuesday.
    expect(deriveShipmentState(pickedUp, new Date("2026-11-20T15:00:00Z"), context({ calendar })).flags.stalled).toBe(true);
    expect(deriveShipmentState(pickedUp, new Date("2026-11-19T15:00:00Z"), context({ calendar })).flags.stalled).toBe(false);
    const resumed = deriveShipmentState(domesticUps.slice(0, 4), new Date("2026-11-20T15:00:00Z"), context({ calendar }));
    expect(resumed.flags.stalled).toBe(false);
    // Per-carrier rules are passed in.
    const patient = context({ calendar, rules: { stalledAfterBusinessDays: { domestic: 5, international: 10 } } });
    expect(deriveShipmentState(pickedUp, new Date("2026-11-20T15:00:00Z"), patient).flags.stalled).toBe(false);
  });

  it("skips weekends and holidays when counting", () => {
    const calendar = { timeZone: "UTC", holidays: ["2026-11-26"] };
    // Wed 25 → Mon 30 Nov: Thu is a holiday, Sat/Sun are weekend: Fri + Mon = 2.
    expect(businessDaysBetween(Date.parse("2026-11-25T12:00:00Z"), Date.parse("2026-11-30T12:00:00Z"), calendar)).toBe(2);
  });

  it("late once the promise (or estimate) has passed, and clears when the estimate moves", () => {
    const now = new Date("2026-11-21T12:00:00Z");
    expect(deriveShipmentState(pickedUp, now, context({ estimatedDeliveryAt: "2026-11-20" })).flags.late).toBe(true);
    expect(deriveShipmentState(pickedUp, now, context({ estimatedDeliveryAt: "2026-11-23" })).flags.late).toBe(false);
    // The merchant's promise wins over the carrier's estimate.
    expect(
      deriveShipmentState(pickedUp, now, context({ estimatedDeliveryAt: "2026-11-23", promisedDeliveryAt: "2026-11-20T23:59:00Z" })).flags.late,
    ).toBe(true);
    // A date-only deadline lasts to the end of that day where the shipment is.
    const calendar = { timeZone: "America/Los_Angeles" };
    expect(deriveShipmentState(pickedUp, new Date("2026-11-21T07:00:00Z"), context({ estimatedDeliveryAt: "2026-11-20", calendar })).flags.late).toBe(false);
  });

  it("not picked up when a label sits unscanned, cleared by the first scan", () => {
    const labelOnly = domesticUps.slice(0, 1);
    expect(deriveShipmentState(labelOnly, new Date("2026-11-18T12:00:00Z"), context()).flags.notPickedUp).toBe(false);
    expect(deriveShipmentState(labelOnly, new Date("2026-11-20T12:00:00Z"), context()).flags.notPickedUp).toBe(true);
    expect(deriveShipmentState(domesticUps.slice(0, 2), new Date("2026-11-20T12:00:00Z"), context()).flags.notPickedUp).toBe(false);
  });

  it("expires after N days of silence, and stops checking", () => {
    const state = deriveShipmentState([], new Date("2026-12-20T00:00:00Z"), context());
    expect(state).toMatchObject({ status: "expired", nextCheckAt: null });
    expect(state.explanations[0]).toMatch(/^No carrier information for 33 days/);
    expect(deriveShipmentState([], new Date("2026-12-10T00:00:00Z"), context()).status).toBe("pending");
  });
});

describe("next check time", () => {
  it("backs off a silent new number with its age", () => {
    const started = "2026-11-16T20:00:00Z";
    const gaps = [
      "2026-11-16T20:30:00Z", // 30 min old → ~15 min
      "2026-11-17T08:00:00Z", // 12 h → ~1 h
      "2026-11-18T20:00:00Z", // 2 days → ~3 h
      "2026-11-21T20:00:00Z", // 5 days → ~6 h
      "2026-11-26T20:00:00Z", // 10 days → ~12 h
    ].map((at) => {
      const now = new Date(at);
      return minutesUntil(deriveShipmentState([], now, context({ trackingStartedAt: started, jitter: 0 })).nextCheckAt, now);
    });
    expect(gaps).toEqual([15, 60, 180, 360, 720]);
  });

  it("checks in-transit parcels about every two hours, stalled ones less often", () => {
    const now = new Date("2026-11-18T12:00:00Z");
    const state = deriveShipmentState(domesticUps.slice(0, 3), now, context({ jitter: 0 }));
    expect(minutesUntil(state.nextCheckAt, now)).toBe(120);
    const stalledNow = new Date("2026-11-25T12:00:00Z");
    const stalled = deriveShipmentState(domesticUps.slice(0, 3), stalledNow, context({ jitter: 0 }));
    expect(minutesUntil(stalled.nextCheckAt, stalledNow)).toBe(360);
  });

  it("takes cadence overrides", () => {
    const now = new Date("2026-11-18T12:00:00Z");
    const state = deriveShipmentState(domesticUps.slice(0, 3), now, context({ jitter: 0, cadence: { in_transit: 45 } }));
    expect(minutesUntil(state.nextCheckAt, now)).toBe(45);
  });

  it("jitters deterministically per shipment within ±10%", () => {
    const now = new Date("2026-11-18T12:00:00Z");
    const spread = ["a", "b", "c", "d", "e", "f"].map((id) =>
      minutesUntil(deriveShipmentState(domesticUps.slice(0, 3), now, context({ shipmentId: id })).nextCheckAt, now),
    );
    for (const minutes of spread) {
      expect(minutes).toBeGreaterThanOrEqual(108);
      expect(minutes).toBeLessThanOrEqual(132);
    }
    expect(new Set(spread).size).toBeGreaterThan(1);
    const again = minutesUntil(deriveShipmentState(domesticUps.slice(0, 3), now, context({ shipmentId: "a" })).nextCheckAt, now);
    expect(again).toBe(spread[0]);
  });
});
