import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// Shopify's Admin API is the network edge (who owns the order): a stand-in installed before any import.
const shopifyAdmin = vi.hoisted(() => {
  const realFetch = globalThis.fetch;
  const state = { owners: new Map<string, string | null>() };
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!/^https:\/\/[^/]+\.myshopify\.com\/admin\/api\/[^/]+\/graphql\.json$/.test(url)) return realFetch(input, init);
    const body = JSON.parse(String(init?.body ?? "{}")) as { variables?: { id?: string } };
    const id = body.variables?.id ?? "";
    const order = state.owners.has(id) ? { id, customer: state.owners.get(id) ? { id: state.owners.get(id) } : null } : null;
    return new Response(JSON.stringify({ data: { order }, extensions: { cost: { requestedQueryCost: 2 } } }), { headers: { "Content-Type": "application/json" } });
  }) as typeof fetch;
  return state;
});

import { database } from "~/data/client.server";
import { ORDER_ID, SHOP, seedTrackingFixtures } from "~/testing/tracking-lookup-shop.server";
import { sessionToken, TEST_APP } from "~/testing/shopify-requests";
import { action } from "./api.customer-account.inquiry";

const CUSTOMER = "gid://shopify/Customer/7001";
const token = (sub = CUSTOMER) => sessionToken({ sub, claims: { iss: `https://${SHOP}/account`, dest: `https://${SHOP}` } });

async function call(body: unknown, bearer = token()) {
  const request = new Request(`${TEST_APP.appUrl}/api/customer-account/inquiry`, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { Authorization: `Bearer ${bearer}`, Origin: "https://extensions.shopifycdn.com", "Content-Type": "application/json" },
  });
  const response = await action({ request, params: {}, context: {} }).catch((thrown: unknown) => {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

describe("order status page: Still need help?", () => {
  beforeAll(async () => {
    const { db } = database();
    await seedTrackingFixtures(db);
    await db.session.create({ data: { id: `offline_${SHOP}`, shop: SHOP, state: "installed", isOnline: false, scope: "read_orders", accessToken: "shpat_test" } });
    shopifyAdmin.owners.set(ORDER_ID, CUSTOMER);
  });
  beforeEach(async () => {
    await database().db.inquiry.deleteMany({});
  });

  it("answers from the parcel's state, and records a reason for the order's owner", async () => {
    const first = await call({ orderId: ORDER_ID, locale: "de" });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      answer: "problem",
      result: null,
      texts: { heading: "Brauchst du noch Hilfe?", submit: "An den Shop senden", result: null },
      reasons: expect.arrayContaining([{ value: "wrong_address", label: "Die Adresse ist falsch" }]),
    });
    expect(await database().db.inquiry.count()).toBe(0);
    expect(await call({ orderId: ORDER_ID, reason: "wrong_address", message: "I moved" })).toMatchObject({
      status: 200,
      body: { answer: "problem", result: "sent", texts: { result: "Thank you. Your message reached the shop, which will contact you about your order." } },
    });
    expect(await database().db.inquiry.findMany({ select: { orderId: true, source: true, reason: true, shipmentId: true, parcelStatus: true, parcelStalled: true, lookedAtTracking: true } })).toEqual([
      { orderId: ORDER_ID, source: "order_status_extension", reason: "wrong_address", shipmentId: "ship_moving", parcelStatus: "exception", parcelStalled: true, lookedAtTracking: true },
    ]);
  });

  it("refuses another customer, a guest session, a bad order id and an unknown reason", async () => {
    expect((await call({ orderId: ORDER_ID, reason: "delayed" }, token("gid://shopify/Customer/9999"))).status).toBe(404);
    expect((await call({ orderId: "5100000001", reason: "delayed" })).status).toBe(400);
    expect((await call({ orderId: ORDER_ID, reason: "free_stuff" })).status).toBe(400);
    expect(await database().db.inquiry.count()).toBe(0);
  });
});
