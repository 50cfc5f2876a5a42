import type { Db } from "~/data/db.server";
import { shipmentNotificationRows } from "~/data/notifications.server";

/** The messages about a parcel (and its order's order-level moments), newest first, for the shipment page. */
export async function shipmentMessages(db: Db, shopDomain: string, shipmentId: string) {
  return (await shipmentNotificationRows(db, shopDomain, shipmentId)).map((row) => ({
    id: row.id,
    channel: row.channel,
    moment: row.moment,
    state: row.state,
    attempts: row.attempts,
    lastError: row.lastError,
    sentAt: row.sentAt,
    createdAt: row.createdAt,
    possibleDuplicates: row.possibleDuplicates,
  }));
}
