import type { CanonicalStatus, SubStatus } from "./status";

/**
 * Shipment moments: the points in a parcel's life worth telling someone about (the shopper by
 * email or SMS, the merchant's Flow automations, Klaviyo). Decided here, purely, from the
 * parcel's state before and after a change; the data layer records each once per parcel in the
 * outbound outbox and the dispatchers fan them out.
 */
export const SHIPMENT_MOMENTS = [
  "shipped",
  "in_transit",
  "arrived_in_country",
  "customs_hold",
  "customs_cleared",
  "out_for_delivery",
  "available_for_pickup",
  "attempt_failed",
  "delayed",
  "exception",
  "stalled",
  "estimate_changed",
  "delivered",
  "returning",
  "returned",
  /** Order level: every tracked parcel of the order is delivered. */
  "all_delivered",
] as const;

export type ShipmentMoment = (typeof SHIPMENT_MOMENTS)[number];

export function isShipmentMoment(value: string): value is ShipmentMoment {
  return (SHIPMENT_MOMENTS as readonly string[]).includes(value);
}

/** What the moment rules read of a parcel (one side of a change). */
export interface MomentState {
  status: CanonicalStatus;
  subStatus: SubStatus | null;
  stalled: boolean;
  late: boolean;
  /** The delivery estimate the shopper is shown (ISO; carrier window end, else start, else prediction). */
  estimate: string | null;
  /** When the current status was reached (the carrier event's instant, ISO). */
  statusAt: string | null;
  /** Country (ISO alpha-2) of the newest scan that names one. */
  lastScanCountry: string | null;
  originCountry: string | null;
  destinationCountry: string | null;
  /** The carrier's words for the newest event (the reason of a problem). */
  description: string | null;
}

export interface MomentRules {
  /** An estimate moving by less than this is not worth a message (default 24 h). */
  estimateChangeMinMs: number;
  /** Status moments whose event is older than this are stale (backfill, late pushes): never sent. */
  maxEventAgeMs: number;
}

export const DEFAULT_MOMENT_RULES: MomentRules = {
  estimateChangeMinMs: 24 * 3_600_000,
  maxEventAgeMs: 72 * 3_600_000,
};

export interface DecidedMoment {
  moment: ShipmentMoment;
  /** When it happened: the carrier event's time for status moments, `now` for derived ones. */
  occurredAt: string;
  /** The carrier's reason (problems), the sub-status code, or null. */
  reason: string | null;
}

export interface MomentInput {
  /** The parcel before the change; null when this is the first time we see it. */
  previous: MomentState | null;
  next: MomentState;
  /** Moments already recorded for this parcel (never sent twice). */
  recorded: ReadonlySet<ShipmentMoment>;
  rules?: Partial<MomentRules>;
  now: Date;
}

/** Statuses that say the parcel is with the carrier and moving towards the shopper. */
const BEFORE_CARRIER: ReadonlySet<CanonicalStatus> = new Set(["pending", "info_received"]);
/** Past these, "shipped", "in transit", "arrived in your country" and customs news are old news. */
const LAST_MILE: ReadonlySet<CanonicalStatus> = new Set([
  "out_for_delivery",
  "available_for_pickup",
  "attempt_failed",
  "delivered",
  "returning",
  "returned",
]);
const FINAL: ReadonlySet<CanonicalStatus> = new Set(["delivered", "returned", "cancelled", "expired", "invalid"]);
/** The only moments left once a parcel is delivered. */
const AFTER_DELIVERY: ReadonlySet<ShipmentMoment> = new Set(["delivered", "returned"]);

const STATUS_MOMENT: Partial<Record<CanonicalStatus, ShipmentMoment>> = {
  picked_up: "shipped",
  out_for_delivery: "out_for_delivery",
  available_for_pickup: "available_for_pickup",
  attempt_failed: "attempt_failed",
  delayed: "delayed",
  exception: "exception",
  returning: "returning",
  returned: "returned",
  delivered: "delivered",
};

function statusMoment(previous: MomentState | null, next: MomentState): ShipmentMoment | null {
  // A delivered or returned parcel is past customs, whatever sub-status the carrier left on it.
  if (next.subStatus === "customs_hold" && next.status !== "delivered" && next.status !== "returned") return "customs_hold";
  if (next.status === "in_transit") {
    // The first carrier scan is "shipped"; later in-transit news is "in transit".
    return previous === null || BEFORE_CARRIER.has(previous.status) ? "shipped" : "in_transit";
  }
  return STATUS_MOMENT[next.status] ?? null;
}

