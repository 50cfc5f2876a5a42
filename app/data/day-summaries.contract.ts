import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { database } from "./client.server";
import type { Db, DbProvider } from "./db.server";
import { ensureDaySummaries, rebuildDaySummaries } from "./day-summaries.server";
import { loadDashboard } from "~/services/analytics/dashboard.server";

/**
 * The triggers keep the dashboard's summaries equal to what the rows say, whatever the writes:
 * after any sequence of inserts, updates (status, carrier, dates, order, flags) and deletes of
 * shipments and lookups, the summaries equal a rebuild from scratch, and the per-order summary
 * equals a GROUP BY over the shipments. Run on SQLite and Postgres.
 */

const CARRIERS = [null, "ups", "fedex"] as const;
const STATUSES = ["pending", "in_transit", "exception", "attempt_failed", "delivered", "returned"] as const;
const COUNTRIES = [null, "US", "CA"] as const;
const SURFACES = ["storefront", "customer_account", "admin"] as const;
const BASE = Date.parse("2026-03-01T00:00:00Z");
const HOUR = 3_600_000;

const instant = fc.integer({ min: 0, max: 40 * 24 }).map((hours) => new Date(BASE + hours * HOUR + (hours % 7) * 60_000));
const shipmentFields = fc.record({
  order: fc.integer({ min: 1, max: 4 }),
  carrier: fc.constantFrom(...CARRIERS),
  status: fc.constantFrom(...STATUSES),
  subStatus: fc.constantFrom(null, "customs_hold", "recipient_unavailable"),
  createdAt: instant,
  orderCreatedAt: fc.option(instant, { nil: null }),
  deliveredAt: fc.option(instant, { nil: null }),
  estimatedDeliveryAt: fc.option(instant, { nil: null }),
  predictedDeliveryAt: fc.option(instant, { nil: null }),
  originCountry: fc.constantFrom(...COUNTRIES),
  destinationCountry: fc.constantFrom(...COUNTRIES),
  stalled: fc.boolean(),
  late: fc.boolean(),
  notPickedUp: fc.boolean(),
  trackingIssue: fc.constantFrom(null, "invalid_number"),
});
type ShipmentFields = typeof shipmentFields extends fc.Arbitrary<infer T> ? T : never;

const operation = fc.oneof(
  { arbitrary: shipmentFields.map((fields) => ({ kind: "insert" as const, fields })), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant("update" as const), pick: fc.nat(), fields: shipmentFields }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant("status" as const), pick: fc.nat(), status: fc.constantFrom(...STATUSES), deliveredAt: fc.option(instant, { nil: null }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }), weight: 1 },
  // Many rows in one statement, as the sync engine's batches and erasure write them.
  { arbitrary: fc.record({ kind: fc.constant("statusOfCarrier" as const), carrier: fc.constantFrom("ups", "fedex"), status: fc.constantFrom(...STATUSES), deliveredAt: fc.option(instant, { nil: null }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("deleteOrder" as const), order: fc.integer({ min: 1, max: 4 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("lookup" as const), order: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }), surface: fc.constantFrom(...SURFACES), at: instant }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("unlookup" as const), pick: fc.nat() }), weight: 1 },
);

async function summaries(db: Db, shopDomain: string) {
  const where = { shopDomain };
  const nonZero = <T extends Record<string, unknown>>(rows: T[], keys: (keyof T)[]) =>
    rows.filter((row) => keys.some((key) => row[key] !== 0)).map((row) => JSON.stringify(row)).sort();
  return {
    shipments: nonZero(await db.shipmentDayStat.findMany({ where }), ["shipments", "stalled", "late", "notPickedUp", "withTrackingIssue"]),
    deliveries: nonZero(await db.deliveryDayStat.findMany({ where }), ["deliveries", "withEstimate", "onTimeEstimate", "withPrediction", "onTimePrediction"]),
    lookups: nonZero(await db.lookupDayStat.findMany({ where }), ["lookups"]),
  };
}

async function expectedOrders(db: Db, shopDomain: string) {
  const shipments = await db.shipment.findMany({ where: { shopDomain }, select: { orderId: true, createdAt: true } });
  const lookups = await db.lookupEvent.findMany({ where: { shopDomain, surface: { not: "admin" } }, select: { orderId: true } });
  const orders = new Map<string, { first: number; lookups: number }>();
  for (const shipment of shipments) {
    const first = Math.min(orders.get(shipment.orderId)?.first ?? Infinity, shipment.createdAt.getTime());
    orders.set(shipment.orderId, { first, lookups: lookups.filter((lookup) => lookup.orderId === shipment.orderId).length });
  }
  return [...orders].map(([orderId, order]) => `${orderId} ${new Date(order.first).toISOString()} ${order.lookups}`).sort();
}

