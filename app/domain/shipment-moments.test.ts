import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  coalescedDueAt,
  decideOrderMoments,
  decideShipmentMoments,
  destinationTimeZone,
  headlineMoment,
  sendTimeAfterQuietHours,
  SHIPMENT_MOMENTS,
  type MomentState,
  type ShipmentMoment,
} from "./shipment-moments";
import { CANONICAL_STATUSES, SUB_STATUSES, type CanonicalStatus } from "./status";

const NOW = new Date("2026-12-01T12:00:00Z");
const HOUR = 3_600_000;

function state(overrides: Partial<MomentState> = {}): MomentState {
  return {
    status: "pending",
    subStatus: null,
    stalled: false,
    late: false,
    estimate: null,
    statusAt: null,
    lastScanCountry: null,
    originCountry: "US",
    destinationCountry: "US",
    description: null,
    ...overrides,
  };
}

const moments = (previous: MomentState | null, next: MomentState, recorded: ShipmentMoment[] = []) =>
  decideShipmentMoments({ previous, next, recorded: new Set(recorded), now: NOW }).map((entry) => entry.moment);

const recent = new Date(NOW.getTime() - HOUR).toISOString();

describe("shipment moments", () => {
  it("names each status change in plain moments", () => {
    expect(moments(state(), state({ status: "in_transit", statusAt: recent }))).toEqual(["shipped"]);
    expect(moments(state({ status: "picked_up" }), state({ status: "in_transit", statusAt: recent }))).toEqual(["in_transit"]);
    expect(moments(state({ status: "in_transit" }), state({ status: "out_for_delivery", statusAt: recent }))).toEqual(["out_for_delivery"]);
    expect(moments(state({ status: "out_for_delivery" }), state({ status: "attempt_failed", statusAt: recent, description: "Nobody home" }))).toEqual([
      "attempt_failed",
    ]);
    expect(moments(state({ status: "in_transit" }), state({ status: "available_for_pickup", statusAt: recent }))).toEqual(["available_for_pickup"]);
    expect(moments(state({ status: "delivered" }), state({ status: "returned", statusAt: recent }))).toEqual(["returned"]);
    expect(moments(state({ status: "in_transit" }), state({ status: "returning", statusAt: recent }))).toEqual(["returning"]);
  });

  it("carries the carrier's reason on problems", () => {
    const [exception] = decideShipmentMoments({
      previous: state({ status: "in_transit" }),
      next: state({ status: "exception", subStatus: "address_problem", statusAt: recent, description: "Incorrect address" }),
      recorded: new Set(),
      now: NOW,
    });
    expect(exception).toEqual({ moment: "exception", occurredAt: recent, reason: "Incorrect address" });
  });

  it("sees customs holds, clearance and arrival in the destination country", () => {
    const abroad = { originCountry: "CN", destinationCountry: "FR" };
    expect(
      moments(
        state({ ...abroad, status: "in_transit", lastScanCountry: "CN" }),
        state({ ...abroad, status: "in_transit", lastScanCountry: "FR", statusAt: recent }),
      ),
    ).toEqual(["arrived_in_country"]);
    expect(
      moments(
        state({ ...abroad, status: "in_transit", lastScanCountry: "FR" }),
        state({ ...abroad, status: "exception", subStatus: "customs_hold", lastScanCountry: "FR", statusAt: recent }),
      ),
    ).toEqual(["customs_hold"]);
    expect(
      moments(
        state({ ...abroad, status: "exception", subStatus: "customs_hold", lastScanCountry: "FR" }),
        state({ ...abroad, status: "in_transit", lastScanCountry: "FR", statusAt: recent }),
      ),
    ).toEqual(["in_transit", "customs_cleared"]);
  });

  it("raises stalled, delayed (running late) and estimate changed from flags and estimates", () => {
    const before = state({ status: "in_transit", estimate: "2026-12-03T00:00:00.000Z" });
    expect(moments(before, { ...before, stalled: true })).toEqual(["stalled"]);
    expect(moments(before, { ...before, late: true })).toEqual(["delayed"]);
    expect(moments(before, { ...before, estimate: "2026-12-05T00:00:00.000Z" })).toEqual(["estimate_changed"]);
    // Less than a day is not worth a message.
    expect(moments(before, { ...before, estimate: "2026-12-03T20:00:00.000Z" })).toEqual([]);
  });

  it("says only 'delivered' for a parcel first seen delivered, and nothing for stale news", () => {
    expect(moments(null, state({ status: "delivered", statusAt: recent, stalled: true, late: true }))).toEqual(["delivered"]);
    const old = new Date(NOW.getTime() - 100 * HOUR).toISOString();
    expect(moments(state({ status: "in_transit" }), state({ status: "delivered", statusAt: old }))).toEqual([]);
  });

  it("decides all parcels delivered once every tracked parcel arrived", () => {
    expect(decideOrderMoments([{ status: "delivered", stopped: false }, { status: "in_transit", stopped: false }], new Set(), NOW)).toEqual([]);
    expect(
      decideOrderMoments([{ status: "delivered", stopped: false }, { status: "cancelled", stopped: true }, { status: "delivered", stopped: true }], new Set(), NOW),
    ).toEqual([{ moment: "all_delivered", occurredAt: NOW.toISOString(), reason: null }]);
    expect(decideOrderMoments([{ status: "delivered", stopped: false }], new Set(["all_delivered"]), NOW)).toEqual([]);
  });

  it("says delivered, not customs, for a delivered parcel that still carries a customs-hold sub-status", () => {
    const next = { status: "delivered", subStatus: "customs_hold", stalled: false, late: false, estimate: null, statusAt: null, lastScanCountry: null, originCountry: null, destinationCountry: null, description: null } as const;
    expect(decideShipmentMoments({ previous: null, next, recorded: new Set(), now: NOW }).map((entry) => entry.moment)).toEqual(["delivered"]);
  });

  it("heads a coalesced message with the most consequential moment", () => {
    expect(headlineMoment(["shipped", "arrived_in_country", "out_for_delivery"])).toBe("out_for_delivery");
    expect(headlineMoment(["delivered", "all_delivered"])).toBe("all_delivered");
  });
});

