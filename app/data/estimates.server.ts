import type { OffsetSpan } from "~/domain/eta/calendar";
import type { CanonicalEvent, CanonicalStatus, SubStatus } from "~/domain/status";
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

export interface DeliveredShipmentRow {
  id: string;
  carrier: string;
  originCountry: string | null;
  destinationCountry: string | null;
  originRegion: string | null;
  destinationRegion: string | null;
  destinationPostalPrefix: string | null;
  /** Epoch milliseconds (the refresh does arithmetic on them, never needs Date objects). */
  shippedAtMs: number;
  pickedUpAtMs: number | null;
  deliveredAtMs: number;
  firstPredictedAtMs: number | null;
  firstCarrierEstimateAtMs: number | null;
  events?: CanonicalEvent[];
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

function msOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const ms = Math.round(Number(value));
  return Number.isFinite(ms) ? ms : null;
}

/**
 * The shop's delivered shipments with `from <= deliveredAt < until` (a range of the delivered-at
 * index, no sort), as lean rows: times come back as numbers and, with `withEvents`, each row
 * carries only the parts of its events that milestones and scan gaps are learned from, read in
 * one query for the whole range rather than per shipment.
 */
export async function deliveredShipmentsBetween(
  db: Db,
  provider: DbProvider,
  shopDomain: string,
  from: Date,
  until: Date,
  options: { withEvents?: boolean; withEventsOnly?: boolean } = {},
): Promise<DeliveredShipmentRow[]> {
  // Raw SQL: a full refresh reads every delivery of the shop, and Prisma's row mapping would cost
  // more than the database does.
  const param = (index: number) => (provider === "postgres" ? `$${index}::timestamp(3)` : "?");
  const bound = (date: Date) => (provider === "postgres" ? date : date.toISOString().replace("Z", "+00:00"));
  const range = `s."shopDomain" = ${provider === "postgres" ? "$1" : "?"} AND s."deliveredAt" >= ${param(2)} AND s."deliveredAt" < ${param(3)}
       AND s."status" = 'delivered' AND s."carrier" IS NOT NULL AND s."isReturn" = ${provider === "postgres" ? "false" : "0"}
       ${options.withEventsOnly ? `AND EXISTS (SELECT 1 FROM "TrackingEvent" x WHERE x."shipmentId" = s."id")` : ""}`;
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT s."id" AS id, s."carrier" AS carrier, s."originCountry" AS oc, s."destinationCountry" AS dc,
            s."originRegion" AS orr, s."destinationRegion" AS dr, s."destinationPostalPrefix" AS dp,
            ${epochMs(provider, `COALESCE(s."fulfillmentCreatedAt", s."createdAt")`)} AS shipped,
            ${epochMs(provider, 's."pickedUpAt"')} AS picked,
            ${epochMs(provider, 's."deliveredAt"')} AS delivered,
            ${epochMs(provider, 's."firstPredictedDeliveryAt"')} AS predicted,
            ${epochMs(provider, 's."firstCarrierEstimateAt"')} AS carrier_estimate
     FROM "Shipment" s
     WHERE ${range}`,
    shopDomain,
    bound(from),
    bound(until),
  );
  let events: Map<string, CanonicalEvent[]> | null = null;
  if (options.withEvents && rows.length > 0) {
    events = new Map();
    const eventRows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT e."shipmentId" AS sid, ${epochMs(provider, 'e."occurredAt"')} AS at, e."localTime" AS local, e."status" AS status,
              e."subStatus" AS sub, e."country" AS country
       FROM "TrackingEvent" e JOIN "Shipment" s ON s."id" = e."shipmentId"
       WHERE ${range}
       ORDER BY e."occurredAt", e."createdAt"`,
      shopDomain,
      bound(from),
      bound(until),
    );
    for (const row of eventRows) {
      const at = msOrNull(row.at);
      const event: CanonicalEvent = {
        occurredAt: at === null ? "" : new Date(at).toISOString(),
        ...(row.local ? { localTime: String(row.local) } : {}),
        status: row.status as CanonicalStatus,
        ...(row.sub ? { subStatus: row.sub as SubStatus } : {}),
        carrierCode: "",
        description: "",
        location: row.country ? { country: String(row.country) } : {},
      };
      const id = String(row.sid);
      const list = events.get(id);
      if (list) list.push(event);
      else events.set(id, [event]);
    }
  }
  const result: DeliveredShipmentRow[] = new Array(rows.length);
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!;
    const id = String(row.id);
    result[index] = {
      id,
      carrier: String(row.carrier),
      originCountry: (row.oc as string | null) ?? null,
      destinationCountry: (row.dc as string | null) ?? null,
      originRegion: (row.orr as string | null) ?? null,
      destinationRegion: (row.dr as string | null) ?? null,
      destinationPostalPrefix: (row.dp as string | null) ?? null,
      shippedAtMs: msOrNull(row.shipped)!,
      pickedUpAtMs: msOrNull(row.picked),
      deliveredAtMs: msOrNull(row.delivered)!,
      firstPredictedAtMs: msOrNull(row.predicted),
      firstCarrierEstimateAtMs: msOrNull(row.carrier_estimate),
      ...(events ? { events: events.get(id) ?? [] } : {}),
    };
  }
  return result;
}

