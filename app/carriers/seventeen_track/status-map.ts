import type { StatusTable } from "~/carriers/mapping";

/**
 * 17TRACK API v2.2 main statuses (`latest_status.status`). 17TRACK normalises every carrier it
 * aggregates onto these nine, so the long tail needs no per-carrier table.
 */
export const SEVENTEEN_TRACK_STATUSES = {
  NotFound: { status: "pending", meaning: "Not found: the carrier has returned nothing yet" },
  InfoReceived: { status: "info_received", meaning: "Info received: carrier has the order, awaiting pickup" },
  InTransit: { status: "in_transit", meaning: "In transit" },
  Expired: { status: "expired", meaning: "Expired: in transit too long without delivery" },
  AvailableForPickup: { status: "available_for_pickup", subStatus: "pickup_point", meaning: "Available for pickup" },
  OutForDelivery: { status: "out_for_delivery", meaning: "Out for delivery" },
  DeliveryFailure: { status: "attempt_failed", meaning: "Delivery failure" },
  Delivered: { status: "delivered", meaning: "Delivered" },
  Exception: { status: "exception", meaning: "Exception: returned, held, damaged, lost…" },
} as const satisfies StatusTable;

/** 17TRACK sub-statuses (`sub_status` on latest_status and on each event). Preferred over the main status. */
export const SEVENTEEN_TRACK_SUB_STATUSES = {
  NotFound_Other: { status: "pending", meaning: "Carrier returned no information" },
  NotFound_InvalidCode: { status: "invalid", meaning: "Tracking number is invalid and cannot be queried" },
  InfoReceived: { status: "info_received", meaning: "Info received" },
  InTransit_PickedUp: { status: "picked_up", meaning: "Picked up by the carrier" },
  InTransit_Other: { status: "in_transit", meaning: "In transit: other" },
  InTransit_Departure: { status: "in_transit", meaning: "Departed" },
  InTransit_Arrival: { status: "in_transit", meaning: "Arrived" },
  InTransit_CustomsProcessing: { status: "in_transit", meaning: "Customs processing" },
  InTransit_CustomsReleased: { status: "in_transit", subStatus: "customs_cleared", meaning: "Released by customs" },
  InTransit_CustomsRequiringInformation: { status: "exception", subStatus: "customs_hold", meaning: "Customs requires information" },
  Expired_Other: { status: "expired", meaning: "Expired: other" },
  AvailableForPickup_Other: { status: "available_for_pickup", subStatus: "pickup_point", meaning: "Available for pickup" },
  OutForDelivery_Other: { status: "out_for_delivery", meaning: "Out for delivery" },
  DeliveryFailure_Other: { status: "attempt_failed", subStatus: "other", meaning: "Delivery failed: other" },
  DeliveryFailure_NoBody: { status: "attempt_failed", subStatus: "recipient_unavailable", meaning: "Delivery failed: recipient not found" },
  DeliveryFailure_Security: { status: "attempt_failed", subStatus: "other", meaning: "Delivery failed: security reasons" },
  DeliveryFailure_Rejected: { status: "attempt_failed", subStatus: "refused", meaning: "Delivery failed: refused" },
  DeliveryFailure_InvalidAddress: { status: "attempt_failed", subStatus: "address_problem", meaning: "Delivery failed: wrong address" },
  Delivered_Other: { status: "delivered", meaning: "Delivered" },
  Exception_Other: { status: "exception", subStatus: "other", meaning: "Exception: other" },
  Exception_Returning: { status: "returning", subStatus: "return_to_sender", meaning: "Being returned to sender" },
  Exception_Returned: { status: "returned", subStatus: "return_to_sender", meaning: "Returned to sender" },
  Exception_NoBody: { status: "exception", subStatus: "recipient_unavailable", meaning: "Nobody to receive" },
  Exception_Security: { status: "exception", subStatus: "customs_hold", meaning: "Held for security/customs reasons" },
  Exception_Damage: { status: "exception", subStatus: "damaged", meaning: "Damaged" },
  Exception_Rejected: { status: "exception", subStatus: "refused", meaning: "Rejected by recipient" },
  Exception_Delayed: { status: "delayed", subStatus: "other", meaning: "Delayed" },
  Exception_Lost: { status: "exception", subStatus: "lost", meaning: "Lost" },
  Exception_Destroyed: { status: "exception", subStatus: "damaged", meaning: "Destroyed" },
  Exception_Cancel: { status: "cancelled", meaning: "Logistics order cancelled" },
} as const satisfies StatusTable;

/** Milestone `stage` on events, used when an event has no sub_status. */
export const SEVENTEEN_TRACK_STAGES = {
  InfoReceived: { status: "info_received", meaning: "Info received" },
  PickedUp: { status: "picked_up", meaning: "Picked up" },
  Departure: { status: "in_transit", meaning: "Departure" },
  Arrival: { status: "in_transit", meaning: "Arrival" },
  AvailableForPickup: { status: "available_for_pickup", subStatus: "pickup_point", meaning: "Available for pickup" },
  OutForDelivery: { status: "out_for_delivery", meaning: "Out for delivery" },
  Delivered: { status: "delivered", meaning: "Delivered" },
  Returning: { status: "returning", subStatus: "return_to_sender", meaning: "Returning" },
  Returned: { status: "returned", subStatus: "return_to_sender", meaning: "Returned" },
} as const satisfies StatusTable;
