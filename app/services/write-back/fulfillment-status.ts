import { SHOPIFY_STATUS_PROGRESS, toShopifyEventStatus, type ShopifyFulfillmentEventStatus } from "~/domain/shopify-status";
import type { CanonicalStatus, SubStatus } from "~/domain/status";

export interface ParcelStatus {
  shipmentId: string;
  status: CanonicalStatus;
  subStatus: SubStatus | null;
}

export interface FulfillmentStatus extends ParcelStatus {
  shopifyStatus: ShopifyFulfillmentEventStatus;
}

/**
 * Shopify shows one status per fulfillment; a fulfillment with several tracking numbers needs
 * the one status that describes all of its parcels. The rule, in order:
 *
 * 1. Most urgent first: if any parcel needs the shopper's attention, that is the fulfillment's
 *    status — FAILURE (exception, return) before ATTEMPTED_DELIVERY before READY_FOR_PICKUP
 *    before DELAYED. A shopper must not read "delivered" while one box is lost.
 * 2. Otherwise the least progressed parcel: the order is only OUT_FOR_DELIVERY or DELIVERED
 *    when every box is; until then it is as far as its slowest parcel.
 *
 * Parcels whose status Shopify has no word for (expired, unknown, invalid, cancelled) do not
 * vote; null when none does.
 */
const URGENCY: readonly ShopifyFulfillmentEventStatus[] = ["FAILURE", "ATTEMPTED_DELIVERY", "READY_FOR_PICKUP", "DELAYED"];

export function fulfillmentStatus(parcels: readonly ParcelStatus[]): FulfillmentStatus | null {
  const voting = parcels.flatMap((parcel) => {
    const shopifyStatus = toShopifyEventStatus(parcel.status, parcel.subStatus);
    return shopifyStatus ? [{ ...parcel, shopifyStatus }] : [];
  });
  if (voting.length === 0) return null;
  for (const urgent of URGENCY) {
    const parcel = voting.find((candidate) => candidate.shopifyStatus === urgent);
    if (parcel) return parcel;
  }
  return voting.reduce((least, parcel) => (SHOPIFY_STATUS_PROGRESS[parcel.shopifyStatus] < SHOPIFY_STATUS_PROGRESS[least.shopifyStatus] ? parcel : least));
}
