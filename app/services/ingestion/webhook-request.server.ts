import { appEnv } from "~/config/env.server";
import { database } from "~/data/client.server";
import { appSecret, authenticate, sessionStorage } from "~/shopify/shopify.server";
import { verifyWebhookRequest } from "~/shopify/webhook-signature.server";
import { normalizeTrackingNumber } from "~/domain/tracking-number/detect";
import { applyPendingPushes } from "~/services/sync/carrier-push.server";
import { sharedSyncEngine } from "~/services/sync/engine-factory.server";
import { fulfillmentWebhookParser, webhookSnapshot } from "./fulfillment-payload.server";
import { webhookBatcher, type CommittedDelivery } from "./webhook-batcher";
import { recordUnreadableWebhook } from "./webhook-inbox.server";
import { canonicalTopic } from "./webhook-topics.server";

/**
 * The whole of a webhook route: the HMAC is verified by Shopify's rules (401 when it fails, 400
 * when required headers are missing; see webhook-signature.server.ts), then the delivery is processed once and acknowledged with 200
 * — also when its payload is unusable, which is stored for `cli webhooks replay` instead of
 * making Shopify retry for hours. `acceptedTopics` are the topics the route's address is
 * subscribed to; another topic arriving there is kept as a failed delivery.
 */
export async function receiveShopifyWebhook(request: Request, acceptedTopics: readonly string[], now: () => Date = () => new Date()): Promise<Response> {
  if (request.method !== "POST") return new Response(null, { status: 405, headers: { Allow: "POST" } });
  // Read once, as bytes, so an authentic but unreadable body can still be stored as it came.
  const body = new Uint8Array(await request.arrayBuffer());
  const status = await answerShopifyWebhook(
    {
      pathname: new URL(request.url).pathname,
      headers: request.headers,
      body,
      libraryRequest: (rawBody) => new Request(request.url, { method: "POST", headers: request.headers, body: rawBody }),
    },
    acceptedTopics,
    now,
  );
  return new Response(null, { status });
}

/** A POSTed webhook delivery, from a Fetch request (the Remix routes) or straight off the server's socket. */
export interface ReceivedWebhook {
  /** The address it was sent to (named in the note of a topic that does not belong there). */
  pathname: string;
  /** Header lookup by name, case-insensitive, as Fetch's `Headers.get`. */
  headers: Pick<Headers, "get">;
  /** The body as received. */
  body: Uint8Array;
  /**
   * The request for Shopify's library, which judges deliveries signed with the newer
   * `shopify-hmac-sha256` header family; a caller that never passes those on may leave it out.
   */
  libraryRequest?: (rawBody: string) => Request;
}

/**
 * The status a POSTed delivery is answered with (200, 400, 401), after it was processed; see
 * receiveShopifyWebhook. Rejects when the delivery could not be stored (database unavailable),
 * which the server answers 500 so that Shopify retries.
 */
export async function answerShopifyWebhook(request: ReceivedWebhook, acceptedTopics: readonly string[], now: () => Date = () => new Date()): Promise<200 | 400 | 401> {
  const { body: bytes } = request;
  const { db } = database();
  let rawBody: string;
  try {
    rawBody = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return keepUndecodableBody(db, request, bytes, now());
  }
  const verdict = verifyWebhookRequest(request.headers, rawBody, appSecret);
  if (verdict.ok === false) return verdict.status;
  let context: { topic: string; shop: string; webhookId: string; apiVersion?: string | null; payload: unknown };
  try {
    if (verdict.ok === "library") {
      if (!request.libraryRequest) throw new Error("a delivery signed with the shopify-hmac-sha256 headers needs the library's request");
      context = await authenticate.webhook(request.libraryRequest(rawBody));
    } else {
      context = { topic: verdict.topic, shop: verdict.shop, webhookId: verdict.webhookId, apiVersion: verdict.apiVersion, payload: JSON.parse(rawBody) as unknown };
    }
  } catch (error) {
    // JSON is parsed only after the HMAC held: a SyntaxError is an authentic delivery.
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
    return 200;
  }
  const delivery = {
    topic: canonicalTopic(context.topic),
    shopDomain: context.shop,
    webhookId: context.webhookId,
    apiVersion: context.apiVersion ?? null,
    payload: context.payload,
  };
  if (!acceptedTopics.includes(delivery.topic)) {
    await recordUnreadableWebhook(db, delivery, rawBody, `topic ${delivery.topic} is not handled at ${request.pathname}`, now());
    return 200;
  }
  // Kept carrier pushes for the batch's new parcels are applied after its commit, before this answer.
  await webhookBatcher(db, { windowMs: appEnv().WEBHOOK_COMMIT_WINDOW_MS, afterCommit: applyKeptCarrierPushes }).submit({ delivery, now: now(), rawBody });
  // These topics change the shop's session rows directly (deleted, new scope).
  if (delivery.topic === "app/uninstalled" || delivery.topic === "app/scopes_update") sessionStorage.forgetShop(delivery.shopDomain);
  return 200;
}

/**
 * A body that is not UTF-8 is verified over its bytes (the decoded text would no longer be the
 * signed bytes), and an authentic one is kept byte for byte as a failed delivery.
 */
async function keepUndecodableBody(db: ReturnType<typeof database>["db"], request: ReceivedWebhook, bytes: Uint8Array, now: Date): Promise<200 | 400 | 401> {
  const verdict = verifyWebhookRequest(request.headers, bytes, appSecret);
  // The events header family is the library's to judge, and the library cannot judge bytes.
  if (verdict.ok !== true) return verdict.ok === false ? verdict.status : 400;
  const { topic, shop: shopDomain, webhookId, apiVersion } = verdict;
  await recordUnreadableWebhook(
    db,
    { topic: canonicalTopic(topic), shopDomain, webhookId, apiVersion },
    bytes,
    "body is not UTF-8 text",
    now,
  );
  return 200;
}

/**
 * Carrier pushes that arrived before these fulfillments' shipments existed are applied now, in
 * one read for the whole committed batch. The deliveries are already committed and answered by
 * their own outcomes: a failure here only leaves the pushes kept (until they expire or the next
 * delivery of the fulfillment).
 */
async function applyKeptCarrierPushes(db: ReturnType<typeof database>["db"], committed: CommittedDelivery[]): Promise<void> {
  const numbers = new Set<string>();
  let now: Date | null = null;
  for (const { item, result } of committed) {
    if (result.outcome !== "processed" || !item.delivery.topic.startsWith("fulfillments/")) continue;
    const parsed = fulfillmentWebhookParser.safeParse(item.delivery.payload);
    if (!parsed.success) continue;
    for (const entry of webhookSnapshot(parsed.data).tracking) numbers.add(normalizeTrackingNumber(entry.number) || entry.number.trim());
    if (!now || item.now > now) now = item.now;
  }
  if (!now) return;
  try {
    await applyPendingPushes(db, [...numbers], sharedSyncEngine, now);
  } catch (error) {
    console.warn(`Kept carrier pushes not applied yet: ${error instanceof Error ? error.message : String(error)}`);
  }
}
