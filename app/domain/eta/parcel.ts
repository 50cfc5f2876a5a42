import { eventInstant } from "~/domain/events";
import type { CanonicalEvent } from "~/domain/status";
import type { DeliveryCalendar } from "./calendar";
import {
  chooseEstimateSource,
  predictDelivery,
  stallThresholdBusinessDays,
  type EstimateSource,
  type EtaModel,
  type Lane,
  type Milestone,
  type Prediction,
  MILESTONES,
} from "./model";

/**
 * One parcel against the model: which milestone its events show it reached, what to learn from it
 * once delivered, and which estimate (Trackline's window or the carrier's) its shopper is shown.
 */


export interface MilestoneTimes {
  /** Earliest instant each milestone was reached (label = shipment). */
  reached: Partial<Record<Milestone, number>>;
  /** The furthest milestone reached and when. */
  current: Milestone;
  currentAtMs: number;
}

const DAY_MS = 86_400_000;
const CUSTOMS = new Set(["customs_hold", "customs_cleared"]);

/** Events with readable times, oldest first, each time parsed once (stored times are UTC ISO). */
function timed(events: readonly CanonicalEvent[]): { event: CanonicalEvent; at: number }[] {
  const out: { event: CanonicalEvent; at: number; index: number }[] = [];
  for (let index = 0; index < events.length; index++) {
    const event = events[index]!;
    let at = /Z$/.test(event.occurredAt) ? Date.parse(event.occurredAt) : Number.NaN;
    if (Number.isNaN(at)) at = eventInstant(event);
    if (!Number.isNaN(at)) out.push({ event, at, index });
  }
  let sorted = true;
  for (let i = 1; i < out.length; i++) if (out[i]!.at < out[i - 1]!.at) sorted = false;
  if (!sorted) out.sort((a, b) => a.at - b.at || a.index - b.index);
  return out;
}

/**
 * Milestones from a parcel's events. "Arrived in the destination country" needs evidence of a
 * border crossing: a scan in the destination country after one elsewhere; customs needs a customs
 * sub-status. Domestic parcels never reach either.
 */
export function milestonesOf(events: readonly CanonicalEvent[], shippedAtMs: number, destinationCountry: string | null): MilestoneTimes {
  const tracker = new MilestoneTracker(shippedAtMs, destinationCountry);
  for (const { event, at } of timed(events)) tracker.add(event, at);
  return { reached: tracker.reached, current: tracker.current, currentAtMs: tracker.reached[tracker.current]! };
}

const MILESTONE_RANK = Object.fromEntries(MILESTONES.map((milestone, index) => [milestone, index])) as Record<Milestone, number>;

/** Milestones reached so far, fed events oldest first (one pass instead of one per prefix). */
class MilestoneTracker {
  readonly reached: Partial<Record<Milestone, number>>;
  current: Milestone = "label";
  private abroad = false;
  private readonly destination: string | null;

  constructor(shippedAtMs: number, destinationCountry: string | null) {
    this.reached = { label: shippedAtMs };
    this.destination = destinationCountry?.toUpperCase() ?? null;
  }

  private mark(milestone: Milestone, atMs: number): void {
    if (this.reached[milestone] !== undefined) return;
    this.reached[milestone] = atMs;
    if (MILESTONE_RANK[milestone] > MILESTONE_RANK[this.current]) this.current = milestone;
  }

  add(event: CanonicalEvent, at: number): void {
    const destination = this.destination;
    const country = event.location?.country?.toUpperCase() ?? null;
    if (country && destination && country !== destination) this.abroad = true;
    if (event.status === "picked_up") this.mark("picked_up", at);
    if (event.status === "in_transit") this.mark("in_transit", at);
    if (event.status === "out_for_delivery") this.mark("out_for_delivery", at);
    if (event.subStatus && CUSTOMS.has(event.subStatus) && destination && this.abroad) this.mark("customs", at);
    if (this.abroad && country && country === destination) this.mark("in_destination_country", at);
  }
}

export interface DeliveredParcel {
  lane: Lane;
  shippedAtMs: number;
  deliveredAtMs: number;
  events?: readonly CanonicalEvent[];
  /** Used when events are not loaded: the first physical scan. */
  pickedUpAtMs?: number | null;
  /** The first estimates made for it, scored against the delivery. */
  firstPredictedAtMs?: number | null;
  firstCarrierEstimateAtMs?: number | null;
  deliveryWeekdays?: readonly number[];
}

