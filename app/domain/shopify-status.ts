import type { CanonicalStatus, SubStatus } from "./status";

/**
 * Our statuses as Shopify fulfillment events (Admin GraphQL API 2026-10, `FulfillmentEventStatus`).
 * `PICKED_UP` is not a valid value there (carrier pickup is `CARRIER_PICKED_UP`), so it is not in
 * this list and can never be produced.
 */
export const SHOPIFY_FULFILLMENT_EVENT_STATUSES = [
  "CONFIRMED",
  "LABEL_PURCHASED",
  "LABEL_PRINTED",
  "CARRIER_PICKED_UP",
  "IN_TRANSIT",
  "OUT_FOR_DELIVERY",
  "READY_FOR_PICKUP",
  "ATTEMPTED_DELIVERY",
  "DELAYED",
  "DELIVERED",
  "FAILURE",
] as const;

export type ShopifyFulfillmentEventStatus = (typeof SHOPIFY_FULFILLMENT_EVENT_STATUSES)[number];

/** Exceptions the shopper should read as "late", not "failed": the parcel is fine and still coming. */
const DELAY_REASONS: ReadonlySet<SubStatus> = new Set<SubStatus>([
  "customs_hold",
  "customs_cleared",
  "weather",
  "held_by_carrier",
  "missed_connection",
  "rescheduled",
  "payment_required",
  "business_closed",
]);

/**
 * The Shopify event status to write for a canonical status, or null when nothing should be
 * written: `expired` and `unknown` carry no carrier fact, `invalid` and `cancelled` are not
 * delivery events (the merchant fixes or cancels the fulfillment instead).
 */
export function toShopifyEventStatus(status: CanonicalStatus, subStatus?: SubStatus | null): ShopifyFulfillmentEventStatus | null {
  switch (status) {
    case "pending":
      return "CONFIRMED";
    case "info_received":
      return "LABEL_PURCHASED";
    case "picked_up":
      return "CARRIER_PICKED_UP";
    case "in_transit":
      return "IN_TRANSIT";
    case "out_for_delivery":
      return "OUT_FOR_DELIVERY";
    case "available_for_pickup":
      return "READY_FOR_PICKUP";
    case "attempt_failed":
      return "ATTEMPTED_DELIVERY";
    case "delayed":
      return "DELAYED";
    case "exception":
      return subStatus && DELAY_REASONS.has(subStatus) ? "DELAYED" : "FAILURE";
    case "returning":
    case "returned":
      return "FAILURE";
    case "delivered":
      return "DELIVERED";
    case "cancelled":
    case "invalid":
    case "expired":
    case "unknown":
      return null;
  }
}

/** How far along the journey each status is, as the shopper reads Shopify's order page. */
export const SHOPIFY_STATUS_PROGRESS: Readonly<Record<ShopifyFulfillmentEventStatus, number>> = {
  CONFIRMED: 0,
  LABEL_PURCHASED: 1,
  LABEL_PRINTED: 2,
  CARRIER_PICKED_UP: 3,
  IN_TRANSIT: 4,
  DELAYED: 4,
  ATTEMPTED_DELIVERY: 5,
  READY_FOR_PICKUP: 5,
  OUT_FOR_DELIVERY: 5,
  DELIVERED: 6,
  // A failure can happen at any point and can be recovered from, so it has no place on the line.
  FAILURE: -1,
};

/**
 * Whether writing `next` after `previous` would move the shopper's view backwards: anything after
 * DELIVERED, or an earlier step of the journey (IN_TRANSIT after OUT_FOR_DELIVERY is a real
 * second attempt only when the carrier says so, which `decideShopifyWrite` checks).
 */
export function movesShopifyBackwards(
  previous: ShopifyFulfillmentEventStatus | null,
  next: ShopifyFulfillmentEventStatus,
): boolean {
  if (previous === null || previous === next) return false;
  if (previous === "DELIVERED") return true;
  if (previous === "FAILURE" || next === "FAILURE") return false;
  return SHOPIFY_STATUS_PROGRESS[next] < SHOPIFY_STATUS_PROGRESS[previous];
}

export interface ShopifyWriteDecision {
  write: boolean;
  status: ShopifyFulfillmentEventStatus | null;
  reason: string;
}

/**
 * Whether to send the shipment's status to Shopify, given the last status we wrote there. Going
 * backwards is only allowed when the carrier really reversed course: a return after delivery, an
 * exception, or a failed attempt sending the parcel back into the network.
 */
export function decideShopifyWrite(
  lastWritten: ShopifyFulfillmentEventStatus | null,
  status: CanonicalStatus,
  subStatus?: SubStatus | null,
): ShopifyWriteDecision {
  const next = toShopifyEventStatus(status, subStatus);
  if (next === null) return { write: false, status: null, reason: `${status} is never written to Shopify` };
  if (next === lastWritten) return { write: false, status: next, reason: `Shopify already shows ${next}` };
  if (!movesShopifyBackwards(lastWritten, next)) return { write: true, status: next, reason: `${lastWritten ?? "nothing"} → ${next}` };

  const carrierReversed =
    status === "returning" ||
    status === "returned" ||
    status === "exception" ||
    // After a failed attempt or a pickup-point hold, the parcel really is back in transit.
    (lastWritten !== null && ["ATTEMPTED_DELIVERY", "READY_FOR_PICKUP", "OUT_FOR_DELIVERY"].includes(lastWritten) && status === "in_transit");
  return carrierReversed
    ? { write: true, status: next, reason: `carrier reversed: ${lastWritten} → ${next}` }
    : { write: false, status: next, reason: `would move Shopify backwards: ${lastWritten} → ${next}` };
}
