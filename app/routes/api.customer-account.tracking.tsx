import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { database } from "~/data/client.server";
import { customerAccountTracking, isShopifyGid } from "~/services/tracking-lookup/customer-account.server";
import { jsonError, jsonView } from "~/services/tracking-lookup/json-response";
import { shopifyOrderOwner } from "~/services/tracking-lookup/order-owner.server";
import { findShopPresentation } from "~/data/tracking-views.server";
import { findTrackingPageSettings } from "~/data/shop-settings.server";
import { parseBranding, supportContactHref } from "~/services/settings/settings-form";
import { safeTimeZone } from "~/services/tracking-lookup/parcel-view";
import { authenticate, unauthenticated } from "~/shopify/shopify.server";

/**
 * Tracking for the customer-account order status page extension:
 * GET /api/customer-account/tracking?orderId=gid…&fulfillmentId=gid…&locale=de&timeZone=Europe/Berlin
 * with the extension's session token. The shop comes from the token, never from the query.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { sessionToken, cors } = await authenticate.public.customerAccount(request);
  const shop = new URL(String(sessionToken.dest)).hostname;
  const params = new URL(request.url).searchParams;
  const orderId = params.get("orderId");
  const fulfillmentId = params.get("fulfillmentId");
  if (!isShopifyGid(orderId, "Order") || (fulfillmentId !== null && !isShopifyGid(fulfillmentId, "Fulfillment"))) {
    return cors(jsonError("bad_request", "orderId (and fulfillmentId, if given) must be Shopify gids"));
  }
  const { db } = database();
  const presentation = await findShopPresentation(db, shop);
  if (!presentation) return cors(jsonError("not_found", "This shop does not use Trackline"));
  const outcome = await customerAccountTracking(
    db,
    {
      shop,
      customerId: sessionToken.sub ? String(sessionToken.sub) : null,
      orderId,
      fulfillmentId,
      locale: params.get("locale") ?? presentation.locales[0] ?? "en",
      timeZone: safeTimeZone(params.get("timeZone"), presentation.timezone),
      now: new Date(),
    },
    async (id) => shopifyOrderOwner(shop, (await unauthenticated.admin(shop)).admin)(id),
  ).catch((error: unknown) => {
    console.error("customer-account tracking failed", error);
    return null;
  });
  if (outcome === null) return cors(jsonError("unavailable", "Tracking is unavailable right now"));
  if (outcome.kind === "login_required") return cors(jsonError("login_required", "Sign in to see live tracking"));
  if (outcome.kind === "not_found") return cors(jsonError("not_found", "No tracking for this order"));
  // The merchant's contact, which the extension offers under a late parcel's estimate (as the tracking page does).
  const supportHref = supportContactHref(parseBranding((await findTrackingPageSettings(db, shop))?.trackingPageJson).supportContact);
  return cors(jsonView({ ...outcome.view, supportHref }));
}

/** CORS preflight (OPTIONS) is answered by the authentication itself. */
export async function action({ request }: ActionFunctionArgs) {
  await authenticate.public.customerAccount(request);
  return new Response(null, { status: 405, headers: { Allow: "GET, OPTIONS" } });
}
