import type { CanonicalStatus } from "../domain/status";
import type { Db } from "./db.server";

/** One row of the admin shipments list. */
export interface ShipmentListItem {
  id: string;
  orderName: string;
  trackingNumber: string;
  carrier: string | null;
  declaredCarrier: string | null;
  status: CanonicalStatus;
  subStatus: string | null;
  flags: { stalled: boolean; late: boolean; notPickedUp: boolean };
  destinationCountry: string | null;
  estimatedDeliveryAt: Date | null;
  lastEventAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

export interface ShipmentPage {
  items: ShipmentListItem[];
  /** Pass back as `after` for the next page; null on the last page. */
  nextCursor: string | null;
  total: number;
}

const listSelect = {
  id: true,
  orderName: true,
  trackingNumber: true,
  carrier: true,
  declaredCarrier: true,
  status: true,
  subStatus: true,
  stalled: true,
  late: true,
  notPickedUp: true,
  destinationCountry: true,
  estimatedDeliveryAt: true,
  lastEventAt: true,
  deliveredAt: true,
  createdAt: true,
} as const;

/** Newest shipments first, keyset-paginated on (createdAt, id) so deep pages stay fast. */
export async function listShipments(
  db: Db,
  shopDomain: string,
  options: { limit?: number; after?: string | null } = {},
): Promise<ShipmentPage> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 250);
  const cursor = options.after ? decodeCursor(options.after) : null;
  const where = {
    shopDomain,
    ...(cursor
      ? {
          OR: [
            { createdAt: { lt: cursor.createdAt } },
            { createdAt: cursor.createdAt, id: { lt: cursor.id } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.shipment.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      select: listSelect,
    }),
    db.shipment.count({ where: { shopDomain } }),
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      orderName: row.orderName,
      trackingNumber: row.trackingNumber,
      carrier: row.carrier,
      declaredCarrier: row.declaredCarrier,
      status: row.status as CanonicalStatus,
      subStatus: row.subStatus,
      flags: { stalled: row.stalled, late: row.late, notPickedUp: row.notPickedUp },
      destinationCountry: row.destinationCountry,
      estimatedDeliveryAt: row.estimatedDeliveryAt,
      lastEventAt: row.lastEventAt,
      deliveredAt: row.deliveredAt,
      createdAt: row.createdAt,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
    total,
  };
}

function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (!id || Number.isNaN(createdAt.getTime())) return null;
  return { createdAt, id };
}

/** Counts per canonical status for one shop (the list's summary badges). */
export async function countShipmentsByStatus(db: Db, shopDomain: string): Promise<Record<string, number>> {
  const groups = await db.shipment.groupBy({ by: ["status"], where: { shopDomain }, _count: { _all: true } });
  return Object.fromEntries(groups.map((group) => [group.status, group._count._all]));
}
