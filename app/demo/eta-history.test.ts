import { describe, expect, it } from "vitest";
import { deliveryWeekdaysFor } from "~/carriers/delivery-weekdays";
import { runBacktest, tunedOptions, tuningRuns, type TuningRun } from "~/domain/eta/backtest";
import { DeliveryCalendar } from "~/domain/eta/calendar";
import { DEFAULT_ETA_OPTIONS } from "~/domain/eta/model";
import { dateHolidaysSource } from "~/services/estimates/holidays";
import { generateHistory, type GeneratedHistoryOptions } from "./eta-history";

const holidays = dateHolidaysSource();
const calendar = new DeliveryCalendar("UTC", holidays);
const weekdaysOf = (lane: { carrier: string; destinationCountry?: string | null }) => deliveryWeekdaysFor(lane.carrier, lane.destinationCountry);

/**
 * A backtest, and what the best possible P50 would score on the same test parcels: each parcel's
 * own median date, from the generator's true distribution for it. No estimate can beat that on
 * average, so it bounds the improvement over the per-lane median that the data allow.
 */
function backtestWithBound(options: Omit<GeneratedHistoryOptions, "holidays" | "trueMedians">) {
  const trueMedians = new Map<string, number>();
  const rows = generateHistory({ ...options, holidays, trueMedians });
  let bestError = 0;
  let baselineError = 0;
  const report = runBacktest(rows, calendar, {
    weekdaysOf,
    onTestRow: (row, _prediction, baselineDay, deliveredDay) => {
      const best = calendar.add(calendar.dayOf(row.shippedAtMs), trueMedians.get(row.id)!, row.lane.destinationCountry ?? null, weekdaysOf(row.lane));
      bestError += Math.abs(best - deliveredDay);
      baselineError += Math.abs(baselineDay - deliveredDay);
    },
  });
  return { report, attainable: (baselineError - bestError) / baselineError };
}

/**
 * Lets the test runner's messages through (setImmediate runs after pending I/O): a test worker
 * that computes for a minute without a break has its runner's calls time out, which fails the
 * whole run even when every test passed.
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("estimates on generated history", () => {
  it("the model's default half-life and prior strength are what a time-ordered validation inside the training part picks", async () => {
    const rows = generateHistory({ rows: 20_000, seed: 13, holidays });
    const tried: TuningRun[] = [];
    for (const run of tuningRuns(rows, calendar, { weekdaysOf })) {
      tried.push(run);
      await nextTurn();
    }
    expect(tried).toHaveLength(16);
    // Only the first 70 % of rows were seen: 14,000 rows, backtested 9,800 / 4,200.
    expect(tried.every(({ report }) => report.rows === 14_000 && report.train_rows === 9_800)).toBe(true);
    expect(tunedOptions(tried)).toEqual(DEFAULT_ETA_OPTIONS);
  }, 120_000);

  it("the P50 beats the per-lane median by 15 % on two seeds, with the window calibrated and the P90 met", async () => {
    for (const seed of [13, 7]) {
      await nextTurn();
      const report = runBacktest(generateHistory({ rows: 20_000, seed, holidays }), calendar, { weekdaysOf });
      expect(report.p50_mae_improvement).toBeGreaterThanOrEqual(0.15);
      expect(report.p10_p90_coverage).toBeGreaterThanOrEqual(0.77);
      expect(report.p10_p90_coverage).toBeLessThanOrEqual(0.83);
      expect(report.p90_on_time).toBeGreaterThanOrEqual(0.9);
      expect(report.p90_mean_padding_days).toBeLessThan(report.promised_mean_padding_days! / 2);
    }
  }, 120_000);

  it("on histories from other seeds and settings the window stays calibrated, the P90 met, and the P50 gets most of what the data allow", async () => {
    const settings = [
      // Another seed and period, the same noise.
      { seed: 21, startMs: Date.UTC(2024, 2, 4), spanDays: 700 },
      // Wider spread, more long delays, a milder peak and no peak in the test months: even each
      // parcel's true median beats the per-lane median by less than 15 % here.
      { seed: 21, startMs: Date.UTC(2024, 2, 4), spanDays: 600, spread: 1.3, tails: 1.5, peak: 1.2 },
      // A longer history, a little noisier, a harsher peak.
      { seed: 5, startMs: Date.UTC(2023, 5, 1), spanDays: 900, spread: 1.15, tails: 1.2, peak: 1.4 },
      // A shorter, quieter one.
      { seed: 9, startMs: Date.UTC(2024, 8, 1), spanDays: 500, spread: 0.8, tails: 0.8 },
    ];
    const results: ReturnType<typeof backtestWithBound>[] = [];
    for (const setting of settings) {
      await nextTurn();
      results.push(backtestWithBound({ rows: 20_000, ...setting }));
    }
    for (const [index, { report, attainable }] of results.entries()) {
      console.log(`eta backtest, setting ${index + 1}: p50_mae_days ${report.p50_mae_days} vs baseline ${report.baseline_p50_mae_days} (${(100 * report.p50_mae_improvement).toFixed(1)} % better; true medians ${(100 * attainable).toFixed(1)} %), coverage ${report.p10_p90_coverage}, p90_on_time ${report.p90_on_time}`);
    }
    for (const { report, attainable } of results) {
      expect(report.p10_p90_coverage).toBeGreaterThanOrEqual(0.77);
      expect(report.p10_p90_coverage).toBeLessThanOrEqual(0.83);
      expect(report.p90_on_time).toBeGreaterThanOrEqual(0.9);
      expect(report.p90_mean_padding_days).toBeLessThan(report.promised_mean_padding_days! / 2);
      // The P50 takes at least two thirds of the improvement the true medians have over the baseline.
      expect(report.p50_mae_improvement).toBeGreaterThanOrEqual((2 / 3) * attainable);
    }
    // The 15 % holds wherever any estimate can reach it; on the noisy setting none can.
    for (const index of [0, 2, 3]) expect(results[index]!.report.p50_mae_improvement).toBeGreaterThanOrEqual(0.15);
    expect(results[1]!.attainable).toBeLessThan(0.15);
  }, 120_000);
});
