import { describe, expect, it } from "vitest";
import { percentile, summarizeFreshness } from "./freshness";

const at = (seconds: number) => new Date(Date.parse("2026-12-06T10:00:00Z") + seconds * 1000);

describe("freshness", () => {
  it("takes nearest-rank percentiles", () => {
    const values = Array.from({ length: 20 }, (_, index) => index + 1);
    expect(percentile(values, 50)).toBe(10);
    expect(percentile(values, 95)).toBe(19);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it("summarises scan → visible seconds per carrier", () => {
    const samples = [
      { carrier: "ups", eventAt: at(0), visibleAt: at(12) },
      { carrier: "ups", eventAt: at(0), visibleAt: at(40) },
      { carrier: "ups", eventAt: at(0), visibleAt: at(20) },
      { carrier: "seventeen_track", eventAt: at(0), visibleAt: at(3600) },
    ];
    expect(summarizeFreshness(samples)).toEqual([
      { carrier: "seventeen_track", events: 1, p50Seconds: 3600, p95Seconds: 3600, written: null },
      { carrier: "ups", events: 3, p50Seconds: 20, p95Seconds: 40, written: null },
    ]);
  });

  it("adds the written-to-Shopify leg per carrier, from the write-backs Shopify accepted", () => {
    const samples = [
      { carrier: "ups", eventAt: at(0), visibleAt: at(12) },
      { carrier: "fedex", eventAt: at(0), visibleAt: at(900) },
    ];
    const written = [
      { carrier: "ups", eventAt: at(0), writtenAt: at(75) },
      { carrier: "ups", eventAt: at(0), writtenAt: at(30) },
      { carrier: "ups", eventAt: at(100), writtenAt: at(90) },
      // A carrier with no stored scans in the window has no row to attach to.
      { carrier: "dhl", eventAt: at(0), writtenAt: at(60) },
    ];
    expect(summarizeFreshness(samples, written)).toEqual([
      { carrier: "fedex", events: 1, p50Seconds: 900, p95Seconds: 900, written: null },
      // Clock skew never yields a negative time: 90 − 100 counts as 0.
      { carrier: "ups", events: 1, p50Seconds: 12, p95Seconds: 12, written: { events: 3, p50Seconds: 30, p95Seconds: 75 } },
    ]);
  });
});
