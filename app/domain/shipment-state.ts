import { businessDaysBetween, type BusinessCalendar } from "./business-days";
import { eventInstant, sortEvents } from "./events";
import type { CanonicalEvent, CanonicalStatus, SubStatus } from "./status";
import { isoString } from "./iso-time";
import { parseCarrierTime } from "./zoned-time";

/**
 * A shipment's current state, derived from scratch from its whole event history every time it
 * changes, so flags set earlier clear themselves as soon as they stop being true.
 */

/** Per-carrier rules (stall thresholds, patience before expiry), passed in by the caller. */
export interface CarrierRules {
  /** Business days without a scan before a moving shipment counts as stalled. */
  stalledAfterBusinessDays: { domestic: number; international: number };
  /** Business days a label may sit unscanned (pending / info received) before `notPickedUp`. */
  notPickedUpAfterBusinessDays: number;
  /** Calendar days without any carrier news before tracking stops as expired. */
  expireAfterSilentDays: { beforePickup: number; afterPickup: number };
}

export const DEFAULT_CARRIER_RULES: CarrierRules = {
  stalledAfterBusinessDays: { domestic: 3, international: 7 },
  notPickedUpAfterBusinessDays: 3,
  expireAfterSilentDays: { beforePickup: 30, afterPickup: 60 },
};

/** Minutes between carrier checks, by status; "stalled" applies to stalled shipments. */
export type CadenceMinutes = Partial<Record<CanonicalStatus | "stalled", number>>;

export const DEFAULT_CADENCE_MINUTES: Readonly<Record<Exclude<CanonicalStatus, Terminal | "pending">, number>> & {
  stalled: number;
} = {
  info_received: 240,
  picked_up: 120,
  in_transit: 120,
  out_for_delivery: 30,
  available_for_pickup: 360,
  attempt_failed: 120,
  delayed: 180,
  exception: 180,
  returning: 360,
  unknown: 360,
  stalled: 360,
};

/** A first scan usually comes within hours; the longer a number stays silent, the less often we ask. */
export const DEFAULT_PENDING_BACKOFF: readonly (readonly [ageHoursBelow: number, minutes: number])[] = [
  [1, 15],
  [24, 60],
  [72, 180],
  [168, 360],
  [Number.POSITIVE_INFINITY, 720],
];

export interface ShipmentContext {
  /** Seeds the check-time jitter, so the same shipment always gets the same spread. */
  shipmentId: string;
  /** When we started tracking (fulfillment created / number added): the age of a silent number. */
  trackingStartedAt: string;
  /** The carrier's latest estimate (ISO date or date-time). */
  estimatedDeliveryAt?: string | null;
  /** What the merchant promised the shopper (ISO date or date-time); wins over the estimate. */
  promisedDeliveryAt?: string | null;
  international?: boolean;
  /** Where business days and date-only deadlines are counted; UTC with a Saturday–Sunday weekend by default. */
  calendar?: BusinessCalendar;
  rules?: Partial<CarrierRules>;
  cadence?: CadenceMinutes;
  pendingBackoff?: readonly (readonly [ageHoursBelow: number, minutes: number])[];
  /** Spread of the next check time, ± this fraction of the interval. 0.1 by default. */
  jitter?: number;
}

export interface ShipmentFlags {
  stalled: boolean;
  late: boolean;
  notPickedUp: boolean;
}

export interface StatusRegression {
  from: CanonicalStatus;
  to: CanonicalStatus;
  at: string;
}

export interface ShipmentState {
  status: CanonicalStatus;
  subStatus: SubStatus | null;
  /** The event that set the status (null when no event did: pending, expired). */
  statusEvent: CanonicalEvent | null;
  deliveredAt: string | null;
  pickedUpAt: string | null;
  lastEventAt: string | null;
  flags: ShipmentFlags;
  /** When to ask the carrier again; null means stop. */
  nextCheckAt: string | null;
  /** A real move backwards the carrier reported (delivered → returning), which may be passed on. */
  regression: StatusRegression | null;
  /** Plain-English notes for support: ignored out-of-order scans, regressions, expiry. */
  explanations: string[];
}

type Terminal = "delivered" | "returned" | "cancelled" | "expired" | "invalid";
const TERMINAL: ReadonlySet<CanonicalStatus> = new Set<CanonicalStatus>(["delivered", "returned", "cancelled", "expired", "invalid"]);

