import type { DeliveryCalendar } from "./calendar";
import { WEEKDAYS, dateOfDayNumber } from "./calendar";

/**
 * Trackline's delivery estimate: transit-time distributions learned from delivered parcels.
 *
 * - Unit: business days of the destination (carrier delivery weekdays minus its public holidays),
 *   counted from the day a milestone was reached to the day of delivery, shop-local days.
 * - Cells: one weighted histogram per milestone and per level of a hierarchy, from the finest
 *   lane (carrier/service + origin country/region + destination country/region/postal prefix)
 *   through destination region, country pair and carrier to a global cell.
 * - Shrinkage: a level's distribution is its own counts plus pseudo-observations spread like the
 *   level above, so a lane with three deliveries mostly borrows from its region and a lane with
 *   three thousand speaks for itself; how many a level borrows is learned from how much its
 *   cells differ beyond chance (levelStrengths), never fewer than `priorStrength`.
 * - Recency: an observation weighs exp(-ln2 · age / halfLife); weights are stored relative to a
 *   fixed epoch so adding never rescales the other cells.
 * - Season and drift: per carrier and country pair, each shipment week's mean transit; a week
 *   that was slow a year ago is expected slow again, and a lane getting faster or slower is
 *   carried forward from the weeks its histogram learned from (both stretch the distribution).
 * - Prediction conditions on the milestone the parcel reached and on the business days already
 *   spent there (the distribution truncated below the elapsed days), so as time passes without a
 *   delivery the dates only move later; a date in the past is never predicted.
 *
 * The model is a plain serializable summary; refreshing it is one pass over delivered parcels.
 */

export const MILESTONES = ["label", "picked_up", "in_transit", "in_destination_country", "customs", "out_for_delivery"] as const;
export type Milestone = (typeof MILESTONES)[number];

export const LEVELS = ["global", "carrier", "destination_country", "destination_region", "destination_postal_prefix", "lane"] as const;
export type Level = (typeof LEVELS)[number];

export interface Lane {
  carrier: string;
  service?: string | null;
  originCountry?: string | null;
  originRegion?: string | null;
  destinationCountry?: string | null;
  destinationRegion?: string | null;
  destinationPostalPrefix?: string | null;
}

/** Histogram bins: 0 … BINS-2 business days, the last bin holds everything longer. */
export const BINS = 64;
const DAY_MS = 86_400_000;

/** Seasonal profile: weeks kept, weeks before a shipment week it is compared with, and the least deliveries a week needs. */
const SEASON_KEEP_WEEKS = 160;
const SEASON_REFERENCE_WEEKS = 26;
const SEASON_MIN_WEEK_COUNT = 10;
/** The most pseudo-observations a level can borrow from its parent (see EtaModel.levelStrengths). */
const MAX_LEVEL_STRENGTH = 1000;
/** Drift: the latest complete weeks compared with the same weeks a year earlier. */
const DRIFT_WEEKS = 13;

interface Drift {
  /** Change of mean log(1 + business days) per week. */
  slope: number;
  /** The slope's sampling variance. */
  variance: number;
}

/** Weeks since 1970 (Monday first) of a day number. */
export function weekOfDay(day: number): number {
  return Math.floor((day + 3) / 7);
}

export interface EtaModelOptions {
  /** Age at which a delivery counts half as much as one today. */
  halfLifeDays: number;
  /** The fewest pseudo-observations a level borrows from the level above it (see levelStrengths). */
  priorStrength: number;
}

/**
 * Picked by a time-ordered validation inside the training part of the generated history (seed 13:
 * its first 70 % of rows split again 70/30) over half-lives 30, 45, 60, 90 days and strengths
 * 1, 2, 4, 8: the lowest P50 error (ties to the smaller strength) with the window within 77–83 %.
 */
export const DEFAULT_ETA_OPTIONS: EtaModelOptions = { halfLifeDays: 90, priorStrength: 1 };

function part(value: string | null | undefined): string {
  return (value ?? "").trim().toUpperCase();
}

/** Postal prefixes are compared on their first three characters ("SW1A 1AA" → "SW1"). */
export function postalPrefix(value: string | null | undefined): string {
  return part(value).replace(/\s+/g, "").slice(0, 3);
}

export type LaneKeys = readonly [string, string, string, string, string, string];

function computeLaneKeys(lane: Lane): LaneKeys {
  const carrier = `${lane.carrier.trim().toLowerCase()}/${(lane.service ?? "").trim().toLowerCase()}`;
  const pair = `${carrier}|${part(lane.originCountry)}>${part(lane.destinationCountry)}`;
  const region = `${pair}|${part(lane.destinationRegion)}`;
  const postal = `${region}|${postalPrefix(lane.destinationPostalPrefix)}`;
  const full = `${postal}|${part(lane.originRegion)}`;
  return ["*", carrier, pair, region, postal, full];
}

/**
 * Lane keys already built, by the lane's raw parts: a refresh sees a million parcels on a few
 * hundred lanes, and a prediction should not rebuild five strings. The same lane always gets the
 * same (frozen) array, so per-model caches can key on it.
 */
const laneKeyCache = new Map<string, LaneKeys>();
const LANE_KEY_CACHE_LIMIT = 50_000;

