import type { Db } from "./db.server";

export interface ShipmentAwaitingImages {
  id: string;
  shopDomain: string;
  orderId: string;
  lineItemsJson: string;
}

/**
 * Shipments created since `since` whose line items were not yet matched with their product
 * images, newest first (`Shipment_lineItemImagesCheckedAt_createdAt_idx`). Returns and shipments
 * without line items are not asked about.
 */
export async function shipmentsAwaitingLineItemImages(db: Db, since: Date, limit: number): Promise<ShipmentAwaitingImages[]> {
  const rows = await db.shipment.findMany({
    where: { lineItemImagesCheckedAt: null, createdAt: { gte: since }, lineItemsJson: { not: null }, returnId: null },
    select: { id: true, shopDomain: true, orderId: true, lineItemsJson: true },
    orderBy: { createdAt: "desc" },
    take: limit,
  });
  return rows.flatMap((row) => (row.lineItemsJson ? [{ ...row, lineItemsJson: row.lineItemsJson }] : []));
}

/** Stores a shipment's line items with their images and marks it asked, so it is not asked again. */
export async function saveLineItemImages(db: Db, shipmentId: string, lineItemsJson: string, checkedAt: Date): Promise<void> {
  await db.shipment.update({ where: { id: shipmentId }, data: { lineItemsJson, lineItemImagesCheckedAt: checkedAt } });
}
