import { beforeEach, describe, expect, it } from "vitest";
import { database } from "./client.server";
import { pruneOrdersPlaced, recordOrderPlaced, saveFulfillment, type FulfillmentRecord } from "./fulfillments.server";

const shop = "order-time.myshopify.com";

function record(extra: Partial<FulfillmentRecord>): FulfillmentRecord {
  return {
    shopDomain: shop,
    fulfillmentId: "gid://shopify/Fulfillment/1",
    orderId: "gid://shopify/Order/7",
    orderName: "#1007",
    orderCreatedAt: null,
    fulfillmentCreatedAt: new Date("2026-12-01T10:00:00Z"),
    updatedAt: new Date("2026-12-01T10:00:00Z"),
    cancelled: false,
    destinationCountry: "US",
    originCountry: "US",
    lineItemCount: 1,
    customerEmailHash: null,
    customerPhoneHash: null,
    shipments: [
      {
        trackingNumber: "1Z999AA10123456784",
        trackingUrl: null,
        declaredCarrier: "UPS",
        carrier: "ups",
        initialStatus: "pending",
        trackingIssue: null,
        trackingIssueDetail: null,
      },
    ],
    ...extra,
  };
}

describe("order creation time of live-ingested fulfillments", () => {
  beforeEach(async () => {
    const { db } = database();
    await db.shipment.deleteMany({});
    await db.shop.deleteMany({});
    await db.shop.create({ data: { domain: shop } });
  });

  it("keeps an order's creation time (orders/create) for 400 days after it arrived", async () => {
    const { db } = database();
    const received = new Date("2026-01-01T00:00:00Z");
    await recordOrderPlaced(db, shop, "gid://shopify/Order/old", new Date("2025-12-31T10:00:00Z"), received);
    await recordOrderPlaced(db, shop, "gid://shopify/Order/new", new Date("2026-01-02T10:00:00Z"), new Date("2026-01-02T12:00:00Z"));
    const day = 86_400_000;
    expect(await pruneOrdersPlaced(db, new Date(received.getTime() + 400 * day))).toBe(0);
    expect(await pruneOrdersPlaced(db, new Date(received.getTime() + 400 * day + 1))).toBe(1);
    expect((await db.orderPlaced.findMany({ where: { shopDomain: shop } })).map((row) => row.orderId)).toEqual(["gid://shopify/Order/new"]);
  });

  it("is never erased by a webhook without it, and a new parcel of the order inherits it", async () => {
    const { db } = database();
    const ordered = new Date("2026-11-30T08:00:00Z");
    await saveFulfillment(db, record({ orderCreatedAt: ordered }), new Date("2026-12-01T10:00:00Z"));
    await saveFulfillment(db, record({ updatedAt: new Date("2026-12-01T11:00:00Z") }), new Date("2026-12-01T11:00:00Z"));
    await saveFulfillment(
      db,
      record({
        fulfillmentId: "gid://shopify/Fulfillment/2",
        shipments: [{ ...record({}).shipments[0]!, trackingNumber: "1Z999AA10123456791" }],
      }),
      new Date("2026-12-01T12:00:00Z"),
    );
    const rows = await db.shipment.findMany({ where: { shopDomain: shop }, orderBy: { trackingNumber: "asc" } });
    expect(rows.map((row) => row.orderCreatedAt?.toISOString())).toEqual([ordered.toISOString(), ordered.toISOString()]);
  });
});

describe("a new parcel's row", () => {
  beforeEach(async () => {
    const { db } = database();
    await db.shipment.deleteMany({});
    await db.shop.deleteMany({});
    await db.shop.create({ data: { domain: shop } });
  });

  it("is the row Prisma's own create would store, column for column (the insert is plain SQL)", async () => {
    const { db } = database();
    const now = new Date("2026-12-01T10:05:00Z");
    const full = record({
      orderCreatedAt: new Date("2026-11-30T08:00:00Z"),
      lineItems: [{ name: "Mug", quantity: 2, imageUrl: null }],
      originRegion: "CA",
      destinationRegion: "NY",
      destinationPostalPrefix: "100",
      customerEmailHash: "email-hash",
      customerPhoneHash: "phone-hash",
    });
    await saveFulfillment(db, full, now);
    const incoming = full.shipments[0]!;
    await db.shipment.create({
      data: {
        shopDomain: shop,
        fulfillmentId: "reference",
        trackingNumber: incoming.trackingNumber,
        orderId: full.orderId,
        orderName: full.orderName,
        orderCreatedAt: full.orderCreatedAt,
        fulfillmentCreatedAt: full.fulfillmentCreatedAt,
        sourceUpdatedAt: full.updatedAt,
        destinationCountry: full.destinationCountry,
        lineItemCount: full.lineItemCount,
        lineItemsJson: JSON.stringify(full.lineItems),
        originCountry: full.originCountry,
        originRegion: "CA",
        destinationRegion: "NY",
        destinationPostalPrefix: "100",
        customerEmailHash: "email-hash",
        customerPhoneHash: "phone-hash",
        trackingUrl: incoming.trackingUrl,
        declaredCarrier: incoming.declaredCarrier,
        carrier: incoming.carrier,
        trackingIssue: incoming.trackingIssue,
        trackingIssueDetail: incoming.trackingIssueDetail,
        status: "pending",
        nextCheckAt: now,
        createdAt: full.fulfillmentCreatedAt!,
      },
    });
    // Compared as stored text, so a different date or boolean encoding would show.
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT * FROM (SELECT ${(await columns()).map((name) => `CAST("${name}" AS TEXT) AS "${name}"`).join(", ")} FROM "Shipment") ORDER BY "fulfillmentId"`,
    );
    const [saved, reference] = [rows.find((row) => row.fulfillmentId === full.fulfillmentId)!, rows.find((row) => row.fulfillmentId === "reference")!];
    const differing = Object.keys(saved).filter((name) => saved[name] !== reference[name]);
    expect(differing.sort()).toEqual(["fulfillmentId", "id", "updatedAt"]);
    expect(saved.updatedAt).toBe("2026-12-01T10:05:00.000+00:00");
  });
});

async function columns(): Promise<string[]> {
  const { db } = database();
  const rows = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info('Shipment')`);
  return rows.map((row) => row.name);
}
