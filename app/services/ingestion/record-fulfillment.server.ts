import { listCarrierNameMappings } from "~/data/carrier-name-mappings.server";
import { ensureShop, saveFulfillment, stopOrderShipments, type DbClient, type SaveFulfillmentResult } from "~/data/fulfillments.server";
import { fulfillmentRecord, type FulfillmentSnapshot } from "./fulfillment-payload.server";
import { HandlerContext } from "./webhook-delivery";

/**
 * Stores one fulfillment as Shopify described it (webhook or backfill): carriers resolved with
 * the shop's mappings, invalid and contradicting numbers flagged, stale descriptions ignored.
 */
export async function recordFulfillment(
  client: DbClient,
  shopDomain: string,
  snapshot: FulfillmentSnapshot,
  now: Date,
  context: HandlerContext = new HandlerContext(),
): Promise<SaveFulfillmentResult> {
  await context.memo(`shop:${shopDomain}`, () => ensureShop(client, shopDomain));
  const mappings = await context.memo(`mappings:${shopDomain}`, () => listCarrierNameMappings(client, shopDomain));
  return saveFulfillment(
    client,
    fulfillmentRecord(shopDomain, snapshot, mappings),
    now,
    context.takePrefetched(shopDomain, snapshot.fulfillmentId),
    context.isOrderCancelled(shopDomain, snapshot.orderId),
  );
}

/** An order was cancelled: stop tracking its parcels. */
export async function recordOrderCancelled(
  client: DbClient,
  shopDomain: string,
  orderId: string,
  cancelledAt: Date,
  now: Date,
  context: HandlerContext = new HandlerContext(),
): Promise<number> {
  const stopped = await stopOrderShipments(client, shopDomain, orderId, cancelledAt, now);
  // Later fulfillments of this order in the same batch must see the cancellation.
  context.markOrderCancelled(shopDomain, orderId);
  return stopped;
}
