import type { Db } from "./db.server";

/**
 * The demo shop's rows outside what the webhook and sync paths write: the shop itself (reset
 * before seeding) and the shopper lookups that self-service analytics count.
 */
export async function resetDemoShop(db: Db, shop: { domain: string; name: string; timezone: string; orderCount: number }, now: Date): Promise<void> {
  await db.$transaction([
    // Cascades remove the shop's shipments, events, lookups and write-backs.
    db.shop.deleteMany({ where: { domain: shop.domain } }),
    db.webhookReceipt.deleteMany({ where: { shopDomain: shop.domain } }),
    // After-delivery rows are keyed by shop without a foreign key: cleared with it.
    db.dispute.deleteMany({ where: { shopDomain: shop.domain } }),
    db.returnRecord.deleteMany({ where: { shopDomain: shop.domain } }),
    db.worklistItem.deleteMany({ where: { shopDomain: shop.domain } }),
    db.auditEntry.deleteMany({ where: { shopDomain: shop.domain } }),
    db.shop.create({
      data: {
        domain: shop.domain,
        name: shop.name,
        timezone: shop.timezone,
        // The seed is the demo's import: the admin shows it as a finished backfill.
        backfillStatus: "done",
        backfillMode: "pages",
        backfillImported: shop.orderCount,
        backfillTotal: shop.orderCount,
        // The demo's orders span the default 60-day import window.
        backfillSince: new Date(now.getTime() - 60 * 86_400_000),
        backfillStartedAt: now,
        backfillFinishedAt: now,
      },
    }),
  ]);
}

/** Shipment ids of a shop keyed by "<fulfillment gid>|<tracking number>". */
export async function shipmentIdsByFulfillmentNumber(db: Db, shopDomain: string): Promise<Map<string, string>> {
  const rows = await db.shipment.findMany({ where: { shopDomain }, select: { id: true, fulfillmentId: true, trackingNumber: true } });
  return new Map(rows.map((row) => [`${row.fulfillmentId}|${row.trackingNumber}`, row.id]));
}

export async function writeDemoLookups(
  db: Db,
  rows: { shopDomain: string; shipmentId: string; orderId: string; surface: string; occurredAt: Date }[],
): Promise<number> {
  for (let index = 0; index < rows.length; index += 500) await db.lookupEvent.createMany({ data: rows.slice(index, index + 500) });
  return rows.length;
}