const statusArb = fc.constantFrom<CanonicalStatus>(...CANONICAL_STATUSES);
const stateArb: fc.Arbitrary<MomentState> = fc.record({
  status: statusArb,
  subStatus: fc.option(fc.constantFrom(...SUB_STATUSES), { nil: null }),
  stalled: fc.boolean(),
  late: fc.boolean(),
  estimate: fc.option(
    fc.integer({ min: -10, max: 10 }).map((days) => new Date(NOW.getTime() + days * 24 * HOUR).toISOString()),
    { nil: null },
  ),
  statusAt: fc.option(
    fc.integer({ min: 0, max: 200 }).map((hours) => new Date(NOW.getTime() - hours * HOUR).toISOString()),
    { nil: null },
  ),
  lastScanCountry: fc.option(fc.constantFrom("US", "FR", "CN"), { nil: null }),
  originCountry: fc.option(fc.constantFrom("US", "CN"), { nil: null }),
  destinationCountry: fc.option(fc.constantFrom("US", "FR"), { nil: null }),
  description: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
});

describe("shipment moment rules (properties)", () => {
  it("never decides a moment twice for a parcel, over any sequence of changes", () => {
    fc.assert(
      fc.property(fc.array(stateArb, { minLength: 1, maxLength: 12 }), (states) => {
        const recorded = new Set<ShipmentMoment>();
        const seen: ShipmentMoment[] = [];
        let previous: MomentState | null = null;
        for (const next of states) {
          for (const entry of decideShipmentMoments({ previous, next, recorded, now: NOW })) {
            seen.push(entry.moment);
            recorded.add(entry.moment);
          }
          previous = next;
        }
        expect(new Set(seen).size).toBe(seen.length);
      }),
      { numRuns: 300 },
    );
  });

  it("after delivered, decides nothing but delivered or returned", () => {
    fc.assert(
      fc.property(stateArb, stateArb, fc.subarray([...SHIPMENT_MOMENTS]), (previous, next, recorded) => {
        const delivered = { ...previous, status: "delivered" as const };
        const decided = decideShipmentMoments({ previous: delivered, next, recorded: new Set(recorded), now: NOW });
        for (const entry of decided) expect(["delivered", "returned"]).toContain(entry.moment);
        const afterRecorded = decideShipmentMoments({ previous, next, recorded: new Set<ShipmentMoment>(["delivered", ...recorded]), now: NOW });
        for (const entry of afterRecorded) expect(["delivered", "returned"]).toContain(entry.moment);
      }),
      { numRuns: 300 },
    );
  });

  it("never decides a recorded moment, and a first sighting says at most one thing", () => {
    fc.assert(
      fc.property(fc.option(stateArb, { nil: null }), stateArb, fc.subarray([...SHIPMENT_MOMENTS]), (previous, next, recorded) => {
        const decided = decideShipmentMoments({ previous, next, recorded: new Set(recorded), now: NOW });
        for (const entry of decided) expect(recorded).not.toContain(entry.moment);
        if (previous === null) {
          expect(decided.length).toBeLessThanOrEqual(1);
          if (next.status === "delivered" && decided.length === 1) expect(decided[0]?.moment).toBe("delivered");
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never speaks from a stale event: a status reached long ago yields no status moment", () => {
    fc.assert(
      fc.property(stateArb, stateArb, fc.integer({ min: 73, max: 2000 }), (previous, next, hoursAgo) => {
        const stale = { ...next, statusAt: new Date(NOW.getTime() - hoursAgo * HOUR).toISOString() };
        const decided = decideShipmentMoments({ previous, next: stale, recorded: new Set(), now: NOW });
        const derived = new Set<ShipmentMoment>(["stalled", "delayed", "estimate_changed", "arrived_in_country"]);
        for (const entry of decided) {
          expect(derived.has(entry.moment), `${entry.moment} from an event ${hoursAgo} h old`).toBe(true);
          expect(entry.occurredAt === NOW.toISOString() || entry.moment === "arrived_in_country").toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("coalesces: a moment joins the open group while it waits, otherwise opens one window later", () => {
    fc.assert(
      fc.property(fc.option(fc.integer({ min: -600_000, max: 600_000 }), { nil: null }), fc.integer({ min: 1, max: 900_000 }), (offset, windowMs) => {
        const open = offset === null ? null : new Date(NOW.getTime() + offset);
        const due = coalescedDueAt(open, NOW, windowMs);
        if (open && open.getTime() > NOW.getTime()) expect(due).toEqual(open);
        else expect(due.getTime()).toBe(NOW.getTime() + windowMs);
      }),
    );
  });

  it("holds non-urgent messages until the end of quiet hours in the shopper's zone", () => {
    const zones = ["Europe/Paris", "America/Chicago", "Asia/Seoul", "Australia/Sydney"];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 24 * 60 }), fc.constantFrom(...zones), fc.boolean(), (minutes, zone, urgent) => {
        const now = new Date(Date.UTC(2026, 0, 1) + minutes * 60_000);
        const at = sendTimeAfterQuietHours(now, zone, urgent);
        if (urgent) {
          expect(at).toEqual(now);
        } else {
          expect(at.getTime()).toBeGreaterThanOrEqual(now.getTime());
          expect(at.getTime() - now.getTime()).toBeLessThanOrEqual(13 * HOUR);
          const hour = Number(new Intl.DateTimeFormat("en-US", { timeZone: zone, hour: "2-digit", hourCycle: "h23" }).format(at));
          expect(hour >= 8 && hour < 21).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
    // 23:30 in Paris (22:30 UTC) waits for 08:00 Paris.
    expect(sendTimeAfterQuietHours(new Date("2026-12-01T22:30:00Z"), "Europe/Paris", false).toISOString()).toBe("2026-12-02T07:00:00.000Z");
    expect(destinationTimeZone("KR", "UTC")).toBe("Asia/Seoul");
    expect(destinationTimeZone(null, "Europe/Rome")).toBe("Europe/Rome");
  });
});
