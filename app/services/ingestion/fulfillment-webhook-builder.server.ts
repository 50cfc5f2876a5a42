import crypto from "node:crypto";
import { SHOPIFY_API_VERSION } from "~/config/api-version";

/**
 * Builds `fulfillments/create` / `fulfillments/update` deliveries exactly as Shopify sends them
 * (REST payload shape of API 2026-10, HMAC-signed headers). The demo seeds through it and the
 * webhook benchmark fires it, so both exercise the real webhook route end to end.
 */
export interface FulfillmentWebhookInput {
  fulfillmentId: number;
  orderId: number;
  /** The order's name ("#1001"); the fulfillment is named "#1001.<sequence>". */
  orderName: string;
  sequence?: number;
  status?: "success" | "cancelled" | "error" | "failure" | "open" | "pending";
  createdAt: Date;
  updatedAt?: Date;
  trackingCompany: string | null;
  trackingNumbers: string[];
  trackingUrls?: string[];
  destinationCountry: string;
  lineItemCount: number;
  email?: string | null;
  phone?: string | null;
}

const COUNTRY_NAMES: Readonly<Record<string, string>> = {
  US: "United States",
  CA: "Canada",
  GB: "United Kingdom",
  DE: "Germany",
  AU: "Australia",
  FR: "France",
};

export function fulfillmentWebhookPayload(input: FulfillmentWebhookInput): Record<string, unknown> {
  const updatedAt = input.updatedAt ?? input.createdAt;
  return {
    id: input.fulfillmentId,
    admin_graphql_api_id: `gid://shopify/Fulfillment/${input.fulfillmentId}`,
    created_at: input.createdAt.toISOString(),
    location_id: 905684977,
    name: `${input.orderName}.${input.sequence ?? 1}`,
    order_id: input.orderId,
    origin_address: null,
    receipt: {},
    service: "manual",
    shipment_status: null,
    status: input.status ?? "success",
    tracking_company: input.trackingCompany,
    tracking_number: input.trackingNumbers[0] ?? null,
    tracking_numbers: input.trackingNumbers,
    tracking_url: input.trackingUrls?.[0] ?? null,
    tracking_urls: input.trackingUrls ?? [],
    updated_at: updatedAt.toISOString(),
    email: input.email ?? null,
    destination: {
      first_name: "Alex",
      last_name: "Rivera",
      address1: "1 Main Street",
      city: "Springfield",
      zip: "00000",
      province: null,
      country: COUNTRY_NAMES[input.destinationCountry] ?? input.destinationCountry,
      country_code: input.destinationCountry,
      phone: input.phone ?? null,
      name: "Alex Rivera",
    },
    line_items: Array.from({ length: input.lineItemCount }, (_, index) => ({
      id: input.fulfillmentId * 10 + index,
      admin_graphql_api_id: `gid://shopify/LineItem/${input.fulfillmentId * 10 + index}`,
      fulfillable_quantity: 0,
      fulfillment_status: "fulfilled",
      name: `Item ${index + 1}`,
      quantity: 1,
      requires_shipping: true,
      sku: `SKU-${index + 1}`,
    })),
  };
}

export interface SignedDelivery {
  body: string;
  headers: Record<string, string>;
}

/** Headers and body of a delivery signed with the app's secret (HMAC-SHA256, base64). */
export function signWebhookDelivery(options: {
  topic: string;
  shopDomain: string;
  secret: string;
  payload: unknown;
  webhookId?: string;
}): SignedDelivery {
  const body = JSON.stringify(options.payload);
  return {
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": options.topic,
      "X-Shopify-Shop-Domain": options.shopDomain,
      "X-Shopify-Hmac-Sha256": crypto.createHmac("sha256", options.secret).update(body, "utf8").digest("base64"),
      "X-Shopify-Webhook-Id": options.webhookId ?? crypto.randomUUID(),
      "X-Shopify-Event-Id": crypto.randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
      "X-Shopify-API-Version": SHOPIFY_API_VERSION,
    },
  };
}
