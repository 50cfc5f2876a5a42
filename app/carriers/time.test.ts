import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clockTime, compactDate, isoToUtc, localToUtc, parseOffset, splitIso, withOffset } from "./time";

describe("time helpers", () => {
  it("parses carrier offset spellings", () => {
    expect([parseOffset("-05:00"), parseOffset("-5:00"), parseOffset("+0530"), parseOffset("+01"), parseOffset("Z")]).toEqual([-300, -300, 330, 60, 0]);
    expect([parseOffset("EST"), parseOffset("+25:00"), parseOffset(undefined)]).toEqual([undefined, undefined, undefined]);
  });

  it("converts local wall clock + offset to UTC across day boundaries", () => {
    expect(localToUtc("2026-11-16T23:21:15", -300)).toBe("2026-11-17T04:21:15.000Z");
    expect(localToUtc("2026-01-01T01:00:00", 480)).toBe("2025-12-31T17:00:00.000Z");
    expect(withOffset("2026-11-16T23:21:15", -300)).toBe("2026-11-16T23:21:15-05:00");
    expect(localToUtc("2026-02-30T10:00:00", 0)).toBeUndefined();
  });

  it("reads ISO strings only when they carry an offset", () => {
    expect(isoToUtc("2026-11-17T00:43:19+01:00")).toBe("2026-11-16T23:43:19.000Z");
    expect(isoToUtc("2026-11-17T00:43:19.5Z")).toBe("2026-11-17T00:43:19.500Z");
    expect(isoToUtc("2026-11-17T00:43:19")).toBeUndefined();
    expect(isoToUtc("2026-11-17")).toBeUndefined();
    expect(splitIso("2026-11-17T00:43:19-07:00")).toEqual({ local: "2026-11-17T00:43:19", offsetMinutes: -420 });
  });

  it("reads UPS dates and the many time spellings", () => {
    expect(compactDate("20261118")).toBe("2026-11-18");
    expect(compactDate("20261318")).toBeUndefined();
    expect(["140500", "1405", "14:05:00", "14:05", "2:05 pm", "12:00 am"].map(clockTime)).toEqual([
      "14:05:00",
      "14:05:00",
      "14:05:00",
      "14:05:00",
      "14:05:00",
      "00:00:00",
    ]);
    expect(clockTime("25:00")).toBeUndefined();
  });

  it("round-trips any instant through local time and offset", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000_000 }), fc.integer({ min: -720, max: 840 }), (ms, offset) => {
        const instant = new Date(Math.floor(ms / 1000) * 1000);
        const local = new Date(instant.getTime() + offset * 60_000).toISOString().slice(0, 19);
        expect(localToUtc(local, offset)).toBe(instant.toISOString());
        expect(isoToUtc(withOffset(local, offset))).toBe(instant.toISOString());
      }),
    );
  });
});
