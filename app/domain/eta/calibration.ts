import { DeliveryCalendar } from "./calendar";

/**
 * How well each estimate did, by carrier and lane: Trackline's (its first P50, the window shown
 * last before delivery, late = after the end of the window the shopper was first shown) and the
 * carrier's (its first date, its window, late = after its end), on the same delivered parcels.
 */

export interface CalibrationInput {
  carrier: string;
  originCountry: string | null;
  destinationCountry: string | null;
  deliveredAt: Date;
  predictedDeliveryStart: Date | null;
  predictedDeliveryEnd: Date | null;
  firstPredictedDeliveryAt: Date | null;
  shownEstimateEnd: Date | null;
  estimatedDeliveryAt: Date | null;
  estimatedDeliveryEnd: Date | null;
  firstCarrierEstimateAt: Date | null;
  estimateSource: string | null;
}

export interface SourceScore {
  parcels: number;
  /** Mean |delivered day − estimated day| of the first estimate, calendar days. */
  meanErrorDays: number | null;
  /** Share delivered inside the window (the carrier's single date counts as a one-day window). */
  windowCoverage: number | null;
  /** Share delivered after the end of the window. */
  lateRate: number | null;
}

export interface LaneCalibration {
  carrier: string;
  lane: string;
  parcels: number;
  trackline: SourceScore;
  carrierEstimate: SourceScore;
  /** Which estimate shoppers saw most on this lane. */
  shown: "trackline" | "carrier" | null;
}

/** Error of the first estimate (delivered − estimated, days) → parcels, for the chart. */
export type ErrorHistogram = { errorDays: number; trackline: number; carrier: number }[];

export const HISTOGRAM_RANGE = { min: -5, max: 10 } as const;

interface Tally {
  n: number;
  errorSum: number;
  errorN: number;
  windowN: number;
  inWindow: number;
  lateN: number;
  late: number;
}

const tally = (): Tally => ({ n: 0, errorSum: 0, errorN: 0, windowN: 0, inWindow: 0, lateN: 0, late: 0 });

function score(t: Tally): SourceScore {
  return {
    parcels: t.n,
    meanErrorDays: t.errorN ? t.errorSum / t.errorN : null,
    windowCoverage: t.windowN ? t.inWindow / t.windowN : null,
    lateRate: t.lateN ? t.late / t.lateN : null,
  };
}

export function calibrate(rows: readonly CalibrationInput[], timeZone: string): { lanes: LaneCalibration[]; overall: LaneCalibration; histogram: ErrorHistogram } {
  const calendar = new DeliveryCalendar(timeZone);
  const day = (date: Date) => calendar.dayOf(date.getTime());
  const groups = new Map<string, { carrier: string; lane: string; parcels: number; ours: Tally; theirs: Tally; shownOurs: number; shownTheirs: number }>();
  const histogram = new Map<number, { trackline: number; carrier: number }>();
  for (let error = HISTOGRAM_RANGE.min; error <= HISTOGRAM_RANGE.max; error++) histogram.set(error, { trackline: 0, carrier: 0 });
  const bucket = (error: number) => Math.max(HISTOGRAM_RANGE.min, Math.min(HISTOGRAM_RANGE.max, error));
  const overallKey = "*";
  for (const row of rows) {
    const lane = `${row.originCountry ?? "?"} → ${row.destinationCountry ?? "?"}`;
    const delivered = day(row.deliveredAt);
    for (const key of [`${row.carrier}|${lane}`, overallKey]) {
      let group = groups.get(key);
      if (!group) {
        group = { carrier: key === overallKey ? "all" : row.carrier, lane: key === overallKey ? "all lanes" : lane, parcels: 0, ours: tally(), theirs: tally(), shownOurs: 0, shownTheirs: 0 };
        groups.set(key, group);
      }
      group.parcels += 1;
      if (row.estimateSource === "trackline") group.shownOurs += 1;
      if (row.estimateSource === "carrier") group.shownTheirs += 1;
      const ours = group.ours;
      if (row.firstPredictedDeliveryAt || row.predictedDeliveryEnd) ours.n += 1;
      if (row.firstPredictedDeliveryAt) {
        const error = delivered - day(row.firstPredictedDeliveryAt);
        ours.errorSum += Math.abs(error);
        ours.errorN += 1;
        if (key === overallKey) histogram.get(bucket(error))!.trackline += 1;
      }
      if (row.predictedDeliveryStart && row.predictedDeliveryEnd) {
        ours.windowN += 1;
        if (delivered >= day(row.predictedDeliveryStart) && delivered <= day(row.predictedDeliveryEnd)) ours.inWindow += 1;
      }
      if (row.shownEstimateEnd && row.estimateSource !== "carrier") {
        ours.lateN += 1;
        if (delivered > day(row.shownEstimateEnd)) ours.late += 1;
      }
      const theirs = group.theirs;
      const first = row.firstCarrierEstimateAt ?? row.estimatedDeliveryAt;
      if (first || row.estimatedDeliveryAt) theirs.n += 1;
      if (first) {
        const error = delivered - day(first);
        theirs.errorSum += Math.abs(error);
        theirs.errorN += 1;
        if (key === overallKey) histogram.get(bucket(error))!.carrier += 1;
      }
      if (row.estimatedDeliveryAt) {
        const end = row.estimatedDeliveryEnd ?? row.estimatedDeliveryAt;
        theirs.windowN += 1;
        theirs.lateN += 1;
        if (delivered >= day(row.estimatedDeliveryAt) && delivered <= day(end)) theirs.inWindow += 1;
        if (delivered > day(end)) theirs.late += 1;
      }
    }
  }
  const toLane = (group: NonNullable<ReturnType<typeof groups.get>>): LaneCalibration => ({
    carrier: group.carrier,
    lane: group.lane,
    parcels: group.parcels,
    trackline: score(group.ours),
    carrierEstimate: score(group.theirs),
    shown: group.shownOurs === 0 && group.shownTheirs === 0 ? null : group.shownOurs >= group.shownTheirs ? "trackline" : "carrier",
  });
  const overall = groups.get(overallKey);
  const lanes = [...groups.entries()]
    .filter(([key]) => key !== overallKey)
    .map(([, group]) => toLane(group))
    .sort((a, b) => b.parcels - a.parcels || a.carrier.localeCompare(b.carrier) || a.lane.localeCompare(b.lane));
  return {
    lanes,
    overall: overall ? toLane(overall) : { carrier: "all", lane: "all lanes", parcels: 0, trackline: score(tally()), carrierEstimate: score(tally()), shown: null },
    histogram: [...histogram.entries()].map(([errorDays, counts]) => ({ errorDays, ...counts })),
  };
}
