import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { database } from "~/data/client.server";
import { findShopPresentation } from "~/data/tracking-views.server";
import { shopperLinkKey } from "~/services/shopper-links/key.server";
import { adminOrderTracking } from "~/services/tracking-lookup/admin.server";
import { isShopifyGid } from "~/services/tracking-lookup/customer-account.server";
import { jsonError, jsonView } from "~/services/tracking-lookup/json-response";
import { authenticate } from "~/shopify/shopify.server";

/**
 * Every parcel of an order for the admin order-details block:
 * GET /api/admin/order-tracking?orderId=gid…&locale=ja with the admin's ID token (added by Shopify).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { session, cors } = await authenticate.admin(request);
  const params = new URL(request.url).searchParams;
  const orderId = params.get("orderId");
  if (!isShopifyGid(orderId, "Order")) return cors(jsonError("bad_request", "orderId must be an Order gid"));
  const { db } = database();
  const presentation = await findShopPresentation(db, session.shop);
  const view = await adminOrderTracking(db, {
    shop: session.shop,
    orderId,
    locale: params.get("locale") ?? "en",
    timeZone: presentation?.timezone ?? "UTC",
    now: new Date(),
    linkKey: shopperLinkKey(),
  });
  if (!view) return cors(jsonError("not_found", "Trackline tracks no parcel of this order yet"));
  return cors(jsonView(view));
}

/** CORS preflight (OPTIONS) is answered by the authentication itself. */
export async function action({ request }: ActionFunctionArgs) {
  await authenticate.admin(request);
  return new Response(null, { status: 405, headers: { Allow: "GET, OPTIONS" } });
}
