import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { appEnv } from "~/config/env.server";
import { database } from "~/data/client.server";
import { shopperLinkKey } from "~/services/shopper-links/key.server";
import { serveTrackingPage } from "~/services/tracking-lookup/tracking-page.server";
import { isDemoMode, requireAppProxy } from "~/shopify/shopify.server";

/**
 * The storefront tracking page behind the app proxy (`https://{shop}/apps/track`). Signed proxy
 * requests are answered as Liquid so the merchant's theme wraps the page; in demo mode, with no
 * theme and no signature, as a whole HTML document.
 */
async function respond(request: Request, params: URLSearchParams, clientAddress: string | null): Promise<Response> {
  const { shop } = await requireAppProxy(request);
  const url = new URL(request.url);
  const page = await serveTrackingPage(database().db, {
    shop,
    params,
    // Worked out by the server from trusted proxy hops only (app/server/client-address.ts): the
    // left of X-Forwarded-For is whatever the client wrote there.
    clientIp: clientAddress,
    acceptLanguage: request.headers.get("accept-language"),
    standalone: isDemoMode,
    formAction: url.searchParams.get("path_prefix") || "/apps/track",
    now: new Date(),
    linkKey: shopperLinkKey(),
    isPost: request.method === "POST",
    credentialsKey: appEnv().CREDENTIALS_KEY,
    appUrl: appEnv().SHOPIFY_APP_URL,
  });
  const headers = new Headers({
    "Content-Type": isDemoMode ? "text/html; charset=utf-8" : "application/liquid; charset=utf-8",
    // Answers name people's parcels: never cached by the CDN or the browser.
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex",
  });
  if (isDemoMode) {
    headers.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
  }
  if (page.retryAfterSeconds !== null) headers.set("Retry-After", String(page.retryAfterSeconds));
  return new Response(page.body, { status: page.status, headers });
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  return respond(request, new URL(request.url).searchParams, context.clientAddress ?? null);
}

export async function action({ request, context }: ActionFunctionArgs) {
  // A posted lookup reads only its form; the proxy's signed query (shop, signature…) is for auth.
  const params = new URLSearchParams();
  const form = await request.formData().catch(() => new FormData());
  for (const [key, value] of form) if (typeof value === "string") params.set(key, value);
  return respond(request, params, context.clientAddress ?? null);
}
