import { regionName, zonedDateTimeFormat } from "./intl-cache";
import { eventInstant, sortEvents } from "./events";
import { message, resolveLocale, type MessageKey, type SupportedLocale } from "./locales/index";
import type { ShipmentState } from "./shipment-state";
import type { CanonicalEvent, CanonicalStatus, EventLocation, SubStatus } from "./status";

/**
 * The milestone view shoppers see on the tracking page: ordered → confirmed → shipped → in transit
 * → (customs) → out for delivery → delivered, or the failure path when delivery went wrong.
 */

export type MilestoneKey =
  | "ordered"
  | "confirmed"
  | "shipped"
  | "in_transit"
  | "customs"
  | "out_for_delivery"
  | "delivered"
  | "available_for_pickup"
  | "attempt_failed"
  | "delayed"
  | "exception"
  | "returning"
  | "returned"
  | "cancelled"
  | "expired";

export interface Milestone {
  key: MilestoneKey;
  labelKey: MessageKey;
  label: string;
  /** done: reached and passed; current: where the parcel is now; upcoming: still ahead. */
  state: "done" | "current" | "upcoming";
  /** UTC instant the milestone was reached. */
  at: string | null;
  /** `at` for people, in the shopper's language and time zone. */
  time: string | null;
  /** A second line, e.g. "Held at customs". */
  detailKey?: MessageKey;
  detail?: string;
}

export interface Timeline {
  locale: SupportedLocale;
  status: CanonicalStatus;
  statusLabel: string;
  milestones: Milestone[];
  latestLocation: { location: EventLocation; label: string; at: string; time: string } | null;
  /** Plain-words explanation when something is off (customs, failed attempt, exception, return). */
  explanation: { key: MessageKey; text: string } | null;
  /**
   * What the shopper can expect, never a date in the past: the window (or single date) ahead;
   * past the window shown earlier, "Running late — new estimate …" with the new window, or, when
   * nothing ahead is known, that there is no new date yet (`at`/`start`/`end` null).
   */
  estimatedDelivery: {
    at: string | null;
    start: string | null;
    end: string | null;
    late: boolean;
    label: string;
  } | null;
}

/** What the timeline needs to know about a shipment besides its events. */
export interface TimelineShipment {
  state: Pick<ShipmentState, "status" | "subStatus" | "deliveredAt" | "pickedUpAt">;
  orderedAt?: string | null;
  /** When the merchant fulfilled the order (the "confirmed" milestone). */
  fulfilledAt?: string | null;
  estimatedDeliveryAt?: string | null;
  /** The estimate window to show (Trackline's or the carrier's, whichever the shop shows); wins over `estimatedDeliveryAt`. */
  estimateWindow?: { start: string; end: string } | null;
  /** Past the end of the window the shopper was shown earlier. */
  late?: boolean;
  /** Crossing a border: the customs milestone is shown (only then), even before any customs scan. */
  international?: boolean;
  /** Where the parcel is going: a scan there after a customs scan is evidence of clearance. */
  destinationCountry?: string | null;
}

export interface TimelineOptions {
  /** The shopper's (or the shipment's destination) IANA time zone for human times. */
  timeZone: string;
  /** Now (epoch ms): an estimate that ended before today is never shown as an expectation. */
  nowMs?: number;
}

const FAILURE_STEPS: Partial<Record<CanonicalStatus, MilestoneKey>> = {
  available_for_pickup: "available_for_pickup",
  attempt_failed: "attempt_failed",
  delayed: "delayed",
  exception: "exception",
  returning: "returning",
  returned: "returned",
  cancelled: "cancelled",
  expired: "expired",
};

/** Statuses after which the happy path does not continue. */
const DEAD_ENDS: ReadonlySet<CanonicalStatus> = new Set<CanonicalStatus>(["returning", "returned", "cancelled", "expired"]);

const EXPLAINED_SUB_STATUSES: ReadonlySet<SubStatus> = new Set<SubStatus>([
  "customs_hold",
  "weather",
  "address_problem",
  "recipient_unavailable",
  "refused",
  "damaged",
  "lost",
  "business_closed",
  "payment_required",
  "held_by_carrier",
  "missed_connection",
  "rescheduled",
  "return_to_sender",
]);

const EXPLAINED_STATUSES: ReadonlySet<CanonicalStatus> = new Set<CanonicalStatus>([
  "exception",
  "attempt_failed",
  "delayed",
  "available_for_pickup",
  "returning",
  "returned",
  "expired",
]);

function formatTime(epochMs: number, locale: SupportedLocale, timeZone: string): string {
  return zonedDateTimeFormat("moment", locale, timeZone).format(epochMs);
}

