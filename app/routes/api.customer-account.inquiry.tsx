import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { appEnv } from "~/config/env.server";
import { database } from "~/data/client.server";
import { findShopPresentation } from "~/data/tracking-views.server";
import { customerAccountTracking, isShopifyGid } from "~/services/tracking-lookup/customer-account.server";
import { jsonError, jsonView } from "~/services/tracking-lookup/json-response";
import { shopifyOrderOwner } from "~/services/tracking-lookup/order-owner.server";
import { safeTimeZone } from "~/services/tracking-lookup/parcel-view";
import { helpMessage, reasonLabel, type HelpMessageKey } from "~/services/wismo/help-messages";
import { prepareHelp } from "~/services/wismo/storefront-help.server";
import { resolveLocale } from "~/domain/locales/index";
import { INQUIRY_REASONS } from "~/domain/wismo/reasons";
import { authenticate, unauthenticated } from "~/shopify/shopify.server";

/**
 * "Still need help?" from the order status page extension:
 * POST /api/customer-account/inquiry {orderId, fulfillmentId?, locale?, reason?, message?} with the
 * extension's session token. Only the signed-in owner of the order (checked with Shopify, as for
 * tracking) gets the answer from the parcel's state; with a reason the inquiry is recorded
 * (at most 3 shopper messages per order a day). Without a reason it only answers.
 */
export async function action({ request }: ActionFunctionArgs) {
  const { sessionToken, cors } = await authenticate.public.customerAccount(request);
  const shop = new URL(String(sessionToken.dest)).hostname;
  const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
  const text = (name: string) => (body && typeof body[name] === "string" ? (body[name] as string) : null);
  const orderId = text("orderId");
  const fulfillmentId = text("fulfillmentId");
  if (!isShopifyGid(orderId, "Order") || (fulfillmentId !== null && !isShopifyGid(fulfillmentId, "Fulfillment"))) {
    return cors(jsonError("bad_request", "orderId (and fulfillmentId, if given) must be Shopify gids"));
  }
  const { db } = database();
  const presentation = await findShopPresentation(db, shop);
  if (!presentation) return cors(jsonError("not_found", "This shop does not use Trackline"));
  const now = new Date();
  const outcome = await customerAccountTracking(
    db,
    {
      shop,
      customerId: sessionToken.sub ? String(sessionToken.sub) : null,
      orderId,
      fulfillmentId,
      locale: text("locale") ?? presentation.locales[0] ?? "en",
      timeZone: safeTimeZone(null, presentation.timezone),
      now,
    },
    async (id) => shopifyOrderOwner(shop, (await unauthenticated.admin(shop)).admin)(id),
  ).catch((error: unknown) => {
    console.error("customer-account inquiry failed", error);
    return null;
  });
  if (outcome === null) return cors(jsonError("unavailable", "Unavailable right now"));
  if (outcome.kind === "login_required") return cors(jsonError("login_required", "Sign in to contact the shop"));
  if (outcome.kind === "not_found") return cors(jsonError("not_found", "No tracking for this order"));
  const reason = text("reason");
  const help = await prepareHelp(db, {
    shopDomain: shop,
    view: outcome.view,
    source: "order_status_extension",
    posted: reason === null ? null : { reason, message: text("message") },
    now,
    credentialsKey: appEnv().CREDENTIALS_KEY,
  });
  if (!help) return cors(jsonError("not_found", "No tracking for this order"));
  if (reason !== null && help.result === null) return cors(jsonError("bad_request", "Unknown reason"));
  // Everything the extension shows comes localized from here, in the shopper's language.
  const locale = resolveLocale(text("locale") ?? presentation.locales[0] ?? "en");
  const t = (key: HelpMessageKey) => helpMessage(locale, key);
  return cors(
    jsonView({
      answer: help.answer,
      result: help.result,
      texts: {
        heading: t("heading"),
        answer: t(`answer_${help.answer}`),
        whatNext: t("what_next"),
        reasonLabel: t("reason_label"),
        messageLabel: `${t("message_label")} ${t("message_hint")}`,
        submit: t("submit"),
        result: help.result === null ? null : t(help.result),
      },
      reasons: INQUIRY_REASONS.map((value) => ({ value, label: reasonLabel(locale, value) })),
    }),
  );
}

export async function loader({ request }: LoaderFunctionArgs) {
  await authenticate.public.customerAccount(request);
  return new Response(null, { status: 405, headers: { Allow: "POST, OPTIONS" } });
}
