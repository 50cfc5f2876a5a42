import { dayNumberOfDate, type DeliveryCalendar } from "./calendar";
import type { HistoryRow } from "./history";
import { EtaModel, laneKeys, predictDelivery, type EtaModelOptions, type Lane, type Prediction } from "./model";

/**
 * Time-ordered backtest: rows sorted by shipment time, the first 70 % train and the rest test.
 * Time then runs forward: every delivery (train or test) enters the model when it happens, and
 * each test parcel is predicted at its shipment time from what had been delivered by then, the way
 * the worker keeps the model fresh. A per-lane median baseline (shipment date + the median
 * calendar days of the same lane's earlier deliveries; the carrier and country pair's, then
 * everyone's, when the lane has none yet) is scored on the same parcels.
 */

export interface BacktestReport {
  rows: number;
  train_rows: number;
  test_rows: number;
  p50_mae_days: number;
  p10_p90_coverage: number;
  p10_p90_mean_width_days: number;
  p90_on_time: number;
  p90_mean_padding_days: number;
  promised_on_time?: number;
  promised_mean_padding_days?: number;
  baseline_p50_mae_days: number;
  /** (baseline MAE − model MAE) / baseline MAE. */
  p50_mae_improvement: number;
}

/** Business days from shipment to delivery, in the destination's calendar. */
export function transitBusinessDays(row: HistoryRow, calendar: DeliveryCalendar, weekdays?: readonly number[]): number {
  return calendar.between(
    calendar.dayOf(row.shippedAtMs),
    calendar.dayOf(row.deliveredAtMs ?? row.shippedAtMs),
    row.lane.destinationCountry ?? null,
    weekdays,
  );
}

/** The shop-local day of a promise: a bare date is that day, an instant the day it falls on. */
export function promisedDay(promisedAt: string, calendar: DeliveryCalendar): number | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(promisedAt)) return dayNumberOfDate(promisedAt);
  const ms = Date.parse(promisedAt);
  return Number.isNaN(ms) ? null : calendar.dayOf(ms);
}

class MedianCounter {
  private readonly counts = new Map<string, number[]>();

  add(key: string, days: number): void {
    let list = this.counts.get(key);
    if (!list) {
      list = [];
      this.counts.set(key, list);
    }
    list.push(days);
  }

  median(key: string): number | null {
    const list = this.counts.get(key);
    if (!list || list.length === 0) return null;
    const sorted = [...list].sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)]!;
  }
}

