import { z, type core } from "zod";
import type { Db } from "~/data/db.server";
import { listNotifications, loadNotificationShop, saveNotificationShop } from "~/data/notifications.server";
import { LOCALES, resolveLocale, type SupportedLocale } from "~/domain/locales";
import { SHIPMENT_MOMENTS, type ShipmentMoment } from "~/domain/shipment-moments";
import { SealedBoxError } from "~/services/carrier-accounts/sealed-box.server";
import { renderShipmentEmail, type RenderedEmail } from "./email-render";
import { sealKlaviyoKey } from "./klaviyo-channel.server";
import { openTwilioSettings, sealTwilioSettings, twilioSettingsSchema, type TwilioSettings } from "./sms-channel.server";
import { renderSmsText } from "./sms-messages";
import { createShopperLinkToken, shopperLinkUrl } from "~/services/shopper-links/token.server";
import { countSmsSegments, type SmsEncoding } from "~/domain/sms/segments";
import { DEFAULT_EMAIL_SENDERS, emailSenderFor, FLOW_STATUS_CHANGED, FLOW_TRIGGERS, notificationSettingsSchema, parseNotificationSettings, type EmailSender } from "./settings";
import { classifySmtpError, createSmtpTransport, openSmtpSettings, sealSmtpSettings, smtpSettingsSchema, type SmtpSettings } from "./smtp.server";

/** Settings → Notifications: what the page shows, what its forms save, the SMTP test and previews. */
/** Why a settings change was refused: the page shows `notifications.error_<code>` in the admin's language. */
export type NotificationSettingsErrorCode =
  | "invalid"
  | "noKeyKlaviyo"
  | "badKlaviyoKey"
  | "noKeyTwilio"
  | "badTwilio"
  | "noKeySmtp"
  | "badSmtp"
  | "testAddress"
  | "noKeySmtpRead"
  | "saveSmtpFirst"
  | "testFailed";

export class NotificationSettingsError extends Error {
  override name = "NotificationSettingsError";
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string> = {},
    readonly code: NotificationSettingsErrorCode | null = null,
    readonly values: Record<string, string> = {},
    /** The schema's own complaints, which the page words in the staff member's language. */
    readonly issues: readonly core.$ZodIssue[] = [],
  ) {
    super(message);
  }
}

export interface NotificationSettingsView {
  moments: { moment: ShipmentMoment; email: EmailSender; defaultEmail: EmailSender; sms: boolean; flowTrigger: string }[];
  emailEnabled: boolean;
  senderName: string;
  senderAddress: string;
  replyTo: string;
  flowEnabled: boolean;
  klaviyoEnabled: boolean;
  hasKlaviyoKey: boolean;
  smsEnabled: boolean;
  smsDailySegmentCap: number;
  /** Without the auth token, which is never sent back to the browser. */
  twilio: { accountSid: string; sender: string; hasAuthToken: boolean } | null;
  quietStartHour: number;
  quietEndHour: number;
  coalesceMinutes: number;
  contactRetentionDays: number;
  digestRecipients: string;
  digestFrequency: string;
  digestInquiries: boolean;
  /** Without the password, which is never sent back to the browser. */
  smtp: { host: string; port: number; security: string; user: string; hasPassword: boolean } | null;
  credentialsUnavailable: string | null;
  locales: SupportedLocale[];
  recent: { moment: string; channel: string; state: string; count: number }[];
}

