import crypto from "node:crypto";

/**
 * Builds requests exactly as Shopify signs them, with the test app's real secret (see the vitest
 * config's env), so tests exercise the real verification code in the Shopify libraries.
 */
export const TEST_APP = {
  apiKey: "trackline-test-api-key",
  apiSecret: "trackline-test-api-secret",
  appUrl: "https://trackline.test",
  shop: "test-shop.myshopify.com",
} as const;

export interface WebhookRequestOptions {
  topic: string;
  body: unknown;
  shop?: string;
  webhookId?: string;
  apiVersion?: string;
  /** Sign with another secret (a forged delivery). */
  secret?: string;
  /** Change the body after signing (a tampered delivery). */
  tamper?: (raw: string) => string;
  path?: string;
}

export function signedWebhookRequest(options: WebhookRequestOptions): Request {
  const raw = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  const hmac = crypto
    .createHmac("sha256", options.secret ?? TEST_APP.apiSecret)
    .update(raw, "utf8")
    .digest("base64");
  const path = options.path ?? `/webhooks/${options.topic.replace(/\//g, "/")}`;
  return new Request(`${TEST_APP.appUrl}${path}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": options.topic,
      "X-Shopify-Shop-Domain": options.shop ?? TEST_APP.shop,
      "X-Shopify-Hmac-Sha256": hmac,
      "X-Shopify-Webhook-Id": options.webhookId ?? crypto.randomUUID(),
      "X-Shopify-Event-Id": crypto.randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
      "X-Shopify-API-Version": options.apiVersion ?? "2026-10",
    },
    body: options.tamper ? options.tamper(raw) : raw,
  });
}

function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString("base64url");
}

export interface SessionTokenOptions {
  shop?: string;
  /** Admin user id (admin tokens) or customer gid (customer-account tokens). */
  sub?: string;
  secret?: string;
  audience?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  /** Extra or overriding claims. */
  claims?: Record<string, unknown>;
}

/** An HS256 session token (JWT) as App Bridge or a UI extension would send it. */
export function sessionToken(options: SessionTokenOptions = {}): string {
  const shop = options.shop ?? TEST_APP.shop;
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    iss: `https://${shop}/admin`,
    dest: `https://${shop}`,
    aud: options.audience ?? TEST_APP.apiKey,
    sub: options.sub ?? "42",
    exp: now + (options.expiresIn ?? 60),
    nbf: now - 5,
    iat: now - 5,
    jti: crypto.randomUUID(),
    sid: crypto.randomUUID(),
    ...options.claims,
  };
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = base64url(JSON.stringify(payload));
  const signature = crypto
    .createHmac("sha256", options.secret ?? TEST_APP.apiSecret)
    .update(`${header}.${body}`)
    .digest("base64url");
  return `${header}.${body}.${signature}`;
}

export interface AppProxyOptions {
  shop?: string;
  loggedInCustomerId?: string;
  pathPrefix?: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  secret?: string;
  extra?: Record<string, string>;
}

/**
 * The URL Shopify forwards an app-proxy request to: the query carries `signature`, the hex
 * HMAC-SHA256 of the sorted `key=value` pairs joined with nothing between them.
 */
export function appProxyUrl(path: string, options: AppProxyOptions = {}): string {
  const params: Record<string, string> = {
    shop: options.shop ?? TEST_APP.shop,
    logged_in_customer_id: options.loggedInCustomerId ?? "",
    path_prefix: options.pathPrefix ?? "/apps/track",
    timestamp: String(options.timestamp ?? Math.floor(Date.now() / 1000)),
    ...options.extra,
  };
  const message = Object.keys(params)
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join("");
  const signature = crypto
    .createHmac("sha256", options.secret ?? TEST_APP.apiSecret)
    .update(message)
    .digest("hex");
  const query = new URLSearchParams({ ...params, signature });
  return `${TEST_APP.appUrl}${path}?${query.toString()}`;
}
