import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { appEnv } from "~/config/env.server";
import { database } from "~/data/client.server";
import { shopperLinkKey } from "~/services/shopper-links/key.server";
import { answerStorefrontProxy, type StorefrontProxyAnswer, type StorefrontProxyCall } from "~/services/tracking-lookup/storefront-proxy.server";
import { isDemoMode, requireAppProxyUrl } from "~/shopify/shopify.server";

/**
 * The storefront tracking page behind the app proxy (`https://{shop}/apps/track`). The production
 * server answers GET and form POST requests through `answerTrackingPage` directly, without Remix
 * (app/server/storefront-proxy.ts); the loader and action answer the rest, and in tests and dev.
 */
export function answerTrackingPage(call: StorefrontProxyCall): Promise<StorefrontProxyAnswer> {
  return answerStorefrontProxy(call, {
    db: database().db,
    // Shopify signs the query: the URL is all the check reads.
    authenticate: requireAppProxyUrl,
    standalone: isDemoMode,
    linkKey: shopperLinkKey(),
    credentialsKey: appEnv().CREDENTIALS_KEY,
    appUrl: appEnv().SHOPIFY_APP_URL,
  });
}

function respond(answer: StorefrontProxyAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  return respond(
    await answerTrackingPage({
      url: new URL(request.url),
      method: request.method,
      form: null,
      acceptLanguage: request.headers.get("accept-language"),
      clientAddress: context.clientAddress ?? null,
    }),
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData().catch(() => new FormData());
  return respond(
    await answerTrackingPage({
      url: new URL(request.url),
      method: request.method,
      form,
      acceptLanguage: request.headers.get("accept-language"),
      clientAddress: context.clientAddress ?? null,
    }),
  );
}
