import { describe, expect, it } from "vitest";
import { localDateOf, parseCarrierTime, toUtcIso, utcOffsetMinutes } from "./zoned-time";

describe("parseCarrierTime", () => {
  it("reads offsets, Z and GMT", () => {
    expect(toUtcIso("2026-11-20T14:05:00-05:00")).toBe("2026-11-20T19:05:00.000Z");
    expect(toUtcIso("2026-11-20T14:05:00+0800")).toBe("2026-11-20T06:05:00.000Z");
    expect(toUtcIso("2026-11-20 14:05:00 GMT")).toBe("2026-11-20T14:05:00.000Z");
    expect(toUtcIso("2026-11-20T14:05:00Z")).toBe("2026-11-20T14:05:00.000Z");
  });

  it("reads a bare wall-clock time in the facility's zone, across DST", () => {
    expect(toUtcIso("2026-11-20 14:05", "America/New_York")).toBe("2026-11-20T19:05:00.000Z");
    expect(toUtcIso("2026-07-20 14:05", "America/New_York")).toBe("2026-07-20T18:05:00.000Z");
    expect(toUtcIso("2026-11-20T14:05:00", "Asia/Shanghai")).toBe("2026-11-20T06:05:00.000Z");
    expect(toUtcIso("2026-11-20")).toBe("2026-11-20T00:00:00.000Z");
  });

  it("reads the canonical UTC form exactly as any other time with a zone, invalid dates included", () => {
    expect(parseCarrierTime("2026-11-20T19:05:00.123Z")).toBe(Date.UTC(2026, 10, 20, 19, 5, 0, 123));
    expect(parseCarrierTime("1999-12-31T23:59:59.999Z")).toBe(Date.UTC(1999, 11, 31, 23, 59, 59, 999));
    // Shaped like it, but no instant: null, as before.
    expect(parseCarrierTime("2026-13-45T99:99:99.000Z")).toBeNull();
    // Not exactly the canonical form: the general reading (trimmed, " " as "T", fewer digits).
    expect(parseCarrierTime(" 2026-11-20T19:05:00.123Z ")).toBe(Date.UTC(2026, 10, 20, 19, 5, 0, 123));
    expect(parseCarrierTime("2026-11-20 19:05:00.123Z")).toBe(Date.UTC(2026, 10, 20, 19, 5, 0, 123));
    expect(parseCarrierTime("2026-11-20T19:05:00Z")).toBe(Date.UTC(2026, 10, 20, 19, 5));
  });

  it("returns null for text that is not a time", () => {
    expect(parseCarrierTime("tomorrow")).toBeNull();
    expect(parseCarrierTime("")).toBeNull();
  });
});

describe("zone helpers", () => {
  it("gives the local date and offset at an instant", () => {
    expect(localDateOf(Date.parse("2026-11-20T03:00:00Z"), "America/Los_Angeles")).toBe("2026-11-19");
    expect(utcOffsetMinutes(Date.parse("2026-11-20T03:00:00Z"), "America/Los_Angeles")).toBe(-480);
    expect(utcOffsetMinutes(Date.parse("2026-07-20T03:00:00Z"), "Europe/Paris")).toBe(120);
  });

  it("gives the same local date for an instant asked again, per zone (remembered answers)", () => {
    const instant = Date.parse("2026-03-29T00:30:00Z");
    for (let round = 0; round < 3; round++) {
      expect(localDateOf(instant, "Europe/London")).toBe("2026-03-29");
      expect(localDateOf(instant, "America/New_York")).toBe("2026-03-28");
      expect(localDateOf(instant, "Pacific/Kiritimati")).toBe("2026-03-29");
      expect(localDateOf(instant - 3_600_000, "Pacific/Chatham")).toBe("2026-03-29");
    }
    // Past the memo's size it starts over and still answers right.
    for (let index = 0; index < 12_000; index++) localDateOf(instant + index * 60_000, "Europe/London");
    expect(localDateOf(instant, "Europe/London")).toBe("2026-03-29");
    expect(localDateOf(Date.parse("2026-03-28T23:59:59Z"), "Europe/London")).toBe("2026-03-28");
  });
});
