import "@shopify/shopify-api/adapters/web-api";
import crypto from "node:crypto";
import { ApiVersion, shopifyApi, WebhookValidationErrorReason } from "@shopify/shopify-api";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TEST_APP } from "~/testing/shopify-requests";
import { verifyWebhookRequest, type WebhookCheck } from "./webhook-signature.server";

/**
 * Ingestion's webhook check replaces the Shopify library's on the hot path; it must agree with
 * the library's verdict (and the fields it reports) on every kind of delivery, authentic or not.
 */
const api = shopifyApi({
  apiKey: TEST_APP.apiKey,
  apiSecretKey: TEST_APP.apiSecret,
  apiVersion: ApiVersion.October25,
  hostName: "trackline.test",
  isEmbeddedApp: true,
  logger: { level: 0 },
});

type Verdict = { ok: true; topic: string; shop: string; webhookId: string; apiVersion: string } | { ok: false; status: 400 | 401 };

/** What `authenticate.webhook` would answer: 401 for a bad HMAC, 400 for anything else invalid. */
async function libraryVerdict(headers: Record<string, string>, body: string): Promise<Verdict> {
  const request = new Request("https://trackline.test/webhooks/fulfillments/create", { method: "POST", headers, body: body.length ? body : null });
  const check = await api.webhooks.validate({ rawBody: body, rawRequest: request });
  if (!check.valid) return { ok: false, status: check.reason === WebhookValidationErrorReason.InvalidHmac ? 401 : 400 };
  return { ok: true, topic: check.topic, shop: check.domain, webhookId: check.webhookId, apiVersion: check.apiVersion };
}

function ours(headers: Record<string, string>, body: string): WebhookCheck {
  return verifyWebhookRequest(new Headers(headers), body, TEST_APP.apiSecret);
}

function signed(body: string, overrides: Record<string, string | null> = {}, secret: string = TEST_APP.apiSecret): Record<string, string> {
  const headers: Record<string, string | null> = {
    "Content-Type": "application/json",
    "X-Shopify-Topic": "fulfillments/create",
    "X-Shopify-Shop-Domain": TEST_APP.shop,
    "X-Shopify-Hmac-Sha256": crypto.createHmac("sha256", secret).update(body, "utf8").digest("base64"),
    "X-Shopify-Webhook-Id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
    "X-Shopify-API-Version": "2026-07",
    ...overrides,
  };
  return Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== null));
}

const body = JSON.stringify({ id: 255858046, order_id: 450789469, tracking_numbers: ["1Z999AA10123456784"], name: "#1001.1 ✓" });
const cases: [string, Record<string, string>, string][] = [
  ["valid", signed(body), body],
  ["valid, lower-case header names", Object.fromEntries(Object.entries(signed(body)).map(([key, value]) => [key.toLowerCase(), value])), body],
  ["valid, dotted topic", signed(body, { "X-Shopify-Topic": "orders.cancelled" }), body],
  ["valid, not JSON (the signature covers bytes, not meaning)", signed("{not json"), "{not json"],
  ["another secret", signed(body, {}, "forged"), body],
  ["body changed after signing", signed(body), body.replace("#1001", "#1002")],
  ["signature in hex", signed(body, { "X-Shopify-Hmac-Sha256": crypto.createHmac("sha256", TEST_APP.apiSecret).update(body).digest("hex") }), body],
  ["signature truncated", signed(body, { "X-Shopify-Hmac-Sha256": signed(body)["X-Shopify-Hmac-Sha256"]!.slice(0, 43) }), body],
  ["no signature", signed(body, { "X-Shopify-Hmac-Sha256": null }), body],
  ["empty body", signed(""), ""],
  ["no topic", signed(body, { "X-Shopify-Topic": null }), body],
  ["no shop", signed(body, { "X-Shopify-Shop-Domain": null }), body],
  ["no API version", signed(body, { "X-Shopify-API-Version": null }), body],
  ["no webhook id", signed(body, { "X-Shopify-Webhook-Id": null }), body],
  ["no topic and a bad signature", signed(body, { "X-Shopify-Topic": null }, "forged"), body],
];

describe("verifyWebhookRequest agrees with Shopify's library", () => {
  it.each(cases)("%s", async (_name, headers, text) => {
    expect(ours(headers, text)).toEqual(await libraryVerdict(headers, text));
  });

  it("accepts the valid cases and refuses the others with the library's status (the table above means something)", () => {
    const verdicts = cases.map(([name, headers, text]) => [name, ours(headers, text)] as const);
    expect(verdicts.filter(([, verdict]) => verdict.ok === true).map(([name]) => name)).toEqual([
      "valid",
      "valid, lower-case header names",
      "valid, dotted topic",
      "valid, not JSON (the signature covers bytes, not meaning)",
    ]);
    expect(verdicts.filter(([, verdict]) => verdict.ok === false && verdict.status === 401).map(([name]) => name)).toEqual([
      "another secret",
      "body changed after signing",
      "signature in hex",
      "signature truncated",
      "no topic and a bad signature",
    ]);
  });

  it("agrees on arbitrary bodies, signed, tampered or signed with another secret", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", minLength: 0, maxLength: 300 }), fc.constantFrom("signed", "tampered", "forged"), async (text, kind) => {
        const headers = signed(text, {}, kind === "forged" ? "another-secret" : TEST_APP.apiSecret);
        const delivered = kind === "tampered" ? `${text} ` : text;
        expect(ours(headers, delivered)).toEqual(await libraryVerdict(headers, delivered));
      }),
      { numRuns: 200 },
    );
  });

  it("judges each delivery with the secret it is given, its key made once per secret (a rotation, an empty secret)", () => {
    const body = JSON.stringify({ id: 1 });
    const [first, second] = ["first-secret", "second-secret"];
    const check = (secret: string, signedWith: string) => verifyWebhookRequest(new Headers(signed(body, {}, signedWith)), body, secret).ok;
    expect([check(first, first), check(second, first), check(second, second), check(first, second), check(first, first)]).toEqual([true, false, true, false, true]);
    expect(verifyWebhookRequest(new Headers(signed(body, {}, "")), body, "").ok).toBe(true);
    expect(verifyWebhookRequest(new Headers(signed(body, {}, "")), body, first)).toEqual({ ok: false, status: 401 });
    expect(verifyWebhookRequest(new Headers(signed(body)), new TextEncoder().encode(body), TEST_APP.apiSecret).ok).toBe(true);
  });

  it("leaves deliveries signed with the events header family to the library", () => {
    expect(ours({ ...signed(body), "shopify-hmac-sha256": "x" }, body)).toEqual({ ok: "library" });
  });
});
