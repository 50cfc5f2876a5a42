import type { Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { Readable } from "node:stream";
import { z } from "zod";
import type { Db } from "~/data/db.server";
import { isOptedOut } from "~/data/notifications.server";
import { resolveLocale } from "~/domain/locales";
import { SUPPORT_EMAIL_WORDS, supportTemplateOf } from "~/domain/worklist-emails";
import { destinationTimeZone, headlineMoment, isShipmentMoment, type ShipmentMoment } from "~/domain/shipment-moments";
import { createShopperLinkToken, SHOPPER_LINK_LIFETIME_MS, shopperLinkUrl } from "~/services/shopper-links/token.server";
import { hashCustomerEmail } from "~/data/identity.server";
import { SealedBoxError } from "~/services/carrier-accounts/sealed-box.server";
import { openContact } from "./contacts.server";
import type { ChannelOutcome, ChannelSender, OutboundMessage } from "./dispatcher.server";
import { renderShipmentEmail } from "./email-render";
import { emailSenderFor, parseNotificationSettings } from "./settings";
import { composeMail } from "./compose-mail.server";
import { classifySmtpError, createPooledSmtpTransport, openSmtpSettings, type SmtpSettings } from "./smtp.server";
import { createUnsubscribeToken, unsubscribeKeyFrom, unsubscribeUrl } from "./unsubscribe-token.server";

/** Carrier codes as shoppers know them. */
const CARRIER_NAMES: Readonly<Record<string, string>> = { ups: "UPS", fedex: "FedEx", usps: "USPS", dhl: "DHL" };

export interface EmailChannelOptions {
  db: Db;
  /** CREDENTIALS_KEY (or the demo key): opens SMTP settings and contacts. */
  key: string | undefined;
  /** The app's public URL (unsubscribe links). */
  appUrl: string;
  /** Signs shopper links (services/shopper-links). */
  linkKey: Buffer;
  now?: () => Date;
  /** Tests and the demo can build the transport; production uses the shop's SMTP settings as they are. */
  transportFor?: (settings: SmtpSettings) => Transporter<SMTPTransport.SentMessageInfo>;
  /** The demo shows where each email went. */
  onSent?: (info: { shopDomain: string; orderId: string; messageId: string; locale: string }) => void;
}

const emailAddress = z.email();

/**
 * The shopper email channel: one message per order group (coalesced moments), sent over the
 * shop's SMTP server. Skips (and records why) when the shop turned the moments off, has no SMTP
 * settings, the shopper has no valid address, or opted out.
 */
export function createEmailChannel(options: EmailChannelOptions): ChannelSender & { close(): void } {
  const now = options.now ?? (() => new Date());
  const unsubscribeKey = unsubscribeKeyFrom(options.linkKey);
  // One pooled transport per shop, reused across messages and passes (its connections stay open
  // while mail flows); replaced, and the old one closed, when the shop's SMTP settings change.
  const transports = new Map<string, { sealed: string; transport: Transporter<SMTPTransport.SentMessageInfo> }>();
  const transportFor = (shopDomain: string, sealed: string, settings: SmtpSettings) => {
    const known = transports.get(shopDomain);
    if (known?.sealed === sealed) return known.transport;
    known?.transport.close();
    const transport = (options.transportFor ?? createPooledSmtpTransport)(settings);
    transports.set(shopDomain, { sealed, transport });
    return transport;
  };
  // Opening sealed settings and parsing the settings JSON once per distinct value, not per message.
  const smtpSettings = new Map<string, SmtpSettings>();
  const openSmtp = (key: string, shopDomain: string, sealed: string) => {
    const cacheKey = `${shopDomain}|${sealed}`;
    let settings = smtpSettings.get(cacheKey);
    if (!settings) {
      settings = openSmtpSettings(key, shopDomain, sealed);
      if (smtpSettings.size >= 1000) smtpSettings.clear();
      smtpSettings.set(cacheKey, settings);
    }
    return settings;
  };
  const notificationSettings = new Map<string, ReturnType<typeof parseNotificationSettings>>();
  const settingsOf = (json: string | null) => {
    const cacheKey = json ?? "";
    let settings = notificationSettings.get(cacheKey);
    if (!settings) {
      settings = parseNotificationSettings(json);
      if (notificationSettings.size >= 1000) notificationSettings.clear();
      notificationSettings.set(cacheKey, settings);
    }
    return settings;
  };

  async function send(message: OutboundMessage): Promise<ChannelOutcome> {
    const { shop, shipments, contact } = message.context;
    const first = message.rows[0];
    if (!first) return { kind: "skipped", reason: "nothing to send" };
    if (!shop || shop.uninstalledAt) return { kind: "skipped", reason: "the shop uninstalled Trackline" };
    const settings = settingsOf(shop.notificationSettingsJson);
    // An email the team sent from the worklist (alone in its message, see the dispatcher).
    const support = supportTemplateOf(first.moment);
    const moments = message.rows
      .map((row) => row.moment)
      .filter((moment): moment is ShipmentMoment => isShipmentMoment(moment) && emailSenderFor(settings, moment) === "trackline");
    if (!support && (!settings.email.enabled || moments.length === 0)) return { kind: "skipped", reason: "Trackline emails for these moments are turned off" };
    if (!options.key) return { kind: "skipped", reason: "no encryption key (CREDENTIALS_KEY): SMTP settings and contacts cannot be opened" };
    if (!shop.smtpSealed) return { kind: "skipped", reason: "no SMTP settings for this shop" };
    if (!contact) return { kind: "skipped", reason: "no contact details for this order (not captured, or erased after the retention period)" };

    let smtp: SmtpSettings;
    let email: string | null;
    let firstName: string | null;
    try {
      smtp = openSmtp(options.key, shop.domain, shop.smtpSealed);
      ({ email, firstName } = openContact(options.key, shop.domain, contact.orderId, contact.sealed));
    } catch (error) {
      if (error instanceof SealedBoxError) return { kind: "failed", error: `sealed settings cannot be opened: ${error.message}` };
      throw error;
    }
    if (!email || !emailAddress.safeParse(email).success) return { kind: "skipped", reason: "invalid or missing email address" };
    const emailHash = hashCustomerEmail(email);
    // The pass read opt-outs by the contact's stored hash; asked here only when that does not apply.
    const optedOut = message.context.optedOut !== null && contact.emailHash === emailHash ? message.context.optedOut : await isOptedOut(options.db, shop.domain, emailHash, first.orderId);
    if (optedOut) return { kind: "skipped", reason: "the shopper stopped tracking emails" };

    const headline = support ? null : headlineMoment(moments);
    const headlineRow = message.rows.find((row) => row.moment === headline) ?? first;
    const parcel = shipments.find((shipment) => shipment.id === headlineRow.shipmentId) ?? shipments.find((shipment) => shipment.trackingStoppedAt === null) ?? shipments[0];
    if (!parcel) return { kind: "skipped", reason: "the order has no parcels any more" };
    const locale = resolveLocale(contact.locale ?? shop.locales.split(",")[0]);
    const sentAt = now();
    const token = createShopperLinkToken({ shop: shop.domain, shipmentId: parcel.id, expiresAt: new Date(sentAt.getTime() + SHOPPER_LINK_LIFETIME_MS) }, options.linkKey);
    const trackUrl = `${shopperLinkUrl(shop.domain, token)}&src=email`;
    const unsubscribe = createUnsubscribeToken({ shop: shop.domain, orderId: first.orderId, emailHash }, unsubscribeKey);
    const reason = message.rows.find((row) => row.reason)?.reason ?? null;
    const rendered = renderShipmentEmail({
      locale,
      shopName: shop.name ?? shop.domain.replace(/\.myshopify\.com$/, ""),
      logoUrl: shop.brandLogoUrl,
      accentColor: shop.brandAccentColor,
      firstName,
      orderName: parcel.orderName,
      moments,
      ...(support ? { support: SUPPORT_EMAIL_WORDS[locale][support] } : {}),
      parcel: {
        trackingNumber: parcel.trackingNumber,
        carrierName: (parcel.carrier && CARRIER_NAMES[parcel.carrier]) ?? parcel.declaredCarrier,
        status: parcel.status,
        subStatus: parcel.subStatus,
        estimateStart: parcel.estimatedDeliveryAt ?? parcel.predictedDeliveryAt,
        estimateEnd: parcel.estimatedDeliveryAt ? parcel.estimatedDeliveryEnd : null,
      },
      reason,
      lineItemCount: parcel.lineItemCount,
      timeZone: destinationTimeZone(parcel.destinationCountry, shop.timezone),
      trackUrl,
      stopOrderUrl: unsubscribeUrl(options.appUrl, unsubscribe, "order"),
      stopShopUrl: unsubscribeUrl(options.appUrl, unsubscribe, "shop"),
    });
    // The first row's id names the message: a resend after a lost answer carries the same Message-ID.
    const messageId = `<${first.id}@notifications.trackline>`;
    const senderAddress =
      settings.email.senderAddress ?? (smtp.user && emailAddress.safeParse(smtp.user).success ? smtp.user : `no-reply@${shop.domain}`);
    const raw = await composeMail({
      from: { name: settings.email.senderName ?? shop.name ?? shop.domain, address: senderAddress },
      to: email,
      ...(settings.email.replyTo ? { replyTo: settings.email.replyTo } : {}),
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      messageId,
      date: sentAt,
      headers: {
        "List-Unsubscribe": `<${unsubscribeUrl(options.appUrl, unsubscribe, "order")}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
        "Content-Language": locale,
      },
    });

    // Whether the whole message reached the server: a connection lost after that may have delivered it.
    let handedOver = false;
    const body = Readable.from([raw]);
    body.on("end", () => {
      handedOver = true;
    });
    try {
      const info = await transportFor(shop.domain, shop.smtpSealed, smtp).sendMail({ envelope: { from: senderAddress, to: [email] }, raw: body });
      options.onSent?.({ shopDomain: shop.domain, orderId: first.orderId, messageId, locale });
      return { kind: "sent", providerId: info.messageId ?? messageId };
    } catch (error) {
      const outcome = classifySmtpError(error, handedOver);
      if (outcome.kind === "invalid_recipient") return { kind: "skipped", reason: `invalid email address: ${outcome.error}` };
      if (outcome.kind === "failed") return { kind: "failed", error: outcome.error };
      return { kind: "retry", error: outcome.error, possibleDuplicate: outcome.possibleDuplicate };
    }
  }

  return {
    coalesces: true,
    send,
    close() {
      for (const { transport } of transports.values()) transport.close();
      transports.clear();
    },
  };
}
