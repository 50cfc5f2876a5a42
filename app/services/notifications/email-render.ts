import { LOCALES, message, type MessageKey, type SupportedLocale } from "~/domain/locales";
import { headlineMoment, type ShipmentMoment } from "~/domain/shipment-moments";
import { EMAIL_WORDS, fill } from "./email-messages";

/**
 * The shopper email for one or more coalesced moments of an order: HTML (table layout, inline
 * styles, readable from 320 px wide) and plain text, branded with the shop's logo and accent
 * colour, in the shopper's language, with one call to action — the signed tracking link.
 */
export interface ShipmentEmailInput {
  locale: SupportedLocale;
  shopName: string;
  logoUrl: string | null;
  accentColor: string | null;
  firstName: string | null;
  orderName: string;
  /** The moments this message tells (oldest first); the most consequential heads it. */
  moments: readonly ShipmentMoment[];
  /** A message the merchant's team sent from the worklist: its subject and words head the email instead of a moment. */
  support?: { subject: string; body: string };
  parcel: {
    trackingNumber: string;
    carrierName: string | null;
    status: string;
    subStatus: string | null;
    estimateStart: Date | null;
    estimateEnd: Date | null;
  };
  /** The carrier's words for a problem. */
  reason: string | null;
  lineItemCount: number | null;
  /** Where dates are shown (the destination's zone). */
  timeZone: string;
  trackUrl: string;
  stopOrderUrl: string;
  stopShopUrl: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const DEFAULT_ACCENT = "#2c6ecb";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char);
}

export function safeAccent(color: string | null): string {
  return color && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(color.trim()) ? color.trim() : DEFAULT_ACCENT;
}