/** The cell key of each level for a lane, coarsest first. */
export function laneKeys(lane: Lane): LaneKeys {
  const raw = `${lane.carrier}\u0001${lane.service ?? ""}\u0001${lane.originCountry ?? ""}\u0001${lane.originRegion ?? ""}\u0001${lane.destinationCountry ?? ""}\u0001${lane.destinationRegion ?? ""}\u0001${lane.destinationPostalPrefix ?? ""}`;
  let keys = laneKeyCache.get(raw);
  if (!keys) {
    if (laneKeyCache.size >= LANE_KEY_CACHE_LIMIT) laneKeyCache.clear();
    keys = Object.freeze(computeLaneKeys(lane));
    laneKeyCache.set(raw, keys);
  }
  return keys;
}

/** A carrier-and-country-pair key, the grain the carrier-vs-Trackline accuracy is tracked at. */
export function accuracyKey(lane: Lane): string {
  return laneKeys(lane)[2];
}

export interface AccuracyStats {
  /** Weighted count of delivered parcels that had this source's estimate. */
  weight: number;
  /** Weighted sum of |estimate − delivered| in calendar days. */
  absErrorDays: number;
  /** Weighted count delivered inside the source's window (a single date: on that day). */
  inWindow: number;
  /** Weighted count delivered after the window's end. */
  late: number;
}

export type EstimateSource = "trackline" | "carrier";

export interface EtaModelJson {
  version: 1;
  options: EtaModelOptions;
  epochMs: number;
  asOfMs: number;
  observations: number;
  transit: Record<string, number[]>;
  gaps: Record<string, number[]>;
  accuracy: Record<string, Record<EstimateSource, AccuracyStats>>;
  /** Seasonal profile: per key, [week, Σ log(1 + business days), Σ its square, deliveries, …] by shipment week. */
  season?: Record<string, number[]>;
}

function emptyAccuracy(): AccuracyStats {
  return { weight: 0, absErrorDays: 0, inWindow: 0, late: 0 };
}

function clampBin(days: number): number {
  if (!(days > 0)) return 0;
  return Math.min(BINS - 1, Math.floor(days));
}

/** Sparse, rounded histogram encoding: [bin, weight, bin, weight, …]. */
function encode(histogram: Float64Array): number[] {
  const out: number[] = [];
  for (let bin = 0; bin < histogram.length; bin++) {
    const value = histogram[bin]!;
    if (value > 0) out.push(bin, Number(value.toPrecision(7)));
  }
  return out;
}

function decode(pairs: readonly number[]): Float64Array {
  const histogram = new Float64Array(BINS);
  for (let i = 0; i + 1 < pairs.length; i += 2) histogram[pairs[i]!] = pairs[i + 1]!;
  return histogram;
}

/** Weakly informative priors per milestone (median business days left): used only with no data at all. */
const PRIOR_MEDIAN: Record<Milestone, number> = {
  label: 5,
  picked_up: 4,
  in_transit: 3,
  in_destination_country: 2,
  customs: 3,
  out_for_delivery: 0,
};

function priorDistribution(milestone: Milestone): Float64Array {
  const histogram = new Float64Array(BINS);
  const center = Math.log(PRIOR_MEDIAN[milestone] + 1);
  let total = 0;
  for (let bin = 0; bin < BINS; bin++) {
    const z = (Math.log(bin + 1) - center) / 0.6;
    histogram[bin] = Math.exp(-0.5 * z * z);
    total += histogram[bin]!;
  }
  for (let bin = 0; bin < BINS; bin++) histogram[bin]! /= total;
  return histogram;
}

const PRIORS = new Map<Milestone, Float64Array>(MILESTONES.map((milestone) => [milestone, priorDistribution(milestone)]));
const MILESTONE_INDEX = Object.fromEntries(MILESTONES.map((milestone, index) => [milestone, index])) as Record<Milestone, number>;

type Quantiles = { low: number; median: number; high: number };

/** A shrunk distribution and, filled as predictions ask for them, its window quantiles per elapsed day. */
interface ShrunkDistribution {
  probabilities: Float64Array;
  level: Level | null;
  observations: number;
  quantiles: (Quantiles | undefined)[];
  /** The same distribution stretched by a seasonal factor (hundredths), as predictions ask. */
  stretched?: Map<number, ShrunkDistribution>;
}

/**
 * A distribution of business days stretched by `factor` on the scale of 1 + days (a factor of
 * 1.2 turns 4 days into 5): each bin's mass moves to its stretched position, split between the
 * two whole days around it; the tail bin stays the tail.
 */
export function stretchDistribution(probabilities: Float64Array, factor: number): Float64Array {
  const out = new Float64Array(BINS);
  for (let bin = 0; bin < BINS; bin++) {
    const mass = probabilities[bin]!;
    if (!(mass > 0)) continue;
    if (bin === BINS - 1) {
      out[bin]! += mass;
      continue;
    }
    const position = Math.max(0, Math.min(BINS - 1, (1 + bin) * factor - 1));
    const lower = Math.floor(position);
    const upper = Math.min(BINS - 1, lower + 1);
    const share = position - lower;
    out[lower]! += mass * (1 - share);
    if (share > 0) out[upper]! += mass * share;
  }
  return out;
}

/**
 * An estimated change `d` with sampling variance `noise`, shrunk toward none: it counts as much as
 * it stands out from what chance alone would give (d³ / (d² + noise)).
 */
function shrink(d: number, noise: number): number {
  return (d * d * d) / (d * d + noise + 1e-12);
}