export function daySummariesContract(expectedProvider: DbProvider) {
  describe(`dashboard summaries on ${expectedProvider}`, () => {
    it("equal a rebuild from the rows after any sequence of writes", async () => {
      const { db, provider } = database();
      expect(provider).toBe(expectedProvider);
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 30 }), fc.constantFrom("UTC", "America/New_York", "Asia/Kolkata"), async (operations, timeZone) => {
          run += 1;
          const shopDomain = `summary-${run}.myshopify.com`;
          await db.shop.create({ data: { domain: shopDomain, timezone: timeZone } });
          await ensureDaySummaries(db, provider, shopDomain, timeZone);
          const shipmentIds: string[] = [];
          const lookupIds: string[] = [];
          const data = (fields: ShipmentFields) => ({ ...fields, order: undefined, orderId: `gid://shopify/Order/${fields.order}` });
          for (const [index, step] of operations.entries()) {
            if (step.kind === "insert") {
              const { order: _order, ...fields } = data(step.fields);
              const created = await db.shipment.create({
                data: { ...fields, shopDomain, orderName: "#1", fulfillmentId: `f${index}`, trackingNumber: `T${run}-${index}` },
              });
              shipmentIds.push(created.id);
            } else if (step.kind === "update" && shipmentIds.length > 0) {
              const { order: _order, ...fields } = data(step.fields);
              await db.shipment.update({ where: { id: shipmentIds[step.pick % shipmentIds.length]! }, data: fields });
            } else if (step.kind === "status" && shipmentIds.length > 0) {
              // The sync engine writes set-based SQL; updateMany is the same path for the triggers.
              await db.shipment.updateMany({ where: { id: shipmentIds[step.pick % shipmentIds.length]! }, data: { status: step.status, deliveredAt: step.deliveredAt } });
            } else if (step.kind === "delete" && shipmentIds.length > 0) {
              const [id] = shipmentIds.splice(step.pick % shipmentIds.length, 1);
              await db.shipment.delete({ where: { id: id! } });
            } else if (step.kind === "statusOfCarrier") {
              await db.shipment.updateMany({ where: { shopDomain, carrier: step.carrier }, data: { status: step.status, deliveredAt: step.deliveredAt } });
            } else if (step.kind === "deleteOrder") {
              const orderId = `gid://shopify/Order/${step.order}`;
              const gone = await db.shipment.findMany({ where: { shopDomain, orderId }, select: { id: true } });
              await db.shipment.deleteMany({ where: { shopDomain, orderId } });
              for (const { id } of gone) shipmentIds.splice(shipmentIds.indexOf(id), 1);
            } else if (step.kind === "lookup") {
              const lookup = await db.lookupEvent.create({
                data: { shopDomain, orderId: step.order === null ? null : `gid://shopify/Order/${step.order}`, surface: step.surface, occurredAt: step.at },
              });
              lookupIds.push(lookup.id);
            } else if (step.kind === "unlookup" && lookupIds.length > 0) {
              const [id] = lookupIds.splice(step.pick % lookupIds.length, 1);
              await db.lookupEvent.delete({ where: { id: id! } });
            }
          }
          const kept = await summaries(db, shopDomain);
          const orders = (await db.orderSummary.findMany({ where: { shopDomain } }))
            .map((order) => `${order.orderId} ${order.firstShipmentAt.toISOString()} ${order.shopperLookups}`)
            .sort();
          expect(orders).toEqual(await expectedOrders(db, shopDomain));
          await rebuildDaySummaries(db, provider, shopDomain, timeZone);
          expect(kept).toEqual(await summaries(db, shopDomain));
        }),
        { numRuns: 40 },
      );
    }, 120_000);

    it("equal a rebuild after statements of hundreds of rows, each after one of a single row", async () => {
      // Postgres plans such a statement's summary updates for its own size (day-summaries.sql.ts):
      // inserts, updates and deletes of 150 rows at once, as sync batches and erasure write them.
      const { db, provider } = database();
      const shopDomain = "bulk.myshopify.com";
      const timeZone = "America/New_York";
      await db.shop.create({ data: { domain: shopDomain, timezone: timeZone } });
      await ensureDaySummaries(db, provider, shopDomain, timeZone);
      const at = (hours: number) => new Date(BASE + hours * HOUR);
      const shipment = (index: number) => ({
        id: `bulk-${index}`,
        shopDomain,
        orderId: `gid://shopify/Order/${index % 40}`,
        orderName: `#${index % 40}`,
        fulfillmentId: `f${index}`,
        trackingNumber: `BULK${index}`,
        carrier: CARRIERS[index % 3],
        status: STATUSES[index % STATUSES.length]!,
        createdAt: at(index * 5),
        orderCreatedAt: index % 4 ? at(index * 5 - 30) : null,
        deliveredAt: index % 6 === 4 ? at(index * 5 + 70) : null,
        estimatedDeliveryAt: index % 3 ? at(index * 5 + 60) : null,
        originCountry: COUNTRIES[index % 3],
        destinationCountry: COUNTRIES[(index + 1) % 3],
        late: index % 5 === 0,
      });
      await db.shipment.create({ data: shipment(0) });
      await db.shipment.createMany({ data: Array.from({ length: 150 }, (_, index) => shipment(index + 1)) });
      await db.lookupEvent.createMany({
        data: Array.from({ length: 120 }, (_, index) => ({ shopDomain, orderId: index % 7 ? `gid://shopify/Order/${index % 45}` : null, surface: SURFACES[index % 3]!, occurredAt: at(index * 3) })),
      });
      await db.shipment.updateMany({ where: { id: "bulk-1" }, data: { status: "delivered", deliveredAt: at(20) } });
      await db.shipment.updateMany({ where: { shopDomain }, data: { status: "delivered", deliveredAt: at(900), carrier: "ups" } });
      await db.shipment.updateMany({ where: { shopDomain, id: { in: Array.from({ length: 100 }, (_, index) => `bulk-${index * 2}`) } }, data: { orderId: "gid://shopify/Order/99", createdAt: at(3) } });
      await db.lookupEvent.updateMany({ where: { shopDomain, surface: "storefront" }, data: { surface: "customer_account", orderId: "gid://shopify/Order/99" } });
      await db.shipment.deleteMany({ where: { shopDomain, id: { in: Array.from({ length: 75 }, (_, index) => `bulk-${index * 2 + 1}`) } } });
      await db.lookupEvent.deleteMany({ where: { shopDomain, surface: "admin" } });

      expect(await db.shipment.count({ where: { shopDomain } })).toBe(76);
      const kept = await summaries(db, shopDomain);
      expect(kept.shipments.length).toBeGreaterThan(0);
      expect(kept.deliveries.length).toBeGreaterThan(0);
      const orders = (await db.orderSummary.findMany({ where: { shopDomain } })).map((order) => `${order.orderId} ${order.firstShipmentAt.toISOString()} ${order.shopperLookups}`).sort();
      expect(orders).toEqual(await expectedOrders(db, shopDomain));
      await rebuildDaySummaries(db, provider, shopDomain, timeZone);
      expect(kept).toEqual(await summaries(db, shopDomain));
    });

    it("count a shipment on the shop's local day, across daylight saving time, and follow a changed zone", async () => {
      const { db, provider } = database();
      const shopDomain = "dst.myshopify.com";
      await db.shop.create({ data: { domain: shopDomain, timezone: "America/New_York" } });
      const rows = [
        // 23:30 on Saturday 7 March in New York (UTC-5): still the 7th.
        { id: "dst-1", createdAt: "2026-03-08T04:30:00Z" },
        // 00:30 on Sunday 8 March (clocks go forward later that night, at 07:00Z): the 8th.
        { id: "dst-2", createdAt: "2026-03-08T05:30:00Z" },
        // 23:30 on Saturday 31 October (UTC-4, summer time): still the 31st.
        { id: "dst-3", createdAt: "2026-11-01T03:30:00Z" },
        // 23:30 on Sunday 1 November (UTC-5 again since 06:00Z): the 1st.
        { id: "dst-4", createdAt: "2026-11-02T04:30:00Z" },
      ];
      for (const row of rows) {
        await db.shipment.create({
          data: { id: row.id, shopDomain, orderId: row.id, orderName: row.id, fulfillmentId: row.id, trackingNumber: row.id, status: "in_transit", createdAt: new Date(row.createdAt) },
        });
      }
      const count = async (from: string, to: string) =>
        (await loadDashboard(db, provider, shopDomain, { search: new URLSearchParams({ period: "custom", from, to }), now: new Date("2026-12-01T00:00:00Z") })).shipments;
      expect(await count("2026-03-07", "2026-03-07")).toBe(1);
      expect(await count("2026-03-08", "2026-03-08")).toBe(1);
      expect(await count("2026-10-31", "2026-10-31")).toBe(1);
      expect(await count("2026-11-01", "2026-11-01")).toBe(1);
      // The merchant moves the shop to Tokyo (UTC+9): the same instants fall on other days.
      await db.shop.update({ where: { domain: shopDomain }, data: { timezone: "Asia/Tokyo" } });
      expect(await count("2026-03-08", "2026-03-08")).toBe(2);
      expect(await count("2026-03-07", "2026-03-07")).toBe(0);
      expect(await count("2026-11-01", "2026-11-02")).toBe(2);
    });
  });
}
