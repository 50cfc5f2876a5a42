import { beforeEach, describe, expect, it } from "vitest";
import { backfillProgress, queueBackfill } from "~/data/backfill.server";
import { database } from "~/data/client.server";
import { generateSampleNumber, seededRandom } from "~/domain/tracking-number/sample-numbers";
import { createAdminGraphqlClient } from "~/shopify/graphql/admin-client";
import { createFakeAdminApi, type FakeAdminApi, type FakeOrder } from "~/testing/fake-admin-api";
import { BULK_RUN, bulkOrdersQuery, startBulkOrders } from "~/shopify/graphql/orders";
import { AdminApiError } from "~/shopify/graphql/admin-client";
import { fulfillmentWebhookSchema, snapshotFromWebhook } from "~/services/ingestion/fulfillment-payload.server";
import { allowedBackfillDays, backfillWindowStart, ensureInstallBackfill, runBackfill, runPendingBackfills, snapshotFromOrder } from "./backfill.server";

const SHOP = "backfill-shop.myshopify.com";
const DAY = 86_400_000;

/**
 * Orders with one fulfillment each: 1–3 line items (`longFulfillmentAt`: 130, more than any one
 * page holds), shipped from CN or DE, or with no origin given (every fourth).
 */
function orders(count: number, now: number, { longFulfillmentAt }: { longFulfillmentAt?: number } = {}): FakeOrder[] {
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
      // Every third address without a province or postal code (Shopify leaves them null).
      shippingAddress: {
        countryCodeV2: index % 2 ? "US" : "CA",
        provinceCode: index % 3 === 0 ? null : index % 2 ? "NY" : "ON",
        zip: index % 3 === 0 ? null : index % 2 ? "10001-1234" : "M5H 2N2",
      },
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
          originAddress: index % 4 === 0 ? null : { countryCode: index % 2 ? "CN" : "DE", provinceCode: index % 2 ? "GD" : null, zip: index % 2 ? "518000" : "40210" },
          lineItemIds: Array.from({ length: index === longFulfillmentAt ? 130 : 1 + (index % 3) }, (_, item) => `gid://shopify/FulfillmentLineItem/${index}-${item}`),
        },
      ],
    };
  });
}

/** A bulk result download that delivers `text`, then fails like a dropped connection. */
function droppedAfter(text: string): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream({
    pull(controller) {
      if (sent) return controller.error(new TypeError("terminated"));
      sent = true;
      controller.enqueue(new TextEncoder().encode(text));
    },
  });
}

/**
 * Origin country and line-item count stored per fulfillment must be the fixture's, and the lane
 * columns those the webhooks store: subdivision codes and the destination's 3-character postal
 * prefix (never the whole code).
 */
