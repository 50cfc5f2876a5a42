import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveShopifyWebhook } from "~/services/ingestion/webhook-request.server";

/** `reverse_deliveries/attach_deliverable` (shopify.app.toml): a return label's tracking arrived. */
export const action = ({ request }: ActionFunctionArgs) => receiveShopifyWebhook(request, ["reverse_deliveries/attach_deliverable"]);
