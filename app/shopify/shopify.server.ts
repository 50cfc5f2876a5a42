import "@shopify/shopify-app-remix/adapters/node";
import { AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { SHOPIFY_API_VERSION } from "~/config/api-version";
import { appEnv, requireShopifyCredentials } from "~/config/env.server";
import { database } from "~/data/client.server";
import { DatabaseSessionStorage } from "~/data/sessions.server";
import {
  assertDemoModeSafe,
  DEMO_API_KEY,
  DEMO_API_SECRET,
  DEMO_SHOP,
  demoAdminApi,
  demoAppProxyContext,
} from "~/config/demo-mode.server";
import { verifyAppProxySignature } from "./app-proxy-signature.server";
import { CachedSessionStorage } from "./session-cache.server";
import { isShopDomain } from "./shop-domain";

const env = appEnv();
if (env.TRACKLINE_DEMO) assertDemoModeSafe(env);
const credentials = env.TRACKLINE_DEMO
  ? { apiKey: DEMO_API_KEY, apiSecret: DEMO_API_SECRET, appUrl: `http://127.0.0.1:${env.PORT}`, scopes: [] }
  : requireShopifyCredentials(env);

export const isDemoMode = env.TRACKLINE_DEMO;
/** The secret Shopify signs webhooks and app-proxy requests with (the demo's own in demo mode). */
export const appSecret = credentials.apiSecret;

export const sessionStorage = new CachedSessionStorage(new DatabaseSessionStorage(database().db));

const shopify = shopifyApp({
  apiKey: credentials.apiKey,
  apiSecretKey: credentials.apiSecret,
  apiVersion: SHOPIFY_API_VERSION,
  scopes: credentials.scopes,
  appUrl: credentials.appUrl,
  authPathPrefix: "/auth",
  sessionStorage,
  distribution: AppDistribution.AppStore,
  // Request-level auth chatter is noise in tests; real warnings still show.
  logger: { level: env.NODE_ENV === "test" ? LogSeverity.Warning : LogSeverity.Info },
  future: {
    unstable_newEmbeddedAuthStrategy: true,
    expiringOfflineAccessTokens: true,
  },
  ...(env.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [env.SHOP_CUSTOM_DOMAIN] } : {}),
});

export default shopify;
export const apiVersion = SHOPIFY_API_VERSION;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;

/** What an admin page loader needs: which shop, and a way to call the Admin API. */
export interface AdminRequest {
  shop: string;
  admin: { graphql: (query: string, options?: { variables?: Record<string, unknown> }) => Promise<Response> };
}

/**
 * Authenticates an embedded-admin request. In demo mode the fixed demo shop stands in for the
 * Shopify admin (see app/config/demo-mode.server.ts); everywhere else Shopify's session token rules.
 */
export async function requireAdmin(request: Request): Promise<AdminRequest> {
  if (isDemoMode) return { shop: DEMO_SHOP, admin: demoAdminApi };
  const { session, admin } = await authenticate.admin(request);
  return { shop: session.shop, admin };
}


/** Which shop a storefront app-proxy request (/apps/track) comes from. */
export interface AppProxyRequest {
  shop: string;
  /** The signed-in customer's id, when Shopify says one is logged in. */
  loggedInCustomerId: string | null;
}

/**
 * Verifies an app-proxy request's signature (and freshness) by Shopify's rules (see
 * app-proxy-signature.server.ts) on its parsed URL: the signature is all in the query, so the
 * storefront's hot path checks it without building a Fetch Request around it. Throws the
 * Response that refuses the request. In demo mode the page is served for the demo shop without
 * a signature.
 */
export function requireAppProxyUrl(url: URL): AppProxyRequest {
  if (isDemoMode) return { shop: demoAppProxyContext().shop, loggedInCustomerId: null };
  const params = url.searchParams;
  // Shopify always names the shop's permanent domain; anything else is refused before any work.
  const shop = params.get("shop");
  if (shop !== null && !isShopDomain(shop, env.SHOP_CUSTOM_DOMAIN)) throw new Response("Invalid shop", { status: 400 });
  // Shopify's rules, checked without the library's async WebCrypto, per-request logging and session load.
  if (!verifyAppProxySignature(url, credentials.apiSecret).ok) throw new Response(undefined, { status: 400, statusText: "Bad Request" });
  return { shop: params.get("shop") ?? "", loggedInCustomerId: params.get("logged_in_customer_id") || null };
}
