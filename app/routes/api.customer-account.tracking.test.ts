import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

// Shopify's Admin API is the network edge: the library captures `fetch` when it loads, so the
// stand-in must be installed before any import. It answers `order.customer.id` like Shopify.
const shopifyAdmin = vi.hoisted(() => {
  const realFetch = globalThis.fetch;
  const state = { owners: new Map<string, string | null>(), calls: 0 };
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!/^https:\/\/[^/]+\.myshopify\.com\/admin\/api\/[^/]+\/graphql\.json$/.test(url)) return realFetch(input, init);
    state.calls += 1;
    const body = JSON.parse(String(init?.body ?? "{}")) as { variables?: { id?: string } };
    const id = body.variables?.id ?? "";
    const order = state.owners.has(id) ? { id, customer: state.owners.get(id) ? { id: state.owners.get(id) } : null } : null;
    return new Response(JSON.stringify({ data: { order }, extensions: { cost: { requestedQueryCost: 2 } } }), {
      headers: { "Content-Type": "application/json" },
    });
  }) as typeof fetch;
  return state;
});

import { database } from "~/data/client.server";
import { clearOrderOwnerCache } from "~/services/tracking-lookup/order-owner.server";
import { FULFILLMENT_2, ORDER_ID, OTHER_SHOP, SHOP, TRACKING_DELIVERED, TRACKING_MOVING, seedTrackingFixtures } from "~/testing/tracking-lookup-shop.server";
import { sessionToken, TEST_APP } from "~/testing/shopify-requests";
import { action, loader } from "./api.customer-account.tracking";

const CUSTOMER = "gid://shopify/Customer/7001";

function customerToken(options: Parameters<typeof sessionToken>[0] = {}) {
  const shop = options.shop ?? SHOP;
  return sessionToken({ sub: CUSTOMER, ...options, claims: { iss: `https://${shop}/account`, dest: `https://${shop}`, ...options.claims } });
}

function call(token: string, query: Record<string, string>) {
  const request = new Request(`${TEST_APP.appUrl}/api/customer-account/tracking?${new URLSearchParams(query)}`, {
    headers: { Authorization: `Bearer ${token}`, Origin: "https://extensions.shopifycdn.com" },
  });
  return loader({ request, params: {}, context: {} });
}

