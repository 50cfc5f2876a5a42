import type { ProofOfDeliveryView } from "@trackline/shared";
import type { Db } from "~/data/db.server";
import { findProofOfDelivery } from "~/data/proof-of-delivery.server";
import { findShipmentDetail, type ShipmentDetail } from "~/data/shipments.server";
import { findShopSettings } from "~/data/shop-settings.server";
import { orderAdminUrl, type AdminLinkMode } from "~/domain/order-admin-link";
import { mappingRuleFor, type MappingRule } from "~/services/analytics/mapping-rules";
import { createShopperLinkToken, SHOPPER_LINK_LIFETIME_MS, shopperLinkUrl } from "~/services/shopper-links/token.server";
import { proofOfDeliveryView } from "~/services/tracking-lookup/parcel-view";

/** The shipment page: the parcel, its timeline with the status-table row of each event, and links. */
export type ShipmentPageView = ShipmentDetail & {
  events: (ShipmentDetail["events"][number] & { rule: MappingRule })[];
  proofOfDelivery: ProofOfDeliveryView | null;
  shopperLink: string;
  orderAdminUrl: string | null;
  timeZone: string;
};

export async function loadShipmentPage(
  db: Db,
  shopDomain: string,
  shipmentId: string,
  options: { linkKey: Buffer; now: Date; adminLinks?: AdminLinkMode },
): Promise<ShipmentPageView | null> {
  const [detail, settings, pod] = await Promise.all([
    findShipmentDetail(db, shopDomain, shipmentId),
    findShopSettings(db, shopDomain),
    findProofOfDelivery(db, shopDomain, shipmentId),
  ]);
  if (!detail) return null;
  const token = createShopperLinkToken(
    { shop: shopDomain, shipmentId, expiresAt: new Date(options.now.getTime() + SHOPPER_LINK_LIFETIME_MS) },
    options.linkKey,
  );
  return {
    ...detail,
    events: detail.events.map((event) => ({
      ...event,
      rule: mappingRuleFor(detail.carrier, event.carrierCode, event.status, event.subStatus),
    })),
    shopperLink: shopperLinkUrl(shopDomain, token),
    orderAdminUrl: orderAdminUrl(detail.orderId, shopDomain, options.adminLinks ?? "embedded"),
    timeZone: settings.timezone,
    proofOfDelivery: proofOfDeliveryView(pod),
  };
}
