import type { DueAtPlanner, MomentRecord, NotificationChannel } from "~/data/notifications.server";
import { orderSubject } from "~/data/notifications.server";
import { eventInstant } from "~/domain/events";
import {
  coalescedDueAt,
  decideOrderMoments,
  decideShipmentMoments,
  destinationTimeZone,
  isShipmentMoment,
  isUrgentMoment,
  sendTimeAfterQuietHours,
  type MomentState,
  type ShipmentMoment,
} from "~/domain/shipment-moments";
import type { CanonicalEvent, CanonicalStatus, SubStatus } from "~/domain/status";
import { channelsFor, parseNotificationSettings, type NotificationSettings } from "./settings";

/**
 * Turns a shipment change into moment records for the outbox: the domain decides the moments,
 * the shop's settings decide the channels, coalescing and quiet hours decide when each goes out.
 * Used by every writer of shipment state (sync passes and carrier pushes).
 */

/** What the planner needs to know of a shop (loaded once per pass). */
export interface PlannerShop {
  timezone: string;
  notificationSettingsJson: string;
  smtpSealed: string | null;
  klaviyoKeySealed: string | null;
  twilioSealed: string | null;
}

export interface PlannedShop {
  settings: NotificationSettings;
  timezone: string;
  available: { smtp: boolean; twilio: boolean; klaviyo: boolean };
}

export function plannedShop(shop: PlannerShop | undefined): PlannedShop {
  return {
    settings: parseNotificationSettings(shop?.notificationSettingsJson),
    timezone: shop?.timezone ?? "UTC",
    available: { smtp: Boolean(shop?.smtpSealed), twilio: Boolean(shop?.twilioSealed), klaviyo: Boolean(shop?.klaviyoKeySealed) },
  };
}

/** Country of the newest event that names one. */
export function lastScanCountry(events: readonly CanonicalEvent[]): string | null {
  let best: { at: number; country: string } | null = null;
  for (const event of events) {
    const country = event.location?.country;
    if (!country) continue;
    const at = eventInstant(event);
    if (best === null || at >= best.at) best = { at, country };
  }
  return best?.country ?? null;
}

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/** A shipment row's side of a change, as the moment rules read it. */
export function storedMomentState(
  row: {
    status: string;
    subStatus: string | null;
    stalled: boolean;
    late: boolean;
    estimatedDeliveryAt: Date | null;
    estimatedDeliveryEnd: Date | null;
    predictedDeliveryAt: Date | null;
    originCountry: string | null;
    destinationCountry: string | null;
  },
  events: readonly CanonicalEvent[],
): MomentState {
  return {
    status: row.status as CanonicalStatus,
    subStatus: row.subStatus as SubStatus | null,
    stalled: row.stalled,
    late: row.late,
    estimate: iso(row.estimatedDeliveryEnd ?? row.estimatedDeliveryAt ?? row.predictedDeliveryAt),
    statusAt: null,
    lastScanCountry: lastScanCountry(events),
    originCountry: row.originCountry,
    destinationCountry: row.destinationCountry,
    description: null,
  };
}

export interface ShipmentChange {
  shipmentId: string;
  shopDomain: string;
  orderId: string;
  previous: MomentState | null;
  next: MomentState;
  recorded: ReadonlySet<string>;
}

/** The moment records of one shipment change. */
export function planShipmentMoments(change: ShipmentChange, shop: PlannedShop, now: Date): MomentRecord[] {
  const recorded = new Set([...change.recorded].filter(isShipmentMoment));
  const decided = decideShipmentMoments({ previous: change.previous, next: change.next, recorded, now });
  return decided.map((entry) => ({
    shopDomain: change.shopDomain,
    subjectKey: change.shipmentId,
    shipmentId: change.shipmentId,
    orderId: change.orderId,
    moment: entry.moment,
    occurredAt: new Date(entry.occurredAt),
    status: change.next.status,
    reason: entry.reason,
    estimateAt: change.next.estimate ? new Date(change.next.estimate) : null,
    channels: channelsFor(entry.moment, shop.settings, shop.available),
  }));
}

/** "All parcels delivered" for an order, once its parcels are all delivered. */
export function planOrderMoments(
  shopDomain: string,
  orderId: string,
  parcels: readonly { status: string; trackingStoppedAt: Date | null; deliveredAt: Date | null }[],
  recorded: ReadonlySet<string>,
  shop: PlannedShop,
  now: Date,
): MomentRecord[] {
  const decided = decideOrderMoments(
    parcels.map((parcel) => ({ status: parcel.status as CanonicalStatus, stopped: parcel.trackingStoppedAt !== null })),
    new Set([...recorded].filter(isShipmentMoment)),
    now,
  );
  const lastDelivery = parcels.reduce((max, parcel) => Math.max(max, parcel.deliveredAt?.getTime() ?? 0), 0);
  return decided.map((entry) => ({
    shopDomain,
    subjectKey: orderSubject(orderId),
    shipmentId: null,
    orderId,
    moment: entry.moment,
    occurredAt: lastDelivery ? new Date(lastDelivery) : now,
    status: "delivered",
    reason: null,
    estimateAt: null,
    channels: channelsFor(entry.moment, shop.settings, shop.available),
  }));
}

/**
 * When each channel's message may go out. Shopper channels (email, SMS) wait for the order's
 * coalescing window and respect quiet hours in the destination's time zone for non-urgent
 * moments; merchant channels (Flow, Klaviyo, alerts to the team) go at once.
 */
export function dueAtPlanner(shops: ReadonlyMap<string, PlannedShop>, destinations: ReadonlyMap<string, string | null>, now: Date): DueAtPlanner {
  return (record: MomentRecord, channel: NotificationChannel, openGroupDueAt: Date | null) => {
    if (channel === "flow" || channel === "klaviyo" || channel === "merchant") return now;
    const shop = shops.get(record.shopDomain) ?? plannedShop(undefined);
    const windowMs = shop.settings.coalesceMinutes * 60_000;
    const grouped = coalescedDueAt(openGroupDueAt, now, windowMs);
    const zone = destinationTimeZone(destinations.get(record.orderId) ?? null, shop.timezone);
    const urgent = isUrgentMoment(record.moment as ShipmentMoment);
    return sendTimeAfterQuietHours(grouped, zone, urgent, shop.settings.quietHours);
  };
}