/** Statuses that prove the carrier physically has the parcel. */
const PHYSICAL: ReadonlySet<CanonicalStatus> = new Set<CanonicalStatus>([
  "picked_up",
  "in_transit",
  "out_for_delivery",
  "available_for_pickup",
  "attempt_failed",
  "delivered",
]);

/** Statuses in which a shipment should keep producing scans; silence there means stalled. */
const MOVING: ReadonlySet<CanonicalStatus> = new Set<CanonicalStatus>([
  "picked_up",
  "in_transit",
  "out_for_delivery",
  "attempt_failed",
  "delayed",
  "exception",
  "returning",
]);

const BEFORE_PICKUP: ReadonlySet<CanonicalStatus> = new Set<CanonicalStatus>(["pending", "info_received"]);

type Transition =
  | { kind: "accept" }
  | { kind: "regress" }
  | { kind: "becomes"; status: CanonicalStatus; note: string }
  | { kind: "ignore"; note?: string };

/**
 * What an event (already in time order) does to the current status. The rule of thumb: a carrier
 * cannot un-deliver or un-pick-up a parcel, except by sending it back.
 */
function transition(current: CanonicalStatus, next: CanonicalStatus, pickedUp: boolean): Transition {
  if (next === "unknown") return { kind: "ignore" };
  switch (current) {
    case "delivered":
      if (next === "delivered") return { kind: "accept" };
      if (next === "returning" || next === "returned" || next === "exception") return { kind: "regress" };
      return { kind: "ignore", note: `Ignored a "${next}" scan after delivery.` };
    case "returned":
      return next === "returned" ? { kind: "accept" } : { kind: "ignore", note: `Ignored a "${next}" scan after the return completed.` };
    case "returning":
      if (next === "returned") return { kind: "accept" };
      if (next === "delivered") return { kind: "becomes", status: "returned", note: "Delivered back to the sender." };
      // In-transit and delivery scans on the way back are part of the return trip.
      return { kind: "ignore" };
    default:
      if (pickedUp && BEFORE_PICKUP.has(next)) {
        return { kind: "ignore", note: `Ignored a "${next}" scan after the carrier had picked up the parcel.` };
      }
      return { kind: "accept" };
  }
}

const DAY_MS = 86_400_000;

function iso(epochMs: number): string {
  return isoString(epochMs);
}

/** A date-only deadline ("2026-11-20") lasts until the end of that day in the shipment's zone. */
function deadlineMs(value: string | null | undefined, timeZone: string): number | null {
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value.trim())) {
    const startOfDay = parseCarrierTime(`${value.trim()} 00:00:00`, timeZone);
    return startOfDay === null ? null : startOfDay + DAY_MS - 1;
  }
  return parseCarrierTime(value);
}

/** FNV-1a: a stable 32-bit hash, so jitter needs no randomness. */
function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function cadenceMinutes(
  status: CanonicalStatus,
  stalled: boolean,
  nowMs: number,
  startedMs: number,
  context: ShipmentContext,
): number | null {
  if (TERMINAL.has(status)) return null;
  const overrides = context.cadence ?? {};
  if (status === "pending" && overrides.pending === undefined) {
    const ageHours = Math.max(0, nowMs - startedMs) / 3_600_000;
    const steps = context.pendingBackoff ?? DEFAULT_PENDING_BACKOFF;
    return steps.find(([below]) => ageHours < below)?.[1] ?? 720;
  }
  const base = overrides[status] ?? DEFAULT_CADENCE_MINUTES[status as keyof typeof DEFAULT_CADENCE_MINUTES] ?? 360;
  return stalled ? Math.max(base, overrides.stalled ?? DEFAULT_CADENCE_MINUTES.stalled) : base;
}

/**
 * Current status, sub-status, milestones, flags and next check time from a shipment's events.
 * `now` is passed in; nothing here reads the clock.
 */
