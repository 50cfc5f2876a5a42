import { beforeAll, describe, expect, it, vi } from "vitest";
import { database } from "~/data/client.server";
import { rawReaderOf } from "~/data/raw-reads.server";
import { createShopperLinkToken } from "~/services/shopper-links/token.server";
import { prepareHelp } from "~/services/wismo/storefront-help.server";
import { fullTableScans } from "~/testing/query-plans";
import { CUSTOMER_EMAIL, ORDER_ID, SHOP, TRACKING_DELIVERED, TRACKING_MOVING, seedTrackingFixtures } from "~/testing/tracking-lookup-shop.server";
import { lookupForStorefront, type StorefrontQuery } from "./storefront.server";
import { serveTrackingPage } from "./tracking-page.server";

const linkKey = Buffer.alloc(32, 7);
const now = new Date("2026-11-20T12:00:00Z");
let ipCounter = 0;

beforeAll(async () => {
  const { db } = database();
  await seedTrackingFixtures(db);
  // Stored first, shipped last: the help block goes by when parcels were stored, the page by when
  // they shipped, so the lookup's parcel order is not the one the help block chooses in.
  await db.shipment.create({
    data: {
      id: "ship_stored_first",
      shopDomain: SHOP,
      orderId: ORDER_ID,
      orderName: "#1001",
      fulfillmentId: "gid://shopify/Fulfillment/4200000009",
      fulfillmentCreatedAt: new Date("2026-11-13T15:00:00Z"),
      createdAt: new Date("2026-11-01T00:00:00Z"),
      trackingNumber: "STOREDFIRST1",
      carrier: "dhl",
      status: "in_transit",
      late: true,
      originCountry: "DE",
      destinationCountry: "US",
    },
  });
});

function nextIp(): string {
  ipCounter += 1;
  return `203.0.113.${ipCounter}`;
}

describe("the help block on a found order", () => {
  const queries: [string, StorefrontQuery, string][] = [
    ["order number", { kind: "order", orderNumber: "#1001", contact: CUSTOMER_EMAIL }, "ship_stored_first"],
    ["signed link", { kind: "link", token: createShopperLinkToken({ shop: SHOP, shipmentId: "ship_delivered", expiresAt: new Date("2027-01-01T00:00:00Z") }, linkKey) }, "ship_stored_first"],
    // A tracking-number answer shows one parcel: the help block answers about that one.
    ["delivered tracking number", { kind: "tracking", trackingNumber: TRACKING_DELIVERED }, "ship_delivered"],
    ["moving tracking number", { kind: "tracking", trackingNumber: TRACKING_MOVING }, "ship_moving"],
  ];
  it.each(queries)("chooses the parcel from what the %s lookup read as from its own reads", async (_name, query, expected) => {
    const { db } = database();
    const outcome = await lookupForStorefront(db, { client: { shop: SHOP, ip: nextIp() }, query, now, linkKey, locale: "en", timeZone: "UTC" });
    if (outcome.kind !== "found") throw new Error(`expected the order, got ${outcome.kind}`);
    expect(outcome.order?.orderId).toBe(ORDER_ID);
    // Every parcel of the order, also when only one was shown.
    expect(outcome.order?.parcels.map((parcel) => parcel.id).sort()).toEqual(["ship_delivered", "ship_moving", "ship_stored_first"]);
    const request = { shopDomain: SHOP, view: outcome.view, source: "tracking_page" as const, posted: null, now, credentialsKey: undefined };
    const fromLookup = await prepareHelp(db, { ...request, known: outcome.order });
    expect(fromLookup).toEqual(await prepareHelp(db, request));
    expect(fromLookup?.parcelId).toBe(expected);
  });
});

describe("statements of one page answer", () => {
  /** The prepared reads one answer runs (the shop's, the limiter's, the parcels', the lookup's), in order. */
  async function readsOf(params: Record<string, string>): Promise<{ status: number; reads: string[] }> {
    const { db } = database();
    const reader = rawReaderOf(db);
    const spies = [vi.spyOn(reader, "all"), vi.spyOn(reader, "first")];
    const page = await serveTrackingPage(db, {
      shop: SHOP,
      params: new URLSearchParams(params),
      clientIp: nextIp(),
      acceptLanguage: "en",
      standalone: false,
      formAction: "/apps/track",
      now,
      linkKey,
      isPost: true,
    });
    // Both ways of reading, in the order they ran.
    const reads = spies
      .flatMap((spy) => spy.mock.calls.map(([sql], index) => ({ sql, order: spy.mock.invocationCallOrder[index]! })))
      .sort((a, b) => a.order - b.order)
      .map((read) => read.sql);
    for (const spy of spies) spy.mockRestore();
    return { status: page.status, reads };
  }

  it("reads the shop once, and no row twice", async () => {
    const opened = await readsOf({});
    expect(opened.status).toBe(200);
    expect(opened.reads).toHaveLength(1);
    expect(opened.reads[0]).toContain(`"ShopLogo"`);

    const link = createShopperLinkToken({ shop: SHOP, shipmentId: "ship_moving", expiresAt: new Date("2027-01-01T00:00:00Z") }, linkKey);
    const asked: Record<string, string>[] = [{ order: "#1001", contact: CUSTOMER_EMAIL }, { tracking: TRACKING_MOVING }, { t: link }];
    for (const params of asked) {
      const { status, reads } = await readsOf(params);
      expect(status).toBe(200);
      // The shop with the limiter's counts, and the parcels (the asked ones with their order's and
      // whether the order's lookup is already recorded, in one statement); an order number reads
      // the owners' hashes first.
      expect(reads).toHaveLength(params.order ? 3 : 2);
      expect(new Set(reads).size).toBe(reads.length);
      expect(reads.filter((sql) => sql.includes(`FROM "Shop"`))).toHaveLength(1);
    }
  });

  it("plans each of those reads through indexes (SQLite)", async () => {
    // A shop's shipments and lookups only grow: a read that scanned one would slow every lookup.
    const link = createShopperLinkToken({ shop: SHOP, shipmentId: "ship_moving", expiresAt: new Date("2027-01-01T00:00:00Z") }, linkKey);
    const asked: Record<string, string>[] = [{}, { order: "#1001", contact: CUSTOMER_EMAIL }, { tracking: TRACKING_MOVING }, { t: link }];
    const statements = new Set<string>();
    for (const params of asked) for (const sql of (await readsOf(params)).reads) statements.add(sql);
    expect(statements.size).toBe(7);
    expect(fullTableScans(process.env.DATABASE_URL as string, statements)).toEqual([]);
  });
});