async function expectFulfillmentFacts(list: FakeOrder[]) {
  const rows = await database().db.shipment.findMany({
    where: { shopDomain: SHOP },
    select: { fulfillmentId: true, originCountry: true, lineItemCount: true, originRegion: true, destinationCountry: true, destinationRegion: true, destinationPostalPrefix: true },
  });
  const stored = Object.fromEntries(rows.map(({ fulfillmentId, ...facts }) => [fulfillmentId, facts]));
  const expected = Object.fromEntries(
    list.flatMap((order) =>
      order.fulfillments.map((fulfillment) => {
        const index = Number(order.id.slice(order.id.lastIndexOf("/") + 1)) - 9000;
        const us = index % 2 === 1;
        const bare = index % 3 === 0;
        return [
          fulfillment.id,
          {
            originCountry: fulfillment.originAddress?.countryCode ?? null,
            lineItemCount: fulfillment.lineItemIds?.length ?? 0,
            originRegion: fulfillment.originAddress && us ? "GD" : null,
            destinationCountry: us ? "US" : "CA",
            destinationRegion: bare ? null : us ? "NY" : "ON",
            destinationPostalPrefix: bare ? null : us ? "100" : "M5H",
          },
        ];
      }),
    ),
  );
  expect(stored).toEqual(expected);
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
    // Open-returns pages of two orders cost 74 points: payable from this bucket too.
    const progress = await run({ returnsPageSize: 2 });
    expect(progress).toMatchObject({ status: "done", mode: "pages", imported: 45, total: 45, error: null });
    expect(await database().db.shipment.count({ where: { shopDomain: SHOP } })).toBe(45 + 9);
    expect(slept).toBeGreaterThan(0);
    const sample = await database().db.shipment.findFirstOrThrow({ where: { orderName: "#2001" } });
    expect(sample).toMatchObject({ carrier: "ups", destinationCountry: "US", originCountry: "CN", lineItemCount: 2, fulfillmentId: "gid://shopify/Fulfillment/7001" });
    expect(sample.orderCreatedAt).toBeInstanceOf(Date);
  });

  it("brings the window's open returns with their reverse deliveries, tracked like the returns webhooks track them", async () => {
    const list = orders(4, clock);
    const label = generateSampleNumber("ups_1z", seededRandom(99)).number;
    const delivery = (id: string, tracking: { number: string | null; carrierName: string | null; url: string | null } | null) => ({
      id,
      deliverable: tracking ? { tracking } : {},
    });
    const rfo = (...deliveries: ReturnType<typeof delivery>[]) => ({ nodes: [{ reverseDeliveries: { nodes: deliveries } }] });
    // Requested, no label yet: kept, waiting for its tracking.
    list[0]!.returns = [{ id: "gid://shopify/Return/1", name: "#2000-R1", status: "REQUESTED", reverseFulfillmentOrders: { nodes: [] } }];
    // Open with a labelled reverse delivery (after one without tracking), and a canceled one.
    list[1]!.returns = [
      { id: "gid://shopify/Return/2", name: "#2001-R1", status: "OPEN", reverseFulfillmentOrders: rfo(delivery("gid://shopify/ReverseDelivery/20", null), delivery("gid://shopify/ReverseDelivery/21", { number: label, carrierName: "UPS", url: null })) },
      { id: "gid://shopify/Return/3", name: "#2001-R2", status: "CANCELED", reverseFulfillmentOrders: { nodes: [] } },
    ];
    // Closed: the order has no open return, so it is not asked for.
    list[2]!.returns = [{ id: "gid://shopify/Return/4", name: "#2002-R1", status: "CLOSED", reverseFulfillmentOrders: rfo(delivery("gid://shopify/ReverseDelivery/40", { number: "1Z999AA10123456784", carrierName: "UPS", url: null })) }];
    shopify = createFakeAdminApi({ now: () => clock, orders: list });
    const { db } = database();
    await db.returnRecord.deleteMany({});
    await queueBackfill(db, SHOP, backfillWindowStart(new Date(clock), 60));
    expect(await run()).toMatchObject({ status: "done", imported: 4, error: null });
    expect(shopify.calls.filter((call) => call === "TracklineBackfillOpenReturns")).toHaveLength(1);

    const returns = async () =>
      (await db.returnRecord.findMany({ where: { shopDomain: SHOP }, orderBy: { returnId: "asc" } })).map((row) => [
        row.returnId,
        row.orderId,
        row.name,
        row.status,
        row.reverseDeliveryId,
        row.trackingNumber,
        row.trackingCompany,
      ]);
    expect(await returns()).toEqual([
      ["gid://shopify/Return/1", "gid://shopify/Order/9000", "#2000-R1", "requested", null, null, null],
      ["gid://shopify/Return/2", "gid://shopify/Order/9001", "#2001-R1", "open", "gid://shopify/ReverseDelivery/21", label, "UPS"],
    ]);
    const parcels = async () =>
      (await db.shipment.findMany({ where: { shopDomain: SHOP, isReturn: true } })).map((row) => [row.returnId, row.orderId, row.orderName, row.fulfillmentId, row.trackingNumber, row.carrier]);
    expect(await parcels()).toEqual([["gid://shopify/Return/2", "gid://shopify/Order/9001", "#2001", "gid://shopify/ReverseDelivery/21", label, "ups"]]);

    // A second import of the same window stores nothing twice.
    await queueBackfill(db, SHOP, backfillWindowStart(new Date(clock), 60));
    expect(await run()).toMatchObject({ status: "done", error: null });
    expect(await returns()).toHaveLength(2);
    expect(await parcels()).toHaveLength(1);
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

  it("stores the lane columns exactly as the fulfillments webhook does for the same addresses", () => {
    const order = orders(2, clock)[1]!;
    const fulfillment = order.fulfillments[0]!;
    const fromBackfill = snapshotFromOrder({ ...order, fulfillments: [] }, { ...fulfillment, originAddress: fulfillment.originAddress ?? null }, 1);
    const fromWebhook = snapshotFromWebhook(
      fulfillmentWebhookSchema.parse({
        id: 7001,
        order_id: 9001,
        name: "#2001.1",
        status: "success",
        updated_at: fulfillment.updatedAt,
        destination: { country_code: "US", province_code: "NY", zip: "10001-1234" },
        origin_address: { country_code: "CN", province_code: "GD", zip: "518000" },
      }),
    );
    const lane = (snapshot: typeof fromBackfill) => ({
      originCountry: snapshot.originCountry,
      originRegion: snapshot.originRegion,
      destinationCountry: snapshot.destinationCountry,
      destinationRegion: snapshot.destinationRegion,
      destinationPostalPrefix: snapshot.destinationPostalPrefix,
    });
    expect(lane(fromBackfill)).toEqual({ originCountry: "CN", originRegion: "GD", destinationCountry: "US", destinationRegion: "NY", destinationPostalPrefix: "100" });
    expect(lane(fromBackfill)).toEqual(lane(fromWebhook));
  });

  it("records origin country, lane columns and exact line-item counts from pages, paging on past 100 line items", async () => {
    const list = orders(12, clock, { longFulfillmentAt: 3 });
    shopify = createFakeAdminApi({ now: () => clock, orders: list });
    await queueBackfill(database().db, SHOP, backfillWindowStart(new Date(clock), 60));
    expect(await run()).toMatchObject({ status: "done", mode: "pages", imported: 12 });
    await expectFulfillmentFacts(list);
    // The page carried 100 of the 130; one more call for the rest, none for the others.
    expect(shopify.calls.filter((call) => call === "TracklineBackfillFulfillmentLineItemsPage")).toHaveLength(1);
    expect(shopify.calls).not.toContain("TracklineBackfillFulfillmentLineItems");
  });

  it("the bulk query passes Shopify's validator, which refuses a connection inside the fulfillments list", async () => {
    shopify = createFakeAdminApi({ now: () => clock });
    const admin = client();
    expect(await startBulkOrders(admin, "")).toMatch(/^gid:\/\/shopify\/BulkOperation\//);
    const nested = bulkOrdersQuery("").replace("originAddress", "fulfillmentLineItems { edges { node { id } } }\n originAddress");
    const { data } = await admin.request<{ bulkOperationRunQuery: unknown }>(BULK_RUN, { query: nested });
    expect(data.bulkOperationRunQuery).toEqual({
      bulkOperation: null,
      userErrors: [{ field: ["query"], message: "Queries that contain a connection field within a list field are not currently supported.", code: "INVALID" }],
    });
  });

  it("records origin country, lane columns and line-item counts in bulk mode, asking for line items by id", async () => {
    const list = orders(120, clock, { longFulfillmentAt: 3 });
    shopify = createFakeAdminApi({ now: () => clock, orders: list });
    await queueBackfill(database().db, SHOP, backfillWindowStart(new Date(clock), 60));
    expect(await run({ bulkThreshold: 10, bulkPollMs: 1000 })).toMatchObject({ status: "done", mode: "bulk", imported: 120 });
    await expectFulfillmentFacts(list);
    // Batches of 100 and 20 orders: 50 fulfillment ids a call (2 + 1), then the rest of the 130.
    expect(shopify.calls.filter((call) => call === "TracklineBackfillFulfillmentLineItems")).toHaveLength(3);
    expect(shopify.calls.filter((call) => call === "TracklineBackfillFulfillmentLineItemsPage")).toHaveLength(1);
  });

  it("resumes a bulk file cut off mid-way after the last stored batch, with both facts everywhere", async () => {
    const list = orders(250, clock, { longFulfillmentAt: 120 });
    shopify = createFakeAdminApi({ now: () => clock, orders: list });
    const since = backfillWindowStart(new Date(clock), 60);
    await queueBackfill(database().db, SHOP, since);
    const shopifyFetch = shopify.fetch;
    const askedAbout: string[] = [];
    let dropDownload = true;
    shopify.fetch = async (url, init) => {
      const body = typeof init.body === "string" ? init.body : "";
      if (body.includes("TracklineBackfillFulfillmentLineItems(")) askedAbout.push(...(JSON.parse(body) as { variables: { ids: string[] } }).variables.ids);
      const response = await shopifyFetch(url, init);
      if (!url.startsWith("https://storage.googleapis.com/") || !dropDownload) return response;
      dropDownload = false;
      // The connection drops inside line 150: lines 0–99 are stored as one batch, 100–148 read but not stored.
      const text = await response.text();
      const cut = text.split("\n").slice(0, 149).join("\n").length + 20;
      return new Response(droppedAfter(text.slice(0, cut)), { status: 200 });
    };

    const failed = await run({ bulkThreshold: 10, bulkPollMs: 1000 });
    expect(failed).toMatchObject({ status: "failed", mode: "bulk", imported: 100, cursor: "99" });
    expect(askedAbout).toEqual(list.slice(0, 100).map((order) => order.fulfillments[0]!.id));

    await queueBackfill(database().db, SHOP, since);
    expect(await run({ bulkThreshold: 10, bulkPollMs: 1000 })).toMatchObject({ status: "done", imported: 250 });
    await expectFulfillmentFacts(list);
    // The same operation's file, read on from line 100: nothing stored twice, nothing skipped.
    expect(askedAbout.slice(100)).toEqual(list.slice(100).map((order) => order.fulfillments[0]!.id));
    expect(shopify.calls.filter((call) => call === "TracklineBulkBackfillStart")).toHaveLength(1);
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
