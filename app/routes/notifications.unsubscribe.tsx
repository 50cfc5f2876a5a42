import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { database } from "~/data/client.server";
import { checkUnsubscribeLink, unsubscribe, unsubscribePage } from "~/services/notifications/unsubscribe.server";
import { shopperLinkKey } from "~/services/shopper-links/key.server";

/** Signed unsubscribe / preferences link of shopper emails (public: the signature is the proof). */
function html(body: string, status = 200): Response {
  return new Response(body, {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "X-Robots-Tag": "noindex" },
  });
}

const invalid = () => html(unsubscribePage({ title: "This link is not valid", body: "The link may be incomplete. Please use the link from the latest email." }), 400);

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("t");
  const claims = checkUnsubscribeLink(token, shopperLinkKey());
  if (!claims || !token) return invalid();
  return html(unsubscribePage({ title: "Tracking emails", body: "Choose which tracking emails to stop.", token, shop: claims.shop.replace(/\.myshopify\.com$/, "") }));
}

export async function action({ request }: ActionFunctionArgs) {
  const url = new URL(request.url);
  const claims = checkUnsubscribeLink(url.searchParams.get("t"), shopperLinkKey());
  if (!claims) return invalid();
  const form = await request.formData().catch(() => new FormData());
  // One-click (RFC 8058): the scope is in the link; the preferences form sends its own.
  const chosen = form.get("List-Unsubscribe") === "One-Click" ? url.searchParams.get("scope") : form.get("scope");
  const scope = chosen === "shop" ? "shop" : "order";
  await unsubscribe(database().db, claims, scope, new Date());
  return html(
    unsubscribePage({
      title: "You are unsubscribed",
      body: scope === "shop" ? "You will no longer receive tracking emails from this shop." : "You will no longer receive tracking emails about this order.",
    }),
  );
}
