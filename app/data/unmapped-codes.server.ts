import type { Db } from "./db.server";

/** A carrier code Trackline has no mapping for, and how many of the shop's parcels carry it. */
export interface UnmappedCarrierCode {
  /** Our carrier code of the shipments ("ups", "yodel"…). */
  carrier: string;
  /** The carrier's own event code as sent ("" when the carrier sent none). */
  code: string;
  /** Distinct shipments with at least one event of that code. */
  parcels: number;
  /** The carrier's wording of one such event, so the merchant (and we) can tell what it means. */
  example: string;
  lastSeenAt: Date;
}

/**
 * Events whose carrier code no status table maps are stored with status `unknown` (never guessed);
 * this lists them per carrier and code with the number of parcels affected, most parcels first.
 */
export async function unmappedCarrierCodes(db: Db, shopDomain: string, options: { limit?: number } = {}): Promise<UnmappedCarrierCode[]> {
  const rows = await db.trackingEvent.findMany({
    where: { status: "unknown", shipment: { shopDomain } },
    select: { carrierCode: true, description: true, occurredAt: true, shipmentId: true, shipment: { select: { carrier: true } } },
    orderBy: { occurredAt: "desc" },
    take: 20_000,
  });
  const byKey = new Map<string, UnmappedCarrierCode & { shipments: Set<string> }>();
  for (const row of rows) {
    const carrier = row.shipment.carrier ?? "unknown";
    const key = `${carrier}\u0000${row.carrierCode}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { carrier, code: row.carrierCode, parcels: 0, example: row.description, lastSeenAt: row.occurredAt, shipments: new Set() };
      byKey.set(key, entry);
    }
    entry.shipments.add(row.shipmentId);
  }
  return [...byKey.values()]
    .map(({ shipments, ...entry }) => ({ ...entry, parcels: shipments.size }))
    .sort((a, b) => b.parcels - a.parcels || a.carrier.localeCompare(b.carrier) || a.code.localeCompare(b.code))
    .slice(0, options.limit ?? 20);
}
