import type { FreshnessSample } from "~/domain/freshness";
import type { Db } from "./db.server";

/**
 * Scan → stored times of the shop's events stored since `since`, per carrier. Scans older than the
 * shipment itself (history brought by its first sync) say nothing about freshness and are left out.
 */
export async function freshnessSamples(db: Db, shopDomain: string, since: Date, options: { limit?: number } = {}): Promise<FreshnessSample[]> {
  const rows = await db.trackingEvent.findMany({
    where: { createdAt: { gte: since }, shipment: { shopDomain } },
    select: { occurredAt: true, createdAt: true, shipment: { select: { carrier: true, createdAt: true } } },
    orderBy: { createdAt: "desc" },
    take: options.limit ?? 20_000,
  });
  return rows
    .filter((row) => row.occurredAt.getTime() >= row.shipment.createdAt.getTime())
    .map((row) => ({ carrier: row.shipment.carrier ?? "unknown", eventAt: row.occurredAt, visibleAt: row.createdAt }));
}