export class EtaModel {
  readonly options: EtaModelOptions;
  epochMs: number;
  asOfMs: number;
  observations: number;
  readonly transit = new Map<string, Float64Array>();
  readonly gaps = new Map<string, Float64Array>();
  readonly accuracy = new Map<string, Record<EstimateSource, AccuracyStats>>();
  /**
   * Seasonal profile per carrier and country pair, per carrier and overall: for each shipment week
   * (weeks since 1970, Monday first), the sum of log(1 + business days) of the deliveries shipped
   * that week, the sum of its squares and their count. Unweighted: a week is compared only with other weeks of the same
   * year, so the profile needs no recency.
   */
  readonly season = new Map<string, Map<number, [number, number, number]>>();
  private readonly seasonFactors = new Map<string, number>();
  private readonly drifts = new Map<string, Drift | null>();
  private readonly driftFactors = new Map<string, number>();
  private readonly lambda: number;
  private lastLane: Lane | null = null;
  private lastKeys: LaneKeys | null = null;
  /** Each lane's five histograms per milestone, so folding a delivery in builds no key strings. */
  private readonly transitCells = new Map<LaneKeys, (Float64Array[] | undefined)[]>();
  private readonly gapCells = new Map<LaneKeys, (Float64Array[] | undefined)[]>();
  /**
   * Shrunk distributions already computed, per lane, target and milestone (a loaded model predicts
   * many parcels per lane), with the effective observations per milestone and the recency scale;
   * any new observation clears them.
   */
  private readonly distributions = new Map<LaneKeys, (ShrunkDistribution | undefined)[]>();
  private milestoneTotals: (number | undefined)[] = [];
  private cachedScale: number | null = null;

  constructor(options: Partial<EtaModelOptions> = {}, epochMs = 0) {
    this.options = { ...DEFAULT_ETA_OPTIONS, ...options };
    this.lambda = Math.LN2 / (this.options.halfLifeDays * DAY_MS);
    this.epochMs = epochMs;
    this.asOfMs = epochMs;
    this.observations = 0;
  }

  /** A lane's cell keys; one parcel's observations reuse them. */
  private keysOf(lane: Lane): LaneKeys {
    if (lane !== this.lastLane || !this.lastKeys) {
      this.lastKeys = laneKeys(lane);
      this.lastLane = lane;
    }
    return this.lastKeys;
  }

  /** Weight of an observation at `atMs`, relative to the epoch (grows with time). */
  private weightAt(atMs: number): number {
    this.invalidate();
    if (atMs > this.asOfMs) this.asOfMs = atMs;
    const exponent = this.lambda * (atMs - this.epochMs);
    // Keep weights finite: move the epoch forward (rescaling everything) once in a long while.
    if (exponent > 600) {
      this.rebase(atMs);
      return 1;
    }
    return Math.exp(exponent);
  }

  private rebase(epochMs: number): void {
    const factor = Math.exp(-this.lambda * (epochMs - this.epochMs));
    for (const histograms of [this.transit, this.gaps]) {
      for (const histogram of histograms.values()) for (let bin = 0; bin < BINS; bin++) histogram[bin]! *= factor;
    }
    for (const sources of this.accuracy.values()) {
      for (const stats of Object.values(sources)) {
        stats.weight *= factor;
        stats.absErrorDays *= factor;
        stats.inWindow *= factor;
        stats.late *= factor;
      }
    }
    this.epochMs = epochMs;
    this.invalidate();
  }

  private invalidate(): void {
    if (this.distributions.size > 0) this.distributions.clear();
    this.clearTimeFactors();
    if (this.strengthCache.size > 0) this.strengthCache.clear();
    if (this.milestoneTotals.length > 0) this.milestoneTotals = [];
    this.cachedScale = null;
  }

  private clearTimeFactors(): void {
    if (this.seasonFactors.size > 0) this.seasonFactors.clear();
    if (this.drifts.size > 0) this.drifts.clear();
    if (this.driftFactors.size > 0) this.driftFactors.clear();
  }

  /** Multiplier turning stored weights into effective counts as of the model's newest data. */
  private scale(): number {
    this.cachedScale ??= Math.exp(-this.lambda * (this.asOfMs - this.epochMs));
    return this.cachedScale;
  }

  /** The five histograms (one per level) a lane's observation at a milestone lands in. */
  private cells(target: Map<string, Float64Array>, cache: Map<LaneKeys, (Float64Array[] | undefined)[]>, keys: LaneKeys, milestone: Milestone): Float64Array[] {
    let perMilestone = cache.get(keys);
    if (!perMilestone) {
      if (cache.size >= LANE_KEY_CACHE_LIMIT) cache.clear();
      perMilestone = [];
      cache.set(keys, perMilestone);
    }
    const index = MILESTONE_INDEX[milestone];
    let cells = perMilestone[index];
    if (!cells) {
      cells = keys.map((key) => {
        const name = `${milestone}#${key}`;
        let histogram = target.get(name);
        if (!histogram) {
          histogram = new Float64Array(BINS);
          target.set(name, histogram);
        }
        return histogram;
      });
      perMilestone[index] = cells;
    }
    return cells;
  }

  /** A delivered parcel took `businessDays` from reaching `milestone` to delivery (delivered at `atMs`). */
  observeTransit(lane: Lane, milestone: Milestone, businessDays: number, atMs: number): void {
    this.observeTransitGroup(lane, milestone, businessDays, atMs, 1, 1);
  }

  /**
   * `count` deliveries at once (a refresh that reads them grouped by lane and day): they weigh
   * `weightFactor` times one delivery at `atMs` (the group's own spread of delivery times folded
   * into the factor by the caller; `count` when they all were at `atMs`).
   */
  observeTransitGroup(lane: Lane, milestone: Milestone, businessDays: number, atMs: number, count: number, weightFactor: number): void {
    const weight = this.weightAt(atMs) * weightFactor;
    const bin = clampBin(businessDays);
    const cells = this.cells(this.transit, this.transitCells, this.keysOf(lane), milestone);
    for (let level = 0; level < cells.length; level++) cells[level]![bin]! += weight;
    if (milestone === "label") this.observations += count;
  }

