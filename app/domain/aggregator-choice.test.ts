import { describe, expect, it } from "vitest";
import { chooseAggregator, isQuotaExhausted, quotaStillExhausted } from "./aggregator-choice";

const aggregators = ["seventeen_track", "aftership"];
const now = new Date("2026-12-06T10:00:00Z");

describe("long-tail aggregator choice", () => {
  it("uses the shop's registered choice, else the default", () => {
    expect(chooseAggregator({ aggregators, preferred: "aftership", exhausted: null, exhaustedAt: null, now })).toEqual({ code: "aftership" });
    expect(chooseAggregator({ aggregators, preferred: null, exhausted: null, exhaustedAt: null, now })).toEqual({ code: "seventeen_track" });
    expect(chooseAggregator({ aggregators, preferred: "ups", exhausted: null, exhaustedAt: null, now })).toEqual({ code: "seventeen_track" });
  });

  it("falls back to the other aggregator for the rest of the UTC day when the quota is used up", () => {
    const exhaustedAt = new Date("2026-12-06T08:00:00Z");
    expect(chooseAggregator({ aggregators, preferred: "aftership", exhausted: "aftership", exhaustedAt, now })).toEqual({ code: "seventeen_track", fallbackFrom: "aftership" });
    expect(chooseAggregator({ aggregators, preferred: null, exhausted: "seventeen_track", exhaustedAt, now })).toEqual({ code: "aftership", fallbackFrom: "seventeen_track" });
    // The other aggregator running out does not move the shop's choice.
    expect(chooseAggregator({ aggregators, preferred: "aftership", exhausted: "seventeen_track", exhaustedAt, now })).toEqual({ code: "aftership" });
    // Next UTC day: back to the shop's choice.
    expect(chooseAggregator({ aggregators, preferred: "aftership", exhausted: "aftership", exhaustedAt: new Date("2026-12-05T23:59:00Z"), now })).toEqual({ code: "aftership" });
  });

  it("keeps the only aggregator when there is no other", () => {
    expect(chooseAggregator({ aggregators: ["seventeen_track"], preferred: null, exhausted: "seventeen_track", exhaustedAt: now, now })).toEqual({ code: "seventeen_track" });
  });

  it("recognises quota codes and their expiry", () => {
    expect(isQuotaExhausted("aftership:quota_exhausted")).toBe(true);
    expect(isQuotaExhausted("aftership:429")).toBe(false);
    expect(quotaStillExhausted(new Date("2026-12-06T00:00:00Z"), now)).toBe(true);
    expect(quotaStillExhausted(null, now)).toBe(false);
  });
});
