import type { StatusTable } from "~/carriers/mapping";

/**
 * USPS tracking event codes (Publication 199 / IMpb tracking event codes, returned as
 * `trackingEvents[].eventCode` by Tracking API v3). Every code USPS documents is listed; the
 * return-to-sender family (09, 21–29, 31) and the attempted/notice-left family (02, 30, 51–56)
 * carry their reason as a sub-status.
 */
export const USPS_EVENT_CODES = {
  // Pre-shipment and acceptance
  MA: { status: "info_received", meaning: "Manifest acknowledgement (electronic shipping info received)" },
  GX: { status: "info_received", meaning: "Shipping label created, USPS awaiting item" },
  TM: { status: "picked_up", meaning: "Truck manifest: shipment acceptance" },
  PA: { status: "picked_up", meaning: "Passive acceptance: shipment acceptance" },
  "03": { status: "picked_up", meaning: "Accept or pickup (by carrier)" },
  OA: { status: "picked_up", meaning: "Origin acceptance" },
  AD: { status: "picked_up", meaning: "Acceptance at destination" },
  UA: { status: "picked_up", meaning: "Accepted at USPS facility" },
  "89": { status: "info_received", meaning: "Merchant order receipt notification: USPS awaiting item" },
  "83": { status: "in_transit", meaning: "Tendered to the Postal Service by a shipping partner" },
  "80": { status: "picked_up", meaning: "Picked up by shipping partner" },
  // Network
  "81": { status: "in_transit", meaning: "Arrived shipping partner facility" },
  "82": { status: "in_transit", meaning: "Departed shipping partner facility" },
  "10": { status: "in_transit", meaning: "Processed" },
  PC: { status: "in_transit", meaning: "Sorting / processing complete" },
  EF: { status: "in_transit", meaning: "Departed sort facility" },
  SF: { status: "in_transit", meaning: "Departed post office" },
  "07": { status: "in_transit", meaning: "Arrival at unit" },
  "19": { status: "in_transit", meaning: "DC eVS arrive" },
  "41": { status: "in_transit", meaning: "Received at opening unit" },
  "42": { status: "in_transit", meaning: "USPS handoff to shipping partner" },
  "06": { status: "in_transit", meaning: "Forwarded" },
  "08": { status: "delayed", subStatus: "missed_connection", meaning: "Missent" },
  "15": { status: "delayed", subStatus: "missed_connection", meaning: "Mis-shipped" },
  "71": { status: "delayed", subStatus: "rescheduled", meaning: "Rescheduled to next delivery day" },
  DX: { status: "delayed", meaning: "Delivery status not updated" },
  // Last mile
  OF: { status: "out_for_delivery", meaning: "Out for delivery" },
  "14": { status: "available_for_pickup", subStatus: "pickup_point", meaning: "Arrival at pickup point" },
  "16": { status: "available_for_pickup", subStatus: "pickup_point", meaning: "Available for pickup" },
  "01": { status: "delivered", meaning: "Delivered" },
  "17": { status: "delivered", subStatus: "pickup_point", meaning: "Picked up by agent" },
  "43": { status: "delivered", subStatus: "pickup_point", meaning: "Picked up" },
  // Attempted / notice left
  "02": { status: "attempt_failed", subStatus: "recipient_unavailable", meaning: "Attempted / notice left" },
  "52": { status: "attempt_failed", subStatus: "recipient_unavailable", meaning: "Notice left" },
  "53": { status: "attempt_failed", subStatus: "other", meaning: "Receptacle blocked" },
  "54": { status: "attempt_failed", subStatus: "other", meaning: "Receptacle full / item oversized" },
  "55": { status: "attempt_failed", subStatus: "other", meaning: "No secure location available" },
  "56": { status: "attempt_failed", subStatus: "recipient_unavailable", meaning: "No authorized recipient available" },
  "30": { status: "attempt_failed", subStatus: "address_problem", meaning: "Delivery attempted: no access to delivery location" },
  "51": { status: "attempt_failed", subStatus: "business_closed", meaning: "Business closed" },
  // Exceptions and returns
  "04": { status: "exception", subStatus: "refused", meaning: "Refused" },
  "05": { status: "exception", subStatus: "address_problem", meaning: "Undeliverable as addressed" },
  "11": { status: "exception", subStatus: "lost", meaning: "Dead letter" },
  "44": { status: "returning", subStatus: "return_to_sender", meaning: "Customer recall" },
  "09": { status: "returning", subStatus: "return_to_sender", meaning: "Return to sender" },
  "21": { status: "returning", subStatus: "address_problem", meaning: "Return to sender: no such number" },
  "22": { status: "returning", subStatus: "address_problem", meaning: "Return to sender: insufficient address" },
  "23": { status: "returning", subStatus: "address_problem", meaning: "Return to sender: moved, left no address" },
  "24": { status: "returning", subStatus: "address_problem", meaning: "Return to sender: forward expired" },
  "25": { status: "returning", subStatus: "address_problem", meaning: "Return to sender: addressee unknown" },
  "26": { status: "returning", subStatus: "address_problem", meaning: "Return to sender: vacant" },
  "27": { status: "returning", subStatus: "return_to_sender", meaning: "Return to sender: unclaimed" },
  "28": { status: "returning", subStatus: "return_to_sender", meaning: "Return to sender: deceased" },
  "29": { status: "returning", subStatus: "return_to_sender", meaning: "Return to sender: other" },
  "31": { status: "returning", subStatus: "return_to_sender", meaning: "Return to sender: not picked up" },
} as const satisfies StatusTable;