  /** Recency rate per day (ln 2 / half-life): callers folding grouped deliveries weigh their spread with it. */
  get decayPerDay(): number {
    return this.lambda * DAY_MS;
  }

  /** Moves the model's clock to `atMs` when that is later (the newest delivery folded in). */
  advanceClock(atMs: number): void {
    if (atMs > this.asOfMs) this.weightAt(atMs);
  }

  /**
   * `count` deliveries shipped on shop-local day `shippedDay` took `businessDays` from shipment to
   * delivery: the seasonal profile of their carrier and country pair, carrier and everyone.
   */
  observeSeason(lane: Lane, shippedDay: number, businessDays: number, count = 1): void {
    if (!(count > 0)) return;
    this.clearTimeFactors();
    const week = weekOfDay(shippedDay);
    const log = Math.log1p(Math.max(0, Math.min(BINS - 1, businessDays)));
    const keys = this.keysOf(lane);
    for (const key of [keys[2], keys[1], keys[0]]) {
      let weeks = this.season.get(key);
      if (!weeks) {
        weeks = new Map();
        this.season.set(key, weeks);
      }
      const cell = weeks.get(week);
      if (cell) {
        cell[0] += log * count;
        cell[1] += log * log * count;
        cell[2] += count;
      } else weeks.set(week, [log * count, log * log * count, count]);
      // Keep three years of weeks: the factor looks back two.
      if (weeks.size > SEASON_KEEP_WEEKS + 8) {
        let newest = -Infinity;
        for (const known of weeks.keys()) if (known > newest) newest = known;
        for (const known of [...weeks.keys()]) if (known < newest - SEASON_KEEP_WEEKS) weeks.delete(known);
      }
    }
  }

  /**
   * How much slower (above 1) or faster parcels shipped on `shippedDay` travel than the recent
   * deliveries the lane's histogram weighs, judged on the same weeks of earlier years: a year ago
   * (and two, when known), the shipment week's mean log(1 + business days) against the mean of the
   * weeks before it, weighed by the model's recency and lagged by the lane's usual transit. 1 when
   * no level has a year of history around that week.
   */
  seasonFactor(lane: Lane, shippedDay: number, medianBusinessDays: number, highBusinessDays = medianBusinessDays): number {
    const week = weekOfDay(shippedDay);
    const lag = Math.max(0, Math.round(medianBusinessDays / 5));
    const keys = laneKeys(lane);
    const cacheKey = `${keys[2]}#${week}#${lag}#${highBusinessDays}`;
    const cached = this.seasonFactors.get(cacheKey);
    if (cached !== undefined) return cached;
    let factor = 1;
    const halfLifeWeeks = this.options.halfLifeDays / 7;
    for (const key of [keys[2], keys[1], keys[0]]) {
      const weeks = this.season.get(key);
      if (!weeks) continue;
      // A carrier getting faster or slower over the year would read as a season: what the drift
      // alone explains between the reference weeks and the target week is taken out.
      const slope = this.drift(key, highBusinessDays)?.slope ?? 0;
      let difference = 0;
      let variance = 0;
      let years = 0;
      for (let back = 1; back <= 2; back++) {
        const then = week - 52 * back;
        const target = weeks.get(then);
        if (!target || target[2] < SEASON_MIN_WEEK_COUNT) continue;
        // The weeks before, each weighed by recency; their mean's variance from each week's spread.
        let mean = 0;
        let weight = 0;
        let weightSquares = 0;
        let count = 0;
        let spread = 0;
        let distance = 0;
        for (let j = 1 + lag; j <= SEASON_REFERENCE_WEEKS + lag; j++) {
          const cell = weeks.get(then - j);
          if (!cell || cell[2] <= 0) continue;
          const w = Math.pow(2, -(j - lag) / halfLifeWeeks);
          mean += (w * cell[0]) / cell[2];
          weight += w;
          weightSquares += (w * w) / cell[2];
          count += cell[2];
          spread += cell[1] - (cell[0] * cell[0]) / cell[2];
          distance += w * j;
        }
        if (count < SEASON_MIN_WEEK_COUNT * 4 || !(weight > 0)) continue;
        const targetMean = target[0] / target[2];
        const targetVariance = Math.max(0, target[1] / target[2] - targetMean * targetMean);
        const referenceVariance = Math.max(0, spread / Math.max(1, count - 1));
        difference += targetMean - mean / weight - slope * (distance / weight);
        variance += targetVariance / target[2] + (referenceVariance * weightSquares) / (weight * weight);
        years += 1;
      }
      if (years > 0) {
        // Shrunk toward no seasonal change by its own noise: a week's difference counts as much
        // as it stands out from what sampling alone would give.
        factor = Math.exp(shrink(difference / years, variance / (years * years)));
        break;
      }
    }
    if (this.seasonFactors.size >= 10_000) this.seasonFactors.clear();
    this.seasonFactors.set(cacheKey, factor);
    return factor;
  }

