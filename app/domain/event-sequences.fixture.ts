import type { CanonicalEvent, CanonicalStatus, EventLocation, SubStatus } from "./status";

/**
 * Realistic carrier histories, already mapped to canonical events, shared by the merge, state and
 * timeline tests. Times are as carriers send them: local time with an offset, or GMT.
 */

function scan(
  occurredAt: string,
  status: CanonicalStatus,
  carrierCode: string,
  description: string,
  location?: EventLocation,
  subStatus?: SubStatus,
): CanonicalEvent {
  const event: CanonicalEvent = { occurredAt, localTime: occurredAt, status, carrierCode, description };
  if (location) event.location = location;
  if (subStatus) event.subStatus = subStatus;
  return event;
}

/** UPS Ground, Louisville KY → Brooklyn NY, delivered in three business days. */
export const domesticUps: CanonicalEvent[] = [
  scan("2026-11-16T18:02:00-05:00", "info_received", "MP", "Shipper created a label, UPS has not received the package yet.", { country: "US" }),
  scan("2026-11-17T19:40:00-05:00", "picked_up", "OR", "Pickup Scan", { city: "Louisville", province: "KY", country: "US" }),
  scan("2026-11-17T23:15:00-05:00", "in_transit", "DP", "Departed from Facility", { city: "Louisville", province: "KY", country: "US" }),
  scan("2026-11-18T14:21:00-05:00", "in_transit", "AR", "Arrived at Facility", { city: "Secaucus", province: "NJ", country: "US" }),
  scan("2026-11-19T07:05:00-05:00", "out_for_delivery", "OT", "Out For Delivery Today", { city: "Brooklyn", province: "NY", country: "US" }),
  scan("2026-11-19T13:48:00-05:00", "delivered", "KB", "Delivered", { city: "Brooklyn", province: "NY", postalCode: "11201", country: "US" }, "left_at_door"),
];

/** China Post ePacket Shenzhen → Los Angeles, held by US customs, then delivered by USPS. */
export const crossBorderChina: CanonicalEvent[] = [
  scan("2026-10-28T10:12:00+08:00", "info_received", "", "收到电子信息 Electronic information received", { country: "CN" }),
  scan("2026-10-29T16:40:00+08:00", "picked_up", "", "已收寄 Acceptance", { city: "Shenzhen", province: "Guangdong", country: "CN" }),
  scan("2026-10-31T02:05:00+08:00", "in_transit", "", "离开处理中心，发往美国 Departed from outward office of exchange", { city: "Guangzhou", country: "CN" }),
  scan("2026-11-03T11:30:00-08:00", "in_transit", "", "Arrived at inward office of exchange", { city: "Los Angeles", province: "CA", country: "US" }),
  scan("2026-11-03T15:00:00-08:00", "exception", "", "Held by Customs", { city: "Los Angeles", province: "CA", country: "US" }, "customs_hold"),
  scan("2026-11-06T09:10:00-08:00", "in_transit", "", "Released by Customs", { city: "Los Angeles", province: "CA", country: "US" }, "customs_cleared"),
  scan("2026-11-08T06:40:00-08:00", "out_for_delivery", "", "Out for Delivery", { city: "Pasadena", province: "CA", country: "US" }),
  scan("2026-11-08T14:22:00-08:00", "delivered", "", "Delivered, In/At Mailbox", { city: "Pasadena", province: "CA", country: "US" }),
];

/** DHL Express Leipzig → Lyon: first attempt fails (recipient out), delivered the next day. GMT times. */
export const dhlFailedAttempt: CanonicalEvent[] = [
  scan("2026-11-09 09:00:00 GMT", "info_received", "SD", "Shipment information received", { city: "Leipzig", country: "DE" }),
  scan("2026-11-09 16:30:00 GMT", "picked_up", "PU", "Shipment picked up", { city: "Leipzig", country: "DE" }),
  scan("2026-11-10 02:10:00 GMT", "in_transit", "PL", "Processed at LEIPZIG - GERMANY", { city: "Leipzig", country: "DE" }),
  scan("2026-11-10 07:55:00 GMT", "out_for_delivery", "WC", "With delivery courier", { city: "Lyon", country: "FR" }),
  scan("2026-11-10 11:20:00 GMT", "attempt_failed", "NH", "Consignee not available; delivery attempted", { city: "Lyon", country: "FR" }, "recipient_unavailable"),
  scan("2026-11-11 08:05:00 GMT", "out_for_delivery", "WC", "With delivery courier", { city: "Lyon", country: "FR" }),
  scan("2026-11-11 10:47:00 GMT", "delivered", "OK", "Delivered - Signed for by: DUPONT", { city: "Lyon", country: "FR" }, "signed"),
];

/** USPS Priority Mail where two scans reach us days late (after delivery) but carry their real times. */
export const uspsLateScans = {
  firstPoll: [
    scan("2026-11-02T10:00:00-06:00", "info_received", "GX", "Shipping Label Created, USPS Awaiting Item", { city: "Denver", province: "CO", country: "US" }),
    scan("2026-11-02T17:30:00-06:00", "picked_up", "03", "USPS in possession of item", { city: "Denver", province: "CO", country: "US" }),
    scan("2026-11-05T08:10:00-05:00", "out_for_delivery", "OF", "Out for Delivery", { city: "Columbus", province: "OH", country: "US" }),
    scan("2026-11-05T12:02:00-05:00", "delivered", "01", "Delivered, Front Door/Porch", { city: "Columbus", province: "OH", country: "US" }),
  ],
  latePoll: [
    scan("2026-11-03T04:20:00-06:00", "in_transit", "10", "Arrived at USPS Regional Facility", { city: "Denver", province: "CO", country: "US" }),
    scan("2026-11-04T21:45:00-05:00", "in_transit", "10", "Arrived at USPS Regional Facility", { city: "Columbus", province: "OH", country: "US" }),
  ],
  /** A stray hub scan stamped after delivery: a carrier glitch, not a reason to "un-deliver". */
  strayAfterDelivery: scan("2026-11-06T03:00:00-05:00", "in_transit", "10", "In Transit to Next Facility", { city: "Columbus", province: "OH", country: "US" }),
};

/** Canada Post parcel refused at the door and sent back. */
export const returnToSender: CanonicalEvent[] = [
  scan("2026-11-02T09:00:00-05:00", "info_received", "0100", "Electronic information submitted by shipper", { city: "Toronto", province: "ON", country: "CA" }),
  scan("2026-11-02T18:45:00-05:00", "picked_up", "0500", "Item picked up by Canada Post", { city: "Toronto", province: "ON", country: "CA" }),
  scan("2026-11-03T06:30:00-05:00", "in_transit", "0170", "Item processed", { city: "Ottawa", province: "ON", country: "CA" }),
  scan("2026-11-03T13:15:00-05:00", "delivered", "1408", "Item successfully delivered", { city: "Ottawa", province: "ON", country: "CA" }),
  scan("2026-11-04T10:00:00-05:00", "returning", "1416", "Refused by recipient; item being returned to sender", { city: "Ottawa", province: "ON", country: "CA" }, "refused"),
  scan("2026-11-05T07:20:00-05:00", "in_transit", "0170", "Item processed", { city: "Toronto", province: "ON", country: "CA" }),
  scan("2026-11-06T11:00:00-05:00", "delivered", "1408", "Item successfully delivered", { city: "Toronto", province: "ON", country: "CA" }),
];
