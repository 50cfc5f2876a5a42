import type { AdminParcelView, OrderTrackingView } from "@trackline/shared";
import type { Db } from "~/data/db.server";
import { disputesOfOrder } from "~/data/disputes.server";
import { recordLookup } from "~/data/lookups.server";
import { resolveLocale } from "~/domain/locales";
import { adminIntl } from "~/i18n/admin-intl.server";
import { shipmentMessages } from "~/services/notifications/shipment-messages.server";
import { findOrderShipments, findShipment, type TrackedShipment } from "~/data/tracking-views.server";
import { createShopperLinkToken, SHOPPER_LINK_LIFETIME_MS, shopperLinkUrl } from "~/services/shopper-links/token.server";
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

/** A message Trackline sent the shopper about a parcel, labelled in the admin's language. */
export interface ParcelMessage {
  moment: string;
  momentLabel: string;
  channel: string;
  channelLabel: string;
  state: string;
  stateLabel: string;
  /** When it went out (or was last tried), ISO, and as the admin reads it in the shop's zone. */
  at: string;
  time: string;
}

/** What the order block adds to a parcel: the shopper messages, and the dispute evidence download. */
export interface AdminBlockParcel extends AdminParcelView {
  messages: ParcelMessage[];
  /** App path of the dispute evidence PDF when the order has a dispute, else null. */
  evidencePath: string | null;
}

/** Channels that reach the shopper (merchant alerts and Flow triggers are not messages to them). */
const SHOPPER_CHANNELS = new Set(["email", "sms", "klaviyo"]);
const KNOWN_STATES = new Set(["pending", "sending", "sent", "failed", "skipped", "coalesced"]);

async function parcelMessages(db: Db, request: AdminBlockRequest, shipmentId: string): Promise<ParcelMessage[]> {
  const intl = adminIntl(resolveLocale(request.locale));
  const label = (id: string, fallback: string) => (intl.messages[id] ? intl.formatMessage({ id }) : fallback);
  const rows = (await shipmentMessages(db, request.shop, shipmentId)).filter((row) => SHOPPER_CHANNELS.has(row.channel));
  return rows.map((row) => {
    const at = row.sentAt ?? row.createdAt;
    return {
      moment: row.moment,
      // The team's own emails from the worklist are named by their template.
      momentLabel: label(`notifications.moment_${row.moment}`, label(`worklist.template_${row.moment.replace(/^support_/, "")}`, row.moment)),
      channel: row.channel,
      channelLabel: label(`notifications.channel_${row.channel}`, row.channel),
      state: row.state,
      stateLabel: KNOWN_STATES.has(row.state) ? label(`notifications.state_${row.state}`, row.state) : row.state,
      at: at.toISOString(),
      time: intl.formatDate(at, { dateStyle: "medium", timeStyle: "short", timeZone: request.timeZone }),
    };
  });
}

/** Every parcel of an order for the admin order block, or null when we track none of it. */
export async function adminOrderTracking(db: Db, request: AdminBlockRequest): Promise<OrderTrackingView<AdminBlockParcel> | null> {
  const shipments = await findOrderShipments(db, request.shop, request.orderId);
  const first = shipments[0];
  if (!first) return null;
  const disputed = (await disputesOfOrder(db, request.shop, first.orderId)).length > 0;
  const parcels = await Promise.all(
    shipments.map(async (shipment, index) => ({
      ...adminParcel(shipment, index + 1, shipments.length, request),
      messages: await parcelMessages(db, request, shipment.id),
      evidencePath: disputed ? `/app/shipments/${encodeURIComponent(shipment.id)}/evidence` : null,
    })),
  );
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