  /**
   * How a key's transit times drift (a carrier getting faster or slower through the year): the
   * mean log(1 + business days) of the latest complete weeks against the same weeks a year
   * earlier, so both sides cover the same season. The latest weeks whose parcels are not all
   * delivered yet (those within the lane's long transit, `highBusinessDays`) are left out: only
   * their fast parcels are known. Null without a year of history around those weeks.
   */
  private drift(key: string, highBusinessDays: number): Drift | null {
    const weeks = this.season.get(key);
    if (!weeks) return null;
    const end = weekOfDay(Math.floor(this.asOfMs / DAY_MS)) - 1 - Math.ceil((highBusinessDays + 2) / 5);
    const cacheKey = `${key}#${end}`;
    const cached = this.drifts.get(cacheKey);
    if (cached !== undefined) return cached;
    let recentSum = 0;
    let recentSquares = 0;
    let recentCount = 0;
    let oldSum = 0;
    let oldSquares = 0;
    let oldCount = 0;
    for (let week = end - DRIFT_WEEKS + 1; week <= end; week++) {
      const recent = weeks.get(week);
      const old = weeks.get(week - 52);
      // Only weeks known in both years, so the two sides cover the same part of the season.
      if (!recent || !old || recent[2] <= 0 || old[2] <= 0) continue;
      recentSum += recent[0];
      recentSquares += recent[1];
      recentCount += recent[2];
      oldSum += old[0];
      oldSquares += old[1];
      oldCount += old[2];
    }
    let drift: Drift | null = null;
    if (recentCount >= SEASON_MIN_WEEK_COUNT * 4 && oldCount >= SEASON_MIN_WEEK_COUNT * 4) {
      const recentMean = recentSum / recentCount;
      const oldMean = oldSum / oldCount;
      const recentVariance = Math.max(0, (recentSquares - recentSum * recentMean) / Math.max(1, recentCount - 1));
      const oldVariance = Math.max(0, (oldSquares - oldSum * oldMean) / Math.max(1, oldCount - 1));
      drift = { slope: (recentMean - oldMean) / 52, variance: (recentVariance / recentCount + oldVariance / oldCount) / (52 * 52) };
    }
    if (this.drifts.size >= 10_000) this.drifts.clear();
    this.drifts.set(cacheKey, drift);
    return drift;
  }

  /**
   * How much slower (above 1) or faster a parcel shipped on `shippedDay` should travel than the
   * lane's histogram says because of drift: the histogram weighs recent deliveries most, but
   * their parcels were shipped weeks to months before; the drift carries them forward from their
   * (recency-weighted) mean shipment week to this one, shrunk toward none by its own noise.
   * `highBusinessDays` is the lane's long transit (its P90).
   */
  driftFactor(lane: Lane, shippedDay: number, highBusinessDays: number): number {
    const keys = laneKeys(lane);
    const week = weekOfDay(shippedDay);
    const cacheKey = `${keys[2]}#${week}#${highBusinessDays}`;
    const cached = this.driftFactors.get(cacheKey);
    if (cached !== undefined) return cached;
    let factor = 1;
    const halfLifeWeeks = this.options.halfLifeDays / 7;
    for (const key of [keys[2], keys[1], keys[0]]) {
      const drift = this.drift(key, highBusinessDays);
      if (!drift) continue;
      // The histogram's mean shipment week: deliveries weigh by recency, counted here by the week
      // they were shipped (the usual transit shifts every weight alike).
      let weight = 0;
      let weighted = 0;
      for (const [known, cell] of this.season.get(key)!) {
        if (known > week) continue;
        const w = cell[2] * Math.pow(2, (known - week) / halfLifeWeeks);
        weight += w;
        weighted += w * known;
      }
      if (!(weight > 0)) continue;
      const distance = week - weighted / weight;
      factor = Math.exp(shrink(drift.slope * distance, drift.variance * distance * distance));
      break;
    }
    if (this.driftFactors.size >= 10_000) this.driftFactors.clear();
    this.driftFactors.set(cacheKey, factor);
    return factor;
  }

  /** A silence of `businessDays` between two scans while the parcel was at `milestone`. */
  observeGap(lane: Lane, milestone: Milestone, businessDays: number, atMs: number): void {
    this.observeGapGroup(lane, milestone, businessDays, atMs, 1);
  }

  /** Silences counted together: they weigh `weightFactor` times one observed at `atMs` (as observeTransitGroup). */
  observeGapGroup(lane: Lane, milestone: Milestone, businessDays: number, atMs: number, weightFactor: number): void {
    const weight = this.weightAt(atMs) * weightFactor;
    const bin = clampBin(businessDays);
    const cells = this.cells(this.gaps, this.gapCells, this.keysOf(lane), milestone);
    for (let level = 0; level < cells.length; level++) cells[level]![bin]! += weight;
  }

  /** How a source's estimate fared on a delivered parcel. */
  observeAccuracy(
    lane: Lane,
    source: EstimateSource,
    outcome: { errorDays: number; inWindow: boolean; late: boolean },
    atMs: number,
    weightFactor = 1,
  ): void {
    const weight = this.weightAt(atMs) * weightFactor;
    const keys = this.keysOf(lane);
    for (const key of [keys[1], keys[2]]) {
      let sources = this.accuracy.get(key);
      if (!sources) {
        sources = { trackline: emptyAccuracy(), carrier: emptyAccuracy() };
        this.accuracy.set(key, sources);
      }
      const stats = sources[source];
      stats.weight += weight;
      stats.absErrorDays += weight * Math.abs(outcome.errorDays);
      if (outcome.inWindow) stats.inWindow += weight;
      if (outcome.late) stats.late += weight;
    }
  }

