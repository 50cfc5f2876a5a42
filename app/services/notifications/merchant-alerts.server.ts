import type { Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { z } from "zod";
import type { Db } from "~/data/db.server";
import {
  digestCounts,
  digestShops,
  inquiryForAlert,
  MERCHANT_DIGEST_MOMENT,
  MERCHANT_INQUIRY_MOMENT,
  merchantAlertShop,
  recordDigest,
  recordInquiryAlert,
} from "~/data/merchant-alerts.server";
import { resolveLocale } from "~/domain/locales";
import { carrierDisplayName } from "~/domain/tracking-number/carrier-names";
import { adminIntl } from "~/i18n/admin-intl.server";
import { SealedBoxError } from "~/services/carrier-accounts/sealed-box.server";
import type { ChannelOutcome, ChannelSender, OutboundMessage } from "./dispatcher.server";
import { parseNotificationSettings, type NotificationSettings } from "./settings";
import { classifySmtpError, createSmtpTransport, openSmtpSettings, type SmtpSettings } from "./smtp.server";

const DAY = 86_400_000;
/** Local hour (shop's time zone) from which the day's digest goes out. */
export const DIGEST_HOUR = 8;

/** The shop's local calendar day and hour at an instant. */
export function localDayAndHour(at: Date, timeZone: string): { day: string; hour: number } {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23" }).formatToParts(at);
  } catch {
    parts = new Intl.DateTimeFormat("en-CA", { timeZone: "UTC", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23" }).formatToParts(at);
  }
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? "";
  return { day: `${part("year")}-${part("month")}-${part("day")}`, hour: Number(part("hour")) };
}

/** Whether a shop wants merchant alerts at all (and can be emailed). */
export function alertsWanted(settings: NotificationSettings): boolean {
  return settings.digest.frequency !== "off" && settings.digest.recipients.length > 0;
}

/**
 * Records today's digest for every shop that wants one and whose local time has reached the
 * digest hour. Idempotent: however many workers run this, each shop gets one digest per local day
 * (the outbox's unique moment). Returns how many digests this call recorded.
 */
export async function scheduleMerchantDigests(db: Db, now: Date, options: { hour?: number } = {}): Promise<number> {
  const hour = options.hour ?? DIGEST_HOUR;
  let recorded = 0;
  for (const shop of await digestShops(db)) {
    if (!shop.smtpSealed || !alertsWanted(parseNotificationSettings(shop.notificationSettingsJson))) continue;
    const local = localDayAndHour(now, shop.timezone);
    if (local.hour < hour) continue;
    if (await recordDigest(db, { shopDomain: shop.domain, day: local.day, occurredAt: now, now })) recorded += 1;
  }
  return recorded;
}

/**
 * Records the team's alert about a newly stored inquiry when the shop wants one: recipients set,
 * inquiry alerts on, alerts not off and an SMTP server to send with. Idempotent per inquiry.
 * Returns whether this call recorded it.
 */
export async function alertNewInquiry(db: Db, inquiry: { shopDomain: string; inquiryId: string; reason: string; parcelStatus: string | null; at: Date }): Promise<boolean> {
  const shop = await merchantAlertShop(db, inquiry.shopDomain);
  if (!shop || shop.uninstalledAt || !shop.smtpSealed) return false;
  const settings = parseNotificationSettings(shop.notificationSettingsJson);
  if (!alertsWanted(settings) || !settings.digest.inquiries) return false;
  return recordInquiryAlert(db, { shopDomain: inquiry.shopDomain, inquiryId: inquiry.inquiryId, reason: inquiry.reason, parcelStatus: inquiry.parcelStatus, occurredAt: inquiry.at, now: inquiry.at });
}

/** Where an inquiry came from, as the team reads it (helpdesks by their own names). */
function inquirySourceLabel(source: string, t: (id: string) => string): string {
  if (source === "zendesk") return "Zendesk";
  if (source === "gorgias") return "Gorgias";
  if (source === "tracking_page" || source === "order_status_extension" || source === "api") return t(`wismo.source_${source}`);
  return source;
}

export interface MerchantChannelOptions {
  db: Db;
  /** Opens the shop's SMTP settings. */
  key: string | undefined;
  /** The app's URL: links in the emails. */
  appUrl: string;
  transportFor?: (settings: SmtpSettings) => Transporter<SMTPTransport.SentMessageInfo>;
}

const emailAddress = z.email();

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

interface MerchantEmail {
  subject: string;
  /** Lines of the body; a line with a link is shown with it. */
  lines: { text: string; url?: string }[];
}

function renderMerchantEmail(email: MerchantEmail, footer: string, openLabel: string): { text: string; html: string } {
  const text = [...email.lines.map((line) => (line.url ? `${line.text} — ${openLabel}: ${line.url}` : line.text)), "", footer].join("\n");
  const html = [
    "<!doctype html><html><body style=\"font-family:system-ui,sans-serif;color:#202223\">",
    ...email.lines.map((line) => (line.url ? `<p>${escapeHtml(line.text)} — <a href="${escapeHtml(line.url)}">${escapeHtml(openLabel)}</a></p>` : `<p>${escapeHtml(line.text)}</p>`)),
    `<p style="color:#6d7175;font-size:12px">${escapeHtml(footer)}</p>`,
    "</body></html>",
  ].join("");
  return { text, html };
}

/**
 * Alerts for the merchant's team over the shop's SMTP server: the daily digest (counts of what
 * needs attention over the last day, with links) and, when the shop chose immediate alerts, each
 * carrier exception as it is recorded. In the shop's primary language.
 */
export function createMerchantChannel(options: MerchantChannelOptions): ChannelSender & { close(): void } {
  const transports = new Map<string, Transporter<SMTPTransport.SentMessageInfo>>();
  const transportFor = (sealed: string, settings: SmtpSettings) => {
    let transport = transports.get(sealed);
    if (!transport) {
      transport = (options.transportFor ?? createSmtpTransport)(settings);
      transports.set(sealed, transport);
    }
    return transport;
  };
  const appLink = (path: string) => `${options.appUrl.replace(/\/$/, "")}${path}`;

  async function send(message: OutboundMessage): Promise<ChannelOutcome> {
    const row = message.rows[0];
    const { shop, shipments } = message.context;
    if (!row) return { kind: "skipped", reason: "nothing to send" };
    if (!shop || shop.uninstalledAt) return { kind: "skipped", reason: "the shop uninstalled Trackline" };
    const settings = parseNotificationSettings(shop.notificationSettingsJson);
    const recipients = settings.digest.recipients.filter((address) => emailAddress.safeParse(address).success);
    if (settings.digest.frequency === "off" || recipients.length === 0) return { kind: "skipped", reason: "merchant alerts are turned off or have no recipient" };
    if (row.moment === MERCHANT_INQUIRY_MOMENT && !settings.digest.inquiries) return { kind: "skipped", reason: "inquiry alerts are turned off" };
    if (row.moment !== MERCHANT_DIGEST_MOMENT && row.moment !== MERCHANT_INQUIRY_MOMENT && settings.digest.frequency !== "immediate") return { kind: "skipped", reason: "immediate alerts are turned off" };
    if (!options.key) return { kind: "skipped", reason: "no encryption key (CREDENTIALS_KEY): SMTP settings cannot be opened" };
    if (!shop.smtpSealed) return { kind: "skipped", reason: "no SMTP settings for this shop" };
    let smtp: SmtpSettings;
    try {
      smtp = openSmtpSettings(options.key, shop.domain, shop.smtpSealed);
    } catch (error) {
      if (error instanceof SealedBoxError) return { kind: "failed", error: `sealed settings cannot be opened: ${error.message}` };
      throw error;
    }

    const intl = adminIntl(resolveLocale(shop.locales.split(",")[0]));
    const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
    const shopName = shop.name ?? shop.domain.replace(/\.myshopify\.com$/, "");
    let email: MerchantEmail;
    if (row.moment === MERCHANT_DIGEST_MOMENT) {
      const until = row.occurredAt;
      const counts = await digestCounts(options.db, shop.domain, new Date(until.getTime() - DAY), until);
      const day = localDayAndHour(until, shop.timezone).day;
      const count = (value: number) => intl.formatNumber(value);
      email = {
        subject: t("notifications.mailDigestSubject", { shop: shopName, date: intl.formatDate(`${day}T12:00:00Z`, { dateStyle: "medium", timeZone: "UTC" }) }),
        lines: [
          { text: t("notifications.mailDigestIntro") },
          { text: t("notifications.mailDigestExceptions", { count: count(counts.exceptions) }), url: appLink("/app/shipments?status=exception") },
          { text: t("notifications.mailDigestLate", { count: count(counts.late) }), url: appLink("/app/shipments?attention=late") },
          { text: t("notifications.mailDigestStalled", { count: count(counts.stalled) }), url: appLink("/app/shipments?attention=stalled") },
          { text: t("notifications.mailDigestReturns", { count: count(counts.returns) }), url: appLink("/app/shipments?status=returning") },
          { text: t("notifications.mailDigestFailed", { count: count(counts.failedNotifications) }), url: appLink("/app/notifications") },
        ],
      };
    } else if (row.moment === MERCHANT_INQUIRY_MOMENT) {
      const inquiry = await inquiryForAlert(options.db, shop.domain, row.orderId.slice("inquiry:".length));
      if (!inquiry) return { kind: "skipped", reason: "the inquiry no longer exists" };
      const reason = t(`wismo.reason_${inquiry.reason}`);
      const carrier = inquiry.carrier ? (carrierDisplayName(inquiry.carrier) ?? inquiry.carrier) : null;
      const status = inquiry.parcelStatus ? t(`status.${inquiry.parcelStatus}`) : null;
      email = {
        subject: inquiry.orderName
          ? t("notifications.mailInquirySubject", { order: inquiry.orderName, reason })
          : t("notifications.mailInquirySubjectNoOrder", { reason }),
        lines: [
          { text: t("notifications.mailInquiryReason", { reason }) },
          { text: t("notifications.mailInquirySource", { source: inquirySourceLabel(inquiry.source, t) }) },
          {
            text: status
              ? carrier
                ? t("notifications.mailInquiryParcel", { status, carrier })
                : t("notifications.mailInquiryParcelNoCarrier", { status })
              : t("notifications.mailInquiryNoParcel"),
          },
          { text: t("notifications.mailInquiryAll"), url: appLink("/app/wismo") },
        ],
      };
    } else {
      const parcel = shipments.find((shipment) => shipment.id === row.shipmentId);
      if (!parcel) return { kind: "skipped", reason: "the parcel no longer exists" };
      const carrier = (parcel.carrier && carrierDisplayName(parcel.carrier)) ?? parcel.declaredCarrier ?? parcel.carrier ?? "—";
      email = {
        subject: t("notifications.mailAlertSubject", { shop: shopName, order: parcel.orderName }),
        lines: [
          {
            text: t("notifications.mailAlertBody", { tracking: parcel.trackingNumber, carrier, order: parcel.orderName, reason: row.reason ?? t("notifications.mailAlertNoReason") }),
            url: appLink(`/app/shipments/${encodeURIComponent(parcel.id)}`),
          },
        ],
      };
    }
    const body = renderMerchantEmail(email, t("notifications.mailFooter"), t("notifications.mailOpen"));
    const from = settings.email.senderAddress ?? (smtp.user && emailAddress.safeParse(smtp.user).success ? smtp.user : `no-reply@${shop.domain}`);
    const messageId = `<${row.id}@alerts.trackline>`;
    try {
      const info = await transportFor(shop.smtpSealed, smtp).sendMail({
        from: { name: "Trackline", address: from },
        to: recipients,
        subject: email.subject,
        text: body.text,
        html: body.html,
        messageId,
        headers: { "Auto-Submitted": "auto-generated" },
      });
      return { kind: "sent", providerId: info.messageId ?? messageId };
    } catch (error) {
      const outcome = classifySmtpError(error, false);
      if (outcome.kind === "retry") return { kind: "retry", error: outcome.error };
      return { kind: "failed", error: outcome.error };
    }
  }

  return {
    coalesces: false,
    send,
    close() {
      for (const transport of transports.values()) transport.close();
      transports.clear();
    },
  };
}
