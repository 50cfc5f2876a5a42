import type { OffsetSpan } from "~/domain/eta/calendar";
import type { Db, DbProvider } from "./db.server";
import { idChunks } from "./sync.server";

/**
 * The delivery-estimate model's storage: one summary row per shop, and the delivered shipments
 * the worker folds into it (read in pages after a cursor, so a refresh only reads what is new).
 */

export interface StoredEstimateModel {
  shopDomain: string;
  modelJson: string;
  observations: number;
  /** Every delivery before this instant has been folded in. */
  cursor: Date | null;
  refreshedAt: Date;
}

export async function loadEstimateModels(db: Db, shopDomains: readonly string[]): Promise<Map<string, StoredEstimateModel>> {
  const result = new Map<string, StoredEstimateModel>();
  for (const part of idChunks([...shopDomains])) {
    const rows = await db.deliveryEstimateModel.findMany({ where: { shopDomain: { in: part } } });
    for (const row of rows) {
      result.set(row.shopDomain, {
        shopDomain: row.shopDomain,
        modelJson: row.modelJson,
        observations: row.observations,
        cursor: row.cursorDeliveredAt,
        refreshedAt: row.refreshedAt,
      });
    }
  }
  return result;
}

/**
 * Writes a shop's model. With `expectedRefreshedAt` the write only lands if nobody saved the model
 * since it was read (another worker's refresh wins, so no delivery is folded in twice); returns
 * whether it landed.
 */
export async function saveEstimateModel(
  db: Db,
  model: { shopDomain: string; modelJson: string; observations: number; cursor: Date | null },
  now: Date,
  expectedRefreshedAt?: Date | null,
): Promise<boolean> {
  const data = {
    modelJson: model.modelJson,
    observations: model.observations,
    cursorDeliveredAt: model.cursor,
    refreshedAt: now,
  };
  if (expectedRefreshedAt === undefined) {
    await db.deliveryEstimateModel.upsert({ where: { shopDomain: model.shopDomain }, create: { shopDomain: model.shopDomain, ...data }, update: data });
    return true;
  }
  if (expectedRefreshedAt === null) {
    try {
      await db.deliveryEstimateModel.create({ data: { shopDomain: model.shopDomain, ...data } });
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === "P2002") return false;
      throw error;
    }
  }
  const updated = await db.deliveryEstimateModel.updateMany({ where: { shopDomain: model.shopDomain, refreshedAt: expectedRefreshedAt }, data });
  return updated.count === 1;
}

/** Shops that have delivered shipments, with their time zone. */
export async function shopsForEstimates(db: Db): Promise<{ domain: string; timezone: string }[]> {
  return db.shop.findMany({ where: { uninstalledAt: null }, select: { domain: true, timezone: true }, orderBy: { domain: "asc" } });
}

/** The earliest delivery of a shop at or after an instant (where a refresh starts reading). */
export async function firstDeliveryAt(db: Db, shopDomain: string, from: Date | null, before: Date): Promise<Date | null> {
  const row = await db.shipment.findFirst({
    where: { shopDomain, deliveredAt: { ...(from ? { gte: from } : {}), lt: before }, status: "delivered" },
    orderBy: { deliveredAt: "asc" },
    select: { deliveredAt: true },
  });
  return row?.deliveredAt ?? null;
}

/**
 * SQL for a DateTime column as epoch milliseconds. SQLite keeps DateTime as ISO text with an
 * offset (julianday reads it), Postgres as timestamp(3) without time zone holding UTC.
 */
function epochMs(provider: DbProvider, column: string): string {
  return provider === "postgres"
    ? `CAST(EXTRACT(EPOCH FROM ${column}) * 1000 AS double precision)`
    : `CAST(ROUND((julianday(${column}) - 2440587.5) * 86400000.0) AS INTEGER)`;
}

/** The lane a group of deliveries shares. */
export interface GroupLane {
  carrier: string;
  originCountry: string | null;
  destinationCountry: string | null;
  originRegion: string | null;
  destinationRegion: string | null;
  destinationPostalPrefix: string | null;
}

