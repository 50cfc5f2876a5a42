import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ShipmentsPage } from "../components/ShipmentsPage";
import { database } from "../data/client.server";
import { loadShipmentList, resyncShipments } from "../services/analytics/shipment-views.server";
import { syncShipmentNow } from "../services/sync/sync-now.server";
import { requireAdmin } from "../shopify/shopify.server";

export const meta: MetaFunction = () => [{ title: "Shipments · Trackline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const { db } = database();
  const view = await loadShipmentList(db, shop, new URL(request.url).searchParams);
  return { shop, ...view };
}

/** Bulk "resync": the selected shipments (ids of this shop only) through the sync engine now. */
export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const form = await request.formData();
  if (form.get("intent") !== "resync") return { error: "Unknown action", resync: null };
  const ids = form.getAll("id").map(String).filter(Boolean);
  if (ids.length === 0) return { error: "Select the shipments to resync", resync: null };
  const { db } = database();
  return { error: null, resync: await resyncShipments(db, shop, ids, syncShipmentNow) };
}

export default function ShipmentsRoute() {
  const data = useLoaderData<typeof loader>();
  return <ShipmentsPage {...data} />;
}
