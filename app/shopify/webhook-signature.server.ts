import crypto from "node:crypto";

/**
 * Shopify's webhook signature and headers, checked synchronously with node:crypto. The rules are
 * those of `@shopify/shopify-api` (`webhooks.validate`, as `authenticate.webhook` calls it), which
 * this replaces on the ingestion hot path: the library signs with WebCrypto (asynchronous,
 * several times the CPU), canonicalises every header name on each lookup and loads the shop's
 * offline session, none of which storing a delivery needs.
 *
 * - An empty body, or no `X-Shopify-Hmac-Sha256`, is refused as a bad request (400).
 * - The header must equal the base64 HMAC-SHA256 of the body's text keyed with the app's
 *   secret, compared in constant time; otherwise 401.
 * - Then topic, shop domain, API version and webhook id must all be present (400 otherwise).
 * - The topic is reported as the library stores it ("FULFILLMENTS_CREATE").
 *
 * Deliveries signed with the newer `shopify-hmac-sha256` header family (Shopify's events
 * webhooks) are not decided here (`"library"`): the caller lets the library judge those.
 */
export type WebhookCheck =
  | { ok: true; topic: string; shop: string; webhookId: string; apiVersion: string }
  | { ok: false; status: 400 | 401 }
  | { ok: "library" };

/** The secret as a key object, made once per secret rather than on every delivery. */
const secretKeys = new Map<string, crypto.KeyObject>();

function secretKey(secret: string): crypto.KeyObject | string {
  // A key object cannot be empty; an empty secret is left to createHmac as a string.
  if (secret.length === 0) return secret;
  let key = secretKeys.get(secret);
  if (!key) {
    // A process has one secret, or two during a rotation; the bound only guards against misuse.
    if (secretKeys.size >= 16) secretKeys.clear();
    key = crypto.createSecretKey(Buffer.from(secret, "utf8"));
    secretKeys.set(secret, key);
  }
  return key;
}

/** `rawBody` is the text as received, or its bytes when they are not UTF-8 (the signature covers the bytes). */
export function verifyWebhookRequest(headers: Pick<Headers, "get">, rawBody: string | Uint8Array, secret: string): WebhookCheck {
  if (headers.get("shopify-hmac-sha256")) return { ok: "library" };
  if (rawBody.length === 0) return { ok: false, status: 400 };
  const hmac = headers.get("x-shopify-hmac-sha256");
  if (!hmac) return { ok: false, status: 400 };
  const expected = Buffer.from((typeof rawBody === "string" ? crypto.createHmac("sha256", secretKey(secret)).update(rawBody, "utf8") : crypto.createHmac("sha256", secretKey(secret)).update(rawBody)).digest("base64"));
  const given = Buffer.from(hmac);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { ok: false, status: 401 };
  const topic = headers.get("x-shopify-topic");
  const shop = headers.get("x-shopify-shop-domain");
  const apiVersion = headers.get("x-shopify-api-version");
  const webhookId = headers.get("x-shopify-webhook-id");
  if (!topic || !shop || !apiVersion || !webhookId) return { ok: false, status: 400 };
  return { ok: true, topic: topic.toUpperCase().replace(/\/|\./g, "_"), shop, webhookId, apiVersion };
}
