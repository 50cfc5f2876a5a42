import type { LoaderFunctionArgs } from "@remix-run/node";
import { database } from "~/data/client.server";
import { shipmentJobFile } from "~/data/shipment-jobs.server";
import { requireAdmin } from "~/shopify/shopify.server";

/** GET /app/shipments/jobs/:id/download: the finished export of a background job, while it is kept. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const { db } = database();
  const file = await shipmentJobFile(db, shop, params.id ?? "");
  if (!file) throw new Response("No finished export with this id in this shop", { status: 404 });
  return new Response(file.content, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
