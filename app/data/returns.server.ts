import type { Db } from "./db.server";
import type { DbClient, IncomingShipment } from "./fulfillments.server";

/**
 * Shopper returns: the Shopify Return (kept from its first webhook, tracking or not) and its
 * reverse delivery's parcel, tracked like any shipment (`returnId` set, `isReturn` true).
 */
export interface ReturnUpdate {
  shopDomain: string;
  returnId: string;
  orderId?: string | null;
  name?: string | null;
  status?: string | null;
  tracking?: { reverseDeliveryId: string; trackingNumber: string; trackingCompany: string | null; trackingUrl: string | null } | null;
}

export async function upsertReturn(client: DbClient, update: ReturnUpdate) {
  const data = {
    ...(update.orderId ? { orderId: update.orderId } : {}),
    ...(update.name ? { name: update.name } : {}),
    ...(update.status ? { status: update.status } : {}),
    ...(update.tracking
      ? {
          reverseDeliveryId: update.tracking.reverseDeliveryId,
          trackingNumber: update.tracking.trackingNumber,
          trackingCompany: update.tracking.trackingCompany,
          trackingUrl: update.tracking.trackingUrl,
        }
      : {}),
  };
  return client.returnRecord.upsert({
    where: { shopDomain_returnId: { shopDomain: update.shopDomain, returnId: update.returnId } },
    create: { shopDomain: update.shopDomain, returnId: update.returnId, ...data },
    update: data,
  });
}

/**
 * Creates (or points at a new number) the return's parcel once both its order and its tracking
 * are known; returns the shipment id, or null while one of them is missing.
 */
export async function ensureReturnShipment(
  client: DbClient,
  record: Awaited<ReturnType<typeof upsertReturn>>,
  resolved: IncomingShipment | null,
  now: Date,
): Promise<string | null> {
  if (!record.orderId || !record.reverseDeliveryId || !resolved) return null;
  const outbound = await client.shipment.findFirst({ where: { shopDomain: record.shopDomain, orderId: record.orderId, returnId: null }, select: { orderName: true, orderCreatedAt: true, customerEmailHash: true, customerPhoneHash: true, originCountry: true, originRegion: true, destinationCountry: true, destinationRegion: true } });
  const key = { shopDomain: record.shopDomain, fulfillmentId: record.reverseDeliveryId, trackingNumber: resolved.trackingNumber };
  const existing = await client.shipment.findUnique({ where: { shopDomain_fulfillmentId_trackingNumber: key }, select: { id: true } });
  let shipmentId: string;
  if (existing) {
    shipmentId = existing.id;
  } else {
    const created = await client.shipment.create({
      data: {
        ...key,
        orderId: record.orderId,
        orderName: outbound?.orderName ?? record.name ?? record.returnId,
        orderCreatedAt: outbound?.orderCreatedAt ?? null,
        fulfillmentCreatedAt: now,
        trackingUrl: resolved.trackingUrl,
        declaredCarrier: resolved.declaredCarrier,
        carrier: resolved.carrier,
        status: resolved.initialStatus,
        trackingIssue: resolved.trackingIssue,
        trackingIssueDetail: resolved.trackingIssueDetail,
        isReturn: true,
        returnId: record.returnId,
        // The shopper who owns the order may look their return up like their parcels.
        customerEmailHash: outbound?.customerEmailHash ?? null,
        customerPhoneHash: outbound?.customerPhoneHash ?? null,
        // A return travels back to the merchant: from where the parcel was delivered to where it
        // was shipped from (the merchant's own returns address is not in the webhook).
        originCountry: outbound?.destinationCountry ?? null,
        originRegion: outbound?.destinationRegion ?? null,
        destinationCountry: outbound?.originCountry ?? null,
        destinationRegion: outbound?.originRegion ?? null,
        nextCheckAt: resolved.initialStatus === "invalid" || !resolved.carrier ? null : now,
      },
      select: { id: true },
    });
    shipmentId = created.id;
    // A new label replaces the old one: stop tracking the return's previous parcel.
    await client.shipment.updateMany({
      where: { shopDomain: record.shopDomain, returnId: record.returnId, id: { not: shipmentId }, trackingStoppedAt: null },
      data: { trackingStoppedAt: now, stopReason: "return_label_replaced", nextCheckAt: null, leaseUntil: null, leaseOwner: null },
    });
  }
  await client.returnRecord.update({ where: { id: record.id }, data: { shipmentId } });
  return shipmentId;
}

/** A return was cancelled or declined: its parcel is no longer expected. */
export async function stopReturnShipments(client: DbClient, shopDomain: string, returnId: string, reason: string, now: Date): Promise<number> {
  const result = await client.shipment.updateMany({
    where: { shopDomain, returnId, trackingStoppedAt: null, status: { not: "delivered" } },
    data: { trackingStoppedAt: now, stopReason: reason, nextCheckAt: null, leaseUntil: null, leaseOwner: null },
  });
  return result.count;
}

export async function findReturn(db: Db, shopDomain: string, returnId: string) {
  return db.returnRecord.findUnique({ where: { shopDomain_returnId: { shopDomain, returnId } } });
}

/**
 * Returns delivered back to the merchant since `since` (oldest first): what the notification
 * pipeline turns into a "return delivered" moment / Flow trigger.
 */
export async function returnsDeliveredSince(db: Db, shopDomain: string, since: Date) {
  return db.shipment.findMany({
    where: { shopDomain, returnId: { not: null }, status: "delivered", deliveredAt: { gt: since } },
    select: { id: true, returnId: true, orderId: true, orderName: true, trackingNumber: true, carrier: true, deliveredAt: true },
    orderBy: [{ deliveredAt: "asc" }, { id: "asc" }],
  });
}

/** Shopper returns still travelling back, and received (the dashboard's returns line). */
export async function returnParcelCounts(db: Db, shopDomain: string): Promise<{ onTheWay: number; received: number }> {
  const rows = await db.shipment.groupBy({
    by: ["status"],
    where: { shopDomain, returnId: { not: null }, trackingStoppedAt: null },
    _count: { _all: true },
  });
  let onTheWay = 0;
  let received = 0;
  for (const row of rows) {
    if (row.status === "delivered") received += row._count._all;
    else if (!["invalid", "cancelled", "expired"].includes(row.status)) onTheWay += row._count._all;
  }
  return { onTheWay, received };
}

/** Return parcels delivered back in [from, to), with what their transit time needs. */
export async function deliveredReturnSamples(db: Db, shopDomain: string, from: Date, to: Date) {
  const rows = await db.shipment.findMany({
    where: { shopDomain, returnId: { not: null }, status: "delivered", deliveredAt: { gte: from, lt: to } },
    select: { carrier: true, originCountry: true, destinationCountry: true, pickedUpAt: true, fulfillmentCreatedAt: true, createdAt: true, deliveredAt: true },
  });
  return rows.map((row) => ({
    carrier: row.carrier,
    originCountry: row.originCountry,
    destinationCountry: row.destinationCountry,
    startedAt: row.pickedUpAt ?? row.fulfillmentCreatedAt ?? row.createdAt,
    deliveredAt: row.deliveredAt!,
  }));
}
