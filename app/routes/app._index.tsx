import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { database } from "../data/client.server";
import { countShipmentsByStatus, listShipments } from "../data/shipments.server";
import { requireAdmin } from "../shopify/shopify.server";
import { ShipmentsPage } from "../components/ShipmentsPage";

export const meta: MetaFunction = () => [{ title: "Shipments · Trackline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const after = new URL(request.url).searchParams.get("after");
  const { db } = database();
  const [page, statusCounts] = await Promise.all([
    listShipments(db, shop, { limit: 50, after }),
    countShipmentsByStatus(db, shop),
  ]);
  return {
    shop,
    total: page.total,
    nextCursor: page.nextCursor,
    statusCounts,
    shipments: page.items.map((item) => ({
      ...item,
      estimatedDeliveryAt: item.estimatedDeliveryAt?.toISOString() ?? null,
      lastEventAt: item.lastEventAt?.toISOString() ?? null,
      deliveredAt: item.deliveredAt?.toISOString() ?? null,
      createdAt: item.createdAt.toISOString(),
    })),
  };
}

export default function ShipmentsIndex() {
  const data = useLoaderData<typeof loader>();
  return <ShipmentsPage {...data} />;
}