export async function loadNotificationSettings(db: Db, shopDomain: string, key: string | undefined): Promise<NotificationSettingsView> {
  const shop = await loadNotificationShop(db, shopDomain);
  const settings = parseNotificationSettings(shop?.notificationSettingsJson);
  let smtp: NotificationSettingsView["smtp"] = null;
  if (shop?.smtpSealed && key) {
    try {
      const opened = openSmtpSettings(key, shopDomain, shop.smtpSealed);
      smtp = { host: opened.host, port: opened.port, security: opened.security, user: opened.user ?? "", hasPassword: Boolean(opened.password) };
    } catch (error) {
      if (!(error instanceof SealedBoxError)) throw error;
    }
  }
  let twilio: NotificationSettingsView["twilio"] = null;
  if (shop?.twilioSealed && key) {
    try {
      const opened = openTwilioSettings(key, shopDomain, shop.twilioSealed);
      twilio = { accountSid: opened.accountSid, sender: opened.sender, hasAuthToken: Boolean(opened.authToken) };
    } catch (error) {
      if (!(error instanceof SealedBoxError) && !(error instanceof z.ZodError)) throw error;
    }
  }
  const rows = await listNotifications(db, { shopDomain, limit: 5000 });
  const counts = new Map<string, { moment: string; channel: string; state: string; count: number }>();
  for (const row of rows) {
    const id = `${row.moment}|${row.channel}|${row.state}`;
    counts.set(id, { moment: row.moment, channel: row.channel, state: row.state, count: (counts.get(id)?.count ?? 0) + 1 });
  }
  return {
    moments: SHIPMENT_MOMENTS.map((moment) => ({
      moment,
      email: emailSenderFor(settings, moment),
      defaultEmail: DEFAULT_EMAIL_SENDERS[moment],
      sms: settings.sms.moments.includes(moment),
      flowTrigger: FLOW_TRIGGERS[moment] ?? FLOW_STATUS_CHANGED,
    })),
    emailEnabled: settings.email.enabled,
    senderName: settings.email.senderName ?? "",
    senderAddress: settings.email.senderAddress ?? "",
    replyTo: settings.email.replyTo ?? "",
    flowEnabled: settings.flow.enabled,
    klaviyoEnabled: settings.klaviyo.enabled,
    hasKlaviyoKey: Boolean(shop?.klaviyoKeySealed),
    smsEnabled: settings.sms.enabled,
    smsDailySegmentCap: settings.sms.dailySegmentCap,
    twilio,
    quietStartHour: settings.quietHours.startHour,
    quietEndHour: settings.quietHours.endHour,
    coalesceMinutes: settings.coalesceMinutes,
    contactRetentionDays: settings.contactRetentionDays,
    digestRecipients: settings.digest.recipients.join(", "),
    digestFrequency: settings.digest.frequency,
    digestInquiries: settings.digest.inquiries,
    smtp,
    credentialsUnavailable: key
      ? null
      : "SMTP settings and shopper contacts are stored encrypted, and this installation has no encryption key (CREDENTIALS_KEY). Until it is set, Trackline sends no shopper emails.",
    locales: (Object.keys(LOCALES) as SupportedLocale[]),
    recent: [...counts.values()],
  };
}

export interface NotificationSettingsForm {
  emailEnabled: boolean;
  senders: Record<string, string>;
  senderName: string;
  senderAddress: string;
  replyTo: string;
  flowEnabled: boolean;
  klaviyoEnabled?: boolean;
  smsEnabled?: boolean;
  /** Moments texted to the shopper; undefined keeps the current choice. */
  smsMoments?: string[];
  smsDailySegmentCap?: number;
  quietStartHour: number;
  quietEndHour: number;
  coalesceMinutes: number;
  contactRetentionDays: number;
  digestRecipients: string;
  digestFrequency: string;
  /** An email to the team for each customer inquiry; undefined keeps the current choice. */
  digestInquiries?: boolean;
}

const blankToNull = (value: string) => (value.trim() ? value.trim() : null);

export async function saveNotificationSettings(db: Db, shopDomain: string, form: NotificationSettingsForm): Promise<void> {
  const current = parseNotificationSettings((await loadNotificationShop(db, shopDomain))?.notificationSettingsJson);
  const senders = Object.fromEntries(SHIPMENT_MOMENTS.map((moment) => [moment, form.senders[moment] ?? emailSenderFor(current, moment)]));
  const parsed = notificationSettingsSchema.safeParse({
    ...current,
    email: { enabled: form.emailEnabled, senders, senderName: blankToNull(form.senderName), senderAddress: blankToNull(form.senderAddress), replyTo: blankToNull(form.replyTo) },
    flow: { enabled: form.flowEnabled },
    klaviyo: { enabled: form.klaviyoEnabled ?? current.klaviyo.enabled },
    sms: {
      enabled: form.smsEnabled ?? current.sms.enabled,
      moments: form.smsMoments ?? current.sms.moments,
      dailySegmentCap: form.smsDailySegmentCap ?? current.sms.dailySegmentCap,
    },
    quietHours: { startHour: form.quietStartHour, endHour: form.quietEndHour },
    coalesceMinutes: form.coalesceMinutes,
    contactRetentionDays: form.contactRetentionDays,
    digest: {
      recipients: form.digestRecipients.split(/[,\s]+/).map((entry) => entry.trim()).filter(Boolean),
      frequency: form.digestFrequency,
      inquiries: form.digestInquiries ?? current.digest.inquiries,
    },
  });
  if (!parsed.success) {
    throw new NotificationSettingsError("Some notification settings are not valid", {}, "invalid", {}, parsed.error.issues);
  }
  await saveNotificationShop(db, shopDomain, { notificationSettingsJson: JSON.stringify(parsed.data) });
}