describe("the lookup recorded from the parcel read", () => {
  it("records one lookup per order, surface and window, whichever way the order was found", async () => {
    const { db } = database();
    await db.lookupEvent.deleteMany({});
    const at = new Date("2026-11-25T12:00:00Z");
    const lookup = (query: StorefrontQuery, minutes = 0) =>
      lookupForStorefront(db, { client: { shop: SHOP, ip: nextIp() }, query, now: new Date(at.getTime() + minutes * 60_000), linkKey, locale: "en", timeZone: "UTC" });
    const rows = () => db.lookupEvent.findMany({ orderBy: [{ occurredAt: "asc" }, { surface: "asc" }], select: { surface: true, orderId: true, shipmentId: true, occurredAt: true } });
    const link = (from?: "email") => ({ kind: "link" as const, token: createShopperLinkToken({ shop: SHOP, shipmentId: "ship_moving", expiresAt: new Date("2027-01-01T00:00:00Z") }, linkKey), ...(from ? { from } : {}) });

    expect((await lookup({ kind: "order", orderNumber: "1001", contact: CUSTOMER_EMAIL })).kind).toBe("found");
    expect((await lookup({ kind: "tracking", trackingNumber: TRACKING_MOVING }, 5)).kind).toBe("found");
    expect((await lookup(link(), 10)).kind).toBe("found");
    expect(await rows()).toEqual([{ surface: "storefront", orderId: ORDER_ID, shipmentId: "ship_delivered", occurredAt: at }]);
    // Another surface counts apart; the window's end counts again.
    expect((await lookup(link("email"), 15)).kind).toBe("found");
    expect((await lookup({ kind: "tracking", trackingNumber: TRACKING_MOVING }, 30)).kind).toBe("found");
    expect((await lookup({ kind: "tracking", trackingNumber: TRACKING_MOVING }, 59)).kind).toBe("found");
    expect(await rows()).toEqual([
      { surface: "storefront", orderId: ORDER_ID, shipmentId: "ship_delivered", occurredAt: at },
      { surface: "email", orderId: ORDER_ID, shipmentId: "ship_delivered", occurredAt: new Date(at.getTime() + 15 * 60_000) },
      { surface: "storefront", orderId: ORDER_ID, shipmentId: "ship_moving", occurredAt: new Date(at.getTime() + 30 * 60_000) },
    ]);
  });
});

describe("the page's branding and colours", () => {
  it("follow the shop's settings from one page to the next, and back", async () => {
    const { db } = database();
    const before = await db.shop.findUniqueOrThrow({ where: { domain: SHOP }, select: { trackingPageJson: true, brandAccentColor: true } });
    const saveSettings = (heading: string, accent: string) =>
      db.shop.update({ where: { domain: SHOP }, data: { trackingPageJson: JSON.stringify({ heading: { en: heading } }), brandAccentColor: accent } });
    const page = async () =>
      (await serveTrackingPage(db, { shop: SHOP, params: new URLSearchParams(), clientIp: nextIp(), acceptLanguage: "en", standalone: false, formAction: "/apps/track", now, linkKey })).body;
    try {
      await saveSettings("Where is it?", "#0b6e4f");
      const first = await page();
      expect(first).toContain("<h1>Where is it?</h1>");
      expect(first).toContain("--tl-accent:#0b6e4f;");
      await saveSettings("Parcel status", "#aa0000");
      const second = await page();
      expect(second).toContain("<h1>Parcel status</h1>");
      expect(second).toContain("--tl-accent:#aa0000;");
      expect(second).not.toContain("#0b6e4f");
      await saveSettings("Where is it?", "#0b6e4f");
      expect(await page()).toBe(first);
    } finally {
      await db.shop.update({ where: { domain: SHOP }, data: before });
    }
  });
});