/** The lane columns every grouped estimate query selects (carrier, oc, dc, orr, dr, dp). */
function laneOf(row: Record<string, unknown>): GroupLane {
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
  return {
    carrier: String(row.carrier),
    originCountry: text(row.oc),
    destinationCountry: text(row.dc),
    originRegion: text(row.orr),
    destinationRegion: text(row.dr),
    destinationPostalPrefix: text(row.dp),
  };
}

/** A group's count, its sums of powers of the transit delta, and its latest delivery. */
function countsOf(row: Record<string, unknown>): { count: number; deltaSums: [number, number, number]; latestDeliveredMs: number } {
  return { count: Number(row.n), deltaSums: [Number(row.d1), Number(row.d2), Number(row.d3)], latestDeliveredMs: Number(row.latest) };
}

function msOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const ms = Math.round(Number(value));
  return Number.isFinite(ms) ? ms : null;
}

/** Delivered shipments that share a lane and the shop-local days of their times, counted together. */
export interface DeliveryGroup extends GroupLane {
  /** Shop-local day numbers (days since 1970-01-01 in the shop's zone). */
  shippedDay: number;
  /** Null when not picked up, or picked up after delivery. */
  pickedUpDay: number | null;
  deliveredDay: number;
  firstPredictedDay: number | null;
  firstCarrierEstimateDay: number | null;
  count: number;
  /**
   * Sums over the group of d, d², d³ where d is (deliveredAt − (deliveredDay − 1) × 24 h) in days
   * (0 < d < 3 in any zone): enough for the caller to weigh each delivery by its own recency
   * without reading it.
   */
  deltaSums: [number, number, number];
  latestDeliveredMs: number;
}

/** SQL turning an instant (epoch ms expression) into a shop-local day number, given the zone's offset spans. */
function localDaySql(provider: DbProvider, ms: string, spans: readonly OffsetSpan[]): string {
  let offset = String(spans[0]!.offsetMinutes * 60_000);
  if (spans.length > 1) {
    const cases = spans.slice(1).map((span, index) => `WHEN ${ms} < ${span.fromMs} THEN ${spans[index]!.offsetMinutes * 60_000}`);
    offset = `CASE ${cases.join(" ")} ELSE ${spans[spans.length - 1]!.offsetMinutes * 60_000} END`;
  }
  return provider === "postgres" ? `FLOOR((${ms} + ${offset}) / 86400000.0)` : `((${ms} + ${offset}) / 86400000)`;
}

/**
 * The shop's delivered shipments with `from <= deliveredAt < until`, aggregated in the database by
 * lane and shop-local days (a few rows per lane and day instead of one per shipment). With
 * `pickedUpWithoutEventsOnly`, the picked-up day is left out for shipments with tracking events
 * (their scans say when they were picked up: `milestoneGroupsBetween`).
 */
