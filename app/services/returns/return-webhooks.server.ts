import { z } from "zod";
import { listCarrierNameMappings } from "~/data/carrier-name-mappings.server";
import { ensureShop, type DbClient } from "~/data/fulfillments.server";
import type { GraphqlReturn } from "~/shopify/graphql/orders";
import { ensureReturnShipment, stopReturnShipments, upsertReturn } from "~/data/returns.server";
import { parsePayload, type WebhookHandler } from "~/services/ingestion/webhook-delivery";
import { resolveShipmentTracking } from "~/services/ingestion/tracking-resolution";

/**
 * Shopify returns (`read_returns`): `returns/request|approve|update|cancel|decline|close` keep the
 * Return and its order; `reverse_deliveries/attach_deliverable` brings the return label's tracking.
 * Whichever arrives first is kept; the parcel is tracked once both are known.
 */
const numericId = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);
const gidOf = (type: string, value: { admin_graphql_api_id?: string | null; id?: string | null } | null | undefined) =>
  value?.admin_graphql_api_id ?? (value?.id ? `gid://shopify/${type}/${value.id}` : null);

const reference = z.object({ id: numericId.nullish(), admin_graphql_api_id: z.string().nullish() }).passthrough();

const returnSchema = z
  .object({
    id: numericId.nullish(),
    admin_graphql_api_id: z.string().nullish(),
    name: z.string().nullish(),
    status: z.string().nullish(),
    order: reference.nullish(),
    order_id: numericId.nullish(),
  })
  .passthrough()
  .refine((value) => value.id || value.admin_graphql_api_id, "a return id is required");

const deliverableSchema = z
  .object({
    id: numericId.nullish(),
    admin_graphql_api_id: z.string().nullish(),
    return: reference,
    shipping_deliverable: z
      .object({
        tracking: z
          .object({ carrier_name: z.string().nullish(), tracking_number: z.string().nullish(), tracking_url: z.string().nullish() })
          .passthrough()
          .nullish(),
      })
      .passthrough()
      .nullish(),
  })
  .passthrough();

const STOPPING: Record<string, string> = { "returns/cancel": "return_canceled", "returns/decline": "return_declined" };

export const returnChanged: WebhookHandler = {
  transactional: true,
  async handle(client, delivery, now) {
    const payload = parsePayload(returnSchema, delivery.payload, delivery.topic);
    const returnId = gidOf("Return", payload)!;
    const orderId = gidOf("Order", payload.order) ?? (payload.order_id ? `gid://shopify/Order/${payload.order_id}` : null);
    await ensureShop(client, delivery.shopDomain);
    const status = payload.status?.toLowerCase() ?? (delivery.topic === "returns/request" ? "requested" : null);
    const record = await upsertReturn(client, { shopDomain: delivery.shopDomain, returnId, orderId, name: payload.name ?? null, status });
    const stopReason = STOPPING[delivery.topic];
    if (stopReason) {
      const stopped = await stopReturnShipments(client, delivery.shopDomain, returnId, stopReason, now);
      return { outcome: "processed", note: `return ${record.status}; ${stopped} parcel(s) stopped`, orderId: record.orderId };
    }
    const mappings = await listCarrierNameMappings(client, delivery.shopDomain);
    const resolved = record.trackingNumber ? resolveShipmentTracking(record.trackingNumber, record.trackingUrl, record.trackingCompany, mappings) : null;
    const shipmentId = await ensureReturnShipment(client, record, resolved, now);
    return { outcome: "processed", note: shipmentId ? "return tracked" : "return kept; no tracking yet", orderId: record.orderId };
  },
};

export const reverseDeliveryAttached: WebhookHandler = {
  transactional: true,
  async handle(client, delivery, now) {
    const payload = parsePayload(deliverableSchema, delivery.payload, delivery.topic);
    const returnId = gidOf("Return", payload.return);
    const reverseDeliveryId = gidOf("ReverseDelivery", payload);
    const tracking = payload.shipping_deliverable?.tracking;
    await ensureShop(client, delivery.shopDomain);
    if (!returnId || !reverseDeliveryId) return { outcome: "ignored", note: "no return or reverse delivery id", orderId: null };
    const number = tracking?.tracking_number?.trim();
    const record = await upsertReturn(client, {
      shopDomain: delivery.shopDomain,
      returnId,
      tracking: number
        ? { reverseDeliveryId, trackingNumber: number, trackingCompany: tracking?.carrier_name ?? null, trackingUrl: tracking?.tracking_url ?? null }
        : null,
    });
    if (!number) return { outcome: "processed", note: "deliverable without tracking: kept", orderId: record.orderId };
    const mappings = await listCarrierNameMappings(client, delivery.shopDomain);
    const resolved = resolveShipmentTracking(number, tracking?.tracking_url ?? null, tracking?.carrier_name ?? null, mappings);
    const shipmentId = await ensureReturnShipment(client, record, resolved, now);
    return { outcome: "processed", note: shipmentId ? "return tracked" : "tracking kept; waiting for the return's order", orderId: record.orderId };
  },
};

/** Return statuses of the Admin API that are still under way (the backfill brings only these). */
const OPEN_RETURN_STATUSES = new Set(["REQUESTED", "OPEN"]);

/**
 * A return read from the Admin API (the backfill of open returns): kept like the returns webhooks
 * keep it, its first reverse delivery with a tracking number attached like
 * `reverse_deliveries/attach_deliverable` attaches it, then tracked. Closed, canceled or declined
 * returns are skipped. Returns whether a return parcel is tracked.
 */
export async function recordReturnFromAdmin(client: DbClient, shopDomain: string, orderId: string, value: GraphqlReturn, now: Date): Promise<"skipped" | "kept" | "tracked"> {
  if (!OPEN_RETURN_STATUSES.has(value.status)) return "skipped";
  await ensureShop(client, shopDomain);
  const deliveries = value.reverseFulfillmentOrders.nodes.flatMap((order) => order.reverseDeliveries.nodes);
  const labelled = deliveries.find((delivery) => delivery.deliverable?.tracking?.number?.trim());
  const tracking = labelled?.deliverable?.tracking;
  const number = tracking?.number?.trim();
  const record = await upsertReturn(client, {
    shopDomain,
    returnId: value.id,
    orderId,
    name: value.name,
    status: value.status.toLowerCase(),
    tracking: labelled && number ? { reverseDeliveryId: labelled.id, trackingNumber: number, trackingCompany: tracking?.carrierName ?? null, trackingUrl: tracking?.url ?? null } : null,
  });
  if (!record.trackingNumber) return "kept";
  const mappings = await listCarrierNameMappings(client, shopDomain);
  const resolved = resolveShipmentTracking(record.trackingNumber, record.trackingUrl, record.trackingCompany, mappings);
  return (await ensureReturnShipment(client, record, resolved, now)) ? "tracked" : "kept";
}
