import type { Db } from "~/data/db.server";
import { serveTrackingPage } from "./tracking-page.server";

/**
 * The storefront tracking page's answer to one request through Shopify's app proxy
 * (`https://{shop}/apps/track`), whoever received it: the Remix route (`app/routes/apps.track.tsx`)
 * or the production server's direct mount (`app/server/storefront-proxy.ts`), which both call this.
 */
export interface StorefrontProxyCall {
  /** The request's URL as it reached the app, parsed once: its query carries the proxy's signed parameters. */
  url: URL;
  method: string;
  /** The posted form's fields (FormData or URLSearchParams), or null for a request without one. */
  form: Iterable<[string, unknown]> | null;
  acceptLanguage: string | null;
  /** Worked out by the server from trusted proxy hops only (app/server/client-address.server.ts). */
  clientAddress: string | null;
}

export interface StorefrontProxyAnswer {
  status: number;
  /** Lower-case names in the order Fetch's `Headers` lists them (sorted). */
  headers: [string, string][];
  body: string;
}

export interface StorefrontProxyContext {
  db: Db;
  /** Verifies the app-proxy signature from the URL; throws the Response that refuses the request. */
  authenticate(url: URL): { shop: string } | Promise<{ shop: string }>;
  /** No theme around the page (demo mode): a whole HTML document, without a signature. */
  standalone: boolean;
  linkKey: Buffer;
  credentialsKey?: string;
  appUrl?: string;
}

/** What the demo's standalone document may load; the Liquid answer gets the server's policy. */
const STANDALONE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * A posted form's text fields as lookup parameters: files are ignored and a repeated field keeps
 * its last value. The proxy's signed query (shop, signature…) is only for authentication.
 */
function postedFields(entries: Iterable<[string, unknown]>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of entries) if (typeof value === "string") params.set(key, value);
  return params;
}

/**
 * Signed proxy requests are answered as Liquid so the merchant's theme wraps the page; in demo
 * mode, with no theme and no signature, as a whole HTML document. Answers name people's parcels:
 * never cached by the CDN or the browser, never indexed.
 */
export async function answerStorefrontProxy(call: StorefrontProxyCall, context: StorefrontProxyContext): Promise<StorefrontProxyAnswer> {
  const { shop } = await context.authenticate(call.url);
  const query = call.url.searchParams;
  const page = await serveTrackingPage(context.db, {
    shop,
    params: call.form ? postedFields(call.form) : query,
    clientIp: call.clientAddress,
    acceptLanguage: call.acceptLanguage,
    standalone: context.standalone,
    formAction: query.get("path_prefix") || "/apps/track",
    now: new Date(),
    linkKey: context.linkKey,
    isPost: call.method === "POST",
    credentialsKey: context.credentialsKey,
    appUrl: context.appUrl,
  });
  const headers: [string, string][] = [["cache-control", "no-store"]];
  if (context.standalone) headers.push(["content-security-policy", STANDALONE_CSP]);
  headers.push(["content-type", context.standalone ? "text/html; charset=utf-8" : "application/liquid; charset=utf-8"]);
  if (page.retryAfterSeconds !== null) headers.push(["retry-after", String(page.retryAfterSeconds)]);
  headers.push(["x-robots-tag", "noindex"]);
  return { status: page.status, headers, body: page.body };
}
