import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { isDemoMode } from "~/shopify/shopify.server";

// Shopify opens the app with ?shop=…; send it (and demo visitors) to the embedded admin.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (url.searchParams.get("shop") || isDemoMode) {
    throw redirect(`/app?${url.searchParams.toString()}`);
  }
  throw redirect("/auth/login");
}
