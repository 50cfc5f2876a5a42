import type { OrderTrackingView } from "@trackline/shared";
import type { Db } from "~/data/db.server";
import { recordLookup } from "~/data/lookups.server";
import { findOrderShipments } from "~/data/tracking-views.server";
import { orderView, positionsOf } from "./order-view";
import { buildParcelView, type ViewOptions } from "./parcel-view";

/** Who placed an order, as Shopify says (customer gid, or null for a guest order). */
export type OrderOwnerLookup = (orderId: string) => Promise<string | null>;

export interface CustomerAccountRequest extends ViewOptions {
  shop: string;
  /** The signed-in customer's gid from the session token's `sub`; null before login. */
  customerId: string | null;
  orderId: string;
  /** Set by the per-fulfillment target: only that fulfillment's parcels. */
  fulfillmentId: string | null;
  now: Date;
}

export type CustomerAccountOutcome =
  | { kind: "found"; view: OrderTrackingView }
  | { kind: "login_required" }
  /** Unknown order, another customer's order, or a fulfillment we do not track: all look alike. */
  | { kind: "not_found" };

/**
 * The customer-account order status page's tracking: only for a signed-in customer, only their own
 * order (checked with Shopify, since the order id comes from the page and could be anyone's), only
 * in the shop the session token was issued for.
 */
export async function customerAccountTracking(
  db: Db,
  request: CustomerAccountRequest,
  ownerOf: OrderOwnerLookup,
): Promise<CustomerAccountOutcome> {
  if (!request.customerId) return { kind: "login_required" };
  const orderShipments = await findOrderShipments(db, request.shop, request.orderId);
  if (orderShipments.length === 0) return { kind: "not_found" };
  const owner = await ownerOf(request.orderId);
  if (owner === null || owner !== request.customerId) return { kind: "not_found" };

  const shown = request.fulfillmentId
    ? orderShipments.filter((shipment) => shipment.fulfillmentId === request.fulfillmentId)
    : orderShipments;
  const first = shown[0];
  if (!first) return { kind: "not_found" };
  const positions = positionsOf(orderShipments);
  const parcels = shown.map((shipment) => buildParcelView(shipment, positions.get(shipment.id) ?? 1, orderShipments.length, request));
  await recordLookup(db, { shopDomain: request.shop, surface: "customer_account", orderId: first.orderId, shipmentId: first.id, at: request.now });
  return { kind: "found", view: orderView(first.orderName, request.locale, parcels) };
}

/** Fulfillment and order ids arrive as gids; anything else is a malformed request. */
export function isShopifyGid(value: string | null, type: "Order" | "Fulfillment"): value is string {
  return value !== null && new RegExp(`^gid://shopify/${type}/\\d+$`).test(value);
}
