import { fulfillmentWebhookPayload } from "~/services/ingestion/fulfillment-webhook-builder.server";
import type { QueuedDelivery } from "~/services/ingestion/webhook-inbox.server";
import { TEST_APP } from "./shopify-requests";

/** When the fulfillments these deliveries describe were created. */
export const FULFILLED_AT = new Date("2026-11-20T10:00:00Z");

/**
 * A signed `fulfillments/create` delivery of the test shop as the group commit receives it (the
 * payload as Shopify's JSON gives it): one UPS parcel per tracking number, to the US, one line
 * item. `now` is when it is processed; `updatedAt` is the fulfillment's own.
 */
export function queuedFulfillmentCreate(
  webhookId: string,
  fulfillmentId: number,
  trackingNumbers: string[],
  options: { now: Date; updatedAt?: Date; email?: string },
): QueuedDelivery {
  return {
    delivery: {
      topic: "fulfillments/create",
      shopDomain: TEST_APP.shop,
      webhookId,
      apiVersion: "2026-10",
      payload: JSON.parse(
        JSON.stringify(
          fulfillmentWebhookPayload({
            fulfillmentId,
            orderId: fulfillmentId + 1,
            orderName: `#${fulfillmentId}`,
            createdAt: FULFILLED_AT,
            ...(options.updatedAt ? { updatedAt: options.updatedAt } : {}),
            trackingCompany: "UPS",
            trackingNumbers,
            destinationCountry: "US",
            lineItemCount: 1,
            ...(options.email ? { email: options.email } : {}),
          }),
        ),
      ) as unknown,
    },
    now: options.now,
  };
}
