import type { AdminParcelView, OrderTrackingView } from "@trackline/shared";
import type { Db } from "../../data/db.server";
import { recordLookup } from "../../data/lookups.server";
import { findOrderShipments, findShipment, type TrackedShipment } from "../../data/tracking-views.server";
import { createShopperLinkToken, SHOPPER_LINK_LIFETIME_MS, shopperLinkUrl } from "../shopper-links/token";
import { orderView, positionsOf } from "./order-view";
import { buildAdminParcelView, type ViewOptions } from "./parcel-view";

export interface AdminBlockRequest extends ViewOptions {
  shop: string;
  orderId: string;
  now: Date;
  linkKey: Buffer;
}

function adminParcel(shipment: TrackedShipment, position: number, count: number, request: AdminBlockRequest): AdminParcelView {
  const token = createShopperLinkToken(
    { shop: request.shop, shipmentId: shipment.id, expiresAt: new Date(request.now.getTime() + SHOPPER_LINK_LIFETIME_MS) },
    request.linkKey,
  );
  return buildAdminParcelView(shipment, position, count, { ...request, shopperLink: shopperLinkUrl(request.shop, token) });
}

/** Every parcel of an order for the admin order block, or null when we track none of it. */
export async function adminOrderTracking(db: Db, request: AdminBlockRequest): Promise<OrderTrackingView<AdminParcelView> | null> {
  const shipments = await findOrderShipments(db, request.shop, request.orderId);
  const first = shipments[0];
  if (!first) return null;
  const parcels = shipments.map((shipment, index) => adminParcel(shipment, index + 1, shipments.length, request));
  await recordLookup(db, { shopDomain: request.shop, surface: "admin", orderId: first.orderId, shipmentId: first.id, at: request.now });
  return orderView(first.orderName, request.locale, parcels);
}

/** The sync use case: one carrier check of one shipment, now. */
export type SyncShipmentNow = (db: Db, shipmentId: string) => Promise<{ status: string; changed: boolean }>;

export type ResyncOutcome =
  | { kind: "synced"; changed: boolean; parcel: AdminParcelView }
  | { kind: "not_found" }
  | { kind: "failed"; message: string };

/**
 * "Resync now" from the admin block: runs one sync of a shipment of this shop and answers with
 * the parcel as it is afterwards. A shipment of another shop is not found, whatever its id.
 */
export async function resyncShipment(
  db: Db,
  request: Omit<AdminBlockRequest, "orderId"> & { shipmentId: string },
  syncNow: SyncShipmentNow,
): Promise<ResyncOutcome> {
  const before = await findShipment(db, request.shop, request.shipmentId);
  if (!before) return { kind: "not_found" };
  let result: { status: string; changed: boolean };
  try {
    result = await syncNow(db, before.id);
  } catch (error) {
    return { kind: "failed", message: error instanceof Error ? error.message : String(error) };
  }
  const after = (await findShipment(db, request.shop, before.id)) ?? before;
  const order = await findOrderShipments(db, request.shop, after.orderId);
  const position = positionsOf(order).get(after.id) ?? 1;
  return { kind: "synced", changed: result.changed, parcel: adminParcel(after, position, order.length, { ...request, orderId: after.orderId }) };
}