function formatDate(epochMs: number, locale: SupportedLocale, timeZone: string): string {
  return zonedDateTimeFormat("fullDate", locale, timeZone).format(epochMs);
}

function localDay(epochMs: number, timeZone: string): string {
  return zonedDateTimeFormat("isoDay", "en-CA", timeZone).format(epochMs);
}

function estimateLine(shipment: TimelineShipment, locale: SupportedLocale, options: TimelineOptions): Timeline["estimatedDelivery"] {
  const single = instantOf(shipment.estimatedDeliveryAt);
  const windowStart = instantOf(shipment.estimateWindow?.start) ?? single;
  const windowEnd = instantOf(shipment.estimateWindow?.end) ?? windowStart;
  const late = shipment.late === true;
  if (windowStart === null || windowEnd === null) {
    return late ? { at: null, start: null, end: null, late, label: message(locale, "delivery.late_no_date") } : null;
  }
  // Local calendar days, each worked out once: every one is an ICU formatting call.
  const timeZone = options.timeZone;
  const today = options.nowMs === undefined ? null : localDay(options.nowMs, timeZone);
  const endDay = localDay(windowEnd, timeZone);
  if (today !== null && endDay < today) return { at: null, start: null, end: null, late: true, label: message(locale, "delivery.late_no_date") };
  // A window that began before today is shown from today: what is past is no longer expected.
  const windowStartDay = localDay(windowStart, timeZone);
  const fromToday = options.nowMs !== undefined && today !== null && windowStartDay < today;
  const startMs = fromToday ? (options.nowMs ?? windowStart) : windowStart;
  const startDay = fromToday ? today : windowStartDay;
  // "Thu, Dec 10 – Mon, Dec 14", or one full date when the window is a single day.
  const date = startDay === endDay ? formatDate(startMs, locale, timeZone) : zonedDateTimeFormat("shortDay", locale, timeZone).formatRange(startMs, windowEnd);
  return {
    at: new Date(startMs).toISOString(),
    start: new Date(startMs).toISOString(),
    end: new Date(windowEnd).toISOString(),
    late,
    label: message(locale, late ? "delivery.late_new_estimate" : "delivery.expected", { date }),
  };
}

function locationLabel(location: EventLocation, locale: SupportedLocale): string {
  // Not a region code Intl knows: shown as the carrier sent it.
  const country = location.country ? (regionName(locale, location.country) ?? location.country) : location.country;
  return [location.city, location.province, country].filter((part) => part && part.trim()).join(", ");
}

function instantOf(text: string | null | undefined): number | null {
  if (!text) return null;
  const epochMs = Date.parse(text);
  return Number.isNaN(epochMs) ? null : epochMs;
}

/**
 * Builds the shopper timeline from the derived state and the event history, in the shopper's
 * language (`locale` is resolved with fallbacks: "pt" → pt-BR, "zh" → zh-CN, unknown → en).
 */
