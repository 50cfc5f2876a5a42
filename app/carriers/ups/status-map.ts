import type { StatusTable } from "~/carriers/mapping";

/**
 * UPS Track API v1 `activity[].status.type` values (UPS Tracking API reference, "Status Type").
 * The type is UPS's own coarse classification of a scan and is present on every activity, so it is
 * the primary key. Finer activity codes (`status.code`) only override it where the type alone is
 * misleading (see UPS_ACTIVITY_CODE_OVERRIDES).
 */
export const UPS_STATUS_TYPES = {
  M: { status: "info_received", meaning: "Manifest pickup: billing information received, label created" },
  MV: { status: "cancelled", meaning: "Billing information voided" },
  P: { status: "picked_up", meaning: "Pickup" },
  I: { status: "in_transit", meaning: "In transit" },
  O: { status: "out_for_delivery", meaning: "Out for delivery" },
  D: { status: "delivered", meaning: "Delivered" },
  X: { status: "exception", meaning: "Exception" },
  RS: { status: "returning", subStatus: "return_to_sender", meaning: "Returned to shipper" },
  // Freight: container freight station hand-offs are intermediate, not final delivery.
  DO: { status: "in_transit", meaning: "Delivered origin CFS (freight)" },
  DD: { status: "in_transit", meaning: "Delivered destination CFS (freight)" },
  W: { status: "in_transit", subStatus: "held_by_carrier", meaning: "Warehousing" },
  NA: { status: "pending", meaning: "Not available: no scan information yet" },
} as const satisfies StatusTable;

/**
 * Activity codes whose meaning is more specific than their type. UPS reports "Out For Delivery
 * Today" with type "I", which would otherwise read as plain in-transit.
 */
export const UPS_ACTIVITY_CODE_OVERRIDES = {
  OT: { status: "out_for_delivery", meaning: "Out for delivery today" },
  MP: { status: "info_received", meaning: "Order processed: ready for UPS" },
} as const satisfies StatusTable;

/** `deliveryDate[].type`: which date is a promise (ETA) and which is a fact. */
export const UPS_DELIVERY_DATE_TYPES = {
  SDD: "scheduled",
  RDD: "rescheduled",
  DEL: "delivered",
} as const;
