import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify/shopify.server";

// OAuth callbacks and the auth bounce page: the Shopify library handles every step.
export async function loader({ request }: LoaderFunctionArgs) {
  await authenticate.admin(request);
  return null;
}
