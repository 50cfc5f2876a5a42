import { Prisma } from "./generated/sqlite/client";
import { CANONICAL_STATUSES } from "../domain/status";
import type { Db, DbProvider } from "./db.server";
import { shipmentWhere } from "./shipments.server";

/**
 * The dashboard's aggregates, computed by the database: Prisma `groupBy` where it can express the
 * grouping, typed `$queryRaw` (one text per provider) where it cannot or where the plain form would
 * sort the whole period — day buckets in the shop's zone, business-day durations, the state counts.
 * Every query is bounded by (shop, period) and read from a covering index (index-only); what comes
 * back is a few hundred grouped rows at most, never the shipments themselves.
 */

export interface AnalyticsScope {
  shopDomain: string;
  /** [start, end) in UTC. */
  start: Date;
  end: Date;
  /**
   * The shop's UTC offset in minutes, applied to bucket instants into local days. One offset for
   * the whole period: a DST change moves at most an hour of events across midnight.
   */
  utcOffsetMinutes: number;
}

/** Shipments created in the period with one carrier and status, and how many of them carry each flag. */
export interface ShipmentStateGroup {
  carrier: string | null;
  status: string;
  count: number;
  stalled: number;
  late: number;
  notPickedUp: number;
  /** Shipments with a tracking-number problem flagged (trackingIssue set). */
  withTrackingIssue: number;
}

/**
 * The period's shipments by (carrier, status) with their flag counts. Written so that neither
 * database sorts the period's rows: the shop's carriers come from a loose index scan (one index
 * seek per distinct carrier, a recursive CTE), and with carrier and status fixed by IN lists the
 * (shop, carrier, status, createdAt, flags…) index answers each pair with one index-only range read,
 * already in GROUP BY order. SQLite has no hash aggregation, so a GROUP BY over a createdAt range
 * would otherwise sort every row of the period.
 */
export async function shipmentStateGroups(db: Db, provider: DbProvider, scope: AnalyticsScope): Promise<ShipmentStateGroup[]> {
  const statuses = Prisma.join(CANONICAL_STATUSES.map((status) => Prisma.sql`${status}`));
  const inPeriod = Prisma.sql`"shopDomain" = ${scope.shopDomain} AND "createdAt" >= ${instant(provider, scope.start)} AND "createdAt" < ${instant(provider, scope.end)}`;
  const sums = Prisma.sql`COUNT(*) AS "shipments",
      SUM(CASE WHEN "stalled" THEN 1 ELSE 0 END) AS "stalled",
      SUM(CASE WHEN "late" THEN 1 ELSE 0 END) AS "late",
      SUM(CASE WHEN "notPickedUp" THEN 1 ELSE 0 END) AS "notPickedUp",
      COUNT("trackingIssue") AS "withTrackingIssue"`;
  const rows = await db.$queryRaw<
    {
      carrier: string | null;
      status: string;
      shipments: number | bigint;
      stalled: number | bigint | null;
      late: number | bigint | null;
      notPickedUp: number | bigint | null;
      withTrackingIssue: number | bigint;
    }[]
  >(Prisma.sql`
    WITH RECURSIVE "shopCarriers"("code") AS (
      SELECT MIN("carrier") FROM "Shipment" WHERE "shopDomain" = ${scope.shopDomain}
      UNION ALL
      SELECT (SELECT MIN("carrier") FROM "Shipment" WHERE "shopDomain" = ${scope.shopDomain} AND "carrier" > "shopCarriers"."code")
      FROM "shopCarriers" WHERE "shopCarriers"."code" IS NOT NULL
    )
    SELECT "carrier" AS "carrier", "status" AS "status", ${sums}
    FROM "Shipment"
    WHERE ${inPeriod} AND "carrier" IN (SELECT "code" FROM "shopCarriers") AND "status" IN (${statuses})
    GROUP BY "carrier", "status"
    UNION ALL
    SELECT NULL AS "carrier", "status" AS "status", ${sums}
    FROM "Shipment"
    WHERE ${inPeriod} AND "carrier" IS NULL AND "status" IN (${statuses})
    GROUP BY "status"
  `);
  return rows.map((row) => ({
    carrier: row.carrier,
    status: row.status,
    count: Number(row.shipments),
    stalled: Number(row.stalled ?? 0),
    late: Number(row.late ?? 0),
    notPickedUp: Number(row.notPickedUp ?? 0),
    withTrackingIssue: Number(row.withTrackingIssue),
  }));
}

