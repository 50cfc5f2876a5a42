import { z } from "zod";
import { countSmsSegments } from "~/domain/sms/segments";
import { toE164 } from "~/domain/sms/e164";
import { isShipmentMoment, type ShipmentMoment } from "~/domain/shipment-moments";
import type { Db } from "~/data/db.server";
import { releaseSmsSegments, reserveSmsSegments } from "~/data/notifications.server";
import { SealedBoxError, open, seal } from "~/services/carrier-accounts/sealed-box.server";
import { createShopperLinkToken, SHOPPER_LINK_LIFETIME_MS, shopperLinkUrl } from "~/services/shopper-links/token.server";
import { openContact } from "./contacts.server";
import type { ChannelOutcome, ChannelSender, OutboundMessage } from "./dispatcher.server";
import { parseNotificationSettings } from "./settings";
import { renderSmsText } from "./sms-messages";

/**
 * Shopper SMS through Twilio's Messages API: `POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json`,
 * form-encoded `To`, `From` (a number or alphanumeric sender) or `MessagingServiceSid`, `Body`,
 * HTTP Basic auth AccountSid:AuthToken. Twilio answers JSON with the message `sid` and `status`,
 * or an error `{ code, message, more_info, status }`.
 */
export const TWILIO_API_BASE = "https://api.twilio.com";

export const twilioSettingsSchema = z.object({
  accountSid: z.string().trim().regex(/^AC[0-9a-fA-F]{32}$/, "Account SIDs start with AC followed by 32 hex characters"),
  authToken: z.string().trim().min(16, "The auth token is 32 characters").max(128),
  /** An E.164 number, an alphanumeric sender ID (1–11 letters/digits, at least one letter) or a Messaging Service SID (MG…). */
  sender: z
    .string()
    .trim()
    .refine(
      (value) => /^\+[1-9]\d{7,14}$/.test(value) || /^MG[0-9a-fA-F]{32}$/.test(value) || /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/.test(value),
      "Enter a phone number in E.164 form (+15551234567), an alphanumeric sender ID (up to 11 characters) or a Messaging Service SID (MG…)",
    ),
});
export type TwilioSettings = z.infer<typeof twilioSettingsSchema>;

const associatedData = (shopDomain: string) => `twilio:${shopDomain}`;

export function sealTwilioSettings(key: string, shopDomain: string, settings: TwilioSettings): string {
  return seal(JSON.stringify(settings), key, associatedData(shopDomain));
}

export function openTwilioSettings(key: string, shopDomain: string, sealed: string): TwilioSettings {
  return twilioSettingsSchema.parse(JSON.parse(open(sealed, key, associatedData(shopDomain))));
}

/** Twilio error codes that concern this recipient only: the message is skipped, recorded with why. */
const RECIPIENT_ERRORS: Readonly<Record<number, string>> = {
  21211: "invalid phone number",
  21214: "phone number cannot be reached",
  21408: "sending to this region is not enabled on the Twilio account",
  21610: "the shopper unsubscribed from this sender (replied STOP)",
  21612: "this number cannot receive messages from this sender",
  21614: "not a mobile number",
};

/** The day the shop's SMS budget counts against: its local date (YYYY-MM-DD) in its time zone, UTC when it has none. */
export function segmentDay(now: Date, timeZone: string | null): string {
  const format = (zone: string) => new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  try {
    return format(timeZone || "UTC");
  } catch {
    return format("UTC");
  }
}

export interface SmsChannelOptions {
  db: Db;
  /** CREDENTIALS_KEY (or the demo key): opens the Twilio settings and contacts. */
  key: string | undefined;
  /** Signs shopper links (services/shopper-links). */
  linkKey: Buffer;
  baseUrl?: string;
  fetch?: typeof fetch;
  now?: () => Date;
}

interface TwilioError {
  code?: number;
  message?: string;
  more_info?: string;
}

function describe(status: number, error: TwilioError | null, raw: string): string {
  if (error?.code) return `Twilio ${status} (${error.code}): ${error.message ?? ""}${error.more_info ? ` — ${error.more_info}` : ""}`;
  return `Twilio ${status}: ${raw.slice(0, 300)}`;
}

type TwilioAnswer = TwilioError & { sid?: string; status?: string | number };

function parseAnswer(raw: string): TwilioAnswer | null {
  try {
    const parsed = JSON.parse(raw) as unknown;
    return parsed && typeof parsed === "object" ? (parsed as TwilioAnswer) : null;
  } catch {
    return null;
  }
}

/** Connection errors raised before the request could have reached Twilio. */
function neverReached(error: unknown): boolean {
  const code = (error as { cause?: { code?: string } } | null)?.cause?.code;
  return code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN";
}

/**
 * The shopper SMS channel: one text per order group (coalesced moments), only for the moments the
 * merchant enabled for SMS, to the shipping phone normalised to E.164 with the destination
 * country. Each text's segments count against the shop's daily cap (its local day); over the cap
 * it is skipped and recorded. Twilio's recipient errors (invalid number, unsubscribed) skip; 429 and 5xx retry.
 */
