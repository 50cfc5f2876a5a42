import { BoundedCache } from "~/domain/bounded-cache";
import { httpUrlOrNull } from "~/domain/safe-url";
import { statusTone, type OrderTrackingView, type ParcelView } from "@trackline/shared";
import { LOCALES, type SupportedLocale } from "~/domain/locales/index";
import { renderHelpSection } from "~/services/wismo/help-section";
import type { HelpModel } from "~/services/wismo/storefront-help.server";
import { DEFAULT_BRANDING, supportContactHref, type TrackingPageBranding } from "~/services/settings/settings-form";
import { pageMessage } from "./page-messages";
import { storefrontExtras } from "./parcel-view";
import type { StorefrontOutcome, StorefrontQuery } from "./storefront.server";

/**
 * The storefront tracking page as server-rendered HTML: no script at all, inline styles scoped
 * under `.tl` (one response, no further requests), real form posts, and markup that works with a
 * keyboard and a screen reader. Inside a theme the HTML is returned as Liquid, so every dynamic
 * string is escaped for HTML *and* Liquid (`{` never reaches the theme as a delimiter).
 */
export type PageOutcome = StorefrontOutcome | { kind: "form" } | { kind: "missing_fields" };

export interface TrackingPageModel {
  locale: SupportedLocale;
  shopName: string | null;
  accentColor: string | null;
  logoUrl: string | null;
  /** Outside a theme (demo mode) the page is a whole document with its own header. */
  standalone: boolean;
  /** Where forms post: the proxy path on the shop's domain ("/apps/track"). */
  formAction: string;
  outcome: PageOutcome;
  /** What the shopper typed, to refill the forms and to keep the answer when switching language. */
  query: StorefrontQuery | null;
  display: { showEta: boolean; showMap: boolean };
  /** Languages offered in the switcher (none when only one). */
  languages: SupportedLocale[];
  /** "Still need help?" under a found order (absent when nothing was found). */
  help?: HelpModel | null;
  /** The merchant's heading, intro, support contact, colours and sections (defaults when absent). */
  branding?: TrackingPageBranding;
}

