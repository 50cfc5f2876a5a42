import type { CanonicalEvent } from "../domain/status";
import type { Db, DbProvider } from "./db.server";
import { idChunks, loadEvents } from "./sync.server";

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
  shippedAt: Date;
  pickedUpAt: Date | null;
  deliveredAt: Date;
  firstPredictedDeliveryAt: Date | null;
  firstCarrierEstimateAt: Date | null;
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
 * The shop's delivered shipments with `from <= deliveredAt < until` (a range of the delivered-at
 * index, no sort); with `withEvents`, each row carries its events (milestones and scan gaps are
 * learned from them).
 */
export async function deliveredShipmentsBetween(
  db: Db,
  provider: DbProvider,
  shopDomain: string,
  from: Date,
  until: Date,
  options: { withEvents?: boolean } = {},
): Promise<DeliveredShipmentRow[]> {
  // Raw SQL: a full refresh reads every delivery of the shop, and Prisma's row mapping would cost
  // more than the database does. SQLite keeps DateTime as ISO text, Postgres as timestamp(3).
  const param = (index: number) => (provider === "postgres" ? `$${index}::timestamp(3)` : "?");
  const bound = (date: Date) => (provider === "postgres" ? date : date.toISOString().replace("Z", "+00:00"));
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT "id", "carrier", "originCountry", "destinationCountry", "fulfillmentCreatedAt", "createdAt", "pickedUpAt",
            "deliveredAt", "firstPredictedDeliveryAt", "firstCarrierEstimateAt"
     FROM "Shipment"
     WHERE "shopDomain" = ${provider === "postgres" ? "$1" : "?"} AND "deliveredAt" >= ${param(2)} AND "deliveredAt" < ${param(3)}
       AND "status" = 'delivered' AND "carrier" IS NOT NULL AND "isReturn" = ${provider === "postgres" ? "false" : "0"}`,
    shopDomain,
    bound(from),
    bound(until),
  );
  const time = (value: unknown): Date | null => {
    if (value === null || value === undefined) return null;
    if (value instanceof Date) return value;
    const ms = typeof value === "number" ? value : Date.parse(String(value));
    return Number.isNaN(ms) ? null : new Date(ms);
  };
  const events = options.withEvents && rows.length > 0 ? await loadEvents(db, rows.map((row) => String(row.id))) : null;
  return rows.map((row) => {
    const id = String(row.id);
    return {
      id,
      carrier: String(row.carrier),
      originCountry: (row.originCountry as string | null) ?? null,
      destinationCountry: (row.destinationCountry as string | null) ?? null,
      shippedAt: time(row.fulfillmentCreatedAt) ?? time(row.createdAt)!,
      pickedUpAt: time(row.pickedUpAt),
      deliveredAt: time(row.deliveredAt)!,
      firstPredictedDeliveryAt: time(row.firstPredictedDeliveryAt),
      firstCarrierEstimateAt: time(row.firstCarrierEstimateAt),
      ...(events ? { events: events.get(id) ?? [] } : {}),
    };
  });
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
