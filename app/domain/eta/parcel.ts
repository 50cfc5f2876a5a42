import { eventInstant, sortEvents } from "../events";
import type { CanonicalEvent } from "../status";
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
  const reached: Partial<Record<Milestone, number>> = { label: shippedAtMs };
  const destination = destinationCountry?.toUpperCase() ?? null;
  let abroad = false;
  const mark = (milestone: Milestone, atMs: number) => {
    if (reached[milestone] === undefined) reached[milestone] = atMs;
  };
  for (const { event, at } of timed(events)) {
    const country = event.location?.country?.toUpperCase() ?? null;
    if (country && destination && country !== destination) abroad = true;
    if (event.status === "picked_up") mark("picked_up", at);
    if (event.status === "in_transit") mark("in_transit", at);
    if (event.status === "out_for_delivery") mark("out_for_delivery", at);
    if (event.subStatus && CUSTOMS.has(event.subStatus) && destination && abroad) mark("customs", at);
    if (abroad && country && country === destination) mark("in_destination_country", at);
  }
  let current: Milestone = "label";
  for (const milestone of MILESTONES) if (reached[milestone] !== undefined) current = milestone;
  return { reached, current, currentAtMs: reached[current]! };
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
  if (parcel.events && parcel.events.length > 0) {
    const { reached } = milestonesOf(parcel.events, parcel.shippedAtMs, country);
    for (const milestone of MILESTONES) {
      const from = reached[milestone];
      if (from !== undefined && from <= parcel.deliveredAtMs) model.observeTransit(parcel.lane, milestone, days(from), at);
    }
    // Gaps between consecutive scans, attributed to the milestone the parcel was at.
    const sorted = sortEvents(parcel.events).filter((event) => !Number.isNaN(eventInstant(event)));
    let previousMs: number | null = null;
    const seen: CanonicalEvent[] = [];
    for (const event of sorted) {
      const instant = eventInstant(event);
      if (instant > parcel.deliveredAtMs) break;
      if (previousMs !== null) {
        const milestone = milestonesOf(seen, parcel.shippedAtMs, country).current;
        if (milestone !== "label") {
          model.observeGap(parcel.lane, milestone, calendar.between(calendar.dayOf(previousMs), calendar.dayOf(instant), country, weekdays), at);
        }
      }
      seen.push(event);
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