  /**
   * The shrunk distribution (probabilities per business-day bin) for a lane and milestone, the
   * finest level that had data, and that level's effective number of observations.
   */
  distribution(lane: Lane, milestone: Milestone, target: "transit" | "gaps" = "transit"): ShrunkDistribution {
    const keys = laneKeys(lane);
    let perLane = this.distributions.get(keys);
    if (!perLane) {
      if (this.distributions.size >= 10_000) this.distributions.clear();
      perLane = [];
      this.distributions.set(keys, perLane);
    }
    const slot = MILESTONE_INDEX[milestone] * 2 + (target === "transit" ? 0 : 1);
    const cached = perLane[slot];
    if (cached) return cached;
    const source = target === "transit" ? this.transit : this.gaps;
    const scale = this.scale();
    const strengths = this.levelStrengths(source, milestone, target);
    let probabilities = PRIORS.get(milestone)!;
    let level: Level | null = null;
    let observations = 0;
    for (let depth = 0; depth < keys.length; depth++) {
      const counts = source.get(`${milestone}#${keys[depth]}`);
      if (!counts) continue;
      let total = 0;
      for (let bin = 0; bin < BINS; bin++) total += counts[bin]!;
      const effective = total * scale;
      if (!(effective > 0)) continue;
      const next = new Float64Array(BINS);
      const strength = strengths[depth]!;
      const denominator = effective + strength;
      for (let bin = 0; bin < BINS; bin++) next[bin] = (counts[bin]! * scale + strength * probabilities[bin]!) / denominator;
      probabilities = next;
      level = LEVELS[depth]!;
      observations = effective;
    }
    const result: ShrunkDistribution = { probabilities, level, observations, quantiles: [] };
    perLane[slot] = result;
    return result;
  }

  /** Per target and milestone, the pseudo-observations each level borrows (see levelStrengths). */
  private readonly strengthCache = new Map<string, number[]>();

  /**
   * How many pseudo-observations a cell of each level borrows from its parent, learned from the
   * data (empirical Bayes): the spread of deliveries within cells (of log(1 + business days))
   * over the spread of the cells' means around their parents' beyond what sampling explains. A
   * level whose cells really differ (regions, remote postal areas) borrows little; one whose cells
   * differ no more than chance gives (an origin region that changes nothing) borrows up to
   * MAX_LEVEL_STRENGTH. Never below the configured `priorStrength`, which a level also keeps when
   * none of its cells has a sibling to compare with.
   */
  private levelStrengths(source: Map<string, Float64Array>, milestone: Milestone, target: "transit" | "gaps"): number[] {
    const cacheKey = `${target}#${milestone}`;
    const cached = this.strengthCache.get(cacheKey);
    if (cached) return cached;
    const prefix = `${milestone}#`;
    const scale = this.scale();
    const cells = new Map<string, { n: number; mean: number; variance: number }>();
    for (const [name, counts] of source) {
      if (!name.startsWith(prefix)) continue;
      let n = 0;
      let sum = 0;
      let squares = 0;
      for (let bin = 0; bin < BINS; bin++) {
        const w = counts[bin]!;
        if (!(w > 0)) continue;
        const x = Math.log1p(bin);
        n += w;
        sum += w * x;
        squares += w * x * x;
      }
      if (!(n > 0)) continue;
      const mean = sum / n;
      cells.set(name.slice(prefix.length), { n: n * scale, mean, variance: Math.max(0, squares / n - mean * mean) });
    }
    // Keys nest: "*" → carrier → carrier|pair → …|region → …|postal → …|origin region.
    const depthOf = (key: string) => (key.includes("|") ? key.split("|").length : 1);
    const parentOf = (key: string) => (depthOf(key) === 1 ? "*" : key.slice(0, key.lastIndexOf("|")));
    const children = new Map<string, number>();
    for (const key of cells.keys()) if (key !== "*") children.set(parentOf(key), (children.get(parentOf(key)) ?? 0) + 1);
    const between = new Array<number>(LEVELS.length).fill(0);
    const within = new Array<number>(LEVELS.length).fill(0);
    const weights = new Array<number>(LEVELS.length).fill(0);
    for (const [key, cell] of cells) {
      // Only cells with a sibling say how much cells differ: an only child is its parent.
      if (key === "*" || !(cell.n > 0) || (children.get(parentOf(key)) ?? 0) < 2) continue;
      const depth = depthOf(key);
      const parent = cells.get(parentOf(key));
      if (!parent) continue;
      const d = cell.mean - parent.mean;
      between[depth]! += cell.n * (d * d) - cell.variance;
      within[depth]! += cell.n * cell.variance;
      weights[depth]! += cell.n;
    }
    const strengths = weights.map((weight, depth) => {
      if (!(weight > 0)) return this.options.priorStrength;
      const betweenVariance = between[depth]! / weight;
      const learned = betweenVariance > 0 ? within[depth]! / weight / betweenVariance : MAX_LEVEL_STRENGTH;
      return Math.max(this.options.priorStrength, Math.min(MAX_LEVEL_STRENGTH, learned));
    });
    this.strengthCache.set(cacheKey, strengths);
    return strengths;
  }

  /** Effective number of observations the global cell has for a milestone. */
  milestoneObservations(milestone: Milestone): number {
    const index = MILESTONE_INDEX[milestone];
    const cached = this.milestoneTotals[index];
    if (cached !== undefined) return cached;
    const counts = this.transit.get(`${milestone}#*`);
    let total = 0;
    if (counts) for (let bin = 0; bin < BINS; bin++) total += counts[bin]!;
    const effective = total * this.scale();
    this.milestoneTotals[index] = effective;
    return effective;
  }

