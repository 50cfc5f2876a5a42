import { database } from "../../data/client.server";
import { authenticate, sessionStorage } from "../../shopify/shopify.server";
import { webhookBatcher } from "./webhook-batcher";
import { recordUnreadableWebhook } from "./webhook-inbox";
import { canonicalTopic } from "./webhook-topics";

/**
 * The whole of a webhook route: Shopify's library verifies the HMAC (401 when it fails, 400 when
 * required headers are missing), then the delivery is processed once and acknowledged with 200
 * — also when its payload is unusable, which is stored for `cli webhooks replay` instead of
 * making Shopify retry for hours. `acceptedTopics` are the topics the route's address is
 * subscribed to; another topic arriving there is kept as a failed delivery.
 */
export async function receiveShopifyWebhook(request: Request, acceptedTopics: readonly string[], now: () => Date = () => new Date()): Promise<Response> {
  if (request.method !== "POST") return new Response(null, { status: 405, headers: { Allow: "POST" } });
  // Read once, so an authentic but unreadable body can still be stored.
  const rawBody = await request.text();
  const copy = new Request(request.url, { method: "POST", headers: request.headers, body: rawBody });
  const { db } = database();
  let context: Awaited<ReturnType<typeof authenticate.webhook>>;
  try {
    context = await authenticate.webhook(copy);
  } catch (error) {
    // The library parses JSON only after the HMAC held: a SyntaxError is an authentic delivery.
    if (!(error instanceof SyntaxError)) throw error;
    await recordUnreadableWebhook(
      db,
      {
        topic: canonicalTopic(request.headers.get("X-Shopify-Topic") ?? "unknown"),
        shopDomain: request.headers.get("X-Shopify-Shop-Domain") ?? "unknown",
        webhookId: request.headers.get("X-Shopify-Webhook-Id") ?? "unknown",
        apiVersion: request.headers.get("X-Shopify-API-Version"),
      },
      rawBody,
      `body is not valid JSON: ${error.message}`,
      now(),
    );
    return new Response(null, { status: 200 });
  }
  const delivery = {
    topic: canonicalTopic(context.topic),
    shopDomain: context.shop,
    webhookId: context.webhookId,
    apiVersion: context.apiVersion ?? null,
    payload: context.payload as unknown,
  };
  if (!acceptedTopics.includes(delivery.topic)) {
    await recordUnreadableWebhook(db, delivery, rawBody, `topic ${delivery.topic} is not handled at ${new URL(request.url).pathname}`, now());
    return new Response(null, { status: 200 });
  }
  await webhookBatcher(db).submit({ delivery, now: now(), rawBody });
  // These topics change the shop's session rows directly (deleted, new scope).
  if (delivery.topic === "app/uninstalled" || delivery.topic === "app/scopes_update") sessionStorage.forgetShop(delivery.shopDomain);
  return new Response(null, { status: 200 });
}
