import type { ShopifyFulfillmentEventStatus } from "../domain/shopify-status";
import type { CanonicalStatus, EventLocation } from "../domain/status";
import type { Db } from "./db.server";

/** A transaction client or the root client: enqueueing happens inside the sync's transaction. */
type DbOrTx = Pick<Db, "writeBack">;

export interface WriteBackRequest {
  shopDomain: string;
  shipmentId: string;
  fulfillmentId: string;
  /** The canonical status transition, and what Shopify should be told. */
  status: CanonicalStatus;
  shopifyStatus: ShopifyFulfillmentEventStatus;
  happenedAt: Date;
  estimatedDeliveryAt?: Date | null;
  message?: string | null;
  location?: EventLocation | null;
}

/**
 * Puts a status transition in the write-back outbox. Idempotent: the (shipment, status,
 * happenedAt) identity is unique, so a transition enqueued twice (retries, two workers) stays
 * one row and is written to Shopify once. Returns whether a new row was created.
 */
export async function enqueueWriteBack(db: DbOrTx, request: WriteBackRequest): Promise<boolean> {
  const identity = {
    shipmentId_status_happenedAt: {
      shipmentId: request.shipmentId,
      status: request.status,
      happenedAt: request.happenedAt,
    },
  };
  const existing = await db.writeBack.findUnique({ where: identity, select: { id: true } });
  if (existing) return false;
  await db.writeBack.upsert({
    where: identity,
    update: {},
    create: {
      shopDomain: request.shopDomain,
      shipmentId: request.shipmentId,
      fulfillmentId: request.fulfillmentId,
      status: request.status,
      shopifyStatus: request.shopifyStatus,
      happenedAt: request.happenedAt,
      estimatedDeliveryAt: request.estimatedDeliveryAt ?? null,
      message: request.message ?? null,
      city: request.location?.city ?? null,
      province: request.location?.province ?? null,
      country: request.location?.country ?? null,
      zip: request.location?.postalCode ?? null,
    },
  });
  return true;
}
