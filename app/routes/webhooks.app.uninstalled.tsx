import type { ActionFunctionArgs } from "@remix-run/node";
import { database } from "../data/client.server";
import { markShopUninstalled } from "../data/shops.server";
import { authenticate } from "../shopify/shopify.server";

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await authenticate.webhook(request);
  await markShopUninstalled(database().db, shop, new Date());
  return new Response();
}
