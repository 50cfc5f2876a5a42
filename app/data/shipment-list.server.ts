import type { Db } from "./db.server";

/** The newest carrier scan of a shipment, as the list's "last scan" column shows it. */
export interface LastScan {
  description: string;
  city: string | null;
  province: string | null;
  country: string | null;
  occurredAt: Date;
}

/** What the list shows beyond the row itself: the order's admin id and the newest scan. */
export interface ShipmentListExtras {
  orderId: string;
  lastScan: LastScan | null;
}

/**
 * The order id and newest scan of each listed shipment of the shop: one indexed read per
 * shipment on (shipmentId, occurredAt), so a page of 50 costs 50 short index reads whatever the
 * length of each timeline.
 */
export async function shipmentListExtras(db: Db, shopDomain: string, ids: readonly string[]): Promise<Map<string, ShipmentListExtras>> {
  if (ids.length === 0) return new Map();
  const shipments = await db.shipment.findMany({ where: { shopDomain, id: { in: [...ids] } }, select: { id: true, orderId: true } });
  const scans = await Promise.all(
    shipments.map((shipment) =>
      db.trackingEvent.findFirst({
        where: { shipmentId: shipment.id },
        orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
        select: { description: true, city: true, province: true, country: true, occurredAt: true },
      }),
    ),
  );
  return new Map(shipments.map((shipment, index) => [shipment.id, { orderId: shipment.orderId, lastScan: scans[index] ?? null }]));
}

/** Shipments of the shop with their tracking numbers and carriers, in the order of `ids` (unknown ids left out). */
export async function shipmentsForResync(
  db: Db,
  shopDomain: string,
  ids: readonly string[],
): Promise<{ id: string; trackingNumber: string; carrier: string | null; orderName: string }[]> {
  if (ids.length === 0) return [];
  const rows = await db.shipment.findMany({
    where: { shopDomain, id: { in: [...ids] } },
    select: { id: true, trackingNumber: true, carrier: true, orderName: true },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
}
