import { describe, expect, it } from "vitest";
import { percentile, summarizeFreshness } from "./freshness";

describe("freshness", () => {
  it("takes nearest-rank percentiles", () => {
    const values = Array.from({ length: 20 }, (_, index) => index + 1);
    expect(percentile(values, 50)).toBe(10);
    expect(percentile(values, 95)).toBe(19);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it("summarises scan → visible seconds per carrier", () => {
    const at = (seconds: number) => new Date(Date.parse("2026-12-06T10:00:00Z") + seconds * 1000);
    const samples = [
      { carrier: "ups", eventAt: at(0), visibleAt: at(12) },
      { carrier: "ups", eventAt: at(0), visibleAt: at(40) },
      { carrier: "ups", eventAt: at(0), visibleAt: at(20) },
      { carrier: "seventeen_track", eventAt: at(0), visibleAt: at(3600) },
    ];
    expect(summarizeFreshness(samples)).toEqual([
      { carrier: "seventeen_track", events: 1, p50Seconds: 3600, p95Seconds: 3600 },
      { carrier: "ups", events: 3, p50Seconds: 20, p95Seconds: 40 },
    ]);
  });
});