export interface ProblemGroup {
  carrier: string | null;
  status: string;
  subStatus: string | null;
  count: number;
}

/** Shipments of the period now in exception or after a failed attempt, by reason and carrier. */
export async function problemGroups(db: Db, scope: AnalyticsScope): Promise<ProblemGroup[]> {
  const groups = await db.shipment.groupBy({
    by: ["carrier", "status", "subStatus"],
    where: shipmentWhere(scope.shopDomain, {
      createdFrom: scope.start,
      createdBefore: scope.end,
      statuses: ["exception", "attempt_failed"],
    }),
    _count: { _all: true },
  });
  return groups.map((group) => ({ carrier: group.carrier, status: group.status, subStatus: group.subStatus, count: group._count._all }));
}

/**
 * SQL text of "the local day number of this column" (days since 1970-01-01 in the shop's zone).
 * Postgres uses date_part (double precision) rather than EXTRACT, whose numeric result makes the
 * arithmetic several times slower, and adds the offset in whole seconds so local midnight divides exactly.
 */
function dayNumber(provider: DbProvider, column: string, offsetMinutes: number): Prisma.Sql {
  const col = Prisma.raw(column);
  return provider === "postgres"
    ? Prisma.sql`CAST(FLOOR((date_part('epoch', ${col}) + ${Prisma.raw(String(offsetMinutes * 60))}) / 86400) AS INTEGER)`
    : Prisma.sql`CAST(julianday(${col}) - 2440587.5 + ${Prisma.raw(String(offsetMinutes / 1440))} AS INTEGER)`;
}

/**
 * Monday–Friday days among local day numbers [0, n). Day 0 (1970-01-01) was a Thursday, so a week
 * counted from day 0 runs Thu Fri Sat Sun Mon Tue Wed: cumulative weekdays 0 1 2 2 2 3 4.
 */
