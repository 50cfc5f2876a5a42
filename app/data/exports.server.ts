import type { Db } from "./db.server";
import { listSelect, shipmentWhere, type ShipmentFilter } from "./shipments.server";

/** One shipment as the CSV export writes it. */
export interface ExportRow {
  id: string;
  orderName: string;
  trackingNumber: string;
  carrier: string | null;
  declaredCarrier: string | null;
  status: string;
  subStatus: string | null;
  stalled: boolean;
  late: boolean;
  notPickedUp: boolean;
  trackingIssue: string | null;
  isReturn: boolean;
  originCountry: string | null;
  destinationCountry: string | null;
  createdAt: Date;
  estimatedDeliveryAt: Date | null;
  deliveredAt: Date | null;
  lastEventAt: Date | null;
  shopifyStatus: string | null;
}

// The list's columns plus what only the export carries.
const exportSelect = { ...listSelect, originCountry: true, shopifyStatus: true } as const;

/**
 * Every shipment matching the filter, newest first, in keyset batches: memory stays at one batch
 * however many rows the shop has, and each batch is an index range read.
 */
export async function* exportShipmentBatches(
  db: Db,
  shopDomain: string,
  filter: ShipmentFilter,
  batchSize = 2000,
): AsyncGenerator<ExportRow[]> {
  const where = shipmentWhere(shopDomain, filter);
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const rows: ExportRow[] = await db.shipment.findMany({
      where: after
        ? {
            AND: [
              where,
              // The bound alone gives the index a range; the OR then settles ties on the same instant.
              { createdAt: { lte: after.createdAt } },
              { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] },
            ],
          }
        : where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: batchSize,
      select: exportSelect,
    });
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
}
