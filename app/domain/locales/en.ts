/**
 * Shopper-facing messages, English: the reference catalogue. Every other locale must have exactly
 * these keys (the type enforces it, locales.test.ts double-checks placeholders). "{name}" marks a
 * value filled in at display time.
 */
export const en = {
  "milestone.ordered": "Ordered",
  "milestone.confirmed": "Order confirmed",
  "milestone.shipped": "Shipped",
  "milestone.in_transit": "In transit",
  "milestone.customs": "Customs",
  "milestone.out_for_delivery": "Out for delivery",
  "milestone.delivered": "Delivered",
  "milestone.available_for_pickup": "Ready for pickup",
  "milestone.attempt_failed": "Delivery attempted",
  "milestone.delayed": "Delayed",
  "milestone.exception": "Delivery problem",
  "milestone.returning": "Returning to sender",
  "milestone.returned": "Returned to sender",
  "milestone.cancelled": "Shipment cancelled",
  "milestone.expired": "No recent updates",

  "status.pending": "Waiting for the carrier",
  "status.info_received": "Label created",
  "status.picked_up": "Picked up",
  "status.in_transit": "In transit",
  "status.out_for_delivery": "Out for delivery",
  "status.available_for_pickup": "Ready for pickup",
  "status.attempt_failed": "Delivery attempted",
  "status.delayed": "Delayed",
  "status.exception": "Delivery problem",
  "status.returning": "Returning to sender",
  "status.returned": "Returned to sender",
  "status.delivered": "Delivered",
  "status.cancelled": "Cancelled",
  "status.expired": "No recent updates",
  "status.invalid": "Tracking number not recognized",
  "status.unknown": "Status unavailable",

  "customs.held": "Held at customs",
  "customs.cleared": "Cleared customs",

  "explanation.customs_hold": "Your package is with customs. This is routine for international parcels and usually takes a few days.",
  "explanation.weather": "Bad weather is slowing deliveries in the area. The carrier will deliver as soon as it is safe.",
  "explanation.address_problem": "The carrier could not find or confirm the delivery address. Please check your address or contact us.",
  "explanation.recipient_unavailable": "Nobody was available to receive the package. The carrier will try again or leave a notice.",
  "explanation.refused": "The package was refused at delivery and will be sent back to us.",
  "explanation.damaged": "The package was damaged in transit. Please contact us and we will make it right.",
  "explanation.lost": "The carrier cannot locate the package. We are looking into it and will contact you.",
  "explanation.business_closed": "The business was closed at delivery time. The carrier will try again on the next business day.",
  "explanation.payment_required": "Import duties or fees must be paid before the package can be delivered.",
  "explanation.held_by_carrier": "The carrier is holding the package for now. It should move again soon.",
  "explanation.missed_connection": "The package missed a connection and is running a little behind.",
  "explanation.rescheduled": "The delivery has been rescheduled.",
  "explanation.return_to_sender": "The package is on its way back to us.",
  "explanation.exception": "There is a problem with the delivery. The carrier is working on it.",
  "explanation.attempt_failed": "The carrier tried to deliver the package but could not. They will try again or leave instructions.",
  "explanation.delayed": "The delivery is running later than planned.",
  "explanation.available_for_pickup": "Your package is waiting for you at a pickup point.",
  "explanation.expired": "The carrier has not shared any updates for a while. Please contact us if your package has not arrived.",

  "location.latest": "Last seen in {location}",
  "delivery.expected": "Expected {date}",
  "delivery.late_new_estimate": "Running late — new estimate {date}",
  "delivery.late_no_date": "We don't have a new date from the carrier yet",
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Readonly<Record<MessageKey, string>>;
