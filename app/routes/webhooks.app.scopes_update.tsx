import type { ActionFunctionArgs } from "@remix-run/node";
import { database } from "../data/client.server";
import { updateSessionScopes } from "../data/shops.server";
import { authenticate } from "../shopify/shopify.server";

export async function action({ request }: ActionFunctionArgs) {
  const { payload, session } = await authenticate.webhook(request);
  const current = (payload as { current?: unknown }).current;
  if (session && Array.isArray(current)) {
    await updateSessionScopes(database().db, session.id, current.map(String));
  }
  return new Response();
}
