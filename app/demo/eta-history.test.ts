import { describe, expect, it } from "vitest";
import { deliveryWeekdaysFor } from "~/carriers/delivery-weekdays";
import { runBacktest, tuneOnTraining } from "~/domain/eta/backtest";
import { DeliveryCalendar } from "~/domain/eta/calendar";
import { DEFAULT_ETA_OPTIONS } from "~/domain/eta/model";
import { dateHolidaysSource } from "~/services/estimates/holidays";
import { generateHistory } from "./eta-history";

const holidays = dateHolidaysSource();
const calendar = new DeliveryCalendar("UTC", holidays);
const weekdaysOf = (lane: { carrier: string; destinationCountry?: string | null }) => deliveryWeekdaysFor(lane.carrier, lane.destinationCountry);

describe("estimates on generated history", () => {
  it("the model's default half-life and prior strength are what a time-ordered validation inside the training part picks", () => {
    const rows = generateHistory({ rows: 20_000, seed: 13, holidays });
    const { options, tried } = tuneOnTraining(rows, calendar, { weekdaysOf });
    expect(tried).toHaveLength(16);
    // Only the first 70 % of rows were seen: 14,000 rows, backtested 9,800 / 4,200.
    expect(tried.every(({ report }) => report.rows === 14_000 && report.train_rows === 9_800)).toBe(true);
    expect(options).toEqual(DEFAULT_ETA_OPTIONS);
  }, 120_000);

  it("the P50 beats the per-lane median by 15 % on two seeds, with the window calibrated and the P90 met", () => {
    for (const seed of [13, 7]) {
      const report = runBacktest(generateHistory({ rows: 20_000, seed, holidays }), calendar, { weekdaysOf });
      expect(report.p50_mae_improvement).toBeGreaterThanOrEqual(0.15);
      expect(report.p10_p90_coverage).toBeGreaterThanOrEqual(0.77);
      expect(report.p10_p90_coverage).toBeLessThanOrEqual(0.83);
      expect(report.p90_on_time).toBeGreaterThanOrEqual(0.9);
      expect(report.p90_mean_padding_days).toBeLessThan(report.promised_mean_padding_days! / 2);
    }
  }, 120_000);

  it("on history from another generator setting the window stays calibrated and the P90 met, and the P50 still beats the median", () => {
    const rows = generateHistory({ rows: 20_000, seed: 21, holidays, startMs: Date.UTC(2024, 2, 4), spanDays: 600, spread: 1.3, tails: 1.5, peak: 1.2 });
    const report = runBacktest(rows, calendar, { weekdaysOf });
    expect(report.p10_p90_coverage).toBeGreaterThanOrEqual(0.77);
    expect(report.p10_p90_coverage).toBeLessThanOrEqual(0.83);
    expect(report.p90_on_time).toBeGreaterThanOrEqual(0.9);
    expect(report.p50_mae_improvement).toBeGreaterThan(0);
  }, 120_000);
});
