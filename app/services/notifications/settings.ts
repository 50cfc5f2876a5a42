import { z } from "zod";
import type { NotificationChannel } from "~/data/notifications.server";
import { DEFAULT_QUIET_HOURS, SHIPMENT_MOMENTS, type ShipmentMoment } from "~/domain/shipment-moments";

/**
 * A shop's notification settings (Shop.notificationSettingsJson), validated here. Unknown or
 * malformed values fall back to the defaults, so a bad row never stops the pipeline.
 */

/** Who tells the shopper about a moment by email. */
export type EmailSender = "trackline" | "shopify" | "off";

/**
 * Default: Trackline sends only what Shopify does not. Shopify emails its own shipping
 * confirmation (at fulfillment), "out for delivery" and "delivered" (after write-back).
 */
export const DEFAULT_EMAIL_SENDERS: Readonly<Record<ShipmentMoment, EmailSender>> = {
  shipped: "shopify",
  in_transit: "off",
  arrived_in_country: "trackline",
  customs_hold: "trackline",
  customs_cleared: "trackline",
  out_for_delivery: "shopify",
  available_for_pickup: "trackline",
  attempt_failed: "trackline",
  delayed: "trackline",
  exception: "trackline",
  stalled: "off",
  estimate_changed: "trackline",
  delivered: "shopify",
  returning: "off",
  returned: "off",
  all_delivered: "off",
};

/** Moments that fire a Shopify Flow trigger (one flow_trigger extension each, see extensions/). */
export const FLOW_TRIGGERS: Readonly<Partial<Record<ShipmentMoment, string>>> = {
  exception: "trackline-shipment-exception",
  stalled: "trackline-shipment-stalled",
  delayed: "trackline-shipment-delayed",
  out_for_delivery: "trackline-out-for-delivery",
  delivered: "trackline-shipment-delivered",
  all_delivered: "trackline-all-delivered",
  estimate_changed: "trackline-estimate-changed",
  returned: "trackline-return-delivered",
};
/** Every moment also fires "shipment status changed". */
export const FLOW_STATUS_CHANGED = "trackline-status-changed";
/** Every Flow trigger handle, with the name its extension gives it (extensions/flow-*). */
export const FLOW_TRIGGER_NAMES: Readonly<Record<string, string>> = {
  [FLOW_STATUS_CHANGED]: "Shipment status changed",
  "trackline-shipment-exception": "Shipment exception",
  "trackline-shipment-stalled": "Shipment stalled",
  "trackline-shipment-delayed": "Shipment delayed",
  "trackline-out-for-delivery": "Shipment out for delivery",
  "trackline-shipment-delivered": "Shipment delivered",
  "trackline-all-delivered": "All parcels of order delivered",
  "trackline-estimate-changed": "Delivery estimate changed",
  "trackline-return-delivered": "Return delivered",
};

const email = z.email();
const moments = z.enum(SHIPMENT_MOMENTS);
const hour = z.number().int().min(0).max(23);

export const notificationSettingsSchema = z.object({
  email: z
    .object({
      enabled: z.boolean().default(true),
      senders: z.partialRecord(moments, z.enum(["trackline", "shopify", "off"])).default({}),
      senderName: z.string().trim().max(80).nullable().default(null),
      senderAddress: email.nullable().default(null),
      replyTo: email.nullable().default(null),
    })
    .prefault({}),
  sms: z
    .object({
      enabled: z.boolean().default(false),
      moments: z.array(moments).default(["out_for_delivery", "attempt_failed", "exception", "available_for_pickup"]),
      /** Segments a shop may send per day (cost control). */
      dailySegmentCap: z.number().int().min(0).max(100_000).default(500),
    })
    .prefault({}),
  flow: z.object({ enabled: z.boolean().default(true) }).prefault({}),
  klaviyo: z.object({ enabled: z.boolean().default(false) }).prefault({}),
  quietHours: z.object({ startHour: hour, endHour: hour }).default(DEFAULT_QUIET_HOURS),
  /** Moments of one order within this many minutes go out as one message. */
  coalesceMinutes: z.number().int().min(0).max(120).default(5),
  /** Contact details are erased this many days after the order's last delivery. */
  contactRetentionDays: z.number().int().min(1).max(365).default(60),
  digest: z
    .object({
      recipients: z.array(email).max(20).default([]),
      frequency: z.enum(["daily", "immediate", "off"]).default("daily"),
      /** Email the team for each customer inquiry (unless alerts are off). */
      inquiries: z.boolean().default(true),
    })
    .prefault({}),
});

export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

export function parseNotificationSettings(json: string | null | undefined): NotificationSettings {
  let raw: unknown = {};
  try {
    raw = json ? (JSON.parse(json) as unknown) : {};
  } catch {
    raw = {};
  }
  const parsed = notificationSettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : notificationSettingsSchema.parse({});
}

export function emailSenderFor(settings: NotificationSettings, moment: ShipmentMoment): EmailSender {
  return settings.email.senders[moment] ?? DEFAULT_EMAIL_SENDERS[moment];
}

/** What the shop has configured, which decides whether a channel can send at all. */
export interface ChannelAvailability {
  smtp: boolean;
  twilio: boolean;
  klaviyo: boolean;
}

/** The channels a moment goes to for a shop. */
export function channelsFor(moment: ShipmentMoment, settings: NotificationSettings, available: ChannelAvailability): NotificationChannel[] {
  const channels: NotificationChannel[] = [];
  if (settings.email.enabled && available.smtp && emailSenderFor(settings, moment) === "trackline") channels.push("email");
  if (settings.sms.enabled && available.twilio && settings.sms.moments.includes(moment)) channels.push("sms");
  if (settings.flow.enabled) channels.push("flow");
  if (settings.klaviyo.enabled && available.klaviyo) channels.push("klaviyo");
  // Immediate merchant alerts: each carrier exception, to the team's alert recipients.
  if (moment === "exception" && settings.digest.frequency === "immediate" && settings.digest.recipients.length > 0 && available.smtp) channels.push("merchant");
  return channels;
}
