import { BoundedCache } from "~/domain/bounded-cache";
import type { Db } from "~/data/db.server";
import { findTrackingPageShop } from "~/data/tracking-views.server";
import { logoUrl } from "~/services/settings/logo.server";
import { parseBranding, type TrackingPageBranding } from "~/services/settings/settings-form";
import { resolveLocale, type SupportedLocale } from "~/domain/locales/index";
import { prepareHelp, type HelpModel } from "~/services/wismo/storefront-help.server";
import { safeTimeZone } from "./parcel-view";
import { lookupForStorefront, storefrontLimiter, type StorefrontQuery } from "./storefront.server";
import { ALL_PAGE_LOCALES, renderTrackingPage, standaloneDocument, type PageOutcome, type TrackingPageModel } from "./storefront-page";

/** One request to the storefront tracking page, already authenticated as coming from `shop`. */
export interface TrackingPageRequest {
  shop: string;
  /** Query string and (for posts) form fields, merged. */
  params: URLSearchParams;
  /** The shopper's IP as the app proxy forwarded it (X-Forwarded-For), if any. */
  clientIp: string | null;
  acceptLanguage: string | null;
  /** No theme around the page (demo mode): answer a whole HTML document. */
  standalone: boolean;
  /** Proxy path the forms post back to, on the shop's own domain. */
  formAction: string;
  now: Date;
  linkKey: Buffer;
  /** A form post (only a post may send the shop a message), and the key messages are sealed with. */
  isPost?: boolean;
  credentialsKey?: string;
  /** The app's public URL (uploaded logos are served from it); unset in demo mode. */
  appUrl?: string;
}

export interface TrackingPageResponse {
  status: number;
  body: string;
  retryAfterSeconds: number | null;
}

/** The query a request carries: a signed link, a tracking number, or an order number with contact. */
export function storefrontQueryOf(params: URLSearchParams): StorefrontQuery | "missing_fields" | null {
  const text = (name: string) => (params.get(name) ?? "").slice(0, 200).trim();
  const token = text("t");
  if (token) {
    const from = text("src");
    return from === "email" || from === "sms" ? { kind: "link", token, from } : { kind: "link", token };
  }
  const tracking = text("tracking");
  if (tracking) return { kind: "tracking", trackingNumber: tracking };
  const order = text("order");
  const contact = text("contact");
  if (order && contact) return { kind: "order", orderNumber: order, contact };
  return order || contact || params.has("tracking") ? "missing_fields" : null;
}

/** Explicit choice, then the browser's languages, then the shop's default, then English. */
function pageLocale(params: URLSearchParams, acceptLanguage: string | null, shopLocales: readonly string[]): SupportedLocale {
  const explicit = params.get("locale");
  if (explicit) return resolveLocale(explicit);
  const preferred = (acceptLanguage ?? "").split(",").map((part) => part.split(";")[0]?.trim() ?? "").filter(Boolean);
  for (const tag of preferred) {
    const resolved = resolveLocale(tag);
    if (resolved !== "en" || tag.toLowerCase().startsWith("en")) return resolved;
  }
  return resolveLocale(shopLocales[0] ?? "en");
}

/** Each stored branding text already parsed (bounded); shared between pages, so frozen. */
const brandings = new BoundedCache<string, TrackingPageBranding>(500);

function pageBranding(json: string | null | undefined): TrackingPageBranding {
  return brandings.get(json ?? "", () => {
    const parsed = parseBranding(json);
    return Object.freeze({ ...parsed, heading: Object.freeze(parsed.heading), intro: Object.freeze(parsed.intro), sections: Object.freeze(parsed.sections) });
  });
}

export async function serveTrackingPage(db: Db, request: TrackingPageRequest): Promise<TrackingPageResponse> {
  const parsed = storefrontQueryOf(request.params);
  const query = parsed === "missing_fields" ? null : parsed;
  const client = { shop: request.shop, ip: request.clientIp };
  // A lookup's limiter counts are read with the shop's presentation and page settings: one statement.
  const limiter = query ? storefrontLimiter({ client, query, now: request.now, linkKey: request.linkKey }) : null;
  const shopRow = await findTrackingPageShop(db, request.shop, limiter ? { keys: limiter.names, windowStart: limiter.windowStart } : undefined);
  const shop = shopRow?.presentation ?? null;
  const pageSettings = shopRow?.page ?? null;
  const locale = pageLocale(request.params, request.acceptLanguage, shop?.locales ?? []);
  let outcome: PageOutcome;
  if (!shop) outcome = { kind: "form" };
  else if (parsed === "missing_fields") outcome = { kind: "missing_fields" };
  else if (parsed === null) outcome = { kind: "form" };
  else
    outcome = await lookupForStorefront(db, {
      client,
      query: parsed,
      failureCounts: limiter && shopRow?.failureCounts ? { limiter, counts: shopRow.failureCounts } : undefined,
      now: request.now,
      linkKey: request.linkKey,
      locale,
      timeZone: safeTimeZone(null, shop.timezone),
    });

  let help: HelpModel | null = null;
  if (shop && outcome.kind === "found") {
    const posted = request.isPost && request.params.get("intent") === "help";
    help = await prepareHelp(db, {
      shopDomain: shop.domain,
      view: outcome.view,
      source: "tracking_page",
      posted: posted ? { reason: request.params.get("help_reason"), message: request.params.get("help_message") } : null,
      now: request.now,
      credentialsKey: request.credentialsKey,
      known: outcome.order,
    });
  }

  const uploaded = shop && pageSettings?.logo ? logoUrl(request.appUrl, shop.domain, pageSettings.logo) : null;
  const offered = (shop?.locales ?? []).map(resolveLocale);
  const languages = request.standalone ? ALL_PAGE_LOCALES : [...new Set(offered)];
  const model: TrackingPageModel = {
    locale,
    shopName: shop?.name ?? null,
    accentColor: shop?.brandAccentColor ?? null,
    logoUrl: uploaded ?? shop?.brandLogoUrl ?? null,
    standalone: request.standalone,
    formAction: request.formAction,
    outcome,
    query,
    display: { showEta: request.params.get("show_eta") !== "0", showMap: request.params.get("show_map") === "1" },
    languages,
    help,
    branding: pageBranding(pageSettings?.trackingPageJson),
  };
  const status = outcome.kind === "rate_limited" ? 429 : outcome.kind === "missing_fields" ? 400 : 200;
  return {
    status,
    body: request.standalone ? standaloneDocument(model) : renderTrackingPage(model),
    retryAfterSeconds: outcome.kind === "rate_limited" ? outcome.retryAfterSeconds : null,
  };
}
