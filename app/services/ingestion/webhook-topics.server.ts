import { z } from "zod";
import { markShopUninstalled, updateSessionScopes } from "~/data/shops.server";
import { stopBackfill } from "~/data/backfill.server";
import type { Db } from "~/data/db.server";
import { cancelledOrderIds, ensureShop, recordOrderPlaced, storedFulfillmentShipments, type DbClient } from "~/data/fulfillments.server";
import { appEnv } from "~/config/env.server";
import { disputeChanged } from "~/services/disputes/dispute-webhook.server";
import { returnChanged, reverseDeliveryAttached } from "~/services/returns/return-webhooks.server";
import { customersDataRequest, customersRedact, shopRedact } from "~/services/compliance/compliance.server";
import { FLOW_LIFECYCLE_TOPIC, flowLifecycleReplay } from "~/services/notifications/flow-lifecycle-payload.server";
import { captureShopperContact, contactFromFulfillmentPayload, contactKey } from "~/services/notifications/contacts.server";
import { fulfillmentWebhookParser, orderCancelledSchema, orderCreatedSchema, webhookSnapshot } from "./fulfillment-payload.server";
import { recordFulfillment, recordOrderCancelled } from "./record-fulfillment.server";
import { parsePayload, type HandlerContext, type WebhookDelivery, type WebhookHandler } from "./webhook-delivery";

const fulfillmentChanged: WebhookHandler = {
  transactional: true,
  async handle(client, delivery, now, context) {
    const snapshot = webhookSnapshot(parsePayload(fulfillmentWebhookParser, delivery.payload, delivery.topic));
    const saved = await recordFulfillment(client, delivery.shopDomain, snapshot, now, context);
    // Shopper notifications: the order's contact, sealed, in the same transaction. Without a
    // key nothing is stored, so the payload's contact is not even read.
    const key = contactKey(appEnv());
    if (saved.outcome === "applied" && key) {
      await captureShopperContact(client, delivery.shopDomain, snapshot.orderId, contactFromFulfillmentPayload(delivery.payload), key, now);
    }
    return saved.outcome === "stale"
      ? { outcome: "ignored", note: `stale: a newer version of ${snapshot.fulfillmentId} is stored`, orderId: snapshot.orderId }
      : {
          outcome: "processed",
          note: `${saved.created} created, ${saved.updated} updated, ${saved.stopped} stopped`,
          orderId: snapshot.orderId,
        };
  },
};

const orderCancelled: WebhookHandler = {
  transactional: true,
  async handle(client, delivery, now, context) {
    const payload = parsePayload(orderCancelledSchema, delivery.payload, delivery.topic);
    const orderId = payload.admin_graphql_api_id ?? `gid://shopify/Order/${payload.id}`;
    const stopped = await recordOrderCancelled(client, delivery.shopDomain, orderId, payload.cancelled_at ?? payload.updated_at ?? now, now, context);
    return { outcome: "processed", note: `${stopped} shipments stopped`, orderId };
  },
};

const orderCreated: WebhookHandler = {
  transactional: true,
  async handle(client, delivery, now, context) {
    const payload = parsePayload(orderCreatedSchema, delivery.payload, delivery.topic);
    const orderId = payload.admin_graphql_api_id ?? `gid://shopify/Order/${payload.id}`;
    await context.memo(`shop:${delivery.shopDomain}`, () => ensureShop(client, delivery.shopDomain));
    const saved = await recordOrderPlaced(client, delivery.shopDomain, orderId, payload.created_at, now);
    return saved.recorded || saved.shipmentsFilled > 0
      ? { outcome: "processed", note: `${saved.shipmentsFilled} shipments given the order's creation time`, orderId }
      : { outcome: "ignored", note: "order creation time already recorded", orderId };
  },
};

const appUninstalled: WebhookHandler = {
  // markShopUninstalled runs its own transaction; uninstalling twice changes nothing.
  transactional: false,
  async handle(client, delivery, now) {
    await markShopUninstalled(client as Db, delivery.shopDomain, now);
    await stopBackfill(client, delivery.shopDomain, "shop uninstalled", now);
    return { outcome: "processed", note: null, orderId: null };
  },
};

const scopesSchema = z.object({ current: z.array(z.string()) }).passthrough();

const scopesUpdate: WebhookHandler = {
  // Updating the stored scope twice writes the same value.
  transactional: false,
  async handle(client, delivery) {
    const payload = parsePayload(scopesSchema, delivery.payload, delivery.topic);
    // The offline session's id is Shopify's convention: "offline_<shop>".
    await updateSessionScopes(client as Db, `offline_${delivery.shopDomain}`, payload.current);
    return { outcome: "processed", note: null, orderId: null };
  },
};

/**
 * Reads ahead, in one query per shop, the stored rows of every fulfillment a batch of
 * deliveries is about (instead of one query per delivery).
 */
export async function prefetchForBatch(client: DbClient, deliveries: WebhookDelivery[], context: HandlerContext): Promise<void> {
  const byShop = new Map<string, { fulfillments: Set<string>; orders: Set<string> }>();
  for (const delivery of deliveries) {
    if (!delivery.topic.startsWith("fulfillments/")) continue;
    const parsed = fulfillmentWebhookParser.safeParse(delivery.payload);
    if (!parsed.success) continue;
    const ids = byShop.get(delivery.shopDomain) ?? { fulfillments: new Set<string>(), orders: new Set<string>() };
    const snapshot = webhookSnapshot(parsed.data);
    ids.fulfillments.add(snapshot.fulfillmentId);
    ids.orders.add(snapshot.orderId);
    byShop.set(delivery.shopDomain, ids);
  }
  for (const [shopDomain, ids] of byShop) {
    context.prefetch(shopDomain, await storedFulfillmentShipments(client, shopDomain, [...ids.fulfillments]));
    context.knowOrders(shopDomain, ids.orders, await cancelledOrderIds(client, shopDomain, [...ids.orders]));
  }
}

/** Every topic Trackline subscribes to (shopify.app.toml) and what handles it. */
export const WEBHOOK_HANDLERS: Readonly<Record<string, WebhookHandler>> = {
  "fulfillments/create": fulfillmentChanged,
  "fulfillments/update": fulfillmentChanged,
  "orders/cancelled": orderCancelled,
  "orders/create": orderCreated,
  "app/uninstalled": appUninstalled,
  "app/scopes_update": scopesUpdate,
  "customers/data_request": customersDataRequest,
  "customers/redact": customersRedact,
  "shop/redact": shopRedact,
  "disputes/create": disputeChanged,
  "disputes/update": disputeChanged,
  "returns/request": returnChanged,
  "returns/approve": returnChanged,
  "returns/update": returnChanged,
  "returns/cancel": returnChanged,
  "returns/decline": returnChanged,
  "returns/close": returnChanged,
  "reverse_deliveries/attach_deliverable": reverseDeliveryAttached,
  // Not a subscription: Flow's lifecycle callbacks kept for replay when their body was unusable.
  [FLOW_LIFECYCLE_TOPIC]: flowLifecycleReplay,
};

/** Shopify sends topics as "fulfillments/create" in the header, "FULFILLMENTS_CREATE" in some contexts. */
export function canonicalTopic(topic: string): string {
  if (topic.includes("/")) return topic.toLowerCase();
  const flat = topic.toLowerCase();
  // Resources with an underscore of their own ("REVERSE_DELIVERIES_ATTACH_DELIVERABLE") are looked up.
  const known = Object.keys(WEBHOOK_HANDLERS).find((name) => name.replace("/", "_") === flat);
  return known ?? flat.replace("_", "/");
}
