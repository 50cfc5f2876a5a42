import type { Db } from "./db.server";

/** Throws unless the database answers a trivial query. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.$queryRawUnsafe("SELECT 1");
}

/** Row counts of the main tables (`cli db:check`). */
export async function databaseRowCounts(db: Db): Promise<{ shops: number; shipments: number; trackingEvents: number; sessions: number }> {
  return {
    shops: await db.shop.count(),
    shipments: await db.shipment.count(),
    trackingEvents: await db.trackingEvent.count(),
    sessions: await db.session.count(),
  };
}
