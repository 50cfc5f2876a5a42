import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveShopifyWebhook } from "~/services/ingestion/webhook-request.server";

/** `returns/*` (shopify.app.toml): verified, deduplicated and handled by the ingestion service. */
export const action = ({ request }: ActionFunctionArgs) =>
  receiveShopifyWebhook(request, ["returns/request", "returns/approve", "returns/update", "returns/cancel", "returns/decline", "returns/close"]);
