import type { LoaderFunctionArgs } from "@remix-run/node";
import { database } from "~/data/client.server";
import { parseWorklistFilter, worklistCsvStream } from "~/services/worklist/worklist.server";
import { requireAdmin } from "~/shopify/shopify.server";

/** GET /app/worklist/export?<filters>: the filtered worklist as CSV, streamed. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const { db } = database();
  const now = new Date();
  const filter = parseWorklistFilter(new URL(request.url).searchParams);
  return new Response(worklistCsvStream(db, shop, filter, now), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="worklist-${shop.replace(/\.myshopify\.com$/, "")}-${now.toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