export function createSmsChannel(options: SmsChannelOptions): ChannelSender {
  const baseUrl = (options.baseUrl ?? TWILIO_API_BASE).replace(/\/$/, "");
  const post = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());

  async function send(message: OutboundMessage): Promise<ChannelOutcome> {
    const { shop, shipments, contact } = message.context;
    const first = message.rows[0];
    if (!first) return { kind: "skipped", reason: "nothing to send" };
    if (!shop || shop.uninstalledAt) return { kind: "skipped", reason: "the shop uninstalled Trackline" };
    const settings = parseNotificationSettings(shop.notificationSettingsJson);
    const moments = message.rows
      .map((row) => row.moment)
      .filter((moment): moment is ShipmentMoment => isShipmentMoment(moment) && settings.sms.moments.includes(moment));
    if (!settings.sms.enabled || moments.length === 0) return { kind: "skipped", reason: "SMS for these moments is turned off" };
    if (!options.key) return { kind: "skipped", reason: "no encryption key (CREDENTIALS_KEY): Twilio settings and contacts cannot be opened" };
    if (!shop.twilioSealed) return { kind: "skipped", reason: "no Twilio account for this shop" };
    if (!contact) return { kind: "skipped", reason: "no contact details for this order (not captured, or erased after the retention period)" };

    let twilio: TwilioSettings;
    let phone: string | null;
    try {
      twilio = openTwilioSettings(options.key, shop.domain, shop.twilioSealed);
      ({ phone } = openContact(options.key, shop.domain, contact.orderId, contact.sealed));
    } catch (error) {
      if (error instanceof SealedBoxError || error instanceof z.ZodError) return { kind: "failed", error: `sealed Twilio settings cannot be opened: ${error.message}` };
      throw error;
    }
    const parcel =
      shipments.find((shipment) => message.rows.some((row) => row.shipmentId === shipment.id)) ??
      shipments.find((shipment) => shipment.trackingStoppedAt === null) ??
      shipments[0];
    if (!parcel) return { kind: "skipped", reason: "the order has no parcels any more" };
    if (!phone) return { kind: "skipped", reason: "no phone number for this order" };
    const to = toE164(phone, parcel.destinationCountry);
    if (!to) return { kind: "skipped", reason: "the phone number cannot be written in E.164 form" };

    const sentAt = now();
    const token = createShopperLinkToken({ shop: shop.domain, shipmentId: parcel.id, expiresAt: new Date(sentAt.getTime() + SHOPPER_LINK_LIFETIME_MS) }, options.linkKey);
    const { text } = renderSmsText({
      locale: contact.locale ?? shop.locales.split(",")[0],
      shopName: shop.name ?? shop.domain.replace(/\.myshopify\.com$/, ""),
      orderName: parcel.orderName,
      moments,
      trackUrl: `${shopperLinkUrl(shop.domain, token)}&src=sms`,
    });
    const { segments } = countSmsSegments(text);
    // The segments are reserved before the text goes (one conditional update: racing dispatchers
    // cannot overshoot the cap) and given back when Twilio certainly did not send it.
    const day = segmentDay(sentAt, shop.timezone);
    const cap = settings.sms.dailySegmentCap;
    const reservation = await reserveSmsSegments(options.db, shop.domain, day, segments, cap);
    if (!reservation.reserved) {
      return { kind: "skipped", reason: `daily SMS cap reached (${reservation.used} of ${cap} segments used today, this text needs ${segments})` };
    }
    const outcome = await deliver(twilio, to, text, segments);
    if (outcome.kind !== "sent" && !(outcome.kind === "retry" && outcome.possibleDuplicate)) await releaseSmsSegments(options.db, shop.domain, day, segments);
    return outcome;
  }

  async function deliver(twilio: TwilioSettings, to: string, text: string, segments: number): Promise<ChannelOutcome> {
    const form = new URLSearchParams({ To: to, Body: text });
    if (/^MG[0-9a-fA-F]{32}$/.test(twilio.sender)) form.set("MessagingServiceSid", twilio.sender);
    else form.set("From", twilio.sender);
    let response: Response;
    try {
      response = await post(`${baseUrl}/2010-04-01/Accounts/${encodeURIComponent(twilio.accountSid)}/Messages.json`, {
        method: "POST",
        headers: {
          Authorization: `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
        },
        body: form.toString(),
      });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { kind: "retry", error: `Twilio unreachable: ${detail}`, possibleDuplicate: !neverReached(error) };
    }
    const raw = await response.text().catch(() => "");
    const json = parseAnswer(raw);
    if (response.ok && typeof json?.sid === "string") return { kind: "sent", providerId: json.sid, segments };
    if (response.ok) return { kind: "retry", error: `Twilio ${response.status} without a message SID: ${raw.slice(0, 300)}`, possibleDuplicate: true };
    const detail = describe(response.status, json, raw);
    if (response.status === 429) {
      const seconds = Number(response.headers.get("Retry-After"));
      return { kind: "retry", error: detail, ...(Number.isFinite(seconds) && seconds > 0 ? { retryAfterMs: seconds * 1000 } : {}) };
    }
    if (response.status >= 500) return { kind: "retry", error: detail };
    if (json?.code === 20003 || response.status === 401) {
      return { kind: "failed", error: `Twilio refused the account SID and auth token (20003 authentication error): check them in Settings → Notifications. ${detail}` };
    }
    const recipient = json?.code ? RECIPIENT_ERRORS[json.code] : undefined;
    if (recipient) return { kind: "skipped", reason: `${recipient}: ${detail}` };
    return { kind: "failed", error: detail };
  }

  return { coalesces: true, send };
}
