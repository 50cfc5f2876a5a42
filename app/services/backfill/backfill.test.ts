import { beforeEach, describe, expect, it } from "vitest";
import { backfillProgress, queueBackfill } from "../../data/backfill.server";
import { database } from "../../data/client.server";
import { generateSampleNumber, seededRandom } from "../../domain/tracking-number/sample-numbers";
import { createAdminGraphqlClient } from "../../shopify/graphql/admin-client";
import { createFakeAdminApi, type FakeAdminApi } from "../../shopify/graphql/fake-admin-api";
import type { GraphqlOrder } from "../../shopify/graphql/orders";
import { AdminApiError } from "../../shopify/graphql/admin-client";
import { allowedBackfillDays, backfillWindowStart, ensureInstallBackfill, runBackfill, runPendingBackfills } from "./backfill";

const SHOP = "backfill-shop.myshopify.com";
const DAY = 86_400_000;

function orders(count: number, now: number): GraphqlOrder[] {
  const random = seededRandom(11);
  return Array.from({ length: count }, (_, index) => {
    const createdAt = new Date(now - (count - index) * 3_600_000).toISOString();
    const two = index % 5 === 0;
    return {
      id: `gid://shopify/Order/${9000 + index}`,
      name: `#${2000 + index}`,
      createdAt,
      email: `buyer${index}@example.com`,
      phone: null,
      shippingAddress: { countryCodeV2: index % 2 ? "US" : "CA" },
      fulfillments: [
        {
          id: `gid://shopify/Fulfillment/${7000 + index}`,
          name: `#${2000 + index}.1`,
          status: "SUCCESS",
          createdAt,
          updatedAt: createdAt,
          trackingInfo: [
            { company: "UPS", number: generateSampleNumber("ups_1z", random).number, url: null },
            ...(two ? [{ company: "UPS", number: generateSampleNumber("ups_1z", random).number, url: null }] : []),
          ],
          fulfillmentLineItems: { nodes: [{ id: `gid://shopify/FulfillmentLineItem/${index}` }] },
        },
      ],
    };
  });
}

