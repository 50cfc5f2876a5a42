import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { database } from "~/data/client.server";
import { findShipmentJob } from "~/data/shipment-jobs.server";
import { shipmentJobView } from "~/services/shipments/jobs.server";
import { requireAdmin } from "~/shopify/shopify.server";

/** GET /app/shipments/jobs/:id: a background job's progress and result (the list polls it). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const { db } = database();
  const job = await findShipmentJob(db, shop, params.id ?? "");
  if (!job) throw new Response("No such job in this shop", { status: 404 });
  return json({ job: shipmentJobView(job) }, { headers: { "Cache-Control": "no-store" } });
}
