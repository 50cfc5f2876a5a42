import type { LoaderFunctionArgs } from "@remix-run/node";
import { database } from "~/data/client.server";
import { exportFilterOf } from "~/services/shipments/export-filter.server";
import { eventsCsvStream } from "~/services/shipment-export/events-csv.server";
import { eventsExportFileName } from "~/services/shipment-export/csv.server";
import { requireAdmin } from "~/shopify/shopify.server";

/** GET /app/shipments/events-export?<list filters>: every carrier event of the matching shipments as CSV, streamed. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const { db } = database();
  const filter = await exportFilterOf(db, shop, new URL(request.url).searchParams);
  return new Response(eventsCsvStream(db, shop, filter), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${eventsExportFileName(shop, new Date())}"`,
      "Cache-Control": "no-store",
    },
  });
}