function weekdaysBefore(n: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(5 * ((${n}) / 7) + CASE (${n}) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)`;
}

/**
 * Business days begun after local day `fromDay` up to and including local day `toDay` (the same
 * count as app/domain/business-days.ts with a Saturday–Sunday weekend), never negative. Integer
 * arithmetic on day numbers only: the date parsing happens once per row, in deliveryGroups' inner query.
 */
function businessDaysSql(fromDay: string, toDay: string): Prisma.Sql {
  const difference = Prisma.sql`(${weekdaysBefore(Prisma.raw(`(${toDay} + 1)`))} - ${weekdaysBefore(Prisma.raw(`(${fromDay} + 1)`))})`;
  return Prisma.sql`CASE WHEN ${difference} > 0 THEN ${difference} ELSE 0 END`;
}

/** Instants as the database compares them: SQLite holds Prisma's text form, Postgres a timestamp. */
function instant(provider: DbProvider, date: Date): Date | string {
  return provider === "postgres" ? date : date.toISOString().replace("Z", "+00:00");
}

export interface DeliveryGroup {
  carrier: string | null;
  originCountry: string | null;
  destinationCountry: string | null;
  /** Business days fulfillment → delivered. */
  shipDays: number;
  /** Business days order → delivered (null when the order date is unknown). */
  orderDays: number | null;
  count: number;
  /** Deliveries that had a carrier estimate, and those that arrived on or before its (last) day. */
  withEstimate: number;
  onTimeVsEstimate: number;
  withPrediction: number;
  onTimeVsPrediction: number;
}

/** Shipments delivered in the period, grouped into duration histograms by carrier and lane. */
export async function deliveryGroups(db: Db, provider: DbProvider, scope: AnalyticsScope): Promise<DeliveryGroup[]> {
  const offset = scope.utcOffsetMinutes;
  const day = (column: string) => dayNumber(provider, column, offset);
  // The inner query turns each delivery's instants into local day numbers once; the fence (a no-op
  // LIMIT/OFFSET) keeps both planners from inlining those expressions back into every place the
  // outer query uses them, which would parse each date a dozen times per row.
  const fence = Prisma.raw(provider === "postgres" ? "OFFSET 0" : "LIMIT -1");
  const rows = await db.$queryRaw<
    {
      carrier: string | null;
      origin: string | null;
      destination: string | null;
      shipDays: number | bigint;
      orderDays: number | bigint | null;
      shipments: number | bigint;
      withEstimate: number | bigint | null;
      onTimeEstimate: number | bigint | null;
      withPrediction: number | bigint | null;
      onTimePrediction: number | bigint | null;
    }[]
  >(Prisma.sql`
    SELECT "carrier", "origin", "destination",
      ${businessDaysSql(`"shipDay"`, `"deliveredDay"`)} AS "shipDays",
      CASE WHEN "orderDay" IS NULL THEN NULL ELSE ${businessDaysSql(`"orderDay"`, `"deliveredDay"`)} END AS "orderDays",
      COUNT(*) AS "shipments",
      SUM(CASE WHEN "estimateDay" IS NULL THEN 0 ELSE 1 END) AS "withEstimate",
      SUM(CASE WHEN "deliveredDay" <= "estimateDay" THEN 1 ELSE 0 END) AS "onTimeEstimate",
      SUM(CASE WHEN "predictionDay" IS NULL THEN 0 ELSE 1 END) AS "withPrediction",
      SUM(CASE WHEN "deliveredDay" <= "predictionDay" THEN 1 ELSE 0 END) AS "onTimePrediction"
    FROM (
      SELECT "carrier" AS "carrier", "originCountry" AS "origin", "destinationCountry" AS "destination",
        ${day(`COALESCE("fulfillmentCreatedAt", "createdAt")`)} AS "shipDay",
        ${day(`"orderCreatedAt"`)} AS "orderDay",
        ${day(`"deliveredAt"`)} AS "deliveredDay",
        CASE WHEN "estimatedDeliveryAt" IS NULL THEN NULL ELSE ${day(`COALESCE("estimatedDeliveryEnd", "estimatedDeliveryAt")`)} END AS "estimateDay",
        ${day(`"predictedDeliveryAt"`)} AS "predictionDay"
      FROM "Shipment"
      WHERE "shopDomain" = ${scope.shopDomain}
        AND "deliveredAt" >= ${instant(provider, scope.start)} AND "deliveredAt" < ${instant(provider, scope.end)}
        AND "status" = 'delivered'
      ${fence}
    ) AS "deliveries"
    GROUP BY 1, 2, 3, 4, 5
  `);
  return rows.map((row) => ({
    carrier: row.carrier,
    originCountry: row.origin,
    destinationCountry: row.destination,
    shipDays: Number(row.shipDays),
    orderDays: row.orderDays === null ? null : Number(row.orderDays),
    count: Number(row.shipments),
    withEstimate: Number(row.withEstimate ?? 0),
    onTimeVsEstimate: Number(row.onTimeEstimate ?? 0),
    withPrediction: Number(row.withPrediction ?? 0),
    onTimeVsPrediction: Number(row.onTimePrediction ?? 0),
  }));
}

export interface LookupDayGroup {
  /** Local day number (days since 1970-01-01 in the shop's zone). */
  day: number;
  surface: string;
  count: number;
}

/** Tracking lookups made in the period, per local day and surface. */
export async function lookupsPerDay(db: Db, provider: DbProvider, scope: AnalyticsScope): Promise<LookupDayGroup[]> {
  const rows = await db.$queryRaw<{ day: number | bigint; surface: string; lookups: number | bigint }[]>(Prisma.sql`
    SELECT ${dayNumber(provider, `"occurredAt"`, scope.utcOffsetMinutes)} AS "day", "surface" AS "surface", COUNT(*) AS "lookups"
    FROM "LookupEvent"
    WHERE "shopDomain" = ${scope.shopDomain}
      AND "occurredAt" >= ${instant(provider, scope.start)} AND "occurredAt" < ${instant(provider, scope.end)}
    GROUP BY 1, 2
  `);
  return rows.map((row) => ({ day: Number(row.day), surface: row.surface, count: Number(row.lookups) }));
}

export interface OrderSelfService {
  /** Distinct orders with a shipment created in the period. */
  orders: number;
  /** Of those, orders whose shopper looked their parcel up at least once (storefront or customer account). */
  ordersChecked: number;
  /** Shopper lookups (any time) of those orders. */
  shopperLookups: number;
}

/**
 * How the period's shipped orders were looked up by their shoppers (admin views excluded). The
 * period's distinct orders come from the covering (shop, createdAt, …, orderId) index; their
 * shopper lookups from the (shop, orderId, surface) index — never a scan of the shop's whole lookup
 * history. SQLite probes the lookup index once per order (a correlated count, materialized so two
 * aggregates share it); Postgres gets a semi-join it plans as a hash join.
 */
export async function orderSelfService(db: Db, provider: DbProvider, scope: AnalyticsScope): Promise<OrderSelfService> {
  const periodShipments = Prisma.sql`FROM "Shipment" s WHERE s."shopDomain" = ${scope.shopDomain}
        AND s."createdAt" >= ${instant(provider, scope.start)} AND s."createdAt" < ${instant(provider, scope.end)}`;
  // Postgres: subqueries rather than CTEs, so the planner sees the real row counts (a CTE is
  // estimated at 200 rows, which talks it into 40,000 nested-loop probes instead of a hash semi-join).
  const query =
    provider === "postgres"
      ? Prisma.sql`
    SELECT (SELECT COUNT(*) FROM (SELECT DISTINCT s."orderId" ${periodShipments}) AS "periodOrders") AS "orders",
      COUNT(*) AS "checked", SUM("lookups") AS "lookups"
    FROM (
      SELECT l."orderId", COUNT(*) AS "lookups" FROM "LookupEvent" l
      WHERE l."shopDomain" = ${scope.shopDomain} AND l."surface" <> 'admin' AND l."orderId" IN (SELECT s."orderId" ${periodShipments})
      GROUP BY l."orderId"
    ) AS "checkedOrders"`
      : Prisma.sql`
    WITH "periodOrders" AS (SELECT DISTINCT s."orderId" AS "orderId" ${periodShipments}),
    "orderLookups" AS MATERIALIZED (
      SELECT (SELECT COUNT(*) FROM "LookupEvent" l
        WHERE l."shopDomain" = ${scope.shopDomain} AND l."orderId" = o."orderId" AND l."surface" <> 'admin') AS "lookups"
      FROM "periodOrders" o
    )
    SELECT COUNT(*) AS "orders", SUM(CASE WHEN "lookups" > 0 THEN 1 ELSE 0 END) AS "checked", SUM("lookups") AS "lookups"
    FROM "orderLookups"`;
  const [row] = await db.$queryRaw<{ orders: number | bigint; checked: number | bigint | null; lookups: number | bigint | string | null }[]>(query);
  return { orders: Number(row?.orders ?? 0), ordersChecked: Number(row?.checked ?? 0), shopperLookups: Number(row?.lookups ?? 0) };
}
