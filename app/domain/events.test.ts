import { describe, expect, it } from "vitest";
import { crossBorderChina, dhlFailedAttempt, domesticUps, uspsLateScans } from "./event-sequences.fixture";
import { eventDedupeKey, eventInstant, mergeEvents, sortEvents } from "./events";
import type { CanonicalEvent } from "./status";

const event = (overrides: Partial<CanonicalEvent>): CanonicalEvent => ({
  occurredAt: "2026-11-20T14:05:00-05:00",
  status: "in_transit",
  carrierCode: "AR",
  description: "Arrived at Facility",
  location: { city: "Memphis", province: "TN", country: "US" },
  ...overrides,
});

describe("eventInstant", () => {
  it("applies the carrier's offset, or reads GMT", () => {
    expect(new Date(eventInstant(event({}))).toISOString()).toBe("2026-11-20T19:05:00.000Z");
    expect(new Date(eventInstant(event({ occurredAt: "2026-11-10 11:20:00 GMT" }))).toISOString()).toBe(
      "2026-11-10T11:20:00.000Z",
    );
    expect(eventInstant(event({ occurredAt: "yesterday" }))).toBeNaN();
  });
});

describe("eventDedupeKey", () => {
  it("is the same for one scan however its time zone is written", () => {
    expect(eventDedupeKey(event({}))).toBe(eventDedupeKey(event({ occurredAt: "2026-11-20T19:05:00Z" })));
    expect(eventDedupeKey(event({}))).toBe("2026-11-20T19:05:00.000Z|AR|us//memphis");
  });

  it("is the same for a scan without a location whether it is read from the carrier or from storage", () => {
    const { location: _location, ...bare } = event({});
    expect(eventDedupeKey(bare)).toBe("2026-11-20T19:05:00.000Z|AR|");
    expect(eventDedupeKey({ ...bare, location: {} })).toBe("2026-11-20T19:05:00.000Z|AR|");
  });

  it("ignores a changed description and the raw payload", () => {
    const original = event({ raw: { text: "ARRIVED AT FACILITY" } });
    const reworded = event({ description: "Arrived at UPS Facility", raw: { text: "Arrived at UPS Facility" } });
    expect(eventDedupeKey(reworded)).toBe(eventDedupeKey(original));
  });

  it("tells apart different scans", () => {
    const base = eventDedupeKey(event({}));
    expect(eventDedupeKey(event({ occurredAt: "2026-11-20T14:06:00-05:00" }))).not.toBe(base);
    expect(eventDedupeKey(event({ carrierCode: "DP" }))).not.toBe(base);
    expect(eventDedupeKey(event({ location: { city: "Nashville", country: "US" } }))).not.toBe(base);
  });

  it("uses the status when the carrier has no event codes", () => {
    const noCode = event({ carrierCode: "", status: "exception" });
    expect(eventDedupeKey(noCode)).toContain("|status:exception|");
  });
});

describe("mergeEvents", () => {
  it("orders by real instant across time zones", () => {
    const shuffled = [...crossBorderChina].reverse();
    const { events } = mergeEvents([], shuffled);
    expect(events.map((merged) => merged.description)).toEqual(crossBorderChina.map((original) => original.description));
    // "2026-10-31T02:05+08:00" (Guangzhou) is 2026-10-30T18:05Z, before the US arrival.
    expect(events[2]?.occurredAt).toBe("2026-10-30T18:05:00.000Z");
  });

  it("drops a scan seen twice and reports only what is new", () => {
    const first = mergeEvents([], domesticUps.slice(0, 3));
    const second = mergeEvents(first.events, domesticUps);
    // Each added event's key comes with it: exactly what eventDedupeKey gives for it.
    expect(second.addedKeys).toEqual(second.added.map(eventDedupeKey));
    expect(first.addedKeys).toEqual(first.added.map(eventDedupeKey));
    expect(second.events).toHaveLength(domesticUps.length);
    expect(second.added.map((added) => added.carrierCode)).toEqual(["AR", "OT", "KB"]);
    expect(second.updated).toEqual([]);
  });

  it("keeps one copy of a scan re-sent with a corrected description, with the new wording and raw payload", () => {
    const original = event({ raw: { desc: "ARRIVED AT FACILTY" }, description: "ARRIVED AT FACILTY" });
    const corrected = event({ raw: { desc: "Arrived at Facility" }, description: "Arrived at Facility" });
    const { events, added, updated } = mergeEvents([original], [corrected]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ description: "Arrived at Facility", raw: { desc: "Arrived at Facility" } });
    expect(added).toEqual([]);
    expect(updated).toEqual([events[0]]);
  });

  it("slots late-arriving scans into their place in time", () => {
    const { events, added } = mergeEvents(uspsLateScans.firstPoll, uspsLateScans.latePoll);
    expect(added).toHaveLength(2);
    expect(events.map((merged) => merged.status)).toEqual([
      "info_received",
      "picked_up",
      "in_transit",
      "in_transit",
      "out_for_delivery",
      "delivered",
    ]);
  });

  it("is stable for equal instants and puts unreadable times last", () => {
    const a = event({ carrierCode: "A", description: "first" });
    const b = event({ carrierCode: "B", description: "second" });
    const broken = event({ carrierCode: "C", occurredAt: "n/a", description: "broken" });
    expect(sortEvents([broken, a, b]).map((sorted) => sorted.description)).toEqual(["first", "second", "broken"]);
    expect(sortEvents([b, a]).map((sorted) => sorted.description)).toEqual(["second", "first"]);
  });

  it("stores occurredAt as UTC", () => {
    const { events } = mergeEvents([], dhlFailedAttempt.slice(0, 1));
    expect(events[0]?.occurredAt).toBe("2026-11-09T09:00:00.000Z");
    expect(events[0]?.localTime).toBe("2026-11-09 09:00:00 GMT");
  });
});
