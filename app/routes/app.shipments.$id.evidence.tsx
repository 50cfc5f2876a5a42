import type { LoaderFunctionArgs } from "@remix-run/node";
import { database } from "~/data/client.server";
import { shipmentEvidence } from "~/services/disputes/evidence.server";
import { adminClientFactory } from "~/shopify/graphql/admin-client.server";
import { isDemoMode, requireAdmin } from "~/shopify/shopify.server";

/**
 * GET /app/shipments/:id/evidence[?format=txt]: the delivery evidence pack of the shipment's order
 * (PDF, or the same as text) for the merchant to attach to a dispute themselves.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const { db } = database();
  const admin = isDemoMode ? null : await adminClientFactory()(shop).catch(() => null);
  const assembled = await shipmentEvidence(db, shop, params.id ?? "", { admin, now: new Date() });
  if (!assembled) throw new Response("No such shipment in this shop", { status: 404 });
  const text = new URL(request.url).searchParams.get("format") === "txt";
  const filename = text ? assembled.filename.replace(/\.pdf$/, ".txt") : assembled.filename;
  return new Response(text ? assembled.pack.text : new Uint8Array(assembled.pdf), {
    headers: {
      "Content-Type": text ? "text/plain; charset=utf-8" : "application/pdf",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
