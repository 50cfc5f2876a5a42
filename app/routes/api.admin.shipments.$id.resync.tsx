import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { database } from "~/data/client.server";
import { findShopPresentation } from "~/data/tracking-views.server";
import { shopperLinkKey } from "~/services/shopper-links/key.server";
import { syncShipmentNow } from "~/services/sync/sync-now.server";
import { resyncShipment } from "~/services/tracking-lookup/admin.server";
import { jsonError, jsonView } from "~/services/tracking-lookup/json-response";
import { authenticate } from "~/shopify/shopify.server";

/** "Resync now" from the admin block: POST /api/admin/shipments/:id/resync?locale=fr. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { session, cors } = await authenticate.admin(request);
  if (request.method !== "POST") return cors(new Response(null, { status: 405, headers: { Allow: "POST, OPTIONS" } }));
  const shipmentId = params.id ?? "";
  const { db } = database();
  const presentation = await findShopPresentation(db, session.shop);
  const outcome = await resyncShipment(
    db,
    {
      shop: session.shop,
      shipmentId,
      locale: new URL(request.url).searchParams.get("locale") ?? "en",
      timeZone: presentation?.timezone ?? "UTC",
      now: new Date(),
      linkKey: shopperLinkKey(),
    },
    syncShipmentNow,
  );
  if (outcome.kind === "not_found") return cors(jsonError("not_found", "No such shipment in this shop"));
  if (outcome.kind === "failed") {
    console.error(`resync of shipment ${shipmentId} failed: ${outcome.message}`);
    return cors(jsonError("unavailable", "The carrier could not be reached; try again in a moment"));
  }
  return cors(jsonView({ changed: outcome.changed, parcel: outcome.parcel }));
}

/** GET is not a resync (preflight OPTIONS goes to the action and is answered by authentication). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { cors } = await authenticate.admin(request);
  return cors(new Response(null, { status: 405, headers: { Allow: "POST, OPTIONS" } }));
}
