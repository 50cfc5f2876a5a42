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
});
