import type { Db } from "./db.server";

/** A shipment as the subscription service sees it, with its shop's state and any subscriptions. */
export interface SubscriptionShipment {
  id: string;
  shopDomain: string;
  trackingNumber: string;
  carrier: string;
  status: string;
  trackingStopped: boolean;
  shopUninstalled: boolean;
  longTailAggregator: string | null;
}

export interface StoredSubscription {
  id: string;
  shipmentId: string;
  carrier: string;
  trackingNumber: string;
  state: "active" | "failed" | "removed";
  externalId: string | null;
  expiresAt: Date | null;
  attempts: number;
}

const FINISHED = ["delivered", "returned", "cancelled", "expired", "invalid"];

async function describeShipments(db: Db, ids: string[]): Promise<Map<string, SubscriptionShipment>> {
  if (ids.length === 0) return new Map();
  const shipments = await db.shipment.findMany({
    where: { id: { in: ids }, carrier: { not: null } },
    select: { id: true, shopDomain: true, trackingNumber: true, carrier: true, status: true, trackingStoppedAt: true },
  });
  const shops = await db.shop.findMany({
    where: { domain: { in: [...new Set(shipments.map((shipment) => shipment.shopDomain))] } },
    select: { domain: true, uninstalledAt: true, longTailAggregator: true },
  });
  const shopOf = new Map(shops.map((shop) => [shop.domain, shop]));
  return new Map(
    shipments.map((shipment) => [
      shipment.id,
      {
        id: shipment.id,
        shopDomain: shipment.shopDomain,
        trackingNumber: shipment.trackingNumber,
        carrier: shipment.carrier ?? "",
        status: shipment.status,
        trackingStopped: shipment.trackingStoppedAt !== null,
        shopUninstalled: shopOf.get(shipment.shopDomain)?.uninstalledAt != null,
        longTailAggregator: shopOf.get(shipment.shopDomain)?.longTailAggregator ?? null,
      },
    ]),
  );
}

/** Tracked shipments of installed shops that have no subscription row yet, newest first. */
export async function shipmentsWithoutSubscription(db: Db, limit: number): Promise<SubscriptionShipment[]> {
  const candidates = await db.shipment.findMany({
    where: { trackingStoppedAt: null, carrier: { not: null }, status: { notIn: FINISHED }, shop: { uninstalledAt: null } },
    select: { id: true },
    orderBy: { createdAt: "desc" },
    take: limit * 4,
  });
  const ids = candidates.map((row) => row.id);
  const subscribed = new Set((await db.carrierSubscription.findMany({ where: { shipmentId: { in: ids } }, select: { shipmentId: true } })).map((row) => row.shipmentId));
  const described = await describeShipments(db, ids.filter((id) => !subscribed.has(id)).slice(0, limit));
  return [...described.values()];
}

/** Subscriptions to look at now: every active one (to end or renew) and failed ones whose retry is due. */
export async function subscriptionsToReview(db: Db, now: Date, limit: number): Promise<{ subscription: StoredSubscription; shipment: SubscriptionShipment | undefined }[]> {
  const rows = await db.carrierSubscription.findMany({
    where: { OR: [{ state: "active" }, { state: "failed", nextActionAt: { lte: now } }] },
    orderBy: { nextActionAt: "asc" },
    take: limit,
  });
  const shipments = await describeShipments(db, rows.map((row) => row.shipmentId));
  return rows.map((row) => ({
    subscription: {
      id: row.id,
      shipmentId: row.shipmentId,
      carrier: row.carrier,
      trackingNumber: row.trackingNumber,
      state: row.state as StoredSubscription["state"],
      externalId: row.externalId,
      expiresAt: row.expiresAt,
      attempts: row.attempts,
    },
    shipment: shipments.get(row.shipmentId),
  }));
}

export interface SubscriptionWrite {
  shipmentId: string;
  carrier: string;
  trackingNumber: string;
  state: "active" | "failed" | "removed";
  externalId?: string | null;
  subscribedAt?: Date | null;
  expiresAt?: Date | null;
  attempts: number;
  lastError?: string | null;
  nextActionAt: Date | null;
}

export async function saveSubscription(db: Db, write: SubscriptionWrite): Promise<void> {
  const { shipmentId, carrier, ...data } = write;
  await db.carrierSubscription.upsert({
    where: { shipmentId_carrier: { shipmentId, carrier } },
    create: { shipmentId, carrier, ...data },
    update: data,
  });
}

/** Live subscriptions per carrier, for the admin and tests. */
export async function subscriptionCounts(db: Db): Promise<Record<string, Record<string, number>>> {
  const rows = await db.carrierSubscription.groupBy({ by: ["carrier", "state"], _count: { _all: true } });
  const out: Record<string, Record<string, number>> = {};
  for (const row of rows) (out[row.carrier] ??= {})[row.state] = row._count._all;
  return out;
}