describe("backfill", () => {
  let clock: number;
  let shopify: FakeAdminApi;
  let slept: number;
  const client = () =>
    createAdminGraphqlClient({
      shop: SHOP,
      accessToken: "shpat_test",
      fetch: shopify.fetch,
      now: () => clock,
      sleep: async (ms) => {
        slept += ms;
        clock += ms;
      },
      serverRetries: 0,
    });
  const run = (overrides: Partial<Parameters<typeof runBackfill>[0]> = {}) =>
    runBackfill({
      db: database().db,
      shopDomain: SHOP,
      admin: client(),
      fetch: shopify.fetch,
      now: () => new Date(clock),
      sleep: async (ms) => {
        clock += ms;
      },
      pageSize: 10,
      ...overrides,
    });

  beforeEach(async () => {
    clock = Date.parse("2026-11-20T12:00:00Z");
    slept = 0;
    const { db } = database();
    await db.shipment.deleteMany({});
    await db.shop.deleteMany({});
  });

  it("imports 60 days of fulfillments page by page, waiting on Shopify's cost limit", async () => {
    // A small bucket: pages cost 42 points, so the client must wait for the refill.
    shopify = createFakeAdminApi({ now: () => clock, orders: orders(45, clock), maximumAvailable: 100, restoreRate: 10 });
    await queueBackfill(database().db, SHOP, backfillWindowStart(new Date(clock), 60));
    const progress = await run();
    expect(progress).toMatchObject({ status: "done", mode: "pages", imported: 45, total: 45, error: null });
    expect(await database().db.shipment.count({ where: { shopDomain: SHOP } })).toBe(45 + 9);
    expect(slept).toBeGreaterThan(0);
    const sample = await database().db.shipment.findFirstOrThrow({ where: { orderName: "#2001" } });
    expect(sample).toMatchObject({ carrier: "ups", destinationCountry: "US", lineItemCount: 1, fulfillmentId: "gid://shopify/Fulfillment/7001" });
    expect(sample.orderCreatedAt).toBeInstanceOf(Date);
  });

  it("resumes from the saved cursor after a failure, without reading the stored pages again", async () => {
    shopify = createFakeAdminApi({ now: () => clock, orders: orders(35, clock) });
    const since = backfillWindowStart(new Date(clock), 60);
    await queueBackfill(database().db, SHOP, since);
    // The third page fails with a 500 after two stored pages.
    let pages = 0;
    const failing = shopify.fetch;
    shopify.fetch = async (url, init) => {
      if (String(init.body).includes("TracklineBackfillOrders(") && ++pages === 3) return new Response("oops", { status: 500 });
      return failing(url, init);
    };
    const failed = await run();
    expect(failed).toMatchObject({ status: "failed", imported: 20 });
    expect(failed.error).toMatch(/HTTP 500/);
    expect(failed.cursor).not.toBeNull();

    shopify.fetch = failing;
    const before = shopify.calls.filter((call) => call === "TracklineBackfillOrders").length;
    await queueBackfill(database().db, SHOP, since);
    const done = await run();
    expect(done).toMatchObject({ status: "done", imported: 35 });
    expect(shopify.calls.filter((call) => call === "TracklineBackfillOrders").length - before).toBe(2);
    expect(await database().db.shipment.count()).toBe(35 + 7);
  });

  it("uses a bulk operation (JSONL) above the threshold, and a re-run changes nothing", async () => {
    shopify = createFakeAdminApi({ now: () => clock, orders: orders(30, clock), bulkPollsUntilDone: 2 });
    const since = backfillWindowStart(new Date(clock), 60);
    await queueBackfill(database().db, SHOP, since);
    const progress = await run({ bulkThreshold: 10, bulkPollMs: 1000 });
    expect(progress).toMatchObject({ status: "done", mode: "bulk", imported: 30, total: 30 });
    expect(shopify.calls).toContain("TracklineBulkBackfillStart");
    const rows = await database().db.shipment.findMany({ orderBy: { trackingNumber: "asc" } });
    expect(rows).toHaveLength(36);

    // Idempotent: importing the same window again leaves the same rows.
    await queueBackfill(database().db, SHOP, new Date(since.getTime() - DAY));
    await run({ bulkThreshold: 10, bulkPollMs: 1000 });
    const again = await database().db.shipment.findMany({ orderBy: { trackingNumber: "asc" } });
    expect(again.map((row) => [row.id, row.trackingNumber, row.status])).toEqual(rows.map((row) => [row.id, row.trackingNumber, row.status]));
  });

  it("runs in short slices for the worker loop: stays running until the last page", async () => {
    shopify = createFakeAdminApi({ now: () => clock, orders: orders(25, clock) });
    await queueBackfill(database().db, SHOP, backfillWindowStart(new Date(clock), 60));
    expect(await run({ maxPages: 2 })).toMatchObject({ status: "running", imported: 20 });
    expect(await run({ maxPages: 2 })).toMatchObject({ status: "done", imported: 25 });
  });

  it("the worker runs every queued backfill, recording a shop it cannot reach as failed", async () => {
    shopify = createFakeAdminApi({ now: () => clock, orders: orders(3, clock) });
    const since = backfillWindowStart(new Date(clock), 60);
    await queueBackfill(database().db, SHOP, since);
    await queueBackfill(database().db, "gone.myshopify.com", since);
    const results = await runPendingBackfills({
      db: database().db,
      fetch: shopify.fetch,
      now: () => new Date(clock),
      adminFor: async (shop) => {
        if (shop === "gone.myshopify.com") throw new AdminApiError("unauthorized", "No usable offline session for gone.myshopify.com");
        return client();
      },
    });
    expect(results.map((result) => [result.shopDomain, result.status])).toEqual([[SHOP, "done"]]);
    expect(await backfillProgress(database().db, "gone.myshopify.com")).toMatchObject({ status: "failed", error: "No usable offline session for gone.myshopify.com" });
    // A failed import is retried by a later pass (after a pause), resuming from its cursor.
    const retryPass = (minutes: number) =>
      runPendingBackfills({ db: database().db, fetch: shopify.fetch, now: () => new Date(clock + minutes * 60_000), adminFor: async () => client() });
    expect(await retryPass(1)).toEqual([]);
    expect((await retryPass(20)).map((result) => [result.shopDomain, result.status])).toEqual([["gone.myshopify.com", "done"]]);
  });

  it("never overwrites newer webhook state with an older imported fulfillment", async () => {
    const list = orders(1, clock);
    shopify = createFakeAdminApi({ now: () => clock, orders: list });
    const fulfillment = list[0]!.fulfillments[0]!;
    const { db } = database();
    await db.shop.create({ data: { domain: SHOP } });
    await db.shipment.create({
      data: {
        shopDomain: SHOP,
        orderId: list[0]!.id,
        orderName: list[0]!.name,
        fulfillmentId: fulfillment.id,
        trackingNumber: "1Z999AA10123456784",
        sourceUpdatedAt: new Date(clock),
      },
    });
    await queueBackfill(db, SHOP, backfillWindowStart(new Date(clock), 60));
    await run();
    const rows = await db.shipment.findMany({ where: { fulfillmentId: fulfillment.id } });
    expect(rows.map((row) => [row.trackingNumber, row.trackingStoppedAt])).toEqual([["1Z999AA10123456784", null]]);
  });

  it("queues the install backfill once, for 60 days unless read_all_orders was granted", async () => {
    const now = new Date(clock);
    const first = await ensureInstallBackfill(database().db, SHOP, "read_orders,write_fulfillments", now);
    expect(first?.status).toBe("queued");
    expect(first?.since?.getTime()).toBe(backfillWindowStart(now, 60).getTime());
    expect((await ensureInstallBackfill(database().db, SHOP, null, now))?.since).toEqual(first?.since);
    expect(allowedBackfillDays(365, "read_orders")).toBe(60);
    expect(allowedBackfillDays(365, "read_orders,read_all_orders")).toBe(365);
    expect((await backfillProgress(database().db, SHOP))?.status).toBe("queued");
  });
});