export async function deliveryGroupsBetween(
  db: Db,
  provider: DbProvider,
  shopDomain: string,
  from: Date,
  until: Date,
  offsetSpans: readonly OffsetSpan[],
  options: { pickedUpWithoutEventsOnly?: boolean } = {},
): Promise<DeliveryGroup[]> {
  const bound = (date: Date) => (provider === "postgres" ? date : date.toISOString().replace("Z", "+00:00"));
  const int = provider === "postgres" ? "bigint" : "INTEGER";
  const day = (ms: string) => localDaySql(provider, ms, offsetSpans);
  const inner = `SELECT s."carrier" AS carrier, s."originCountry" AS oc, s."destinationCountry" AS dc,
            s."originRegion" AS orr, s."destinationRegion" AS dr, s."destinationPostalPrefix" AS dp,
            ${epochMs(provider, `COALESCE(s."fulfillmentCreatedAt", s."createdAt")`)} AS shipped,
            ${
              !options.pickedUpWithoutEventsOnly
                ? epochMs(provider, 's."pickedUpAt"')
                : provider === "postgres"
                  ? `CASE WHEN scanned.sid IS NOT NULL THEN NULL ELSE ${epochMs(provider, 's."pickedUpAt"')} END`
                  : `CASE WHEN EXISTS (SELECT 1 FROM "TrackingEvent" x WHERE x."shipmentId" = s."id") THEN NULL ELSE ${epochMs(provider, 's."pickedUpAt"')} END`
            } AS picked,
            ${epochMs(provider, 's."deliveredAt"')} AS delivered,
            ${epochMs(provider, 's."firstPredictedDeliveryAt"')} AS predicted,
            ${epochMs(provider, 's."firstCarrierEstimateAt"')} AS estimate
     FROM "Shipment" s
     ${
       // Postgres would run an EXISTS inside the CASE once per shipment: the range's scanned
       // shipments are found once and joined instead (SQLite's probe of the index is cheap).
       options.pickedUpWithoutEventsOnly && provider === "postgres"
         ? `LEFT JOIN (SELECT DISTINCT x."shipmentId" AS sid FROM "TrackingEvent" x JOIN "Shipment" s ON s."id" = x."shipmentId" WHERE ${rangeSql(provider)}) AS scanned ON scanned.sid = s."id"`
         : ""
     }
     WHERE ${rangeSql(provider)}`;
  // SQLite would otherwise repeat each time conversion in every branch of the day's CASE.
  const materialized = provider === "sqlite" ? "MATERIALIZED " : "";
  const days = `SELECT carrier, oc, dc, orr, dr, dp, delivered,
            CAST(${day("shipped")} AS ${int}) AS shipped_day,
            CAST(CASE WHEN picked IS NOT NULL AND picked <= delivered THEN ${day("picked")} END AS ${int}) AS picked_day,
            CAST(${day("delivered")} AS ${int}) AS delivered_day,
            CAST(CASE WHEN predicted IS NOT NULL THEN ${day("predicted")} END AS ${int}) AS predicted_day,
            CAST(CASE WHEN estimate IS NOT NULL THEN ${day("estimate")} END AS ${int}) AS estimate_day
     FROM r`;
  const delta = `((delivered - (delivered_day - 1) * 86400000) / 86400000.0)`;
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `WITH r AS ${materialized}(${inner})
     SELECT carrier, oc, dc, orr, dr, dp, shipped_day, picked_day, delivered_day, predicted_day, estimate_day,
            COUNT(*) AS n, SUM(${delta}) AS d1, SUM(${delta} * ${delta}) AS d2, SUM(${delta} * ${delta} * ${delta}) AS d3,
            MAX(delivered) AS latest
     FROM (${days}) AS d
     GROUP BY carrier, oc, dc, orr, dr, dp, shipped_day, picked_day, delivered_day, predicted_day, estimate_day`,
    shopDomain,
    bound(from),
    bound(until),
  );
  return rows.map((row) => ({
    ...laneOf(row),
    shippedDay: Number(row.shipped_day),
    pickedUpDay: msOrNull(row.picked_day),
    deliveredDay: Number(row.delivered_day),
    firstPredictedDay: msOrNull(row.predicted_day),
    firstCarrierEstimateDay: msOrNull(row.estimate_day),
    ...countsOf(row),
  }));
}

export interface CalibrationRow {
  carrier: string;
  originCountry: string | null;
  destinationCountry: string | null;
  deliveredAt: Date;
  predictedDeliveryAt: Date | null;
  predictedDeliveryStart: Date | null;
  predictedDeliveryEnd: Date | null;
  firstPredictedDeliveryAt: Date | null;
  firstCarrierEstimateAt: Date | null;
  estimatedDeliveryAt: Date | null;
  estimatedDeliveryEnd: Date | null;
  estimateSource: string | null;
  shownEstimateEnd: Date | null;
}

/** Delivered shipments of a period with both estimates, for the calibration page. */
export async function deliveredWithEstimates(db: Db, shopDomain: string, since: Date, until: Date, limit = 20_000): Promise<CalibrationRow[]> {
  const rows = await db.shipment.findMany({
    where: { shopDomain, status: "delivered", deliveredAt: { gte: since, lt: until }, carrier: { not: null } },
    orderBy: { deliveredAt: "desc" },
    take: limit,
    select: {
      carrier: true,
      originCountry: true,
      destinationCountry: true,
      deliveredAt: true,
      predictedDeliveryAt: true,
      predictedDeliveryStart: true,
      predictedDeliveryEnd: true,
      firstPredictedDeliveryAt: true,
      firstCarrierEstimateAt: true,
      estimatedDeliveryAt: true,
      estimatedDeliveryEnd: true,
      estimateSource: true,
      shownEstimateEnd: true,
    },
  });
  return rows.map((row) => ({ ...row, carrier: row.carrier!, deliveredAt: row.deliveredAt! }));
}

