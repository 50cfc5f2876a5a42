import type { CanonicalStatus } from "./status";

/**
 * Shopper returns: how a return parcel reads to the shopper, and the "return delivered" moment
 * other code (notifications, Flow triggers: refund, restock) acts on. Pure.
 */

/** "Your return is on its way back — expected to arrive Tue, Dec 8" / "We received your return". */
export function returnStatusLine(status: CanonicalStatus, expected: string | null): string | null {
  if (status === "delivered") return "We received your return";
  if (status === "cancelled" || status === "expired" || status === "invalid") return null;
  if (status === "pending" || status === "info_received") return "Your return label is ready: drop the parcel off with the carrier";
  return expected ? `Your return is on its way back — expected to arrive ${expected}` : "Your return is on its way back";
}

export interface ReturnDeliveredMoment {
  kind: "return_delivered";
  shopDomain: string;
  shipmentId: string;
  returnId: string;
  orderId: string;
  deliveredAt: string;
}

/**
 * The moment a shopper's return reaches the merchant: only on the transition into delivered (a
 * re-sync of an already delivered return yields nothing), only for return parcels.
 */
export function returnDeliveredMoment(
  shipment: { id: string; shopDomain: string; orderId: string; returnId: string | null; previousStatus: CanonicalStatus },
  status: CanonicalStatus,
  deliveredAt: string | null,
): ReturnDeliveredMoment | null {
  if (!shipment.returnId || status !== "delivered" || shipment.previousStatus === "delivered") return null;
  return {
    kind: "return_delivered",
    shopDomain: shipment.shopDomain,
    shipmentId: shipment.id,
    returnId: shipment.returnId,
    orderId: shipment.orderId,
    deliveredAt: deliveredAt ?? "",
  };
}