/** Folds one delivered parcel into the model: transit from each milestone, scan gaps, accuracy. */
export function learnFromDelivery(model: EtaModel, calendar: DeliveryCalendar, parcel: DeliveredParcel): void {
  const country = parcel.lane.destinationCountry?.toUpperCase() ?? null;
  const weekdays = parcel.deliveryWeekdays;
  const deliveredDay = calendar.dayOf(parcel.deliveredAtMs);
  const days = (fromMs: number) => calendar.between(calendar.dayOf(fromMs), deliveredDay, country, weekdays);
  const at = parcel.deliveredAtMs;
  const shippedDay = calendar.dayOf(parcel.shippedAtMs);
  model.observeSeason(parcel.lane, shippedDay, calendar.between(shippedDay, deliveredDay, country, weekdays));
  if (parcel.events && parcel.events.length > 0) {
    const { reached } = milestonesOf(parcel.events, parcel.shippedAtMs, country);
    for (const milestone of MILESTONES) {
      const from = reached[milestone];
      if (from !== undefined && from <= parcel.deliveredAtMs) model.observeTransit(parcel.lane, milestone, days(from), at);
    }
    // Gaps between consecutive scans, attributed to the milestone the parcel was at.
    const tracker = new MilestoneTracker(parcel.shippedAtMs, country);
    let previousMs: number | null = null;
    for (const { event, at: instant } of timed(parcel.events)) {
      if (instant > parcel.deliveredAtMs) break;
      if (previousMs !== null) {
        const milestone = tracker.current;
        if (milestone !== "label") {
          model.observeGap(parcel.lane, milestone, calendar.between(calendar.dayOf(previousMs), calendar.dayOf(instant), country, weekdays), at);
        }
      }
      tracker.add(event, instant);
      previousMs = instant;
    }
  } else {
    model.observeTransit(parcel.lane, "label", days(parcel.shippedAtMs), at);
    if (parcel.pickedUpAtMs != null && parcel.pickedUpAtMs <= parcel.deliveredAtMs) {
      model.observeTransit(parcel.lane, "picked_up", days(parcel.pickedUpAtMs), at);
    }
  }
  const score = (source: EstimateSource, estimateMs: number | null | undefined) => {
    if (estimateMs == null) return;
    const error = deliveredDay - calendar.dayOf(estimateMs);
    model.observeAccuracy(parcel.lane, source, { errorDays: error, inWindow: Math.abs(error) <= 1, late: error > 0 }, at);
  };
  score("trackline", parcel.firstPredictedAtMs);
  score("carrier", parcel.firstCarrierEstimateAtMs);
}

/** Delivered parcels of one lane that share their shop-local shipped, picked-up and delivered days. */
export interface DeliveredGroup {
  lane: Lane;
  shippedDay: number;
  /** Null when not picked up before delivery. */
  pickedUpDay: number | null;
  deliveredDay: number;
  firstPredictedDay: number | null;
  firstCarrierEstimateDay: number | null;
  count: number;
  /** Sums of d, d², d³ over the group, d = days from the start of UTC day number deliveredDay − 1 to each delivery. */
  deltaSums: readonly [number, number, number];
  latestDeliveredMs: number;
  deliveryWeekdays?: readonly number[];
}

/**
 * Folds a group of delivered parcels without events into the model, exactly as folding each one
 * (learnFromDelivery without events) would, up to the recency weights: each delivery's weight
 * 2^(t/half-life) is summed through its Taylor series in d (terms up to d³; with d < 3 days and a
 * 45-day half-life the rest is below 3·10⁻⁷ of the weight).
 */
/** The weight of a group's deliveries relative to one at the start of the day before their delivery day. */
function groupWeight(model: EtaModel, group: { count: number; deltaSums: readonly [number, number, number] }): number {
  const k = model.decayPerDay;
  const [d1, d2, d3] = group.deltaSums;
  return group.count + k * d1 + (k * k * d2) / 2 + (k * k * k * d3) / 6;
}

export function learnFromDeliveryGroup(model: EtaModel, calendar: DeliveryCalendar, group: DeliveredGroup): void {
  const country = group.lane.destinationCountry?.toUpperCase() ?? null;
  const weekdays = group.deliveryWeekdays;
  const atMs = (group.deliveredDay - 1) * DAY_MS;
  const factor = groupWeight(model, group);
  const deliveredDay = group.deliveredDay;
  const transit = calendar.between(group.shippedDay, deliveredDay, country, weekdays);
  model.observeTransitGroup(group.lane, "label", transit, atMs, group.count, factor);
  model.observeSeason(group.lane, group.shippedDay, transit, group.count);
  if (group.pickedUpDay !== null) {
    model.observeTransitGroup(group.lane, "picked_up", calendar.between(group.pickedUpDay, deliveredDay, country, weekdays), atMs, group.count, factor);
  }
  const score = (source: EstimateSource, estimateDay: number | null) => {
    if (estimateDay === null) return;
    const error = deliveredDay - estimateDay;
    model.observeAccuracy(group.lane, source, { errorDays: error, inWindow: Math.abs(error) <= 1, late: error > 0 }, atMs, factor);
  };
  score("trackline", group.firstPredictedDay);
  score("carrier", group.firstCarrierEstimateDay);
  model.advanceClock(group.latestDeliveredMs);
}