const ms = (iso: string | null): number | null => {
  if (!iso) return null;
  const value = Date.parse(iso);
  return Number.isNaN(value) ? null : value;
};

/**
 * The moments a change of a parcel yields. Rules:
 * - only the parcel's current situation speaks: a parcel first seen delivered yields "delivered"
 *   and nothing older; a status reached by an event older than `maxEventAgeMs` yields nothing;
 * - a moment already recorded for the parcel is never decided again;
 * - once delivered, only "delivered" and "returned" remain possible;
 * - derived moments (stalled, delayed by running late, estimate changed, arrived in the
 *   destination country, customs cleared) need a previous state to compare with.
 */
export function decideShipmentMoments(input: MomentInput): DecidedMoment[] {
  const rules: MomentRules = { ...DEFAULT_MOMENT_RULES, ...input.rules };
  const { previous, next, now } = input;
  const nowIso = now.toISOString();
  const decided: DecidedMoment[] = [];
  const add = (moment: ShipmentMoment, occurredAt: string, reason: string | null) => {
    if (!decided.some((entry) => entry.moment === moment)) decided.push({ moment, occurredAt, reason });
  };

  const statusChanged = previous === null || previous.status !== next.status || previous.subStatus !== next.subStatus;
  if (statusChanged) {
    const moment = statusMoment(previous, next);
    const at = ms(next.statusAt);
    const fresh = at === null || now.getTime() - at <= rules.maxEventAgeMs;
    const wasCustoms = previous?.subStatus === "customs_hold" && moment !== "customs_hold";
    if (moment && fresh && (previous === null || previous.status !== next.status || moment === "customs_hold")) {
      const reason = moment === "exception" || moment === "attempt_failed" || moment === "delayed" || moment === "customs_hold"
        ? (next.description ?? next.subStatus)
        : null;
      add(moment, next.statusAt ?? nowIso, reason);
    }
    if (fresh && previous !== null && !LAST_MILE.has(next.status) && (next.subStatus === "customs_cleared" || wasCustoms)) {
      add("customs_cleared", next.statusAt ?? nowIso, null);
    }
  }

  if (previous !== null && !BEFORE_CARRIER.has(previous.status)) {
    const international =
      next.originCountry !== null && next.destinationCountry !== null && next.originCountry !== next.destinationCountry;
    if (
      international &&
      !LAST_MILE.has(next.status) &&
      next.lastScanCountry === next.destinationCountry &&
      previous.lastScanCountry !== next.destinationCountry
    ) {
      add("arrived_in_country", next.statusAt ?? nowIso, null);
    }
  }

  if (previous !== null && !FINAL.has(next.status)) {
    if (next.stalled && !previous.stalled) add("stalled", nowIso, null);
    if (next.late && !previous.late) add("delayed", nowIso, next.status === "delayed" ? next.description : null);
    const before = ms(previous.estimate);
    const after = ms(next.estimate);
    if (before !== null && after !== null && Math.abs(after - before) >= rules.estimateChangeMinMs && next.status !== "returning") {
      add("estimate_changed", nowIso, null);
    }
  }

  const delivered = input.recorded.has("delivered") || previous?.status === "delivered";
  return decided.filter((entry) => !input.recorded.has(entry.moment) && (!delivered || AFTER_DELIVERY.has(entry.moment)));
}

/** Order level: "all parcels delivered" once every parcel still tracked has arrived. */
export function decideOrderMoments(
  parcels: readonly { status: CanonicalStatus; stopped: boolean }[],
  recorded: ReadonlySet<ShipmentMoment>,
  now: Date,
): DecidedMoment[] {
  if (recorded.has("all_delivered")) return [];
  const tracked = parcels.filter((parcel) => !parcel.stopped || parcel.status === "delivered");
  if (tracked.length === 0 || !tracked.every((parcel) => parcel.status === "delivered")) return [];
  return [{ moment: "all_delivered", occurredAt: now.toISOString(), reason: null }];
}

/** Moments that go out at once, even in the shopper's quiet hours: someone may need to act now. */
const URGENT: ReadonlySet<ShipmentMoment> = new Set([
  "out_for_delivery",
  "available_for_pickup",
  "attempt_failed",
  "exception",
  "customs_hold",
  "delivered",
  "all_delivered",
]);

export function isUrgentMoment(moment: ShipmentMoment): boolean {
  return URGENT.has(moment);
}

