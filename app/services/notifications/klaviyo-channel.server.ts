import { SealedBoxError, open, seal } from "~/services/carrier-accounts/sealed-box.server";
import { isShipmentMoment } from "~/domain/shipment-moments";
import { openContact } from "./contacts.server";
import type { ChannelOutcome, ChannelSender, OutboundMessage } from "./dispatcher.server";
import { parseNotificationSettings } from "./settings";

/**
 * Klaviyo: each moment becomes an event (Events API, `POST /api/events`, JSON:API) on the
 * shopper's profile (by email), one metric per moment ("Trackline Delivered"…), with the
 * shipment's facts as properties, so merchants run their own Klaviyo flows. The private key is
 * sealed at rest like carrier credentials. The outbox row id is the event's `unique_id`, so a
 * retried send never becomes a second event.
 */
export const KLAVIYO_REVISION = "2026-10-15";

const associatedData = (shopDomain: string) => `klaviyo:${shopDomain}`;

export function sealKlaviyoKey(key: string, shopDomain: string, privateKey: string): string {
  return seal(privateKey, key, associatedData(shopDomain));
}

export function openKlaviyoKey(key: string, shopDomain: string, sealed: string): string {
  return open(sealed, key, associatedData(shopDomain));
}

export function klaviyoMetricName(moment: string): string {
  const words = moment.replace(/_/g, " ");
  return `Trackline ${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

export interface KlaviyoChannelOptions {
  key: string | undefined;
  baseUrl?: string;
  fetch?: typeof fetch;
}

export function createKlaviyoChannel(options: KlaviyoChannelOptions): ChannelSender {
  const baseUrl = options.baseUrl ?? "https://a.klaviyo.com";
  const send = options.fetch ?? fetch;
  return {
    coalesces: false,
    async send(message: OutboundMessage): Promise<ChannelOutcome> {
      const { shop, shipments, contact } = message.context;
      const row = message.rows[0];
      if (!row || !shop || shop.uninstalledAt) return { kind: "skipped", reason: "the shop uninstalled Trackline" };
      if (!parseNotificationSettings(shop.notificationSettingsJson).klaviyo.enabled) return { kind: "skipped", reason: "Klaviyo events are turned off" };
      if (!options.key || !shop.klaviyoKeySealed) return { kind: "skipped", reason: "no Klaviyo private key for this shop" };
      if (!contact) return { kind: "skipped", reason: "no contact details for this order (not captured, or erased after the retention period)" };
      let privateKey: string;
      let email: string | null;
      try {
        privateKey = openKlaviyoKey(options.key, shop.domain, shop.klaviyoKeySealed);
        ({ email } = openContact(options.key, shop.domain, contact.orderId, contact.sealed));
      } catch (error) {
        if (error instanceof SealedBoxError) return { kind: "failed", error: `sealed settings cannot be opened: ${error.message}` };
        throw error;
      }
      if (!email) return { kind: "skipped", reason: "invalid or missing email address" };
      const parcel = shipments.find((shipment) => shipment.id === row.shipmentId) ?? shipments[0];
      const body = {
        data: {
          type: "event",
          attributes: {
            properties: {
              moment: isShipmentMoment(row.moment) ? row.moment : "unknown",
              order_id: row.orderId,
              order_name: parcel?.orderName ?? null,
              tracking_number: parcel?.trackingNumber ?? null,
              carrier: parcel?.carrier ?? parcel?.declaredCarrier ?? null,
              status: row.status,
              reason: row.reason,
              estimated_delivery: row.estimateAt?.toISOString() ?? null,
            },
            time: row.occurredAt.toISOString(),
            unique_id: row.id,
            metric: { data: { type: "metric", attributes: { name: klaviyoMetricName(row.moment) } } },
            profile: { data: { type: "profile", attributes: { email } } },
          },
        },
      };
      let response: Response;
      try {
        response = await send(`${baseUrl}/api/events`, {
          method: "POST",
          headers: {
            Authorization: `Klaviyo-API-Key ${privateKey}`,
            revision: KLAVIYO_REVISION,
            accept: "application/vnd.api+json",
            "content-type": "application/vnd.api+json",
          },
          body: JSON.stringify(body),
        });
      } catch (error) {
        return { kind: "retry", error: `Klaviyo unreachable: ${error instanceof Error ? error.message : String(error)}` };
      }
      if (response.status === 202 || response.ok) return { kind: "sent", providerId: row.id };
      const detail = (await response.text().catch(() => "")).slice(0, 500);
      if (response.status === 429) {
        const seconds = Number(response.headers.get("Retry-After"));
        return { kind: "retry", error: `Klaviyo 429: ${detail}`, ...(Number.isFinite(seconds) && seconds > 0 ? { retryAfterMs: seconds * 1000 } : {}) };
      }
      if (response.status >= 500) return { kind: "retry", error: `Klaviyo ${response.status}: ${detail}` };
      return { kind: "failed", error: `Klaviyo ${response.status}: ${detail}` };
    },
  };
}