  /** Accuracy of Trackline's estimate and the carrier's on a lane (falls back to the carrier overall). */
  accuracyFor(lane: Lane): { key: string; trackline: AccuracyStats; carrier: AccuracyStats } {
    const scale = this.scale();
    const scaled = (stats: AccuracyStats): AccuracyStats => ({
      weight: stats.weight * scale,
      absErrorDays: stats.absErrorDays * scale,
      inWindow: stats.inWindow * scale,
      late: stats.late * scale,
    });
    for (const key of [accuracyKey(lane), laneKeys(lane)[1]]) {
      const sources = this.accuracy.get(key);
      if (sources && sources.trackline.weight + sources.carrier.weight > 0) {
        return { key, trackline: scaled(sources.trackline), carrier: scaled(sources.carrier) };
      }
    }
    return { key: accuracyKey(lane), trackline: emptyAccuracy(), carrier: emptyAccuracy() };
  }

  toJSON(): EtaModelJson {
    const histograms = (map: Map<string, Float64Array>) => Object.fromEntries([...map].map(([key, value]) => [key, encode(value)]));
    return {
      version: 1,
      options: this.options,
      epochMs: this.epochMs,
      asOfMs: this.asOfMs,
      observations: this.observations,
      transit: histograms(this.transit),
      gaps: histograms(this.gaps),
      accuracy: Object.fromEntries(this.accuracy),
      season: Object.fromEntries(
        [...this.season].map(([key, weeks]) => [
          key,
          [...weeks]
            .sort((a, b) => a[0] - b[0])
            .flatMap(([week, [sum, squares, count]]) => [week, Number(sum.toPrecision(12)), Number(squares.toPrecision(12)), Number(count.toPrecision(12))]),
        ]),
      ),
    };
  }

  static fromJSON(json: EtaModelJson): EtaModel {
    const model = new EtaModel(json.options, json.epochMs);
    model.asOfMs = json.asOfMs;
    model.observations = json.observations;
    for (const [key, pairs] of Object.entries(json.transit)) model.transit.set(key, decode(pairs));
    for (const [key, pairs] of Object.entries(json.gaps)) model.gaps.set(key, decode(pairs));
    for (const [key, flat] of Object.entries(json.season ?? {})) {
      const weeks = new Map<number, [number, number, number]>();
      for (let i = 0; i + 3 < flat.length; i += 4) weeks.set(flat[i]!, [flat[i + 1]!, flat[i + 2]!, flat[i + 3]!]);
      model.season.set(key, weeks);
    }
    for (const [key, sources] of Object.entries(json.accuracy)) {
      model.accuracy.set(key, { trackline: { ...sources.trackline }, carrier: { ...sources.carrier } });
    }
    return model;
  }
}

export interface PredictionInput {
  lane: Lane;
  /** The furthest milestone the parcel has reached, and when (epoch ms). */
  milestone: Milestone;
  milestoneAtMs: number;
  /** When the parcel shipped (label / fulfillment), for the fallback to the whole journey. */
  shippedAtMs: number;
  nowMs: number;
  /** Days of the week the carrier delivers on (0 = Sunday); Monday–Friday by default. */
  deliveryWeekdays?: readonly number[];
}

export interface Prediction {
  /** Shop-local day numbers and dates of the window's start, the median and the window's end. */
  p10Day: number;
  p50Day: number;
  p90Day: number;
  p10: string;
  p50: string;
  p90: string;
  /** What the prediction rests on. */
  milestone: Milestone;
  level: Level | null;
  observations: number;
}

/** Minimum effective deliveries seen from a milestone before predictions start from it. */
const MILESTONE_MIN_OBSERVATIONS = 20;

/**
 * Quantiles of a discrete distribution truncated to bins ≥ `from`: the median, an upper bound
 * met at least 90 % of the time, and a lower bound chosen so the window holds as close to 80 %
 * as whole days allow (a window of whole days cannot hit 80 % exactly; rounding each end to the
 * nearer day keeps coverage calibrated on average instead of always erring wide).
 */
export function windowQuantiles(probabilities: Float64Array, from: number): { low: number; median: number; high: number } {
  const start = Math.max(0, Math.min(BINS - 1, from));
  let remaining = 0;
  for (let bin = start; bin < BINS; bin++) remaining += probabilities[bin]!;
  if (!(remaining > 0)) return { low: start, median: start, high: start };
  const cdf = new Float64Array(BINS);
  let running = 0;
  for (let bin = start; bin < BINS; bin++) {
    running += probabilities[bin]! / remaining;
    cdf[bin] = running;
  }
  let median = BINS - 1;
  for (let bin = start; bin < BINS; bin++) {
    if (cdf[bin]! >= 0.5 - 1e-12) {
      median = bin;
      break;
    }
  }
  let high = BINS - 1;
  for (let bin = start; bin < BINS; bin++) {
    if (cdf[bin]! >= 0.9 - 1e-12) {
      high = bin;
      break;
    }
  }
  const wanted = cdf[high]! - 0.8;
  let low = start;
  let best = Number.POSITIVE_INFINITY;
  for (let bin = start; bin <= median; bin++) {
    const below = bin === start ? 0 : cdf[bin - 1]!;
    const distance = Math.abs(below - wanted);
    if (distance <= best + 1e-12) {
      best = distance;
      low = bin;
    } else break;
  }
  return { low, median, high };
}