function safeLogo(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

function hasMessage(key: string): key is MessageKey {
  return key in LOCALES.en;
}

/** "Tue, Dec 8" or "Tue, Dec 8 – Thu, Dec 10" in the shopper's language and zone. */
export function estimateRange(locale: SupportedLocale, timeZone: string, start: Date | null, end: Date | null): string | null {
  const first = start ?? end;
  if (!first) return null;
  const format = new Intl.DateTimeFormat(locale, { timeZone, weekday: "short", month: "short", day: "numeric" });
  const a = format.format(first);
  const b = end ? format.format(end) : a;
  return a === b ? a : `${a} – ${b}`;
}

/** The status in plain words, and what it means for the shopper when there is a problem. */
function statusWords(locale: SupportedLocale, status: string, subStatus: string | null): { status: string; explanation: string | null } {
  const statusKey = `status.${status}`;
  const words = hasMessage(statusKey) ? message(locale, statusKey) : status;
  const explanationKey = [`explanation.${subStatus ?? ""}`, `explanation.${status}`].find(hasMessage);
  return { status: words, explanation: explanationKey ? message(locale, explanationKey) : null };
}

export function renderShipmentEmail(input: ShipmentEmailInput): RenderedEmail {
  const words = EMAIL_WORDS[input.locale];
  const headline = input.support ? null : headlineMoment(input.moments);
  const others = [...new Set(input.moments)].filter((moment) => moment !== headline);
  const subject = input.support ? fill(input.support.subject, { order: input.orderName }) : fill(words.subject[headline ?? "shipped"], { order: input.orderName });
  const greeting = input.firstName ? fill(words.greeting, { name: input.firstName }) : words.greetingAnonymous;
  const { status, explanation } = statusWords(input.locale, input.parcel.status, input.parcel.subStatus);
  const range = estimateRange(input.locale, input.timeZone, input.parcel.estimateStart, input.parcel.estimateEnd);
  const lines = {
    support: input.support ? fill(input.support.body, { order: input.orderName }) : null,
    estimate: range && input.parcel.status !== "delivered" ? fill(words.estimate, { range }) : null,
    reason: input.reason ? fill(words.reason, { reason: input.reason }) : null,
    items: input.lineItemCount ? fill(words.items, { count: String(input.lineItemCount) }) : null,
    also: !input.support && others.length ? `${words.alsoNew} ${others.map((moment) => fill(words.subject[moment], { order: input.orderName })).join(" · ")}` : null,
    footer: fill(words.footer, { shop: input.shopName }),
    stopShop: fill(words.stopShop, { shop: input.shopName }),
  };
  const accent = safeAccent(input.accentColor);
  const logo = safeLogo(input.logoUrl);
  const e = escapeHtml;

  const text = [
    greeting,
    "",
    subject,
    lines.support,
    `${status}${explanation ? ` — ${explanation}` : ""}`,
    lines.reason,
    lines.estimate,
    lines.also,
    "",
    `${words.trackingNumber}: ${input.parcel.trackingNumber}${input.parcel.carrierName ? ` (${input.parcel.carrierName})` : ""}`,
    lines.items,
    "",
    `${words.cta}: ${input.trackUrl}`,
    "",
    "--",
    lines.footer,
    `${words.stopOrder}: ${input.stopOrderUrl}`,
    `${lines.stopShop}: ${input.stopShopUrl}`,
  ]
    .filter((line) => line !== null)
    .join("\n");

  const paragraph = (content: string, style = "") =>
    `<p style="margin:0 0 12px;font-size:15px;line-height:22px;color:#202223;${style}">${content}</p>`;
  const html = `<!DOCTYPE html>
<html lang="${e(input.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${e(subject)}</title>
<style>
@media (max-width: 600px) { .card { width: 100% !important; } .pad { padding: 20px !important; } .cta { display: block !important; } }
</style>
</head>
<body style="margin:0;padding:0;background:#f4f6f8;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,'Helvetica Neue',Arial,'Noto Sans','PingFang SC','Hiragino Sans','Apple SD Gothic Neo',sans-serif;">
<div style="display:none;max-height:0;overflow:hidden;">${e(status)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f6f8;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" class="card" width="560" cellpadding="0" cellspacing="0" style="width:560px;max-width:100%;background:#ffffff;border-radius:12px;border-top:4px solid ${accent};">
<tr><td class="pad" style="padding:28px 32px;">
${logo ? `<img src="${e(logo)}" alt="${e(input.shopName)}" height="40" style="display:block;height:40px;max-width:200px;margin:0 0 20px;border:0;">` : `<p style="margin:0 0 20px;font-size:18px;font-weight:600;color:${accent};">${e(input.shopName)}</p>`}
${paragraph(e(greeting))}
<h1 style="margin:0 0 12px;font-size:22px;line-height:28px;color:#202223;">${e(subject)}</h1>
${lines.support ? paragraph(e(lines.support)) : ""}
${paragraph(`<strong>${e(status)}</strong>${explanation ? ` — ${e(explanation)}` : ""}`)}
${lines.reason ? paragraph(e(lines.reason), "color:#8a6116;") : ""}
${lines.estimate ? paragraph(e(lines.estimate)) : ""}
${lines.also ? paragraph(e(lines.also), "font-size:13px;color:#6d7175;") : ""}
<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 20px;font-size:13px;color:#6d7175;">
<tr><td style="padding:2px 12px 2px 0;">${e(words.trackingNumber)}</td><td style="padding:2px 0;color:#202223;">${e(input.parcel.trackingNumber)}</td></tr>
${input.parcel.carrierName ? `<tr><td style="padding:2px 12px 2px 0;">${e(words.carrier)}</td><td style="padding:2px 0;color:#202223;">${e(input.parcel.carrierName)}</td></tr>` : ""}
${lines.items ? `<tr><td colspan="2" style="padding:2px 0;">${e(lines.items)}</td></tr>` : ""}
</table>
<a class="cta" href="${e(input.trackUrl)}" style="display:inline-block;background:${accent};color:#ffffff;text-decoration:none;font-weight:600;font-size:15px;padding:12px 24px;border-radius:8px;text-align:center;">${e(words.cta)}</a>
</td></tr>
</table>
<table role="presentation" class="card" width="560" cellpadding="0" cellspacing="0" style="width:560px;max-width:100%;">
<tr><td style="padding:16px 32px;font-size:12px;line-height:18px;color:#6d7175;text-align:center;">
${e(lines.footer)}<br>
<a href="${e(input.stopOrderUrl)}" style="color:#6d7175;">${e(words.stopOrder)}</a> · <a href="${e(input.stopShopUrl)}" style="color:#6d7175;">${e(lines.stopShop)}</a>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>`;
  return { subject, html, text };
}
