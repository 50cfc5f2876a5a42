import type { SubStatus } from "~/domain/status";
import type { StatusTable } from "~/carriers/mapping";

/**
 * FedEx Track API v1 scan `eventType` codes (FedEx "Track Service: status codes" appendix). The
 * same two-letter vocabulary is used for `derivedStatusCode` and `latestStatusDetail.code`, so
 * one table serves all three.
 */
export const FEDEX_EVENT_TYPES = {
  AA: { status: "in_transit", meaning: "At airport" },
  AC: { status: "in_transit", meaning: "At Canada Post facility" },
  AD: { status: "out_for_delivery", meaning: "At delivery" },
  AF: { status: "in_transit", meaning: "At local FedEx facility" },
  AO: { status: "in_transit", meaning: "At ocean" },
  AP: { status: "info_received", meaning: "At pickup" },
  AR: { status: "in_transit", meaning: "Arrived at FedEx location" },
  AX: { status: "in_transit", meaning: "At USPS facility" },
  CA: { status: "cancelled", meaning: "Shipment cancelled" },
  CC: { status: "in_transit", subStatus: "customs_cleared", meaning: "Cleared customs" },
  CD: { status: "delayed", subStatus: "customs_hold", meaning: "Clearance delay" },
  CH: { status: "in_transit", meaning: "Location changed" },
  CP: { status: "in_transit", meaning: "Clearance in progress" },
  DD: { status: "delayed", meaning: "Delivery delay" },
  DE: { status: "attempt_failed", meaning: "Delivery exception" },
  DL: { status: "delivered", meaning: "Delivered" },
  DP: { status: "in_transit", meaning: "Departed" },
  DR: { status: "info_received", meaning: "Vehicle furnished but not used" },
  DS: { status: "info_received", meaning: "Vehicle dispatched" },
  DY: { status: "delayed", meaning: "Delay" },
  EA: { status: "in_transit", meaning: "Enroute to airport" },
  ED: { status: "out_for_delivery", meaning: "Enroute to delivery" },
  EO: { status: "in_transit", meaning: "Enroute to origin airport" },
  EP: { status: "info_received", meaning: "Enroute to pickup" },
  FD: { status: "in_transit", meaning: "At FedEx destination" },
  HL: { status: "available_for_pickup", subStatus: "pickup_point", meaning: "Hold at location" },
  HP: { status: "available_for_pickup", subStatus: "pickup_point", meaning: "Ready for recipient pickup (held at a FedEx location)" },
  IN: { status: "info_received", meaning: "Initiated: shipment information sent to FedEx" },
  IT: { status: "in_transit", meaning: "In transit" },
  IX: { status: "in_transit", meaning: "In transit (see details)" },
  LO: { status: "in_transit", meaning: "Left origin" },
  LP: { status: "cancelled", meaning: "Return label link cancelled by shipment originator" },
  OC: { status: "info_received", meaning: "Order created / label created" },
  OD: { status: "out_for_delivery", meaning: "Out for delivery" },
  OF: { status: "in_transit", meaning: "At FedEx origin facility" },
  OX: { status: "in_transit", meaning: "Shipment information sent to USPS" },
  PD: { status: "delayed", meaning: "Pickup delay" },
  PF: { status: "in_transit", meaning: "Plane in flight" },
  PL: { status: "in_transit", meaning: "Plane landed" },
  PM: { status: "in_transit", meaning: "In progress" },
  PU: { status: "picked_up", meaning: "Picked up" },
  PX: { status: "picked_up", meaning: "Picked up (see details)" },
  RC: { status: "in_transit", meaning: "Customer delivery option cancelled" },
  RD: { status: "expired", meaning: "Return label link expired" },
  RG: { status: "info_received", meaning: "Return label link expiring soon" },
  RM: { status: "in_transit", subStatus: "rescheduled", meaning: "Customer delivery option modified" },
  RP: { status: "info_received", meaning: "Return label link emailed to return sender" },
  RR: { status: "in_transit", subStatus: "rescheduled", meaning: "Customer delivery option requested" },
  RS: { status: "returning", subStatus: "return_to_sender", meaning: "Return to shipper" },
  SE: { status: "exception", meaning: "Shipment exception" },
  SF: { status: "in_transit", meaning: "At sort facility" },
  SP: { status: "in_transit", meaning: "Split status: pieces have different statuses" },
  TR: { status: "in_transit", meaning: "Transfer" },
} as const satisfies StatusTable;

/** `delayDetail.type` → the sub-status a carrier-declared delay carries. */
export const FEDEX_DELAY_TYPES = {
  WEATHER: "weather",
  CLEARANCE: "customs_hold",
  OPERATIONAL: "other",
  LOCAL: "other",
  GENERAL: "other",
} as const satisfies Record<string, SubStatus>;

/**
 * Per-number `error.code` values meaning "FedEx has nothing for this number yet": a label can be
 * printed days before the first scan, so this stays pending and is asked again later.
 */
export const FEDEX_NOT_FOUND_CODES = ["TRACKING.TRACKINGNUMBER.NOTFOUND"] as const;

/** `error.code` values where FedEx says the number itself is not a valid FedEx tracking number. */
export const FEDEX_INVALID_CODES = ["TRACKING.TRACKINGNUMBER.INVALID"] as const;
