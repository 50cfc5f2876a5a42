import { beforeEach, describe, expect, it } from "vitest";
import { database } from "./client.server";
import { saveFulfillment, stopOrderShipments, updateShipment, type FulfillmentRecord } from "./fulfillments.server";
import { inPlainSqlTransaction } from "./transactions.server";
import type { Db } from "./db.server";

const shop = "plain-updates.myshopify.com";
const T0 = new Date("2026-12-01T10:00:00Z");

function record(fulfillmentId: string, orderId: string, trackingNumber = "1Z999AA10123456784"): FulfillmentRecord {
  return {
    shopDomain: shop,
    fulfillmentId,
    orderId,
    orderName: "#1007",
    orderCreatedAt: new Date("2026-11-30T08:00:00Z"),
    fulfillmentCreatedAt: T0,
    updatedAt: T0,
    cancelled: false,
    destinationCountry: "US",
    originCountry: "US",
    lineItemCount: 1,
    customerEmailHash: null,
    customerPhoneHash: null,
    shipments: [{ trackingNumber, trackingUrl: null, declaredCarrier: "UPS", carrier: "ups", initialStatus: "pending", trackingIssue: null, trackingIssueDetail: null }],
  };
}

/** Every Shipment column as stored text, so a different date, number or null encoding would show. */
async function storedRows(db: Db): Promise<Record<string, unknown>[]> {
  const columns = (await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info('Shipment')`)).map((row) => row.name);
  return db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT ${columns.map((name) => `CAST("${name}" AS TEXT) AS "${name}"`).join(", ")} FROM "Shipment" WHERE "shopDomain" = '${shop}' ORDER BY "fulfillmentId", "trackingNumber"`,
  );
}

function differing(left: Record<string, unknown>, right: Record<string, unknown>): string[] {
  return Object.keys(left)
    .filter((name) => left[name] !== right[name])
    .sort();
}

/** Runs `work` the two ways the webhook path runs plain SQL: on the client, and in a transaction without Prisma's. */
const WAYS: [string, (db: Db, work: (client: Parameters<typeof updateShipment>[0]) => Promise<void>) => Promise<void>][] = [
  ["on the client (Prisma's raw SQL)", (db, work) => work(db)],
  ["in a plain-SQL transaction (prepared statements)", (db, work) => inPlainSqlTransaction(db, work)],
];

