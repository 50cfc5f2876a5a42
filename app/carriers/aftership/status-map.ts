import type { StatusTable } from "~/carriers/mapping";

/**
 * AfterShip delivery statuses (`tag`, on the tracking and on each checkpoint), from AfterShip's
 * "Delivery Statuses" list. AfterShip normalises every carrier it tracks onto these.
 */
export const AFTERSHIP_TAGS = {
  Pending: { status: "pending", meaning: "New tracking, no information from the carrier yet" },
  InfoReceived: { status: "info_received", meaning: "Carrier has received the request from the shipper and is about to pick up" },
  InTransit: { status: "in_transit", meaning: "Carrier has accepted or picked up the shipment; it is on the way" },
  OutForDelivery: { status: "out_for_delivery", meaning: "Carrier is about to deliver the shipment" },
  AttemptFail: { status: "attempt_failed", meaning: "Carrier attempted to deliver but failed" },
  Delivered: { status: "delivered", meaning: "The shipment was delivered" },
  AvailableForPickup: { status: "available_for_pickup", subStatus: "pickup_point", meaning: "Arrived at a pickup point, available for pickup" },
  Exception: { status: "exception", meaning: "Customs hold, undelivered, returned or another shipping exception" },
  Expired: { status: "expired", meaning: "No tracking information for 30 days since added" },
} as const satisfies StatusTable;

/**
 * AfterShip delivery sub-statuses (`subtag`), from AfterShip's "Delivery Sub-statuses" list.
 * Preferred over the tag; a sub-status not listed here falls back to its tag and, when the tag
 * is unknown too, is reported as an unmapped code.
 */
export const AFTERSHIP_SUBTAGS = {
  Pending_001: { status: "pending", meaning: "No information yet" },
  Pending_002: { status: "pending", meaning: "Courier not recognised yet, still looking" },
  Pending_003: { status: "pending", meaning: "Carrier unsupported or account needed" },
  Pending_004: { status: "pending", meaning: "No recent update" },
  Pending_005: { status: "pending", meaning: "Wrong courier assigned" },
  Pending_006: { status: "pending", meaning: "Carrier details are incorrect" },
  InfoReceived_001: { status: "info_received", meaning: "Shipment information received" },
  InTransit_001: { status: "in_transit", meaning: "In transit" },
  InTransit_002: { status: "picked_up", meaning: "Acceptance scan" },
  InTransit_003: { status: "in_transit", meaning: "Arrival scan" },
  InTransit_004: { status: "in_transit", meaning: "Arrived at the destination country/region" },
  InTransit_005: { status: "in_transit", subStatus: "customs_cleared", meaning: "Customs clearance completed" },
  InTransit_006: { status: "in_transit", meaning: "Customs clearance started" },
  InTransit_007: { status: "in_transit", meaning: "Departure scan" },
  InTransit_008: { status: "in_transit", meaning: "Problem resolved" },
  InTransit_009: { status: "in_transit", meaning: "Forwarded to a different delivery address" },
  OutForDelivery_001: { status: "out_for_delivery", meaning: "Out for delivery" },
  OutForDelivery_003: { status: "out_for_delivery", meaning: "Customer contacted" },
  OutForDelivery_004: { status: "out_for_delivery", meaning: "Delivery appointment scheduled" },
  AttemptFail_001: { status: "attempt_failed", subStatus: "recipient_unavailable", meaning: "Failed attempt, notice left" },
  AttemptFail_002: { status: "attempt_failed", subStatus: "recipient_unavailable", meaning: "Recipient not available" },
  AttemptFail_003: { status: "attempt_failed", subStatus: "business_closed", meaning: "Business closed" },
  Delivered_001: { status: "delivered", meaning: "Delivered" },
  Delivered_002: { status: "delivered", subStatus: "pickup_point", meaning: "Picked up by the customer" },
  Delivered_003: { status: "delivered", subStatus: "signed", meaning: "Signed for by the customer" },
  Delivered_004: { status: "delivered", meaning: "Delivered and cash on delivery collected" },
  AvailableForPickup_001: { status: "available_for_pickup", subStatus: "pickup_point", meaning: "Available for pickup" },
  Exception_001: { status: "exception", subStatus: "other", meaning: "Shipping exception" },
  Exception_002: { status: "exception", subStatus: "address_problem", meaning: "Customer moved" },
  Exception_003: { status: "exception", subStatus: "refused", meaning: "Customer refused delivery" },
  Exception_004: { status: "delayed", subStatus: "customs_hold", meaning: "Delayed (customs clearance)" },
  Exception_005: { status: "delayed", subStatus: "other", meaning: "Delayed (external factors)" },
  Exception_006: { status: "exception", subStatus: "payment_required", meaning: "Held for payment" },
  Exception_007: { status: "exception", subStatus: "address_problem", meaning: "Incorrect address" },
  Exception_008: { status: "exception", subStatus: "other", meaning: "Pick-up missed" },
  Exception_009: { status: "exception", subStatus: "held_by_carrier", meaning: "Rejected by the carrier" },
  Exception_010: { status: "returning", subStatus: "return_to_sender", meaning: "Returning to sender" },
  Exception_011: { status: "returned", subStatus: "return_to_sender", meaning: "Returned to sender" },
  Exception_012: { status: "exception", subStatus: "damaged", meaning: "Shipment damaged" },
  Exception_013: { status: "exception", subStatus: "lost", meaning: "Shipment lost" },
  Expired_001: { status: "expired", meaning: "No further updates" },
} as const satisfies StatusTable;

/**
 * Display names of last-mile carriers AfterShip hands parcels to (AfterShip courier slugs). Any
 * other slug is read as words ("canada-post" → "Canada Post").
 */
export const AFTERSHIP_CARRIER_NAMES: Readonly<Record<string, string>> = {
  "royal-mail": "Royal Mail",
  "parcel-force": "Parcelforce",
  "evri": "Evri",
  "usps": "USPS",
  "ups": "UPS",
  "fedex": "FedEx",
  "dhl": "DHL Express",
  "dhl-germany": "Deutsche Post DHL",
  "deutsch-post": "Deutsche Post",
  "la-poste-colissimo": "Colissimo",
  "postnl": "PostNL",
  "postnl-3s": "PostNL",
  "australia-post": "Australia Post",
  "canada-post": "Canada Post",
  "china-post": "China Post",
  "china-ems": "China EMS",
  "yunexpress": "YunExpress",
  "cainiao": "Cainiao",
};