/**
 * Delivered parcels of one lane whose scans show `milestone` first reached on `fromDay`, or (with
 * `toDay`) a silence at `milestone` between scans on `fromDay` and `toDay`; delivered on
 * `deliveredDay`. Weights as in DeliveredGroup.
 */
export interface ScanGroup {
  lane: Lane;
  milestone: Milestone;
  fromDay: number;
  toDay?: number;
  deliveredDay: number;
  count: number;
  deltaSums: readonly [number, number, number];
  latestDeliveredMs: number;
  deliveryWeekdays?: readonly number[];
}

/**
 * Folds a group counted from scans in the database, as learnFromDelivery folds each parcel's
 * events: transit from a milestone to delivery, or a silence between scans.
 */
export function learnFromScanGroup(model: EtaModel, calendar: DeliveryCalendar, group: ScanGroup): void {
  const country = group.lane.destinationCountry?.toUpperCase() ?? null;
  const atMs = (group.deliveredDay - 1) * DAY_MS;
  const factor = groupWeight(model, group);
  if (group.toDay === undefined) {
    model.observeTransitGroup(group.lane, group.milestone, calendar.between(group.fromDay, group.deliveredDay, country, group.deliveryWeekdays), atMs, group.count, factor);
  } else {
    model.observeGapGroup(group.lane, group.milestone, calendar.between(group.fromDay, group.toDay, country, group.deliveryWeekdays), atMs, factor);
  }
  model.advanceClock(group.latestDeliveredMs);
}

export interface ParcelEstimateInput {
  lane: Lane;
  shippedAtMs: number;
  events: readonly CanonicalEvent[];
  nowMs: number;
  /** The carrier's estimate (a window when start and end differ), epoch ms. */
  carrierEstimate?: { startMs: number; endMs: number } | null;
  deliveryWeekdays?: readonly number[];
}

export interface ParcelEstimate {
  prediction: Prediction;
  /** Trackline's window as instants: start of the P10 day, noon of the P50 day, end of the P90 day (shop time). */
  predictedStartMs: number;
  predictedAtMs: number;
  predictedEndMs: number;
  /** Which estimate the shopper sees and why. */
  source: EstimateSource;
  reason: ReturnType<typeof chooseEstimateSource>["reason"];
  /** The carrier's estimate is kept only while it still lies ahead. */
  carrierEstimateAhead: boolean;
}

export function estimateParcel(model: EtaModel, calendar: DeliveryCalendar, input: ParcelEstimateInput): ParcelEstimate {
  const country = input.lane.destinationCountry ?? null;
  const milestones = milestonesOf(input.events, input.shippedAtMs, country);
  const prediction = predictDelivery(
    model,
    {
      lane: input.lane,
      milestone: milestones.current,
      milestoneAtMs: milestones.currentAtMs,
      shippedAtMs: input.shippedAtMs,
      nowMs: input.nowMs,
      ...(input.deliveryWeekdays ? { deliveryWeekdays: input.deliveryWeekdays } : {}),
    },
    calendar,
  );
  const carrierEstimateAhead = input.carrierEstimate != null && calendar.dayOf(input.carrierEstimate.endMs) >= calendar.dayOf(input.nowMs);
  const choice = chooseEstimateSource(model, input.lane, carrierEstimateAhead);
  const start = calendar.startOfDay(prediction.p10Day);
  return {
    prediction,
    predictedStartMs: start,
    predictedAtMs: calendar.startOfDay(prediction.p50Day) + 12 * 3_600_000,
    predictedEndMs: calendar.startOfDay(prediction.p90Day + 1) - 1,
    source: choice.source,
    reason: choice.reason,
    carrierEstimateAhead,
  };
}

/** Business days of silence before a parcel at its current milestone counts as stalled. */
export function stallLimitFor(
  model: EtaModel,
  lane: Lane,
  events: readonly CanonicalEvent[],
  shippedAtMs: number,
  floorBusinessDays: number,
): number | null {
  const { current } = milestonesOf(events, shippedAtMs, lane.destinationCountry ?? null);
  return stallThresholdBusinessDays(model, lane, current === "label" ? "picked_up" : current, floorBusinessDays);
}