/** Delivered shipments that share a lane and the shop-local days of their times, counted together. */
export interface DeliveryGroup {
  carrier: string;
  originCountry: string | null;
  destinationCountry: string | null;
  originRegion: string | null;
  destinationRegion: string | null;
  destinationPostalPrefix: string | null;
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
 * `withoutEventsOnly`, shipments that have tracking events are left out (the caller reads those one
 * by one: their milestones and scan gaps need the events).
 */
export async function deliveryGroupsBetween(
  db: Db,
  provider: DbProvider,
  shopDomain: string,
  from: Date,
  until: Date,
  offsetSpans: readonly OffsetSpan[],
  options: { withoutEventsOnly?: boolean } = {},
): Promise<DeliveryGroup[]> {
  const param = (index: number) => (provider === "postgres" ? `$${index}::timestamp(3)` : "?");
  const bound = (date: Date) => (provider === "postgres" ? date : date.toISOString().replace("Z", "+00:00"));
  const int = provider === "postgres" ? "bigint" : "INTEGER";
  const day = (ms: string) => localDaySql(provider, ms, offsetSpans);
  const inner = `SELECT s."carrier" AS carrier, s."originCountry" AS oc, s."destinationCountry" AS dc,
            s."originRegion" AS orr, s."destinationRegion" AS dr, s."destinationPostalPrefix" AS dp,
            ${epochMs(provider, `COALESCE(s."fulfillmentCreatedAt", s."createdAt")`)} AS shipped,
            ${epochMs(provider, 's."pickedUpAt"')} AS picked,
            ${epochMs(provider, 's."deliveredAt"')} AS delivered,
            ${epochMs(provider, 's."firstPredictedDeliveryAt"')} AS predicted,
            ${epochMs(provider, 's."firstCarrierEstimateAt"')} AS estimate
     FROM "Shipment" s
     WHERE s."shopDomain" = ${provider === "postgres" ? "$1" : "?"} AND s."deliveredAt" >= ${param(2)} AND s."deliveredAt" < ${param(3)}
       AND s."status" = 'delivered' AND s."carrier" IS NOT NULL AND s."isReturn" = ${provider === "postgres" ? "false" : "0"}
       ${options.withoutEventsOnly ? `AND NOT EXISTS (SELECT 1 FROM "TrackingEvent" e WHERE e."shipmentId" = s."id")` : ""}`;
  const days = `SELECT carrier, oc, dc, orr, dr, dp, delivered,
            CAST(${day("shipped")} AS ${int}) AS shipped_day,
            CAST(CASE WHEN picked IS NOT NULL AND picked <= delivered THEN ${day("picked")} END AS ${int}) AS picked_day,
            CAST(${day("delivered")} AS ${int}) AS delivered_day,
            CAST(CASE WHEN predicted IS NOT NULL THEN ${day("predicted")} END AS ${int}) AS predicted_day,
            CAST(CASE WHEN estimate IS NOT NULL THEN ${day("estimate")} END AS ${int}) AS estimate_day
     FROM (${inner}) AS r`;
  const delta = `((delivered - (delivered_day - 1) * 86400000) / 86400000.0)`;
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT carrier, oc, dc, orr, dr, dp, shipped_day, picked_day, delivered_day, predicted_day, estimate_day,
            COUNT(*) AS n, SUM(${delta}) AS d1, SUM(${delta} * ${delta}) AS d2, SUM(${delta} * ${delta} * ${delta}) AS d3,
            MAX(delivered) AS latest
     FROM (${days}) AS d
     GROUP BY carrier, oc, dc, orr, dr, dp, shipped_day, picked_day, delivered_day, predicted_day, estimate_day`,
    shopDomain,
    bound(from),
    bound(until),
  );
  return rows.map((row) => ({
    carrier: String(row.carrier),
    originCountry: (row.oc as string | null) ?? null,
    destinationCountry: (row.dc as string | null) ?? null,
    originRegion: (row.orr as string | null) ?? null,
    destinationRegion: (row.dr as string | null) ?? null,
    destinationPostalPrefix: (row.dp as string | null) ?? null,
    shippedDay: Number(row.shipped_day),
    pickedUpDay: msOrNull(row.picked_day),
    deliveredDay: Number(row.delivered_day),
    firstPredictedDay: msOrNull(row.predicted_day),
    firstCarrierEstimateDay: msOrNull(row.estimate_day),
    count: Number(row.n),
    deltaSums: [Number(row.d1), Number(row.d2), Number(row.d3)],
    latestDeliveredMs: Number(row.latest),
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
