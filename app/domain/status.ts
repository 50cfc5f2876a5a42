/**
 * Canonical shipment status model shared by every carrier, the sync engine and all surfaces.
 * Carrier codes are mapped onto these values as data (see app/carriers/<code>/status-map.ts);
 * anything we cannot map is `unknown`, never a guess.
 */
export const CANONICAL_STATUSES = [
  "pending", // tracking added, carrier silent
  "info_received", // label created, carrier has electronic data only
  "picked_up",
  "in_transit",
  "out_for_delivery",
  "available_for_pickup",
  "attempt_failed",
  "delayed", // carrier-declared delay
  "exception",
  "returning",
  "returned",
  "delivered",
  "cancelled",
  "expired", // no information for N days
  "invalid", // tracking number fails validation
  "unknown", // carrier code we cannot map
] as const;

export type CanonicalStatus = (typeof CANONICAL_STATUSES)[number];

/** Detail carried beside the status: why an exception happened, how a delivery was made. */
export const SUB_STATUSES = [
  "customs_hold",
  "customs_cleared",
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
  "signed",
  "left_at_door",
  "left_with_neighbour",
  "locker",
  "pickup_point",
  "return_to_sender",
  "rescheduled",
  "other",
] as const;

export type SubStatus = (typeof SUB_STATUSES)[number];

export interface EventLocation {
  city?: string;
  province?: string;
  postalCode?: string;
  /** ISO 3166-1 alpha-2 country code, upper case. */
  country?: string;
}

/**
 * One carrier scan translated into our model. The raw code, text and payload are always kept so
 * support can see exactly what the carrier said and mappings can be re-run later.
 */
export interface CanonicalEvent {
  /** The instant of the scan as an ISO-8601 UTC string (offset applied). */
  occurredAt: string;
  /** The carrier's wall-clock time as sent (e.g. "2026-11-20T14:05:00-05:00"), when it had one. */
  localTime?: string;
  status: CanonicalStatus;
  subStatus?: SubStatus;
  /** The carrier's own event/status code (e.g. UPS "D", USPS "01"); "" when the carrier has none. */
  carrierCode: string;
  /** The carrier's human description, verbatim. */
  description: string;
  location?: EventLocation;
  /** The carrier's raw event object, kept for replay and support. */
  raw?: unknown;
}

export function isCanonicalStatus(value: string): value is CanonicalStatus {
  return (CANONICAL_STATUSES as readonly string[]).includes(value);
}

export function isSubStatus(value: string): value is SubStatus {
  return (SUB_STATUSES as readonly string[]).includes(value);
}
