import crypto from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { flowTriggerUses } from "~/data/flow-trigger-uses.server";
import { recordUnreadableWebhook, replayWebhook } from "~/services/ingestion/webhook-inbox.server";
import { TEST_APP } from "~/testing/shopify-requests";
import { action } from "./webhooks.flow.lifecycle";

const URL_PATH = `${TEST_APP.appUrl}/webhooks/flow/lifecycle`;

/** Flow's lifecycle callback: HMAC-SHA256 of the raw body with the app's secret, base64. */
function callback(body: string | object, options: { secret?: string; hmac?: string | null; method?: string } = {}): Request {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const hmac = options.hmac === undefined ? crypto.createHmac("sha256", options.secret ?? TEST_APP.apiSecret).update(raw, "utf8").digest("base64") : options.hmac;
  const method = options.method ?? "POST";
  return new Request(URL_PATH, {
    method,
    headers: { "Content-Type": "application/json", ...(hmac === null ? {} : { "X-Shopify-Hmac-Sha256": hmac }) },
    ...(method === "POST" ? { body: raw } : {}),
  });
}

const post = async (request: Request) => action({ request, params: {}, context: {} });

function lifecycle(overrides: Record<string, unknown> = {}) {
  return {
    flow_trigger_definition_id: "trackline-shipment-delivered",
    has_enabled_flow: true,
    shop_id: 690933842,
    shopify_domain: TEST_APP.shop,
    timestamp: "2026-12-06T10:00:00.000Z",
    ...overrides,
  };
}

async function uses() {
  return [...(await flowTriggerUses(database().db, TEST_APP.shop)).values()].map((row) => ({
    triggerHandle: row.triggerHandle,
    hasEnabledFlow: row.hasEnabledFlow,
    reportedAt: row.reportedAt.toISOString(),
  }));
}

