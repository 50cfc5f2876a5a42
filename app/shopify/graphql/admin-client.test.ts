import { beforeEach, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { TEST_APP } from "~/testing/shopify-requests";
import { AdminApiError, createAdminGraphqlClient, type AdminFetch } from "./admin-client";
import { adminClientFactory } from "./admin-client.server";
import { createFakeAdminApi } from "~/testing/fake-admin-api";
import { recentFulfillmentEvents } from "./fulfillment-events";
import { countOrders, ordersPage } from "./orders";

describe("Admin GraphQL client", () => {
  let clock: number;
  let waits: number[];
  const sleep = async (ms: number) => {
    waits.push(ms);
    clock += ms;
  };

  beforeEach(() => {
    clock = Date.parse("2026-11-20T12:00:00Z");
    waits = [];
  });

  it("waits for the bucket before a query it cannot afford, using the last throttleStatus", async () => {
    const orders = Array.from({ length: 10 }, (_, index) => ({
      id: `gid://shopify/Order/${index}`,
      name: `#${index}`,
      createdAt: "2026-11-01T00:00:00Z",
      email: null,
      phone: null,
      shippingAddress: null,
      fulfillments: [
        { id: `gid://shopify/Fulfillment/${index}`, name: `#${index}.1`, status: "SUCCESS", createdAt: "2026-11-01T00:00:00Z", updatedAt: "2026-11-01T00:00:00Z", trackingInfo: [] },
      ],
    }));
    const shopify = createFakeAdminApi({ now: () => clock, maximumAvailable: 50, restoreRate: 10, orders });
    const client = createAdminGraphqlClient({ shop: TEST_APP.shop, accessToken: "t", fetch: shopify.fetch, sleep, now: () => clock });
    // A page of 10 asks for (and here costs) 42 points: the first fits the full bucket, the second waits ~3.4 s.
    await ordersPage(client, "created_at:>='2026-01-01T00:00:00Z'", null, 10);
    await ordersPage(client, "created_at:>='2026-01-01T00:00:00Z'", null, 10);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(3000);
    expect(shopify.calls).toEqual(["TracklineBackfillOrders", "TracklineBackfillOrders"]);
  });

  it("retries THROTTLED answers after the refill time, then gives up with a retryable error", async () => {
    const shopify = createFakeAdminApi({ now: () => clock });
    const client = createAdminGraphqlClient({ shop: TEST_APP.shop, accessToken: "t", fetch: shopify.fetch, sleep, now: () => clock, throttleRetries: 2 });
    shopify.fail("TracklineBackfillOrdersCount", "throttled");
    expect(await countOrders(client, "")).toBe(0);
    expect(waits.length).toBe(1);

    shopify.fail("TracklineBackfillOrdersCount", "throttled", "throttled", "throttled");
    const error = await countOrders(client, "").catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AdminApiError);
    expect((error as AdminApiError).kind).toBe("throttled");
    expect((error as AdminApiError).retryable).toBe(true);
  });

  it("classifies HTTP failures: 429 and 5xx are retryable, 401 and GraphQL errors are not", async () => {
    const shopify = createFakeAdminApi({ now: () => clock });
    const client = createAdminGraphqlClient({ shop: TEST_APP.shop, accessToken: "t", fetch: shopify.fetch, sleep, now: () => clock, serverRetries: 1, throttleRetries: 0 });
    shopify.fail("TracklineBackfillOrdersCount", "http_500");
    expect(await countOrders(client, "")).toBe(0); // retried once, then fine

    shopify.fail("TracklineBackfillOrdersCount", "http_429");
    const throttled = (await countOrders(client, "").catch((thrown: unknown) => thrown)) as AdminApiError;
    expect([throttled.kind, throttled.options.retryAfterMs]).toEqual(["throttled", 2000]);

    const unauthorized: AdminFetch = async () => new Response("[API] Invalid API key or access token", { status: 401 });
    const denied = createAdminGraphqlClient({ shop: TEST_APP.shop, accessToken: "t", fetch: unauthorized, sleep });
    const error = (await countOrders(denied, "").catch((thrown: unknown) => thrown)) as AdminApiError;
    expect([error.kind, error.retryable]).toEqual(["unauthorized", false]);

    const unknown = await client.request("query Nope { nope }").catch((thrown: unknown) => thrown);
    expect((unknown as AdminApiError).kind).toBe("graphql");
  });

  it("gets a shop's client through Shopify's offline session (unauthenticated.admin)", async () => {
    const { db } = database();
    await db.session.deleteMany({});
    await db.session.create({
      data: { id: `offline_${TEST_APP.shop}`, shop: TEST_APP.shop, state: "s", isOnline: false, accessToken: "shpat_from_session", scope: "read_orders" },
    });
    const seen: { url: string; token: string | null }[] = [];
    const shopify = createFakeAdminApi({ now: () => clock });
    const client = await adminClientFactory({
      fetch: async (url, init) => {
        seen.push({ url, token: new Headers(init.headers).get("X-Shopify-Access-Token") });
        return shopify.fetch(url, init);
      },
    })(TEST_APP.shop);
    expect(await recentFulfillmentEvents(client, "gid://shopify/Fulfillment/1")).toEqual([]);
    expect(seen).toEqual([{ url: `https://${TEST_APP.shop}/admin/api/2026-10/graphql.json`, token: "shpat_from_session" }]);

    const missing = await adminClientFactory()("not-installed.myshopify.com").catch((thrown: unknown) => thrown);
    expect((missing as AdminApiError).kind).toBe("unauthorized");
  });
});
