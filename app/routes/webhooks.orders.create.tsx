import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveShopifyWebhook } from "~/services/ingestion/webhook-request.server";

/** `orders/create` (shopify.app.toml): verified, deduplicated and handled by the ingestion service. */
export const action = ({ request }: ActionFunctionArgs) => receiveShopifyWebhook(request, ["orders/create"]);