/** Delivered shipments of one lane whose scans show a milestone reached on the same shop-local day, delivered the same day. */
export interface MilestoneGroup extends GroupLane {
  /** Index into MILESTONES (1 picked up … 5 out for delivery). */
  milestone: number;
  /** Shop-local day the milestone was first reached. */
  fromDay: number;
  deliveredDay: number;
  count: number;
  /** As in DeliveryGroup. */
  deltaSums: [number, number, number];
  latestDeliveredMs: number;
}

/** Silences between consecutive scans of one lane, at one milestone, between the same two days, delivered the same day. */
export interface GapGroup extends MilestoneGroup {
  /** Shop-local day of the later scan (fromDay is the earlier one's). */
  toDay: number;
}

/**
 * The scans of the range's delivered shipments read once (materialized), each with the milestone
 * it shows (0 none, then MILESTONES' order), the milestone the parcel had reached before it, and
 * the previous scan's day, exactly as the domain's milestone tracker reads them: "arrived in the
 * destination country" needs a scan there after one elsewhere, customs a customs sub-status after
 * one elsewhere; scans are ordered by time, then as stored. The rows carry no lane: the sorts the
 * window functions need stay narrow, and the lane is joined once the scans are counted.
 */
function scansSql(provider: DbProvider, offsetSpans: readonly OffsetSpan[]): string {
  const int = provider === "postgres" ? "bigint" : "INTEGER";
  const day = (ms: string) => `CAST(${localDaySql(provider, ms, offsetSpans)} AS ${int})`;
  const window = `PARTITION BY sid ORDER BY at, created, eid`;
  const inDestination = `abroad = 1 AND country IS NOT NULL AND country <> '' AND country = dest`;
  const customs = `sub IN ('customs_hold', 'customs_cleared') AND dest IS NOT NULL AND dest <> '' AND abroad = 1`;
  // Read once: SQLite would otherwise repeat each time conversion wherever the time is used.
  return `ev AS ${provider === "sqlite" ? "MATERIALIZED " : ""}(
      SELECT e."shipmentId" AS sid, ${epochMs(provider, 'e."occurredAt"')} AS at, e."createdAt" AS created, e."id" AS eid,
             e."status" AS status, e."subStatus" AS sub, UPPER(e."country") AS country, UPPER(s."destinationCountry") AS dest,
             ${epochMs(provider, 's."deliveredAt"')} AS delivered
      FROM "TrackingEvent" e JOIN "Shipment" s ON s."id" = e."shipmentId"
      WHERE ${rangeSql(provider)}),
    flagged AS (
      SELECT ev.*, MAX(CASE WHEN country IS NOT NULL AND country <> '' AND dest IS NOT NULL AND dest <> '' AND country <> dest THEN 1 ELSE 0 END)
               OVER (${window} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS abroad
      FROM ev),
    ranked AS (
      SELECT flagged.*,
             CASE WHEN status = 'out_for_delivery' THEN 5 WHEN ${customs} THEN 4 WHEN ${inDestination} THEN 3
                  WHEN status = 'in_transit' THEN 2 WHEN status = 'picked_up' THEN 1 ELSE 0 END AS top
      FROM flagged),
    scans AS MATERIALIZED (
      SELECT sid, delivered, at, ${day("delivered")} AS delivered_day, ${day("at")} AS at_day,
             CASE WHEN status = 'picked_up' THEN at END AS m1,
             CASE WHEN status = 'in_transit' THEN at END AS m2,
             CASE WHEN ${inDestination} THEN at END AS m3,
             CASE WHEN ${customs} THEN at END AS m4,
             CASE WHEN status = 'out_for_delivery' THEN at END AS m5,
             MAX(top) OVER (${window} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before_top,
             LAG(at) OVER (${window}) AS prev_at
      FROM ranked)`;
}