function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function runBacktest(
  input: readonly HistoryRow[],
  calendar: DeliveryCalendar,
  options: {
    trainShare?: number;
    model?: Partial<EtaModelOptions>;
    weekdaysOf?: (lane: Lane) => readonly number[] | undefined;
    /** Called for each test parcel with its prediction, the baseline's day and the delivered day. */
    onTestRow?: (row: HistoryRow, prediction: Prediction, baselineDay: number, deliveredDay: number) => void;
  } = {},
): BacktestReport {
  const rows = input.filter((row) => row.deliveredAtMs !== null).sort((a, b) => a.shippedAtMs - b.shippedAtMs);
  const trainCount = Math.floor(rows.length * (options.trainShare ?? 0.7));
  const test = rows.slice(trainCount);
  const model = new EtaModel(options.model, rows[0]?.shippedAtMs ?? 0);
  const baseline = new MedianCounter();

  // Deliveries in time order, consumed as the clock passes each test parcel's shipment.
  const deliveries = [...rows].sort((a, b) => a.deliveredAtMs! - b.deliveredAtMs!);
  let next = 0;
  const learnUntil = (ms: number) => {
    while (next < deliveries.length && deliveries[next]!.deliveredAtMs! <= ms) {
      const row = deliveries[next++]!;
      const days = transitBusinessDays(row, calendar, options.weekdaysOf?.(row.lane));
      model.observeTransit(row.lane, "label", days, row.deliveredAtMs!);
      model.observeSeason(row.lane, calendar.dayOf(row.shippedAtMs), days);
      const keys = laneKeys(row.lane);
      const calendarDays = calendar.dayOf(row.deliveredAtMs!) - calendar.dayOf(row.shippedAtMs);
      baseline.add(keys[5], calendarDays);
      baseline.add(keys[2], calendarDays);
      baseline.add("*", calendarDays);
    }
  };

  let absError = 0;
  let baselineError = 0;
  let covered = 0;
  let width = 0;
  let p90Met = 0;
  let padding = 0;
  let promisedRows = 0;
  let promisedMet = 0;
  let promisedPadding = 0;
  for (const row of test) {
    learnUntil(row.shippedAtMs);
    const weekdays = options.weekdaysOf?.(row.lane);
    const prediction = predictDelivery(
      model,
      { lane: row.lane, milestone: "label", milestoneAtMs: row.shippedAtMs, shippedAtMs: row.shippedAtMs, nowMs: row.shippedAtMs, ...(weekdays ? { deliveryWeekdays: weekdays } : {}) },
      calendar,
    );
    const delivered = calendar.dayOf(row.deliveredAtMs!);
    absError += Math.abs(prediction.p50Day - delivered);
    if (delivered >= prediction.p10Day && delivered <= prediction.p90Day) covered += 1;
    width += prediction.p90Day - prediction.p10Day;
    if (delivered <= prediction.p90Day) p90Met += 1;
    padding += prediction.p90Day - delivered;

    const keys = laneKeys(row.lane);
    const medianDays = baseline.median(keys[5]) ?? baseline.median(keys[2]) ?? baseline.median("*") ?? 0;
    const baselineDay = calendar.dayOf(row.shippedAtMs) + medianDays;
    baselineError += Math.abs(baselineDay - delivered);
    options.onTestRow?.(row, prediction, baselineDay, delivered);

    const promised = row.promisedAt ? promisedDay(row.promisedAt, calendar) : null;
    if (promised !== null) {
      promisedRows += 1;
      if (delivered <= promised) promisedMet += 1;
      promisedPadding += promised - delivered;
    }
  }
  const n = Math.max(test.length, 1);
  const mae = absError / n;
  const baselineMae = baselineError / n;
  const report: BacktestReport = {
    rows: rows.length,
    train_rows: trainCount,
    test_rows: test.length,
    p50_mae_days: round(mae),
    p10_p90_coverage: round(covered / n),
    p10_p90_mean_width_days: round(width / n),
    p90_on_time: round(p90Met / n),
    p90_mean_padding_days: round(padding / n),
    baseline_p50_mae_days: round(baselineMae),
    p50_mae_improvement: round(baselineMae > 0 ? (baselineMae - mae) / baselineMae : 0),
  };
  if (promisedRows > 0) {
    report.promised_on_time = round(promisedMet / promisedRows);
    report.promised_mean_padding_days = round(promisedPadding / promisedRows);
  }
  return report;
}

/** Half-lives and prior strengths a tuning run tries, in the order ties are settled (first wins). */
export const TUNING_GRID: { halfLifeDays: readonly number[]; priorStrength: readonly number[] } = {
  halfLifeDays: [30, 45, 60, 90],
  priorStrength: [1, 2, 4, 8],
};

/** A candidate of the tuning grid and its backtest on the training part. */
export interface TuningRun {
  options: EtaModelOptions;
  report: BacktestReport;
}

/**
 * The model's half-life and prior strength tried on the training part only: the rows' first
 * `trainShare` (by shipment time) are backtested again on their own, time-ordered, 70/30, for each
 * pair of the grid, one pair at a time (a caller may pause between them; each is seconds of CPU).
 */
export function* tuningRuns(
  input: readonly HistoryRow[],
  calendar: DeliveryCalendar,
  options: { trainShare?: number; weekdaysOf?: (lane: Lane) => readonly number[] | undefined } = {},
): Generator<TuningRun> {
  const rows = input.filter((row) => row.deliveredAtMs !== null).sort((a, b) => a.shippedAtMs - b.shippedAtMs);
  const train = rows.slice(0, Math.floor(rows.length * (options.trainShare ?? 0.7)));
  for (const halfLifeDays of TUNING_GRID.halfLifeDays) {
    for (const priorStrength of TUNING_GRID.priorStrength) {
      const candidate = { halfLifeDays, priorStrength };
      yield { options: candidate, report: runBacktest(train, calendar, { model: candidate, ...(options.weekdaysOf ? { weekdaysOf: options.weekdaysOf } : {}) }) };
    }
  }
}

/**
 * The tuned options: the lowest p50_mae_days (as printed, three decimals) among runs whose window
 * covers 77–83 % with the P90 met at least 90 % (the lowest error overall when none does); the
 * first in grid order wins a tie.
 */
export function tunedOptions(tried: readonly TuningRun[]): EtaModelOptions {
  const acceptable = tried.filter(({ report }) => report.p10_p90_coverage >= 0.77 && report.p10_p90_coverage <= 0.83 && report.p90_on_time >= 0.9);
  const pool = acceptable.length > 0 ? acceptable : tried;
  let best = pool[0];
  if (!best) throw new Error("no tuning run to choose from");
  for (const entry of pool) if (entry.report.p50_mae_days < best.report.p50_mae_days) best = entry;
  return best.options;
}