/** The P10–P90 window and P50 date for a parcel in transit. */
export function predictDelivery(model: EtaModel, input: PredictionInput, calendar: DeliveryCalendar): Prediction {
  const weekdays = input.deliveryWeekdays ?? WEEKDAYS;
  const country = input.lane.destinationCountry ? input.lane.destinationCountry.toUpperCase() : null;
  let milestone = input.milestone;
  let startMs = input.milestoneAtMs;
  if (milestone !== "label" && model.milestoneObservations(milestone) < MILESTONE_MIN_OBSERVATIONS) {
    // Not enough parcels seen from this milestone yet: predict the whole journey from shipment.
    milestone = "label";
    startMs = input.shippedAtMs;
  }
  const distribution = model.distribution(input.lane, milestone);
  const { level, observations } = distribution;
  // Season: parcels shipped in a week that was slow (or fast) a year ago, compared with the weeks
  // the recent deliveries were shipped in, are expected as much slower (or faster) now. Drift: a
  // lane getting faster or slower is carried forward from the weeks its histogram learned from.
  const base = (distribution.quantiles[0] ??= windowQuantiles(distribution.probabilities, 0));
  const shippedDay = calendar.dayOf(input.shippedAtMs);
  const stretch = Math.round(model.seasonFactor(input.lane, shippedDay, base.median, base.high) * model.driftFactor(input.lane, shippedDay, base.high) * 100);
  const startDay = calendar.dayOf(startMs);
  const today = calendar.dayOf(Math.max(input.nowMs, startMs));
  // Business days already spent; a parcel not delivered yet arrives today at the earliest, or on
  // the next delivery day when today is not one.
  let elapsed = calendar.between(startDay, today, country, weekdays);
  if (today > startDay && !calendar.isBusinessDay(today, country, weekdays)) elapsed += 1;
  const from = Math.max(0, Math.min(BINS - 1, elapsed));
  // The window's ends map the learned quantiles forward: the stretched transit is
  // (1 + days) × factor − 1, the days already spent map back onto the learned histogram, and each
  // end goes to the nearest whole day. The median comes from the stretched histogram itself, whose
  // mass split between neighbouring days places it better than rounding one day would; the same
  // split would widen the window past its 80 %.
  const factor = stretch / 100;
  const learnedFrom = stretch === 100 ? from : Math.max(0, Math.min(BINS - 1, Math.ceil((1 + from) / factor - 1 - 1e-9)));
  const learned = (distribution.quantiles[learnedFrom] ??= windowQuantiles(distribution.probabilities, learnedFrom));
  const forward = (days: number) => (stretch === 100 ? days : Math.max(from, Math.min(BINS - 1, Math.round((1 + days) * factor - 1))));
  const low = forward(learned.low);
  const high = forward(learned.high);
  let median = learned.median;
  if (stretch !== 100) {
    distribution.stretched ??= new Map();
    let stretched = distribution.stretched.get(stretch);
    if (!stretched) {
      stretched = { probabilities: stretchDistribution(distribution.probabilities, factor), level, observations, quantiles: [] };
      distribution.stretched.set(stretch, stretched);
    }
    median = (stretched.quantiles[from] ??= windowQuantiles(stretched.probabilities, from)).median;
  }
  const p10Day = Math.max(calendar.add(startDay, low, country, weekdays), today);
  const p50Day = Math.max(calendar.add(startDay, median, country, weekdays), today, p10Day);
  const p90Day = Math.max(calendar.add(startDay, high, country, weekdays), today, p50Day);
  return {
    p10Day,
    p50Day,
    p90Day,
    p10: dateOfDayNumber(p10Day),
    p50: dateOfDayNumber(p50Day),
    p90: dateOfDayNumber(p90Day),
    milestone,
    level,
    observations,
  };
}

/**
 * Business days of silence after which a parcel at `milestone` counts as stalled: the lane's
 * 95th percentile gap between scans there, never below `floor`; null when no gaps were learned
 * for the milestone (the caller keeps its fixed thresholds).
 */
export function stallThresholdBusinessDays(model: EtaModel, lane: Lane, milestone: Milestone, floor: number): number | null {
  const { probabilities, level, observations } = model.distribution(lane, milestone, "gaps");
  if (level === null || observations < 20) return null;
  let running = 0;
  for (let bin = 0; bin < BINS; bin++) {
    running += probabilities[bin]!;
    if (running >= 0.95) return Math.max(floor, bin + 1);
  }
  return Math.max(floor, BINS);
}

export interface SourceChoice {
  source: EstimateSource;
  reason: "no_carrier_estimate" | "carrier_more_accurate" | "trackline_more_accurate" | "not_enough_history";
}

/** Minimum weighted deliveries with both estimates before the more accurate source can be told. */
const CHOICE_MIN_WEIGHT = 10;

/**
 * Which estimate the shopper sees: the carrier's when it has been more accurate on this lane,
 * otherwise Trackline's; with too little history to tell, the carrier's own estimate is kept.
 */
export function chooseEstimateSource(model: EtaModel, lane: Lane, hasCarrierEstimate: boolean): SourceChoice {
  if (!hasCarrierEstimate) return { source: "trackline", reason: "no_carrier_estimate" };
  const { trackline, carrier } = model.accuracyFor(lane);
  if (trackline.weight < CHOICE_MIN_WEIGHT || carrier.weight < CHOICE_MIN_WEIGHT) {
    return { source: "carrier", reason: "not_enough_history" };
  }
  const ours = trackline.absErrorDays / trackline.weight;
  const theirs = carrier.absErrorDays / carrier.weight;
  return theirs < ours ? { source: "carrier", reason: "carrier_more_accurate" } : { source: "trackline", reason: "trackline_more_accurate" };
}