/** Which of several coalesced moments heads the message (the most consequential for the shopper). */
const HEADLINE_ORDER: readonly ShipmentMoment[] = [
  "all_delivered",
  "delivered",
  "returned",
  "exception",
  "attempt_failed",
  "customs_hold",
  "available_for_pickup",
  "out_for_delivery",
  "returning",
  "delayed",
  "stalled",
  "estimate_changed",
  "customs_cleared",
  "arrived_in_country",
  "in_transit",
  "shipped",
];

export function headlineMoment(moments: readonly ShipmentMoment[]): ShipmentMoment {
  const found = HEADLINE_ORDER.find((moment) => moments.includes(moment));
  if (!found) throw new Error("headlineMoment needs at least one moment");
  return found;
}

/**
 * Coalescing: moments of one order that come within `windowMs` of each other go out as one
 * message. Given the pending messages of an order (oldest first) and a new moment, the new one
 * joins the open group when the group is still waiting; the group's send time is its first
 * moment's time + window.
 */
export function coalescedDueAt(openGroupDueAt: Date | null, now: Date, windowMs: number): Date {
  if (openGroupDueAt && openGroupDueAt.getTime() > now.getTime()) return openGroupDueAt;
  return new Date(now.getTime() + windowMs);
}

export interface QuietHours {
  /** Local hour (0–23) quiet time starts, inclusive. */
  startHour: number;
  /** Local hour (0–23) it ends, exclusive. */
  endHour: number;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { startHour: 21, endHour: 8 };

/** Local hour and minute of an instant in an IANA zone. */
function localClock(epochMs: number, timeZone: string): { hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(
    new Date(epochMs),
  );
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return { hour: value("hour") % 24, minute: value("minute") };
}

function inQuiet(hour: number, quiet: QuietHours): boolean {
  if (quiet.startHour === quiet.endHour) return false;
  return quiet.startHour < quiet.endHour
    ? hour >= quiet.startHour && hour < quiet.endHour
    : hour >= quiet.startHour || hour < quiet.endHour;
}

/**
 * When a message may go out: now for urgent moments and outside quiet hours, else the end of
 * the quiet hours in the shopper's zone (found by stepping minutes, exact across DST changes).
 */
export function sendTimeAfterQuietHours(now: Date, timeZone: string, urgent: boolean, quiet: QuietHours = DEFAULT_QUIET_HOURS): Date {
  if (urgent) return now;
  let at = now.getTime();
  const { hour } = localClock(at, timeZone);
  if (!inQuiet(hour, quiet)) return now;
  // Step to the next whole local hour, then hour by hour, until quiet time is over (≤ 24 steps).
  const { minute } = localClock(at, timeZone);
  at += (60 - minute) * 60_000 - (at % 60_000);
  for (let step = 0; step < 26 && inQuiet(localClock(at, timeZone).hour, quiet); step++) at += 3_600_000;
  return new Date(at);
}

/**
 * A representative time zone per destination country, for quiet hours when we know only the
 * country (most countries have one zone; for wide ones the most populous zone is taken).
 */
const COUNTRY_ZONES: Readonly<Record<string, string>> = {
  US: "America/Chicago",
  CA: "America/Toronto",
  MX: "America/Mexico_City",
  BR: "America/Sao_Paulo",
  AR: "America/Argentina/Buenos_Aires",
  GB: "Europe/London",
  IE: "Europe/Dublin",
  FR: "Europe/Paris",
  DE: "Europe/Berlin",
  IT: "Europe/Rome",
  ES: "Europe/Madrid",
  PT: "Europe/Lisbon",
  NL: "Europe/Amsterdam",
  BE: "Europe/Brussels",
  CH: "Europe/Zurich",
  AT: "Europe/Vienna",
  SE: "Europe/Stockholm",
  NO: "Europe/Oslo",
  DK: "Europe/Copenhagen",
  FI: "Europe/Helsinki",
  PL: "Europe/Warsaw",
  CN: "Asia/Shanghai",
  HK: "Asia/Hong_Kong",
  TW: "Asia/Taipei",
  JP: "Asia/Tokyo",
  KR: "Asia/Seoul",
  SG: "Asia/Singapore",
  IN: "Asia/Kolkata",
  AU: "Australia/Sydney",
  NZ: "Pacific/Auckland",
};

export function destinationTimeZone(country: string | null, fallback: string): string {
  return (country && COUNTRY_ZONES[country.toUpperCase()]) || fallback;
}