/** Saves the shop's Klaviyo private API key, sealed (a blank value removes it). */
export async function saveKlaviyoKey(db: Db, shopDomain: string, key: string | undefined, privateKey: string): Promise<void> {
  if (!key) throw new NotificationSettingsError("CREDENTIALS_KEY is not configured, so the Klaviyo key cannot be stored", {}, "noKeyKlaviyo");
  const trimmed = privateKey.trim();
  if (trimmed && !/^pk_[A-Za-z0-9_]{6,}$/.test(trimmed)) throw new NotificationSettingsError("That is not a Klaviyo private API key", { klaviyoKey: "notifications.fieldError_klaviyoKey" }, "badKlaviyoKey");
  await saveNotificationShop(db, shopDomain, { klaviyoKeySealed: trimmed ? sealKlaviyoKey(key, shopDomain, trimmed) : null });
}

/**
 * Saves the shop's Twilio account (account SID, auth token, sender), sealed; a blank auth token
 * keeps the stored one, all fields blank remove the account.
 */
export async function saveTwilio(db: Db, shopDomain: string, key: string | undefined, input: { accountSid: string; authToken: string; sender: string }): Promise<void> {
  if (!key) throw new NotificationSettingsError("CREDENTIALS_KEY is not configured, so the Twilio account cannot be stored", {}, "noKeyTwilio");
  if (!input.accountSid.trim() && !input.authToken.trim() && !input.sender.trim()) {
    await saveNotificationShop(db, shopDomain, { twilioSealed: null });
    return;
  }
  const shop = await loadNotificationShop(db, shopDomain);
  let stored: TwilioSettings | null = null;
  if (shop?.twilioSealed) {
    try {
      stored = openTwilioSettings(key, shopDomain, shop.twilioSealed);
    } catch {
      stored = null;
    }
  }
  const parsed = twilioSettingsSchema.safeParse({ ...input, authToken: input.authToken.trim() || stored?.authToken || "" });
  if (!parsed.success) {
    throw new NotificationSettingsError("The Twilio settings are not valid", {}, "badTwilio", {}, parsed.error.issues);
  }
  await saveNotificationShop(db, shopDomain, { twilioSealed: sealTwilioSettings(key, shopDomain, parsed.data) });
}

/** A sample text for a moment in a locale, with what it costs (the settings page preview). */
export async function previewSms(
  db: Db,
  shopDomain: string,
  moment: string,
  locale: string,
): Promise<{ text: string; encoding: SmsEncoding; segments: number; characters: number }> {
  const shop = await loadNotificationShop(db, shopDomain);
  const chosen = (SHIPMENT_MOMENTS as readonly string[]).includes(moment) ? (moment as ShipmentMoment) : "exception";
  // A real link's length (the token's length decides the segments), signed with a throwaway key.
  const sampleToken = createShopperLinkToken(
    { shop: shopDomain, shipmentId: "c".repeat(25), expiresAt: new Date(Date.UTC(2027, 0, 1)) },
    Buffer.alloc(32),
  );
  const { text } = renderSmsText({
    locale,
    shopName: shop?.name ?? shopDomain.replace(/\.myshopify\.com$/, ""),
    orderName: "#1001",
    moments: [chosen],
    trackUrl: `${shopperLinkUrl(shopDomain, sampleToken)}&src=sms`,
  });
  const { encoding, segments } = countSmsSegments(text);
  return { text, encoding, segments, characters: [...text].length };
}

/** Saves the SMTP settings sealed; a blank password keeps the stored one. */
export async function saveSmtp(db: Db, shopDomain: string, key: string | undefined, input: Record<string, string>): Promise<void> {
  if (!key) throw new NotificationSettingsError("CREDENTIALS_KEY is not configured, so SMTP settings cannot be stored", {}, "noKeySmtp");
  const shop = await loadNotificationShop(db, shopDomain);
  let stored: SmtpSettings | null = null;
  if (shop?.smtpSealed) {
    try {
      stored = openSmtpSettings(key, shopDomain, shop.smtpSealed);
    } catch {
      stored = null;
    }
  }
  const parsed = smtpSettingsSchema.safeParse({ ...input, password: input.password || stored?.password || null });
  if (!parsed.success) {
    throw new NotificationSettingsError("The SMTP settings are not valid", {}, "badSmtp", {}, parsed.error.issues);
  }
  await saveNotificationShop(db, shopDomain, { smtpSealed: sealSmtpSettings(key, shopDomain, parsed.data) });
}

