import { z } from "zod";
import {
  customerDataExport,
  eraseCustomerData,
  eraseShopData,
  recordComplianceRequest,
  type CustomerKeys,
} from "~/data/compliance.server";
import { parsePayload, PayloadError, type WebhookDelivery, type WebhookHandler } from "~/services/ingestion/webhook-delivery";
import { mentionsCustomer } from "~/domain/customer-mentions";
import { hashCustomerEmail, hashCustomerPhone, normalizeEmail, normalizePhone } from "~/data/identity.server";

/**
 * Shopify's mandatory compliance webhooks. We hold, per customer: shipments of their orders
 * (tracking numbers, carrier events with cities, destination country), hashes of their email
 * and phone, storefront lookups, write-backs, and webhook payloads kept for replay. A data
 * request exports exactly that (stored for the merchant, `npm run cli -- webhooks compliance`);
 * a redaction erases it; shop/redact erases the whole shop.
 */

const numericId = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);

const customerSchema = z.object({
  shop_domain: z.string().min(1),
  customer: z.object({ id: numericId, email: z.string().nullish(), phone: z.string().nullish() }).passthrough(),
  orders_requested: z.array(numericId).nullish(),
  orders_to_redact: z.array(numericId).nullish(),
  data_request: z.object({ id: numericId }).passthrough().nullish(),
}).passthrough();

const shopSchema = z.object({ shop_domain: z.string().min(1) }).passthrough();

/**
 * The shop a compliance request is about. Shopify's HMAC covers the body only, so the
 * X-Shopify-Shop-Domain header could be swapped on a replayed body: act on the signed
 * `shop_domain`, and refuse a delivery whose header names another shop (kept as failed, nothing erased).
 */
function signedShop(delivery: WebhookDelivery, payload: { shop_domain: string }): string {
  const shop = payload.shop_domain.trim().toLowerCase();
  if (shop !== delivery.shopDomain.trim().toLowerCase()) {
    throw new PayloadError(`shop_domain in the signed body (${payload.shop_domain}) does not match the X-Shopify-Shop-Domain header (${delivery.shopDomain}); nothing done`);
  }
  return shop;
}

function customerKeys(payload: z.infer<typeof customerSchema>): CustomerKeys {
  const orders = payload.orders_requested ?? payload.orders_to_redact ?? [];
  return {
    orderIds: orders.map((id) => `gid://shopify/Order/${id}`),
    emailHash: payload.customer.email ? hashCustomerEmail(payload.customer.email) : null,
    phoneHash: payload.customer.phone ? hashCustomerPhone(payload.customer.phone) : null,
    customerId: payload.customer.id,
  };
}

/** Recognises the customer in kept bodies by every identifier the request gives. */
function keptBodyMatcher(payload: z.infer<typeof customerSchema>) {
  const orderIds = payload.orders_to_redact ?? payload.orders_requested ?? [];
  return (body: string, topic: string, trackingNumbers: string[]) =>
    mentionsCustomer(body, topic, {
      email: payload.customer.email ? normalizeEmail(payload.customer.email) : null,
      phoneDigits: payload.customer.phone ? normalizePhone(payload.customer.phone) : null,
      customerId: payload.customer.id,
      orderIds,
      trackingNumbers,
    });
}

export const customersDataRequest: WebhookHandler = {
  transactional: true,
  async handle(client, delivery, now) {
    const payload = parsePayload(customerSchema, delivery.payload, delivery.topic);
    const shopDomain = signedShop(delivery, payload);
    const { contacts, ...data } = await customerDataExport(client, shopDomain, customerKeys(payload));
    // Contact details kept for notifications are listed still sealed: the stored export must not
    // become a plaintext copy at rest; CREDENTIALS_KEY opens them (openContact).
    const notificationContacts = contacts.map((contact) => ({
      orderId: contact.orderId,
      locale: contact.locale,
      keptUntil: contact.purgeAfter,
      fields: ["email", "phone", "firstName"],
      sealed: contact.sealed,
    }));
    await recordComplianceRequest(
      client,
      {
        shopDomain,
        topic: delivery.topic,
        webhookId: delivery.webhookId,
        customerId: payload.customer.id,
        result: { dataRequestId: payload.data_request?.id ?? null, ...data, notificationContacts },
      },
      now,
    );
    return { outcome: "processed", note: `exported ${data.shipments.length} shipments`, orderId: null };
  },
};

export const customersRedact: WebhookHandler = {
  transactional: true,
  async handle(client, delivery, now) {
    const payload = parsePayload(customerSchema, delivery.payload, delivery.topic);
    const shopDomain = signedShop(delivery, payload);
    const erased = await eraseCustomerData(client, shopDomain, customerKeys(payload), keptBodyMatcher(payload));
    await recordComplianceRequest(
      client,
      { shopDomain, topic: delivery.topic, webhookId: delivery.webhookId, customerId: payload.customer.id, result: { erased } },
      now,
    );
    return { outcome: "processed", note: `erased ${erased.shipments} shipments`, orderId: null };
  },
};

export const shopRedact: WebhookHandler = {
  transactional: true,
  async handle(client, delivery, now) {
    const shopDomain = signedShop(delivery, parsePayload(shopSchema, delivery.payload, delivery.topic));
    const erased = await eraseShopData(client, shopDomain);
    await recordComplianceRequest(
      client,
      { shopDomain, topic: delivery.topic, webhookId: delivery.webhookId, customerId: null, result: { erased } },
      now,
    );
    return { outcome: "processed", note: `erased ${erased.shipments ?? 0} shipments`, orderId: null };
  },
};