export function buildTimeline(
  shipment: TimelineShipment,
  events: readonly CanonicalEvent[],
  requestedLocale: string,
  options: TimelineOptions,
): Timeline {
  const locale = resolveLocale(requestedLocale);
  const { status, subStatus } = shipment.state;
  const ordered = sortEvents(events).filter((event) => !Number.isNaN(eventInstant(event)));
  const firstAt = (predicate: (event: CanonicalEvent) => boolean): number | null => {
    const event = ordered.find(predicate);
    return event ? eventInstant(event) : null;
  };
  const lastAt = (predicate: (event: CanonicalEvent) => boolean): number | null => {
    const event = ordered.findLast(predicate);
    return event ? eventInstant(event) : null;
  };

  const delivered = status === "delivered";
  const deliveredAt = instantOf(shipment.state.deliveredAt);
  const pickedUpAt = instantOf(shipment.state.pickedUpAt);
  const inTransitAt = firstAt((event) => event.status === "in_transit");
  const outForDeliveryAt = lastAt((event) => event.status === "out_for_delivery");
  const customsHeldAt = firstAt((event) => event.subStatus === "customs_hold");
  const customsClearedAt = lastAt((event) => event.subStatus === "customs_cleared");
  // Customs only for parcels crossing a border (a customs scan shows it when that is not known).
  const showCustoms =
    shipment.international === true || (shipment.international === undefined && (customsHeldAt !== null || customsClearedAt !== null));
  const destination = shipment.destinationCountry?.toUpperCase() ?? null;
  const lastHeldAt = lastAt((event) => event.subStatus === "customs_hold");
  const arrivedAfterCustomsAt =
    lastHeldAt === null || destination === null
      ? null
      : firstAt((event) => eventInstant(event) > lastHeldAt && event.location?.country?.toUpperCase() === destination && event.subStatus !== "customs_hold");
  const customsStillHeld = subStatus === "customs_hold" && arrivedAfterCustomsAt === null;
  const confirmedAt = instantOf(shipment.fulfilledAt) ?? firstAt(() => true);

  // Each happy-path step: when it was reached (null: not yet). Later steps imply earlier ones.
  const steps: { key: MilestoneKey; at: number | null; reached: boolean; detailKey?: MessageKey }[] = [
    { key: "ordered", at: instantOf(shipment.orderedAt), reached: true },
    { key: "confirmed", at: confirmedAt, reached: confirmedAt !== null || ordered.length > 0 },
    { key: "shipped", at: pickedUpAt, reached: pickedUpAt !== null },
    { key: "in_transit", at: inTransitAt, reached: inTransitAt !== null || outForDeliveryAt !== null || delivered },
  ];
  if (showCustoms) {
    // Cleared only on evidence: a clearance scan, a scan in the destination country after a customs
    // scan, or the parcel out for delivery / delivered there.
    const cleared = customsClearedAt !== null || (!customsStillHeld && (arrivedAfterCustomsAt !== null || outForDeliveryAt !== null || delivered));
    const customsStep: (typeof steps)[number] = {
      key: "customs",
      at: customsClearedAt ?? arrivedAfterCustomsAt ?? customsHeldAt,
      reached: cleared || customsStillHeld,
    };
    if (customsStillHeld) customsStep.detailKey = "customs.held";
    else if (cleared) customsStep.detailKey = "customs.cleared";
    steps.push(customsStep);
  }
  steps.push(
    { key: "out_for_delivery", at: outForDeliveryAt, reached: outForDeliveryAt !== null || delivered },
    { key: "delivered", at: delivered ? deliveredAt : null, reached: delivered },
  );

  // A later step reached means every earlier one was, even without its own scan.
  let furthest = -1;
  steps.forEach((step, index) => {
    if (step.reached) furthest = index;
  });

  const failureKey = FAILURE_STEPS[status];
  const milestones: Milestone[] = [];
  const push = (key: MilestoneKey, state: Milestone["state"], atMs: number | null, detailKey?: MessageKey) => {
    const labelKey = `milestone.${key}` as MessageKey;
    const milestone: Milestone = {
      key,
      labelKey,
      label: message(locale, labelKey),
      state,
      at: atMs === null ? null : new Date(atMs).toISOString(),
      time: atMs === null ? null : formatTime(atMs, locale, options.timeZone),
    };
    if (detailKey) {
      milestone.detailKey = detailKey;
      milestone.detail = message(locale, detailKey);
    }
    milestones.push(milestone);
  };

  steps.forEach((step, index) => {
    const reached = index <= furthest;
    if (!reached && failureKey && DEAD_ENDS.has(status)) return; // The happy path stops here.
    const isCurrent = index === furthest && !failureKey;
    push(step.key, reached ? (isCurrent ? "current" : "done") : "upcoming", reached ? step.at : null, step.detailKey);
    if (index === furthest && failureKey) {
      const failureAt = lastAt((event) => event.status === status);
      push(failureKey, "current", failureAt);
      if (status === "returning") push("returned", "upcoming", null);
    }
  });

  const located = ordered.findLast((event) => event.location && locationLabel(event.location, locale) !== "");
  let latestLocation: Timeline["latestLocation"] = null;
  if (located?.location) {
    const atMs = eventInstant(located);
    latestLocation = {
      location: located.location,
      label: message(locale, "location.latest", { location: locationLabel(located.location, locale) }),
      at: new Date(atMs).toISOString(),
      time: formatTime(atMs, locale, options.timeZone),
    };
  }

  let explanation: Timeline["explanation"] = null;
  const explanationKey =
    subStatus && EXPLAINED_SUB_STATUSES.has(subStatus)
      ? (`explanation.${subStatus}` as MessageKey)
      : EXPLAINED_STATUSES.has(status)
        ? (`explanation.${status}` as MessageKey)
        : null;
  if (explanationKey) explanation = { key: explanationKey, text: message(locale, explanationKey) };

  const estimatedDelivery = !delivered && !DEAD_ENDS.has(status) ? estimateLine(shipment, locale, options) : null;

  return {
    locale,
    status,
    statusLabel: message(locale, `status.${status}` as MessageKey),
    milestones,
    latestLocation,
    explanation,
    estimatedDelivery,
  };
}
