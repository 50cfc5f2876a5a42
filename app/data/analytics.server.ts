import { Prisma } from "./generated/sqlite/client";
import type { Db, DbProvider } from "./db.server";

/**
 * The dashboard's aggregates, read from the per-day summaries the database keeps
 * (app/data/day-summaries.sql.ts): a period is a range of the shop's local days, so each figure
 * is a sum over at most a few hundred summary rows per day instead of a pass over the period's
 * shipments. Order figures come from the per-order summary. Callers make sure the summaries are
 * built for the shop's time zone first (ensureDaySummaries).
 */

export interface AnalyticsScope {
  shopDomain: string;
  /** [start, end) in UTC: local midnight of the first day, local midnight after the last. */
  start: Date;
  end: Date;
  /** The same period as local day numbers (days since 1970-01-01 in the shop's zone), inclusive. */
  fromDay: number;
  toDay: number;
}

/** Shipments created in the period with one carrier, status and problem reason, and how many carry each flag. */
export interface ShipmentStateGroup {
  carrier: string | null;
  status: string;
  /** The reason of an exception or failed attempt (null otherwise, or when the carrier gave none). */
  subStatus: string | null;
  count: number;
  stalled: number;
  late: number;
  notPickedUp: number;
  /** Shipments with a tracking-number problem flagged (trackingIssue set). */
  withTrackingIssue: number;
}

const orNull = (value: string) => (value === "" ? null : value);

/** The period's shipments by (carrier, status, problem reason) with their flag counts. */
export async function shipmentStateGroups(db: Db, scope: AnalyticsScope): Promise<ShipmentStateGroup[]> {
  const rows = await db.shipmentDayStat.groupBy({
    by: ["carrier", "status", "subStatus"],
    where: { shopDomain: scope.shopDomain, day: { gte: scope.fromDay, lte: scope.toDay } },
    _sum: { shipments: true, stalled: true, late: true, notPickedUp: true, withTrackingIssue: true },
  });
  return rows
    .filter((row) => (row._sum.shipments ?? 0) > 0)
    .map((row) => ({
      carrier: orNull(row.carrier),
      status: row.status,
      subStatus: orNull(row.subStatus),
      count: row._sum.shipments ?? 0,
      stalled: row._sum.stalled ?? 0,
      late: row._sum.late ?? 0,
      notPickedUp: row._sum.notPickedUp ?? 0,
      withTrackingIssue: row._sum.withTrackingIssue ?? 0,
    }));
}

/** Business days to delivery of the period's deliveries, for one carrier or lane and measure. */
export interface DeliveryGroup {
  dimension: "carrier" | "lane";
  /** Carrier code (null: unresolved), or origin and destination for a lane. */
  carrier: string | null;
  originCountry: string | null;
  destinationCountry: string | null;
  /** ship: fulfillment → delivered; order: order → delivered (deliveries with a known order date). */
  measure: "ship" | "order";
  businessDays: number;
  count: number;
  /** Carrier "ship" groups only (each delivery once): deliveries with an estimate / prediction, and those on or before it. */
  withEstimate: number;
  onTimeVsEstimate: number;
  withPrediction: number;
  onTimeVsPrediction: number;
}

/** Shipments delivered in the period as duration histograms by carrier and by lane. */
export async function deliveryGroups(db: Db, scope: AnalyticsScope): Promise<DeliveryGroup[]> {
  const rows = await db.deliveryDayStat.groupBy({
    by: ["dimension", "value", "measure", "businessDays"],
    where: { shopDomain: scope.shopDomain, day: { gte: scope.fromDay, lte: scope.toDay } },
    _sum: { deliveries: true, withEstimate: true, onTimeEstimate: true, withPrediction: true, onTimePrediction: true },
  });
  return rows
    .filter((row) => (row._sum.deliveries ?? 0) > 0)
    .map((row) => {
      const [origin = "", destination = ""] = row.dimension === "lane" ? row.value.split(">") : [];
      return {
        dimension: row.dimension as DeliveryGroup["dimension"],
        carrier: row.dimension === "carrier" ? orNull(row.value) : null,
        originCountry: orNull(origin),
        destinationCountry: orNull(destination),
        measure: row.measure as DeliveryGroup["measure"],
        businessDays: row.businessDays,
        count: row._sum.deliveries ?? 0,
        withEstimate: row._sum.withEstimate ?? 0,
        onTimeVsEstimate: row._sum.onTimeEstimate ?? 0,
        withPrediction: row._sum.withPrediction ?? 0,
        onTimeVsPrediction: row._sum.onTimePrediction ?? 0,
      };
    });
}

export interface LookupDayGroup {
  /** Local day number (days since 1970-01-01 in the shop's zone). */
  day: number;
  surface: string;
  count: number;
}

/** Tracking lookups made in the period, per local day and surface. */
export async function lookupsPerDay(db: Db, scope: AnalyticsScope): Promise<LookupDayGroup[]> {
  const rows = await db.lookupDayStat.findMany({
    where: { shopDomain: scope.shopDomain, day: { gte: scope.fromDay, lte: scope.toDay }, lookups: { gt: 0 } },
    select: { day: true, surface: true, lookups: true },
  });
  return rows.map((row) => ({ day: row.day, surface: row.surface, count: row.lookups }));
}

export interface OrderSelfService {
  /** Orders whose first parcel was fulfilled in the period. */
  orders: number;
  /** Of those, orders whose shopper looked their parcel up at least once (storefront or customer account). */
  ordersChecked: number;
  /** Shopper lookups (any time) of those orders. */
  shopperLookups: number;
}

/**
 * How the period's orders were looked up by their shoppers (admin views excluded). Each order
 * counts once, in the period its first parcel left; one index-only range read of the order summary.
 */
export async function orderSelfService(db: Db, provider: DbProvider, scope: AnalyticsScope): Promise<OrderSelfService> {
  const [row] = await db.$queryRaw<{ orders: number | bigint; checked: number | bigint | null; lookups: number | bigint | string | null }[]>(Prisma.sql`
    SELECT COUNT(*) AS "orders", SUM(CASE WHEN "shopperLookups" > 0 THEN 1 ELSE 0 END) AS "checked", SUM("shopperLookups") AS "lookups"
    FROM "OrderSummary"
    WHERE "shopDomain" = ${scope.shopDomain}
      AND "firstShipmentAt" >= ${instant(provider, scope.start)} AND "firstShipmentAt" < ${instant(provider, scope.end)}
  `);
  return { orders: Number(row?.orders ?? 0), ordersChecked: Number(row?.checked ?? 0), shopperLookups: Number(row?.lookups ?? 0) };
}

/** Instants as the database compares them: SQLite holds Prisma's text form, Postgres a timestamp. */
function instant(provider: DbProvider, date: Date): Date | string {
  return provider === "postgres" ? date : date.toISOString().replace("Z", "+00:00");
}