function rangeSql(provider: DbProvider): string {
  const param = (index: number) => (provider === "postgres" ? `$${index}::timestamp(3)` : "?");
  return `s."shopDomain" = ${provider === "postgres" ? "$1" : "?"} AND s."deliveredAt" >= ${param(2)} AND s."deliveredAt" < ${param(3)}
       AND s."status" = 'delivered' AND s."carrier" IS NOT NULL AND s."isReturn" = ${provider === "postgres" ? "false" : "0"}`;
}

/**
 * For the range's delivered shipments that have scans, counted in the database (one row per group,
 * never one per shipment or scan): when each milestone was first reached, per lane, milestone,
 * shop-local day reached and day delivered (only milestones reached by the delivery); and the
 * silences between consecutive scans up to the delivery, each attributed to the milestone the
 * parcel had reached at the earlier scan (none while only labelled), per lane, milestone, the two
 * scans' days and the day delivered.
 */
export async function scanGroupsBetween(
  db: Db,
  provider: DbProvider,
  shopDomain: string,
  from: Date,
  until: Date,
  offsetSpans: readonly OffsetSpan[],
): Promise<{ milestones: MilestoneGroup[]; gaps: GapGroup[] }> {
  const int = provider === "postgres" ? "bigint" : "INTEGER";
  const day = (ms: string) => `CAST(${localDaySql(provider, ms, offsetSpans)} AS ${int})`;
  const bound = (date: Date) => (provider === "postgres" ? date : date.toISOString().replace("Z", "+00:00"));
  const delta = `((delivered - (delivered_day - 1) * 86400000) / 86400000.0)`;
  const sums = `COUNT(*) AS n, SUM(${delta}) AS d1, SUM(${delta} * ${delta}) AS d2, SUM(${delta} * ${delta} * ${delta}) AS d3, MAX(delivered) AS latest`;
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `WITH ${scansSql(provider, offsetSpans)},
    reached AS (
      SELECT sid, delivered, delivered_day, MIN(m1) AS m1, MIN(m2) AS m2, MIN(m3) AS m3, MIN(m4) AS m4, MIN(m5) AS m5
      FROM scans GROUP BY sid, delivered, delivered_day),
    milestones AS (
      SELECT sid, delivered, delivered_day, k AS milestone,
             CASE k WHEN 1 THEN m1 WHEN 2 THEN m2 WHEN 3 THEN m3 WHEN 4 THEN m4 ELSE m5 END AS at
      FROM reached CROSS JOIN (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5) AS ks),
    counted AS (
      SELECT 0 AS kind, sid, milestone, ${day("at")} AS from_day, NULL AS to_day, delivered_day, delivered
      FROM milestones WHERE at IS NOT NULL AND at <= delivered
      UNION ALL
      SELECT 1 AS kind, sid, before_top AS milestone, ${day("prev_at")} AS from_day, at_day AS to_day, delivered_day, delivered
      FROM scans WHERE prev_at IS NOT NULL AND before_top > 0 AND at <= delivered)
    SELECT kind, s."carrier" AS carrier, s."originCountry" AS oc, s."destinationCountry" AS dc, s."originRegion" AS orr,
           s."destinationRegion" AS dr, s."destinationPostalPrefix" AS dp, milestone, from_day, to_day, delivered_day, ${sums}
    FROM counted JOIN "Shipment" s ON s."id" = counted.sid
    GROUP BY kind, s."carrier", s."originCountry", s."destinationCountry", s."originRegion", s."destinationRegion", s."destinationPostalPrefix",
             milestone, from_day, to_day, delivered_day`,
    shopDomain,
    bound(from),
    bound(until),
  );
  const milestones: MilestoneGroup[] = [];
  const gaps: GapGroup[] = [];
  for (const row of rows) {
    const group: MilestoneGroup = {
      ...laneOf(row),
      milestone: Number(row.milestone),
      fromDay: Number(row.from_day),
      deliveredDay: Number(row.delivered_day),
      ...countsOf(row),
    };
    if (Number(row.kind) === 0) milestones.push(group);
    else gaps.push({ ...group, toDay: Number(row.to_day) });
  }
  return { milestones, gaps };
}
