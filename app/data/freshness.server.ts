import type { FreshnessSample, WrittenSample } from "~/domain/freshness";
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

/**
 * Scan → written-to-Shopify times of the shop's status changes Shopify accepted since `since`: the
 * write-back outbox row's `happenedAt` (the scan that changed the status) and `sentAt` (when
 * Shopify accepted the fulfillment event). Scans older than the shipment are left out, as above.
 */
export async function writtenSamples(db: Db, shopDomain: string, since: Date, options: { limit?: number } = {}): Promise<WrittenSample[]> {
  const rows = await db.writeBack.findMany({
    where: { shopDomain, state: "done", sentAt: { gte: since } },
    select: { happenedAt: true, sentAt: true, shipment: { select: { carrier: true, createdAt: true } } },
    orderBy: { sentAt: "desc" },
    take: options.limit ?? 20_000,
  });
  return rows.flatMap((row) =>
    row.sentAt && row.happenedAt.getTime() >= row.shipment.createdAt.getTime()
      ? [{ carrier: row.shipment.carrier ?? "unknown", eventAt: row.happenedAt, writtenAt: row.sentAt }]
      : [],
  );
}