describe("plain UPDATEs of stored parcels on SQLite", () => {
  beforeEach(async () => {
    const { db } = database();
    await db.shipment.deleteMany({});
    await db.cancelledOrder.deleteMany({});
    await db.shop.deleteMany({});
    await db.shop.create({ data: { domain: shop } });
  });

  for (const [way, run] of WAYS) {
    it(`stores what Prisma's update stores, column for column, ${way}`, async () => {
      const { db } = database();
      await saveFulfillment(db, record("gid://shopify/Fulfillment/A", "gid://shopify/Order/1"), T0);
      await saveFulfillment(db, record("gid://shopify/Fulfillment/B", "gid://shopify/Order/1"), T0);
      // A lease and a sub-status to clear.
      await db.shipment.updateMany({ where: { shopDomain: shop }, data: { leaseUntil: new Date("2026-12-01T10:30:00Z"), leaseOwner: "worker-1", subStatus: "in_transit_delayed", status: "cancelled" } });
      const [a, b] = await db.shipment.findMany({ where: { shopDomain: shop }, orderBy: { fulfillmentId: "asc" } });
      const data = {
        orderName: "#1007-B",
        orderCreatedAt: new Date("2026-11-29T23:59:59.123Z"),
        sourceUpdatedAt: new Date("2026-12-01T11:00:00Z"),
        destinationCountry: null,
        lineItemCount: 3,
        lineItemsJson: JSON.stringify([{ name: "Mug ☕", quantity: 2 }]),
        destinationPostalPrefix: "100",
        trackingUrl: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
        carrier: "dhl",
        trackingIssue: "carrier_mismatch",
        trackingIssueDetail: "UPS format, DHL named",
        status: "pending",
        subStatus: null,
        nextCheckAt: new Date("2026-12-01T11:00:00.5Z"),
        trackingStoppedAt: null,
        stopReason: null,
        leaseUntil: null,
        leaseOwner: null,
        customerPhoneHash: undefined,
      };
      const before = Date.now();
      await run(db, (client) => updateShipment(client, a!.id, data));
      await db.shipment.update({ where: { id: b!.id }, data: { ...data, customerPhoneHash: undefined } });
      const after = Date.now();
      const [saved, reference] = await storedRows(db);
      expect(differing(saved!, reference!)).toEqual(["fulfillmentId", "id", "updatedAt"]);
      expect(saved!.nextCheckAt).toBe("2026-12-01T11:00:00.500+00:00");
      expect(saved!.lineItemCount).toBe("3");
      expect(saved!.subStatus).toBeNull();
      // updatedAt is the statement's time, in Prisma's text form, as its update sets it.
      expect(saved!.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
      const updatedAt = Date.parse(String(saved!.updatedAt));
      expect(updatedAt).toBeGreaterThanOrEqual(before);
      expect(updatedAt).toBeLessThanOrEqual(after);
    });

    it(`stops an order's parcels as Prisma's updateMany did, ${way}`, async () => {
      const { db } = database();
      const cancelledAt = new Date("2026-12-01T12:00:00Z");
      const now = new Date("2026-12-01T12:00:05Z");
      // Twin orders, each with a travelling parcel, a delivered one and one already stopped.
      for (const order of ["1", "2"]) {
        for (const [fulfillment, number] of [
          ["T", "1Z999AA10123456784"],
          ["D", "1Z02ZPIE0325721754"],
          ["S", "1ZA1234567890123X5"],
        ] as const) {
          await saveFulfillment(db, record(`gid://shopify/Fulfillment/${order}${fulfillment}`, `gid://shopify/Order/${order}`, number), T0);
        }
        await db.shipment.updateMany({ where: { fulfillmentId: `gid://shopify/Fulfillment/${order}D` }, data: { status: "delivered", deliveredAt: T0 } });
        await db.shipment.updateMany({ where: { fulfillmentId: `gid://shopify/Fulfillment/${order}S` }, data: { trackingStoppedAt: T0, stopReason: "removed_from_fulfillment", leaseOwner: "worker-1" } });
        await db.shipment.updateMany({ where: { fulfillmentId: `gid://shopify/Fulfillment/${order}T` }, data: { leaseUntil: now, leaseOwner: "worker-2" } });
      }
      // Another shop's parcel of an order with the same id is never touched.
      await db.shop.create({ data: { domain: "other.myshopify.com" } });
      await saveFulfillment(db, { ...record("gid://shopify/Fulfillment/X", "gid://shopify/Order/1"), shopDomain: "other.myshopify.com" }, T0);

      let stopped = -1;
      await run(db, async (client) => {
        stopped = await stopOrderShipments(client, shop, "gid://shopify/Order/1", cancelledAt, now);
      });
      // The statements stopOrderShipments ran before, through Prisma's query builder.
      const where = { shopDomain: shop, orderId: "gid://shopify/Order/2" };
      await db.cancelledOrder.create({ data: { shopDomain: shop, orderId: "gid://shopify/Order/2", cancelledAt, receivedAt: now } });
      const reference = await db.shipment.updateMany({
        where: { ...where, trackingStoppedAt: null },
        data: { trackingStoppedAt: now, stopReason: "order_cancelled", nextCheckAt: null, leaseUntil: null, leaseOwner: null },
      });
      await db.shipment.updateMany({ where: { ...where, status: { notIn: ["delivered", "returned"] } }, data: { status: "cancelled" } });

      expect(stopped).toBe(2);
      expect(reference.count).toBe(2);
      const rows = await storedRows(db);
      const order1 = rows.filter((row) => row.orderId === "gid://shopify/Order/1");
      const order2 = rows.filter((row) => row.orderId === "gid://shopify/Order/2");
      expect(order1.map((row) => [row.fulfillmentId, row.status, row.stopReason, row.trackingStoppedAt, row.leaseOwner])).toEqual([
        ["gid://shopify/Fulfillment/1D", "delivered", "order_cancelled", "2026-12-01T12:00:05.000+00:00", null],
        ["gid://shopify/Fulfillment/1S", "cancelled", "removed_from_fulfillment", "2026-12-01T10:00:00.000+00:00", "worker-1"],
        ["gid://shopify/Fulfillment/1T", "cancelled", "order_cancelled", "2026-12-01T12:00:05.000+00:00", null],
      ]);
      order1.forEach((row, index) => expect(differing(row, order2[index]!)).toEqual(["fulfillmentId", "id", "orderId", "updatedAt"]));
      const cancellations = await db.cancelledOrder.findMany({ orderBy: { orderId: "asc" } });
      expect(cancellations.map((row) => [row.shopDomain, row.orderId, row.cancelledAt.toISOString(), row.receivedAt.toISOString()])).toEqual([
        [shop, "gid://shopify/Order/1", cancelledAt.toISOString(), now.toISOString()],
        [shop, "gid://shopify/Order/2", cancelledAt.toISOString(), now.toISOString()],
      ]);
      const other = await db.shipment.findFirstOrThrow({ where: { shopDomain: "other.myshopify.com" } });
      expect([other.status, other.trackingStoppedAt]).toEqual(["pending", null]);
      // A second cancellation stops nothing more and keeps the first tombstone.
      await run(db, async (client) => {
        stopped = await stopOrderShipments(client, shop, "gid://shopify/Order/1", new Date("2026-12-02T00:00:00Z"), new Date("2026-12-02T00:00:00Z"));
      });
      expect(stopped).toBe(0);
      expect((await db.cancelledOrder.findFirstOrThrow({ where: { orderId: "gid://shopify/Order/1" } })).cancelledAt).toEqual(cancelledAt);
      await db.shipment.deleteMany({ where: { shopDomain: "other.myshopify.com" } });
      await db.shop.deleteMany({ where: { domain: "other.myshopify.com" } });
    });
  }

  it("refuses a column a delivery never updates (names are never taken from input)", async () => {
    const { db } = database();
    await expect(updateShipment(db, "no-such-id", { 'id" = 1; --': "x" })).rejects.toThrow("is not a column a delivery updates");
  });
});
