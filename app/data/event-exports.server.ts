import type { Db } from "./db.server";
import { exportShipmentBatches } from "./exports.server";
import type { ShipmentFilter } from "./shipments.server";

/** One carrier event as the events CSV writes it, with its shipment's identity. */
export interface EventExportRow {
  orderName: string;
  trackingNumber: string;
  carrier: string | null;
  isReturn: boolean;
  occurredAt: Date;
  localTime: string | null;
  status: string;
  subStatus: string | null;
  carrierCode: string;
  description: string;
  city: string | null;
  province: string | null;
  postalCode: string | null;
  country: string | null;
  shipmentId: string;
}

/**
 * The carrier events of every shipment matching the list's filter, oldest first per shipment,
 * in batches: the shipments come in the export's keyset batches, their events in one query each.
 */
export async function* exportEventBatches(db: Db, shopDomain: string, filter: ShipmentFilter, batchSize = 500): AsyncGenerator<EventExportRow[]> {
  for await (const shipments of exportShipmentBatches(db, shopDomain, filter, batchSize)) {
    const byId = new Map(shipments.map((shipment) => [shipment.id, shipment]));
    const events = await db.trackingEvent.findMany({
      where: { shipmentId: { in: [...byId.keys()] } },
      orderBy: [{ shipmentId: "asc" }, { occurredAt: "asc" }, { id: "asc" }],
      select: { shipmentId: true, occurredAt: true, localTime: true, status: true, subStatus: true, carrierCode: true, description: true, city: true, province: true, postalCode: true, country: true },
    });
    // Shipments in the export's order (newest first), each one's events oldest first.
    const grouped = new Map<string, typeof events>();
    for (const event of events) grouped.set(event.shipmentId, [...(grouped.get(event.shipmentId) ?? []), event]);
    const rows: EventExportRow[] = [];
    for (const shipment of shipments) {
      for (const event of grouped.get(shipment.id) ?? []) {
        rows.push({ ...event, orderName: shipment.orderName, trackingNumber: shipment.trackingNumber, carrier: shipment.carrier, isReturn: shipment.isReturn });
      }
    }
    if (rows.length > 0) yield rows;
  }
}

/** How many carrier events the events export of this filter holds (rows of the file). */
export async function exportEventCount(db: Db, shopDomain: string, filter: ShipmentFilter, batchSize = 500): Promise<number> {
  let total = 0;
  for await (const shipments of exportShipmentBatches(db, shopDomain, filter, batchSize)) {
    total += await db.trackingEvent.count({ where: { shipmentId: { in: shipments.map((shipment) => shipment.id) } } });
  }
  return total;
}