export function deriveShipmentState(
  events: readonly CanonicalEvent[],
  now: Date,
  context: ShipmentContext,
): ShipmentState {
  const nowMs = now.getTime();
  const rules: CarrierRules = { ...DEFAULT_CARRIER_RULES, ...context.rules };
  const calendar: BusinessCalendar = context.calendar ?? { timeZone: "UTC" };
  const startedMs = parseCarrierTime(context.trackingStartedAt) ?? nowMs;
  const ordered = sortEvents(events);

  let status: CanonicalStatus = "pending";
  let subStatus: SubStatus | null = null;
  let statusEvent: CanonicalEvent | null = null;
  let regression: StatusRegression | null = null;
  let pickedUpMs: number | null = null;
  let lastEventMs: number | null = null;
  const explanations: string[] = [];

  for (const event of ordered) {
    const instant = eventInstant(event);
    const step = transition(status, event.status, pickedUpMs !== null);
    if (!Number.isNaN(instant)) lastEventMs = lastEventMs === null ? instant : Math.max(lastEventMs, instant);
    if (pickedUpMs === null && PHYSICAL.has(event.status) && !Number.isNaN(instant)) pickedUpMs = instant;
    const at = Number.isNaN(instant) ? event.occurredAt : iso(instant);
    switch (step.kind) {
      case "ignore":
        if (step.note) explanations.push(`${step.note} (${at}: "${event.description}")`);
        break;
      case "becomes":
        status = step.status;
        subStatus = event.subStatus ?? "return_to_sender";
        statusEvent = event;
        explanations.push(`${step.note} (${at})`);
        break;
      case "regress":
        regression = { from: status, to: event.status, at };
        explanations.push(`The carrier reported ${event.status} on ${at} after ${status}: "${event.description}".`);
        status = event.status;
        subStatus = event.subStatus ?? null;
        statusEvent = event;
        break;
      case "accept":
        // Repeated scans of the same status keep the first one's time (delivered at = first delivery scan).
        if (event.status !== status || statusEvent === null) statusEvent = event;
        if (event.status !== status || event.subStatus) subStatus = event.subStatus ?? null;
        status = event.status;
        break;
    }
  }

  // Silence long enough ends tracking, whatever the last status.
  const silentSinceMs = lastEventMs ?? startedMs;
  if (!TERMINAL.has(status)) {
    const limitDays = pickedUpMs === null ? rules.expireAfterSilentDays.beforePickup : rules.expireAfterSilentDays.afterPickup;
    const silentDays = Math.floor((nowMs - silentSinceMs) / DAY_MS);
    if (silentDays >= limitDays) {
      explanations.push(`No carrier information for ${silentDays} days (since ${iso(silentSinceMs)}); tracking stopped.`);
      status = "expired";
      subStatus = null;
      statusEvent = null;
    }
  }

  const deliveredAt = status === "delivered" && statusEvent ? iso(eventInstant(statusEvent)) : null;
  const international = context.international ?? false;
  const stallLimit = international ? rules.stalledAfterBusinessDays.international : rules.stalledAfterBusinessDays.domestic;
  const stalled = MOVING.has(status) && lastEventMs !== null && businessDaysBetween(lastEventMs, nowMs, calendar) >= stallLimit;
  const notPickedUp =
    BEFORE_PICKUP.has(status) && businessDaysBetween(startedMs, nowMs, calendar) >= rules.notPickedUpAfterBusinessDays;

  const deadline =
    deadlineMs(context.promisedDeliveryAt, calendar.timeZone) ?? deadlineMs(context.estimatedDeliveryAt, calendar.timeZone);
  let late = false;
  if (deadline !== null) {
    if (status === "delivered") late = deliveredAt !== null && Date.parse(deliveredAt) > deadline;
    else if (status !== "returned" && status !== "cancelled" && status !== "invalid") late = nowMs > deadline;
  }

  const minutes = cadenceMinutes(status, stalled, nowMs, startedMs, context);
  let nextCheckAt: string | null = null;
  if (minutes !== null) {
    const spread = context.jitter ?? 0.1;
    const unit = hash32(`${context.shipmentId}|${status}|${lastEventMs ?? ""}`) / 0xffffffff;
    nextCheckAt = iso(nowMs + Math.round(minutes * 60_000 * (1 + (unit * 2 - 1) * spread)));
  }

  return {
    status,
    subStatus,
    statusEvent,
    deliveredAt,
    pickedUpAt: pickedUpMs === null ? null : iso(pickedUpMs),
    lastEventAt: lastEventMs === null ? null : iso(lastEventMs),
    flags: { stalled, late, notPickedUp },
    nextCheckAt,
    regression,
    explanations,
  };
}
