import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ShipmentDetailPage } from "../components/ShipmentDetailPage";
import { database } from "../data/client.server";
import { loadShipmentPage, resyncShipments } from "../services/analytics/shipment-views.server";
import { shipmentMessages } from "../services/notifications/shipment-messages.server";
import { shopperLinkKey } from "../services/shopper-links/key.server";
import { syncShipmentNow } from "../services/sync/sync-now.server";
import { requireAdmin } from "../shopify/shopify.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.shipment.orderName ?? "Shipment"} · Trackline` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const { db } = database();
  const shipment = await loadShipmentPage(db, shop, params.id ?? "", { linkKey: shopperLinkKey(), now: new Date() });
  if (!shipment) throw new Response("No such shipment in this shop", { status: 404 });
  return { shipment, messages: await shipmentMessages(db, shop, shipment.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const { db } = database();
  const outcome = await resyncShipments(db, shop, [params.id ?? ""], syncShipmentNow);
  if (outcome.synced === 0) {
    return { ok: false, message: outcome.failed[0]?.message ?? "The shipment could not be resynced" };
  }
  return { ok: true, message: outcome.changed ? "Resynced: the status changed" : "Resynced: no new carrier news" };
}

export default function ShipmentRoute() {
  const { shipment, messages } = useLoaderData<typeof loader>();
  return <ShipmentDetailPage shipment={shipment} messages={messages} />;
}
