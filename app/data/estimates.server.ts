import type { CanonicalEvent } from "../domain/status";
import type { Db } from "./db.server";
import { idChunks, loadEvents } from "./sync.server";

/**
 * The delivery-estimate model's storage: one summary row per shop, and the delivered shipments
 * the worker folds into it (read in pages after a cursor, so a refresh only reads what is new).
 */

export interface StoredEstimateModel {
  shopDomain: string;
  modelJson: string;
  observations: number;
  cursor: { deliveredAt: Date; shipmentId: string } | null;
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
        cursor: row.cursorDeliveredAt && row.cursorShipmentId ? { deliveredAt: row.cursorDeliveredAt, shipmentId: row.cursorShipmentId } : null,
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
  model: { shopDomain: string; modelJson: string; observations: number; cursor: { deliveredAt: Date; shipmentId: string } | null },
  now: Date,
  expectedRefreshedAt?: Date | null,
): Promise<boolean> {
  const data = {
    modelJson: model.modelJson,
    observations: model.observations,
    cursorDeliveredAt: model.cursor?.deliveredAt ?? null,
    cursorShipmentId: model.cursor?.shipmentId ?? null,
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

/**
 * The shop's delivered shipments after a cursor, oldest delivery first (ties by id), a page at a
 * time; with `withEvents`, each row carries its events (milestones and scan gaps are learned from
 * them).
 */
export async function deliveredShipmentsAfter(
  db: Db,
  shopDomain: string,
  cursor: { deliveredAt: Date; shipmentId: string } | null,
  options: { limit: number; withEvents?: boolean },
): Promise<DeliveredShipmentRow[]> {
  const rows = await db.shipment.findMany({
    where: {
      shopDomain,
      status: "delivered",
      deliveredAt: cursor ? { gte: cursor.deliveredAt } : { not: null },
      carrier: { not: null },
      isReturn: false,
      ...(cursor ? { NOT: { deliveredAt: cursor.deliveredAt, id: { lte: cursor.shipmentId } } } : {}),
    },
    orderBy: [{ deliveredAt: "asc" }, { id: "asc" }],
    take: options.limit,
    select: {
      id: true,
      carrier: true,
      originCountry: true,
      destinationCountry: true,
      fulfillmentCreatedAt: true,
      createdAt: true,
      pickedUpAt: true,
      deliveredAt: true,
      firstPredictedDeliveryAt: true,
      firstCarrierEstimateAt: true,
    },
  });
  const events = options.withEvents && rows.length > 0 ? await loadEvents(db, rows.map((row) => row.id)) : null;
  return rows.map((row) => ({
    id: row.id,
    carrier: row.carrier!,
    originCountry: row.originCountry,
    destinationCountry: row.destinationCountry,
    shippedAt: row.fulfillmentCreatedAt ?? row.createdAt,
    pickedUpAt: row.pickedUpAt,
    deliveredAt: row.deliveredAt!,
    firstPredictedDeliveryAt: row.firstPredictedDeliveryAt,
    firstCarrierEstimateAt: row.firstCarrierEstimateAt,
    ...(events ? { events: events.get(row.id) ?? [] } : {}),
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
    },
  });
  return rows.map((row) => ({ ...row, carrier: row.carrier!, deliveredAt: row.deliveredAt! }));
}