async function outcome(promise: Promise<Response>): Promise<{ status: number; body: unknown }> {
  const response = await promise.catch((thrown: unknown) => {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe("customer-account tracking endpoint", () => {
  beforeAll(async () => {
    const { db } = database();
    await seedTrackingFixtures(db);
    for (const shop of [SHOP, OTHER_SHOP]) {
      await db.session.create({
        data: { id: `offline_${shop}`, shop, state: "installed", isOnline: false, scope: "read_orders", accessToken: "shpat_test" },
      });
    }
    shopifyAdmin.owners.set(ORDER_ID, CUSTOMER);
    shopifyAdmin.owners.set("gid://shopify/Order/999", CUSTOMER);
  });
  afterEach(() => clearOrderOwnerCache());

  it("gives the signed-in owner their fulfillment's parcel, localized, with CORS headers", async () => {
    const response = await call(customerToken(), { orderId: ORDER_ID, fulfillmentId: FULFILLMENT_2, locale: "de-DE", timeZone: "Europe/Berlin" });
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const view = (await response.json()) as { orderName: string; locale: string; parcels: { trackingNumber: string; statusLabel: string; position: number; parcelCount: number }[]; summary: { delivered: number; total: number } };
    expect(view.orderName).toBe("#1001");
    expect(view.locale).toBe("de");
    expect(view.parcels.map((parcel) => parcel.trackingNumber)).toEqual([TRACKING_MOVING]);
    expect(view.parcels[0]).toMatchObject({ statusLabel: "Problem bei der Zustellung", position: 2, parcelCount: 2 });
    const lookups = await database().db.lookupEvent.findMany({ where: { shopDomain: SHOP, surface: "customer_account" } });
    expect(lookups).toHaveLength(1);
  });

  it("gives the order summary block every parcel, and counts one lookup for the page", async () => {
    const response = await call(customerToken(), { orderId: ORDER_ID });
    const view = (await response.json()) as { parcels: { trackingNumber: string }[]; summary: { delivered: number; total: number } };
    expect(view.parcels.map((parcel) => parcel.trackingNumber)).toEqual([TRACKING_DELIVERED, TRACKING_MOVING]);
    expect(view.summary).toMatchObject({ delivered: 1, total: 2 });
    expect(await database().db.lookupEvent.count({ where: { shopDomain: SHOP, surface: "customer_account" } })).toBe(1);
  });

  it("offers the merchant's contact for late parcels when one is set, and nothing otherwise", async () => {
    const { db } = database();
    const before = await db.shop.findUniqueOrThrow({ where: { domain: SHOP }, select: { trackingPageJson: true } });
    expect(((await (await call(customerToken(), { orderId: ORDER_ID })).json()) as { supportHref: unknown }).supportHref).toBeNull();
    await db.shop.update({ where: { domain: SHOP }, data: { trackingPageJson: JSON.stringify({ supportContact: "help@maple.example" }) } });
    try {
      expect(((await (await call(customerToken(), { orderId: ORDER_ID })).json()) as { supportHref: unknown }).supportHref).toBe("mailto:help@maple.example");
      await db.shop.update({ where: { domain: SHOP }, data: { trackingPageJson: JSON.stringify({ supportContact: "https://maple.example/help" }) } });
      expect(((await (await call(customerToken(), { orderId: ORDER_ID })).json()) as { supportHref: unknown }).supportHref).toBe("https://maple.example/help");
    } finally {
      await db.shop.update({ where: { domain: SHOP }, data: { trackingPageJson: before.trackingPageJson } });
    }
  });

  it("asks for sign-in when the token names no customer", async () => {
    const token = sessionToken({ claims: { iss: `https://${SHOP}/account`, dest: `https://${SHOP}`, sub: undefined } });
    expect(await outcome(call(token, { orderId: ORDER_ID }))).toMatchObject({ status: 401, body: { error: "login_required" } });
  });

  it("never shows another customer's order", async () => {
    const token = customerToken({ sub: "gid://shopify/Customer/666" });
    expect(await outcome(call(token, { orderId: ORDER_ID }))).toMatchObject({ status: 404, body: { error: "not_found" } });
  });

  it("answers in the token's shop only: another shop's token cannot read this shop's order", async () => {
    expect(await outcome(call(customerToken({ shop: OTHER_SHOP }), { orderId: ORDER_ID }))).toMatchObject({ status: 404 });
  });

  it("rejects forged and expired tokens before touching any data", async () => {
    const calls = shopifyAdmin.calls;
    expect((await outcome(call(customerToken({ secret: "forged" }), { orderId: ORDER_ID }))).status).toBe(401);
    expect((await outcome(call(customerToken({ expiresIn: -60 }), { orderId: ORDER_ID }))).status).toBe(401);
    expect(shopifyAdmin.calls).toBe(calls);
  });

  it("rejects ids that are not Shopify gids", async () => {
    expect(await outcome(call(customerToken(), { orderId: "1 OR 1=1" }))).toMatchObject({ status: 400, body: { error: "bad_request" } });
    expect(await outcome(call(customerToken(), { orderId: ORDER_ID, fulfillmentId: "x" }))).toMatchObject({ status: 400 });
  });

  it("asks Shopify once per order while the ownership is cached", async () => {
    const calls = shopifyAdmin.calls;
    await call(customerToken(), { orderId: ORDER_ID });
    await call(customerToken(), { orderId: ORDER_ID, fulfillmentId: FULFILLMENT_2 });
    expect(shopifyAdmin.calls).toBe(calls + 1);
  });

  it("answers the CORS preflight", async () => {
    const request = new Request(`${TEST_APP.appUrl}/api/customer-account/tracking`, {
      method: "OPTIONS",
      headers: { Origin: "https://extensions.shopifycdn.com", "Access-Control-Request-Method": "GET" },
    });
    const response = await action({ request, params: {}, context: {} }).catch((thrown: Response) => thrown);
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });
});
