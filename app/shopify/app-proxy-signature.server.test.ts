import "@shopify/shopify-api/adapters/node";
import crypto from "node:crypto";
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import { describe, expect, it } from "vitest";
import { appProxyUrl, TEST_APP } from "~/testing/shopify-requests";
import { verifyAppProxySignature } from "./app-proxy-signature.server";

/**
 * The storefront's app-proxy check replaces the Shopify library's on the hot path; it must agree
 * with the library's verdict on every kind of request, valid or not.
 */
const api = shopifyApi({
  apiKey: TEST_APP.apiKey,
  apiSecretKey: TEST_APP.apiSecret,
  apiVersion: ApiVersion.October25,
  hostName: "trackline.test",
  isEmbeddedApp: true,
  logger: { level: 0 },
});

async function libraryAccepts(url: URL): Promise<boolean> {
  const params = new URLSearchParams(url.search);
  if (!params.get("index")) params.delete("index");
  try {
    return await api.utils.validateHmac(params, { signator: "appProxy" });
  } catch {
    return false;
  }
}

function signRaw(pairs: [string, string][], secret = TEST_APP.apiSecret): string {
  const joined = new Map<string, string>();
  for (const [key, value] of pairs) joined.set(key, joined.has(key) ? `${joined.get(key)},${value}` : value);
  const message = [...joined.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value}`)
    .join("");
  const signature = crypto.createHmac("sha256", secret).update(message).digest("hex");
  const query = new URLSearchParams(pairs);
  query.append("signature", signature);
  return `${TEST_APP.appUrl}/apps/track?${query.toString()}`;
}

const now = Math.floor(Date.now() / 1000);
const cases: [string, string][] = [
  ["valid", appProxyUrl("/apps/track")],
  ["valid, logged-in customer", appProxyUrl("/apps/track", { loggedInCustomerId: "7001" })],
  ["valid, extra parameters", appProxyUrl("/apps/track", { extra: { order: "#1001", contact: "a@b.c", locale: "fr" } })],
  ["valid, repeated non-signed-key parameter", signRaw([["shop", TEST_APP.shop], ["timestamp", String(now)], ["ids", "1"], ["ids", "2"], ["path_prefix", "/apps/track"]])],
  ["valid, unicode value", appProxyUrl("/apps/track", { extra: { q: "Zürich ✓" } })],
  ["another secret", appProxyUrl("/apps/track", { secret: "forged" })],
  ["stale timestamp", appProxyUrl("/apps/track", { timestamp: now - 600 })],
  ["future timestamp", appProxyUrl("/apps/track", { timestamp: now + 600 })],
  ["just inside tolerance", appProxyUrl("/apps/track", { timestamp: now - 60 })],
  ["non-integer timestamp", signRaw([["shop", TEST_APP.shop], ["timestamp", "12.5"]])],
  ["no timestamp", signRaw([["shop", TEST_APP.shop]])],
  ["duplicate shop", signRaw([["shop", TEST_APP.shop], ["shop", "other.myshopify.com"], ["timestamp", String(now)]])],
  ["no signature", `${TEST_APP.appUrl}/apps/track?shop=${TEST_APP.shop}&timestamp=${now}`],
];

describe("verifyAppProxySignature agrees with Shopify's library", () => {
  it.each(cases)("%s", async (_name, href) => {
    const url = new URL(href);
    expect(verifyAppProxySignature(url, TEST_APP.apiSecret).ok).toBe(await libraryAccepts(url));
  });

  it.each(cases.slice(0, 5))("%s, then tampered", async (_name, href) => {
    const url = new URL(href);
    url.searchParams.set("shop", "someone-else.myshopify.com");
    expect(verifyAppProxySignature(url, TEST_APP.apiSecret).ok).toBe(false);
    expect(await libraryAccepts(url)).toBe(false);
  });

  it("accepts the valid cases and rejects the others (the table above means something)", () => {
    const verdicts = cases.map(([name, href]) => [name, verifyAppProxySignature(new URL(href), TEST_APP.apiSecret).ok]);
    expect(verdicts.filter(([, ok]) => ok).map(([name]) => name)).toEqual(["valid", "valid, logged-in customer", "valid, extra parameters", "valid, repeated non-signed-key parameter", "valid, unicode value", "just inside tolerance"]);
  });

  it("accepts a query whose _data parameter Remix removed before the loader ran", () => {
    const signedWithData = signRaw([["_data", "routes/apps.track"], ["shop", TEST_APP.shop], ["timestamp", String(now)]]);
    const url = new URL(signedWithData);
    url.searchParams.delete("_data");
    expect(verifyAppProxySignature(url, TEST_APP.apiSecret).ok).toBe(true);
  });
});
