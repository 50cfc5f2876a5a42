import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ShipmentDetailPage } from "~/components/ShipmentDetailPage";
import { database } from "~/data/client.server";
import { adminTranslator } from "~/i18n/admin-intl.server";
import { adminLocale } from "~/i18n/admin-locale.server";
import { shipmentMessages } from "~/services/notifications/shipment-messages.server";
import { loadShipmentPage } from "~/services/shipments/detail.server";
import { resyncShipments } from "~/services/shipments/resync.server";
import { shopperLinkKey } from "~/services/shopper-links/key.server";
import { syncShipmentNow } from "~/services/sync/sync-now.server";
import { isDemoMode, requireAdmin } from "~/shopify/shopify.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "Trackline" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const { db } = database();
  const shipment = await loadShipmentPage(db, shop, params.id ?? "", {
    linkKey: shopperLinkKey(),
    now: new Date(),
    adminLinks: isDemoMode ? "web" : "embedded",
  });
  if (!shipment) throw new Response("No such shipment in this shop", { status: 404 });
  const t = adminTranslator(adminLocale(request).locale);
  return { shipment, messages: await shipmentMessages(db, shop, shipment.id), pageTitle: t("shipment.metaTitle", { order: shipment.orderName }) };
}

/** "Resync now": this parcel through the sync engine now; the answer says what happened to it. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const { db } = database();
  const outcome = await resyncShipments(db, shop, [params.id ?? ""], syncShipmentNow);
  const parcel = outcome.parcels[0];
  if (!parcel) return json({ parcel: null }, { status: 404 });
  return json({ parcel }, { status: 200 });
}

export default function ShipmentRoute() {
  const { shipment, messages } = useLoaderData<typeof loader>();
  return <ShipmentDetailPage shipment={shipment} messages={messages} />;
}