/** The app’s own logo route, an https image or a raster data URL (the unsaved preview): nothing else reaches an <img>. */
export function safeLogoUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  if (/^https:\/\//.test(url)) return url;
  // A logo picked in Settings but not saved yet, shown in the preview from its bytes: raster types only.
  if (/^data:image\/(?:png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$/.test(url)) return url;
  return /^\/brand-logo\/[^/]+\/[0-9a-f]{64}\.(?:png|jpg|webp)$/.test(url) ? url : null;
}

const LANGUAGE_NAMES: Readonly<Record<SupportedLocale, string>> = {
  en: "English",
  de: "Deutsch",
  es: "Español",
  fr: "Français",
  it: "Italiano",
  ja: "日本語",
  ko: "한국어",
  "pt-BR": "Português (Brasil)",
  "zh-CN": "简体中文",
  "zh-TW": "繁體中文",
};

export const ALL_PAGE_LOCALES = Object.keys(LOCALES) as SupportedLocale[];

const ESCAPED: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "{": "&#123;", "}": "&#125;" };
const NEEDS_ESCAPE = /[&<>"'{}]/;
const TO_ESCAPE = /[&<>"'{}]/g;

/** HTML text and attribute values, with Liquid's braces too. Most texts need nothing: one scan then. */
export function escapeText(value: string): string {
  return NEEDS_ESCAPE.test(value) ? value.replace(TO_ESCAPE, (character) => ESCAPED[character]!) : value;
}

const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** Black or white, whichever reads better on the accent (WCAG relative luminance). */
function textOn(hex: string): string {
  const full = hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join("")}` : hex;
  const channel = (offset: number) => {
    const value = parseInt(full.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) ? "#000000" : "#ffffff";
}

/** The stylesheet element of each colour pair already built: one string, flat, per pair. */
const styleElements = new BoundedCache<string, string>(500);

/** `<style>…</style>` for a page's colours (both already checked as hex colours). */
function styleElement(accent: string, background: string | null): string {
  return styleElements.get(`${accent}|${background ?? ""}`, () => `<style>${styles(accent, background)}</style>`);
}

function styles(accent: string, background: string | null): string {
  const onAccent = textOn(accent);
  const surface = background ? `background:${background};color:${textOn(background)};` : "";
  return `.tl{--tl-accent:${accent};--tl-on-accent:${onAccent};${surface}box-sizing:border-box;max-width:40rem;margin:0 auto;padding:1rem;font:inherit;color:inherit;line-height:1.5}
.tl *{box-sizing:inherit}.tl h1{font-size:1.6rem;margin:0 0 .5rem}.tl h2{font-size:1.25rem;margin:0}.tl h3{font-size:1rem;margin:1rem 0 .25rem}
.tl form{display:grid;gap:.75rem;margin:1rem 0}.tl label{font-weight:600;display:block}.tl .tl-hint{font-size:.875rem;opacity:.8;font-weight:400}
.tl input{width:100%;min-height:2.75rem;padding:.5rem .75rem;font:inherit;border:1px solid #6b6b6b;border-radius:.375rem;background:#fff;color:#111}
.tl button{min-height:2.75rem;padding:.5rem 1.25rem;font:inherit;font-weight:600;border:0;border-radius:.375rem;background:var(--tl-accent);color:var(--tl-on-accent);cursor:pointer}
.tl :focus-visible{outline:3px solid var(--tl-accent);outline-offset:2px}.tl .tl-alert{padding:.75rem 1rem;border-radius:.375rem;border:1px solid #b3261e;background:#fdecea;color:#5f1410;margin:1rem 0}
.tl .tl-parcel{border:1px solid #d0d0d0;border-radius:.5rem;padding:1rem;margin:1rem 0}.tl .tl-status{display:inline-block;margin:.5rem 0;padding:.125rem .625rem;border-radius:1rem;font-weight:600;background:#eceff3;color:#1f2937}
.tl .tl-success{background:#d9f2e3;color:#0b4d2a}.tl .tl-critical{background:#fdecea;color:#5f1410}.tl .tl-warning{background:#fff1cc;color:#5c4000}.tl .tl-info{background:#e3ecfd;color:#0b2d6b}
.tl ol{list-style:none;padding:0;margin:1rem 0}.tl li{position:relative;padding:0 0 1rem 1.75rem}.tl li::before{content:"";position:absolute;left:.25rem;top:.4rem;width:.75rem;height:.75rem;border-radius:50%;border:2px solid #8a8a8a;background:#fff}
.tl li.tl-done::before{background:var(--tl-accent);border-color:var(--tl-accent)}.tl li.tl-current::before{border-color:var(--tl-accent);box-shadow:0 0 0 3px #fff,0 0 0 5px var(--tl-accent)}.tl li.tl-upcoming{opacity:.75}
.tl li small{display:block;opacity:.85}.tl dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:.5rem 0}.tl dt{font-weight:600}.tl dd{margin:0;word-break:break-all}
.tl a{color:inherit;text-decoration:underline}.tl .tl-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.tl .tl-languages{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;border:0;padding:0;margin:1.5rem 0 0}.tl .tl-languages button{min-height:2.25rem;padding:.25rem .75rem;background:transparent;color:inherit;border:1px solid #8a8a8a;font-weight:400}
.tl .tl-languages button[aria-pressed=true]{border-color:var(--tl-accent);font-weight:700}.tl header{display:flex;gap:.75rem;align-items:center;margin-bottom:1rem}.tl header img{max-height:3rem;width:auto}
.tl select,.tl textarea{width:100%;min-height:2.75rem;padding:.5rem .75rem;font:inherit;border:1px solid #6b6b6b;border-radius:.375rem;background:#fff;color:#111}
.tl .tl-help{border-top:1px solid #d0d0d0;margin:1.5rem 0;padding-top:1rem}.tl .tl-help form{margin:.5rem 0}.tl .tl-notice{padding:.75rem 1rem;border-radius:.375rem;border:1px solid #0b4d2a;background:#d9f2e3;color:#0b4d2a;margin:1rem 0}
.tl .tl-scans li::before{width:.5rem;height:.5rem;top:.55rem;left:.375rem;border-width:1px}.tl .tl-scans{border-left:2px solid #d0d0d0;margin-left:.6rem}.tl .tl-scans li{padding-left:1.25rem}
.tl .tl-items{list-style:none;padding:0;margin:.5rem 0;display:grid;gap:.5rem}.tl .tl-items li{display:flex;gap:.75rem;align-items:center;padding:0}.tl .tl-items li::before{content:none}.tl .tl-items img{width:3rem;height:3rem;object-fit:cover;border-radius:.25rem}
@media (min-width:40rem){.tl{padding:2rem 1rem}.tl form.tl-order{grid-template-columns:1fr 1fr}.tl form.tl-order p,.tl form.tl-order button{grid-column:1/-1}}`;
}

function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${name}" value="${escapeText(value)}">`;
}

function displayFields(model: TrackingPageModel): string {
  return hidden("locale", model.locale) + hidden("show_eta", model.display.showEta ? "1" : "0") + hidden("show_map", model.display.showMap ? "1" : "0");
}

function orderForm(model: TrackingPageModel): string {
  const t = (key: Parameters<typeof pageMessage>[1]) => escapeText(pageMessage(model.locale, key));
  const query = model.query;
  const orderNumber = query?.kind === "order" ? query.orderNumber : "";
  const contact = query?.kind === "order" ? query.contact : "";
  const trackingNumber = query?.kind === "tracking" ? query.trackingNumber : "";
  return `<p>${t("intro")}</p>
<form class="tl-order" method="post" action="${escapeText(model.formAction)}">${displayFields(model)}
<div><label for="tl-order">${t("order_number")} <span class="tl-hint">${t("order_number_hint")}</span></label>
<input id="tl-order" name="order" autocomplete="off" required value="${escapeText(orderNumber)}"></div>
<div><label for="tl-contact">${t("contact")} <span class="tl-hint">${t("contact_hint")}</span></label>
<input id="tl-contact" name="contact" autocomplete="email" required value="${escapeText(contact)}"></div>
<button type="submit">${t("submit")}</button></form>
<p>${t("tracking_intro")}</p>
<form method="post" action="${escapeText(model.formAction)}">${displayFields(model)}
<div><label for="tl-tracking">${t("tracking_number")}</label>
<input id="tl-tracking" name="tracking" autocomplete="off" autocapitalize="characters" spellcheck="false" required value="${escapeText(trackingNumber)}"></div>
<button type="submit">${t("tracking_submit")}</button></form>`;
}

function alertFor(model: TrackingPageModel): string {
  const outcome = model.outcome;
  let text: string | null = null;
  if (outcome.kind === "not_found") text = pageMessage(model.locale, outcome.mode === "tracking" ? "tracking_not_found" : "not_found");
  else if (outcome.kind === "rate_limited")
    text = pageMessage(model.locale, "rate_limited", { minutes: Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60)) });
  else if (outcome.kind === "link_expired") text = pageMessage(model.locale, "link_expired");
  else if (outcome.kind === "link_invalid") text = pageMessage(model.locale, "link_invalid");
  else if (outcome.kind === "missing_fields") text = pageMessage(model.locale, "missing_fields");
  return text ? `<div class="tl-alert" role="alert">${escapeText(text)}</div>` : "";
}

function mapLink(location: string): string {
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(location)}`;
}

function parcelSection(model: TrackingPageModel, parcel: ParcelView, single: boolean): string {
  const locale = model.locale;
  const t = (key: Parameters<typeof pageMessage>[1], values: Record<string, string | number> = {}) =>
    escapeText(pageMessage(locale, key, values));
  const headingId = `tl-parcel-${escapeText(parcel.id)}`;
  const heading = single ? t("tracking_heading") : t("parcel_heading", { position: parcel.position, count: parcel.parcelCount });
  const stateText = { done: t("state_done"), current: t("state_current"), upcoming: t("state_upcoming") };
  const milestones = parcel.milestones
    .map((milestone) => {
      const current = milestone.state === "current" ? ' aria-current="step"' : "";
      const time = milestone.time ? `<small><time datetime="${escapeText(milestone.at ?? "")}">${escapeText(milestone.time)}</time></small>` : "";
      const detail = milestone.detail ? `<small>${escapeText(milestone.detail)}</small>` : "";
      return `<li class="tl-${milestone.state}"${current}>${escapeText(milestone.label)} <span class="tl-sr">(${stateText[milestone.state]})</span>${time}${detail}</li>`;
    })
    .join("");
  const location = parcel.latestLocation
    ? `<p>${escapeText(parcel.latestLocation.label)} · <time datetime="${escapeText(parcel.latestLocation.at)}">${escapeText(parcel.latestLocation.time)}</time>${
        model.display.showMap
          ? ` · <a href="${escapeText(mapLink(parcel.latestLocation.label))}" rel="noopener noreferrer">${t("map_link")}</a>`
          : ""
      }</p>`
    : "";
  const sections = (model.branding ?? DEFAULT_BRANDING).sections;
  const { scans, items } = storefrontExtras(parcel);
  const scanList =
    sections.scanHistory && scans.length > 0
      ? `<h3>${t("scan_history")}</h3><ol class="tl-scans">${scans
          .map(
            (scan) =>
              `<li><time datetime="${escapeText(scan.at)}">${escapeText(scan.time)}</time><br>${escapeText(scan.description)}${
                scan.place ? `<small>${escapeText(scan.place)}</small>` : ""
              }</li>`,
          )
          .join("")}</ol>`
      : "";
  const itemList =
    sections.lineItems && items.length > 0
      ? `<h3>${t("items_heading")}</h3><ul class="tl-items">${items
          .map(
            (item) =>
              `<li>${item.imageUrl ? `<img src="${escapeText(item.imageUrl)}" alt="" loading="lazy" width="48" height="48">` : ""}<span>${t("item_quantity", {
                quantity: item.quantity,
                name: item.name,
              })}</span></li>`,
          )
          .join("")}</ul>`
      : "";
  const eta = model.display.showEta && sections.estimate && parcel.estimatedDelivery ? `<p><strong>${escapeText(parcel.estimatedDelivery.label)}</strong></p>` : "";
  // A parcel running late: the merchant's contact right under the new estimate.
  const contactHref = parcel.estimatedDelivery?.late ? supportContactHref((model.branding ?? DEFAULT_BRANDING).supportContact) : null;
  const lateContact = contactHref
    ? `<p class="tl-late-contact">${t("late_support")} <a href="${escapeText(contactHref)}" rel="noopener noreferrer">${t("support_link")}</a></p>`
    : "";
  const explanation = parcel.explanation ? `<p>${escapeText(parcel.explanation)}</p>` : "";
  const carrierUrl = httpUrlOrNull(parcel.trackingUrl);
  const carrierLink = carrierUrl
    ? `<p><a href="${escapeText(carrierUrl)}" rel="noopener noreferrer">${t("carrier_link")}</a></p>`
    : "";
  return `<section class="tl-parcel" aria-labelledby="${headingId}"><h2 id="${headingId}">${heading}</h2>
<p class="tl-status tl-${statusTone(parcel.status)}">${escapeText(parcel.statusLabel)}</p>${eta}${lateContact}${explanation}${location}
<h3>${t("progress")}</h3><ol>${milestones}</ol>${scanList}${itemList}
<dl>${parcel.carrierName ? `<dt>${t("carrier")}</dt><dd>${escapeText(parcel.carrierName)}</dd>` : ""}<dt>${t("tracking_number_label")}</dt><dd>${escapeText(parcel.trackingNumber)}</dd></dl>${carrierLink}</section>`;
}

function results(model: TrackingPageModel, view: OrderTrackingView, mode: StorefrontQuery["kind"]): string {
  const t = (key: Parameters<typeof pageMessage>[1], values: Record<string, string | number> = {}) =>
    escapeText(pageMessage(model.locale, key, values));
  const heading = view.orderName ? `<p><strong>${t("order_heading", { order: view.orderName })}</strong></p>` : "";
  const summary =
    mode !== "tracking" && view.summary.total > 1
      ? `<p>${t("summary_delivered", { delivered: view.summary.delivered, total: view.summary.total })}</p>`
      : "";
  const single = mode === "tracking" || view.parcels.length === 1;
  return `<div aria-live="polite">${heading}${summary}${view.parcels.map((parcel) => parcelSection(model, parcel, single)).join("")}</div>`;
}

function languageSwitcher(model: TrackingPageModel): string {
  if (model.languages.length < 2) return "";
  const query = model.query;
  // Re-asks the same question in another language: a form keeps a posted lookup without script.
  const method = query?.kind === "order" ? "post" : "get";
  const fields =
    (query?.kind === "order" ? hidden("order", query.orderNumber) + hidden("contact", query.contact) : "") +
    (query?.kind === "tracking" ? hidden("tracking", query.trackingNumber) : "") +
    (query?.kind === "link" ? hidden("t", query.token) : "") +
    hidden("show_eta", model.display.showEta ? "1" : "0") +
    hidden("show_map", model.display.showMap ? "1" : "0");
  const buttons = model.languages
    .map(
      (locale) =>
        `<button type="submit" name="locale" value="${locale}" lang="${locale}" aria-pressed="${locale === model.locale}">${escapeText(LANGUAGE_NAMES[locale])}</button>`,
    )
    .join("");
  return `<form method="${method}" action="${escapeText(model.formAction)}"><fieldset class="tl-languages"><legend>${escapeText(
    pageMessage(model.locale, "language"),
  )}</legend>${fields}${buttons}</fieldset></form>`;
}

/** The lookup that found the order, repeated by the help form so the server checks it again. */
function lookupFields(model: TrackingPageModel): string {
  const query = model.query;
  return (
    (query?.kind === "order" ? hidden("order", query.orderNumber) + hidden("contact", query.contact) : "") +
    (query?.kind === "tracking" ? hidden("tracking", query.trackingNumber) : "") +
    (query?.kind === "link" ? hidden("t", query.token) : "") +
    displayFields(model)
  );
}

/** The page body (what a theme wraps). */
export function renderTrackingPage(model: TrackingPageModel): string {
  const accent = model.accentColor && HEX_COLOUR.test(model.accentColor) ? model.accentColor : "#1f2937";
  const branding = model.branding ?? DEFAULT_BRANDING;
  const background = branding.backgroundColor && HEX_COLOUR.test(branding.backgroundColor) ? branding.backgroundColor : null;
  const title = escapeText(branding.heading[model.locale] ?? pageMessage(model.locale, "title"));
  const intro = branding.intro[model.locale];
  const logo = safeLogoUrl(model.logoUrl);
  const logoAlt = model.standalone ? "" : escapeText(model.shopName ?? "");
  const header =
    logo || (model.standalone && model.shopName)
      ? `<header>${logo ? `<img src="${escapeText(logo)}" alt="${logoAlt}">` : ""}${model.standalone && model.shopName ? `<span>${escapeText(model.shopName)}</span>` : ""}</header>`
      : "";
  const contactHref = supportContactHref(branding.supportContact);
  const support = contactHref
    ? `<p class="tl-support">${escapeText(pageMessage(model.locale, "support"))} <a href="${escapeText(contactHref)}" rel="noopener noreferrer">${escapeText(
        pageMessage(model.locale, "support_link"),
      )}</a></p>`
    : "";
  const outcome = model.outcome;
  const body =
    outcome.kind === "found"
      ? `${results(model, outcome.view, outcome.mode)}${
          model.help
            ? renderHelpSection({ locale: model.locale, help: model.help, formAction: model.formAction, lookupFields: lookupFields(model), escape: escapeText })
            : ""
        }<details><summary>${escapeText(pageMessage(model.locale, "another"))}</summary>${orderForm({
          ...model,
          query: null,
        })}</details>`
      : `${alertFor(model)}${orderForm(model)}`;
  return `${styleElement(accent, background)}<div class="tl" lang="${model.locale}">${header}<h1>${title}</h1>${
    intro ? `<p class="tl-lead">${escapeText(intro)}</p>` : ""
  }${body}${support}${languageSwitcher(model)}</div>`;
}

/** A whole document around the page, for when no theme wraps it (demo mode). */
/** The app's icon (public/favicon.svg), inline: the page asks for nothing but itself. */
export const APP_ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0b6e4f"/><path d="M6 20h13l3-6h4v6h-2" fill="none" stroke="#fff" stroke-width="2.4" stroke-linejoin="round"/><circle cx="11" cy="22" r="2.6" fill="#fff"/><circle cx="22" cy="22" r="2.6" fill="#fff"/></svg>';
const APP_ICON_DATA_URL = `data:image/svg+xml,${encodeURIComponent(APP_ICON_SVG)}`;

export function standaloneDocument(model: TrackingPageModel): string {
  const title = escapeText(model.branding?.heading[model.locale] ?? pageMessage(model.locale, "title"));
  const shop = model.shopName ? ` · ${escapeText(model.shopName)}` : "";
  return `<!doctype html><html lang="${model.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="${APP_ICON_DATA_URL}"><title>${title}${shop}</title><style>body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff}</style></head><body><main>${renderTrackingPage(
    model,
  )}</main></body></html>`;
}
