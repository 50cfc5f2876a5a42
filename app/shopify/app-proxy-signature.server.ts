import crypto from "node:crypto";

/**
 * Shopify's app-proxy signature, checked synchronously with node:crypto. The rules are those of
 * `@shopify/shopify-api` (utils.validateHmac with signator "appProxy", as
 * `authenticate.public.appProxy` calls it), which this replaces on the storefront's hot path:
 * the library signs with WebCrypto (asynchronous, several times the CPU), logs every request at
 * info level and loads the shop's offline session, none of which the tracking page needs.
 *
 * - Values of a repeated key are joined with ","; `shop`, `signature`, `timestamp` and `hmac`
 *   may appear only once. An empty `index` is dropped.
 * - The message is every `key=value` except `signature` and `hmac`, keys sorted by
 *   localeCompare, concatenated without separator; the signature is its hex HMAC-SHA256 keyed
 *   with the app's secret.
 * - `timestamp` must be an integer within 90 seconds of now.
 * - When the check fails, it is retried with the `_data` parameter Remix strips from the URL
 *   (`routes/<path>`, then `routes/<path>._index`), as the library does.
 */
const CLOCK_TOLERANCE_SECONDS = 90;
const SINGLE_VALUE = new Set(["hmac", "shop", "signature", "timestamp"]);

export type AppProxyCheck = { ok: true } | { ok: false; reason: "missing_signature" | "duplicate_parameter" | "bad_timestamp" | "stale_timestamp" | "bad_signature" };

function normalize(params: URLSearchParams): Map<string, string> | null {
  const query = new Map<string, string>();
  for (const [key, value] of params) {
    const existing = query.get(key);
    if (existing === undefined) query.set(key, value);
    else if (SINGLE_VALUE.has(key)) return null;
    else query.set(key, `${existing},${value}`);
  }
  return query;
}

function signatureMatches(query: Map<string, string>, secret: string): boolean {
  const message = [...query.entries()]
    .filter(([key]) => key !== "signature" && key !== "hmac")
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value}`)
    .join("");
  const expected = Buffer.from(crypto.createHmac("sha256", secret).update(message).digest("hex"));
  const given = Buffer.from(query.get("signature") ?? "");
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

function check(params: URLSearchParams, secret: string, nowSeconds: number): AppProxyCheck {
  const query = normalize(params);
  if (!query) return { ok: false, reason: "duplicate_parameter" };
  if (!query.get("signature")) return { ok: false, reason: "missing_signature" };
  const timestamp = Number(query.get("timestamp") ?? Number.NaN);
  if (!query.has("timestamp") || !Number.isInteger(timestamp)) return { ok: false, reason: "bad_timestamp" };
  if (Math.abs(nowSeconds - timestamp) > CLOCK_TOLERANCE_SECONDS) return { ok: false, reason: "stale_timestamp" };
  return signatureMatches(query, secret) ? { ok: true } : { ok: false, reason: "bad_signature" };
}

export function verifyAppProxySignature(url: URL, secret: string, nowSeconds = Math.trunc(Date.now() / 1000)): AppProxyCheck {
  const params = new URLSearchParams(url.search);
  if (!params.get("index")) params.delete("index");
  const first = check(params, secret, nowSeconds);
  if (first.ok || first.reason !== "bad_signature") return first;
  const route = `routes%2F${url.pathname.replace(/^\//, "").replace(/\/$/, "").replaceAll("/", ".")}`;
  const search = url.search.replace(/^\?/, "");
  for (const data of [route, `${route}._index`]) {
    const retried = check(new URLSearchParams(`?_data=${data}&${data === route ? params.toString() : search}`), secret, nowSeconds);
    if (retried.ok) return retried;
  }
  return first;
}
