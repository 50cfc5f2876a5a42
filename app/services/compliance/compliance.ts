import { z } from "zod";
import {
  customerDataExport,
  eraseCustomerData,
  eraseShopData,
  recordComplianceRequest,
  type CustomerKeys,
} from "../../data/compliance.server";
import { parsePayload, type WebhookHandler } from "../ingestion/webhook-delivery";
import { hashCustomerEmail, hashCustomerPhone } from "../tracking-lookup/identity";
import { appEnv } from "../../config/env.server";
import { contactKey, openContact } from "../notifications/contacts.server";

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

function customerKeys(payload: z.infer<typeof customerSchema>): CustomerKeys {
  const orders = payload.orders_requested ?? payload.orders_to_redact ?? [];
  return {
    orderIds: orders.map((id) => `gid://shopify/Order/${id}`),
    emailHash: payload.customer.email ? hashCustomerEmail(payload.customer.email) : null,
    phoneHash: payload.customer.phone ? hashCustomerPhone(payload.customer.phone) : null,
  };
}

export const customersDataRequest: WebhookHandler = {
  transactional: true,
  async handle(client, delivery, now) {
    const payload = parsePayload(customerSchema, delivery.payload, delivery.topic);
    const { contacts, ...data } = await customerDataExport(client, delivery.shopDomain, customerKeys(payload));
    // Contact details kept for notifications, opened for the export (sealed at rest).
    const key = contactKey(appEnv());
    const notificationContacts = contacts.map((contact) => ({
      orderId: contact.orderId,
      locale: contact.locale,
      keptUntil: contact.purgeAfter,
      ...(key ? openContact(key, delivery.shopDomain, contact.orderId, contact.sealed) : { sealed: "cannot be opened without CREDENTIALS_KEY" }),
    }));
    await recordComplianceRequest(
      client,
      {
        shopDomain: delivery.shopDomain,
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
    const erased = await eraseCustomerData(client, delivery.shopDomain, customerKeys(payload));
    await recordComplianceRequest(
      client,
      { shopDomain: delivery.shopDomain, topic: delivery.topic, webhookId: delivery.webhookId, customerId: payload.customer.id, result: { erased } },
      now,
    );
    return { outcome: "processed", note: `erased ${erased.shipments} shipments`, orderId: null };
  },
};

export const shopRedact: WebhookHandler = {
  transactional: true,
  async handle(client, delivery, now) {
    parsePayload(shopSchema, delivery.payload, delivery.topic);
    const erased = await eraseShopData(client, delivery.shopDomain);
    await recordComplianceRequest(
      client,
      { shopDomain: delivery.shopDomain, topic: delivery.topic, webhookId: delivery.webhookId, customerId: null, result: { erased } },
      now,
    );
    return { outcome: "processed", note: `erased ${erased.shipments ?? 0} shipments`, orderId: null };
  },
};