describe("Flow trigger lifecycle callback (/webhooks/flow/lifecycle)", () => {
  beforeEach(async () => {
    const { db } = database();
    await db.flowTriggerUse.deleteMany({});
    await db.webhookReceipt.deleteMany({});
  });

  it("stores per shop and trigger whether a workflow uses it; the newest timestamp wins", async () => {
    expect((await post(callback(lifecycle()))).status).toBe(200);
    // Flow may name the trigger by its title: stored under the handle the outbox fires.
    expect((await post(callback(lifecycle({ flow_trigger_definition_id: "Shipment stalled", has_enabled_flow: false, shop_id: "690933842" })))).status).toBe(200);
    expect(await uses()).toEqual([
      { triggerHandle: "trackline-shipment-delivered", hasEnabledFlow: true, reportedAt: "2026-12-06T10:00:00.000Z" },
      { triggerHandle: "trackline-shipment-stalled", hasEnabledFlow: false, reportedAt: "2026-12-06T10:00:00.000Z" },
    ]);
    // The merchant turns the workflow off…
    expect((await post(callback(lifecycle({ has_enabled_flow: false, timestamp: "2026-12-06T11:00:00+01:00" })))).status).toBe(200);
    // …and a callback older than that one, arriving late, is acknowledged and changes nothing.
    expect((await post(callback(lifecycle({ has_enabled_flow: true, timestamp: "2026-12-06T09:30:00Z" })))).status).toBe(200);
    expect(await uses()).toEqual([
      { triggerHandle: "trackline-shipment-delivered", hasEnabledFlow: false, reportedAt: "2026-12-06T10:00:00.000Z" },
      { triggerHandle: "trackline-shipment-stalled", hasEnabledFlow: false, reportedAt: "2026-12-06T10:00:00.000Z" },
    ]);
    expect(await flowTriggerUses(database().db, "other-shop.myshopify.com")).toEqual(new Map());
    expect(await database().db.webhookReceipt.count()).toBe(0);
  });

  it("answers 401 to a missing, wrong or tampered signature before reading the body, and keeps nothing", async () => {
    expect((await post(callback(lifecycle(), { hmac: null }))).status).toBe(401);
    expect((await post(callback(lifecycle(), { secret: "another-app-secret" }))).status).toBe(401);
    expect((await post(callback(lifecycle(), { hmac: "not base64 at all" }))).status).toBe(401);
    const signedForOther = crypto.createHmac("sha256", TEST_APP.apiSecret).update(JSON.stringify(lifecycle({ has_enabled_flow: false }))).digest("base64");
    expect((await post(callback(lifecycle(), { hmac: signedForOther }))).status).toBe(401);
    // Unsigned garbage is refused as unsigned, not as unreadable.
    expect((await post(callback("{not json", { hmac: null }))).status).toBe(401);
    expect(await uses()).toEqual([]);
    expect(await database().db.webhookReceipt.count()).toBe(0);
  });

  it("answers 405 to anything but POST", async () => {
    const response = await post(callback(lifecycle(), { method: "GET", hmac: null }));
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("POST");
  });

  it("answers 400 to an authentic body it cannot use and keeps it for replay", async () => {
    const notJson = await post(callback("{not json"));
    expect(notJson.status).toBe(400);
    expect(await notJson.text()).toMatch(/^body is not valid JSON: /);
    const missing = await post(callback({ ...lifecycle(), has_enabled_flow: "yes" }));
    expect(missing.status).toBe(400);
    expect(await missing.text()).toBe("flow/trigger_lifecycle payload is invalid: has_enabled_flow: Invalid input: expected boolean, received string");
    const badShop = await post(callback(lifecycle({ shopify_domain: "evil.example.com", timestamp: "yesterday" })));
    expect(badShop.status).toBe(400);
    expect(await uses()).toEqual([]);
    const kept = await database().db.webhookReceipt.findMany({ orderBy: { error: "asc" } });
    expect(kept.map((row) => [row.topic, row.shopDomain, row.outcome, row.error, row.payload])).toEqual([
      ["flow/trigger_lifecycle", "unknown", "failed", expect.stringMatching(/^body is not valid JSON: /), "{not json"],
      ["flow/trigger_lifecycle", TEST_APP.shop, "failed", "flow/trigger_lifecycle payload is invalid: has_enabled_flow: Invalid input: expected boolean, received string", JSON.stringify({ ...lifecycle(), has_enabled_flow: "yes" })],
      [
        "flow/trigger_lifecycle",
        "evil.example.com",
        "failed",
        "flow/trigger_lifecycle payload is invalid: shopify_domain: Invalid string: must match pattern /^[a-z0-9][a-z0-9-]*\\.myshopify\\.com$/; timestamp: Invalid ISO datetime",
        JSON.stringify(lifecycle({ shopify_domain: "evil.example.com", timestamp: "yesterday" })),
      ],
    ]);
    // The same body again is kept once.
    expect((await post(callback("{not json"))).status).toBe(400);
    expect(await database().db.webhookReceipt.count()).toBe(3);
  });

  it("replays a kept callback through the lifecycle handler", async () => {
    const { db } = database();
    const body = JSON.stringify(lifecycle({ flow_trigger_definition_id: "trackline-all-delivered" }));
    await recordUnreadableWebhook(db, { topic: "flow/trigger_lifecycle", shopDomain: TEST_APP.shop, webhookId: "flow-lifecycle-kept", apiVersion: null }, body, "could not be stored: database is locked", new Date());
    const { result } = await replayWebhook(db, "flow-lifecycle-kept", new Date());
    expect(result).toEqual({ outcome: "processed", note: null });
    expect(await uses()).toEqual([{ triggerHandle: "trackline-all-delivered", hasEnabledFlow: true, reportedAt: "2026-12-06T10:00:00.000Z" }]);
    const invalid = JSON.stringify({ ...lifecycle(), has_enabled_flow: "yes" });
    await recordUnreadableWebhook(db, { topic: "flow/trigger_lifecycle", shopDomain: TEST_APP.shop, webhookId: "flow-lifecycle-invalid", apiVersion: null }, invalid, "kept", new Date());
    expect((await replayWebhook(db, "flow-lifecycle-invalid", new Date())).result).toEqual({
      outcome: "failed",
      note: "flow/trigger_lifecycle payload is invalid: has_enabled_flow: Invalid input: expected boolean, received string",
    });
  });
});