const SAMPLE_ESTIMATE = { start: new Date("2026-12-09T12:00:00Z"), end: new Date("2026-12-11T12:00:00Z") };
const SAMPLE_STATUS: Record<ShipmentMoment, { status: string; subStatus: string | null; reason: string | null }> = {
  shipped: { status: "in_transit", subStatus: null, reason: null },
  in_transit: { status: "in_transit", subStatus: null, reason: null },
  arrived_in_country: { status: "in_transit", subStatus: null, reason: null },
  customs_hold: { status: "exception", subStatus: "customs_hold", reason: "Held for inspection" },
  customs_cleared: { status: "in_transit", subStatus: "customs_cleared", reason: null },
  out_for_delivery: { status: "out_for_delivery", subStatus: null, reason: null },
  available_for_pickup: { status: "available_for_pickup", subStatus: "pickup_point", reason: null },
  attempt_failed: { status: "attempt_failed", subStatus: "recipient_unavailable", reason: "Customer not available" },
  delayed: { status: "delayed", subStatus: "weather", reason: "Severe weather" },
  exception: { status: "exception", subStatus: "address_problem", reason: "Address incomplete" },
  stalled: { status: "in_transit", subStatus: null, reason: null },
  estimate_changed: { status: "in_transit", subStatus: null, reason: null },
  delivered: { status: "delivered", subStatus: "left_at_door", reason: null },
  returning: { status: "returning", subStatus: "return_to_sender", reason: null },
  returned: { status: "returned", subStatus: "return_to_sender", reason: null },
  all_delivered: { status: "delivered", subStatus: null, reason: null },
};

/** A sample email for a moment in a locale, branded like the shop (the settings page preview and the SMTP test). */
export async function previewEmail(db: Db, shopDomain: string, moment: string, locale: string, appUrl: string): Promise<RenderedEmail> {
  const shop = await loadNotificationShop(db, shopDomain);
  const chosen = (SHIPMENT_MOMENTS as readonly string[]).includes(moment) ? (moment as ShipmentMoment) : "exception";
  const sample = SAMPLE_STATUS[chosen];
  return renderShipmentEmail({
    locale: resolveLocale(locale),
    shopName: shop?.name ?? shopDomain.replace(/\.myshopify\.com$/, ""),
    logoUrl: shop?.brandLogoUrl ?? null,
    accentColor: shop?.brandAccentColor ?? null,
    firstName: "Alex",
    orderName: "#1001",
    moments: [chosen],
    parcel: { trackingNumber: "1Z999AA10123456784", carrierName: "UPS", status: sample.status, subStatus: sample.subStatus, estimateStart: SAMPLE_ESTIMATE.start, estimateEnd: SAMPLE_ESTIMATE.end },
    reason: sample.reason,
    lineItemCount: 2,
    timeZone: "UTC",
    trackUrl: `https://${shopDomain}/apps/track`,
    stopOrderUrl: `${appUrl}/notifications/unsubscribe`,
    stopShopUrl: `${appUrl}/notifications/unsubscribe`,
  });
}

const address = z.email();

/** "Send me a test": a sample email through the shop's SMTP settings now, with a clear error when it fails. */
export async function sendTestEmail(db: Db, shopDomain: string, key: string | undefined, to: string, appUrl: string): Promise<string> {
  if (!address.safeParse(to.trim()).success) throw new NotificationSettingsError("Enter the address to send the test to", { testAddress: "notifications.fieldError_testAddress" }, "testAddress");
  if (!key) throw new NotificationSettingsError("CREDENTIALS_KEY is not configured, so SMTP settings cannot be read", {}, "noKeySmtpRead");
  const shop = await loadNotificationShop(db, shopDomain);
  if (!shop?.smtpSealed) throw new NotificationSettingsError("Save the SMTP settings first", {}, "saveSmtpFirst");
  const smtp = openSmtpSettings(key, shopDomain, shop.smtpSealed);
  const settings = parseNotificationSettings(shop.notificationSettingsJson);
  const email = await previewEmail(db, shopDomain, "out_for_delivery", shop.locales.split(",")[0] ?? "en", appUrl);
  const transport = createSmtpTransport(smtp);
  const from = settings.email.senderAddress ?? (smtp.user && address.safeParse(smtp.user).success ? smtp.user : `no-reply@${shopDomain}`);
  try {
    await transport.sendMail({ from: { name: settings.email.senderName ?? shop.name ?? shopDomain, address: from }, to: to.trim(), subject: `[Test] ${email.subject}`, html: email.html, text: email.text });
    return `Test email sent to ${to.trim()}`;
  } catch (error) {
    const outcome = classifySmtpError(error, false);
    throw new NotificationSettingsError(`The test email was not sent: ${outcome.error}`, {}, "testFailed", { error: outcome.error });
  } finally {
    transport.close();
  }
}
