import { carrierRegistry, type CarrierRegistry } from "~/carriers/registry";
import type { PushDestination, SubscriptionClient } from "~/carriers/plugin";
import {
  saveSubscription,
  shipmentsWithoutSubscription,
  subscriptionsToReview,
  type StoredSubscription,
  type SubscriptionShipment,
} from "~/data/carrier-subscriptions.server";
import type { Db } from "~/data/db.server";
import { decideSubscription, nextSubscriptionCheck } from "~/domain/push-subscription";

/** Where subscription clients come from (app credentials in production, the simulator in tests). */
export interface SubscriptionClientSource {
  clientFor(carrier: string): Promise<SubscriptionClient | undefined>;
  /** Where carrier `carrier` should push (our `/webhooks/carriers/<path>` URL and its credential). */
  destinationFor(carrier: string): PushDestination;
}

export interface SubscriptionPassReport {
  subscribed: number;
  renewed: number;
  failed: number;
  unsubscribed: number;
}

interface Work {
  shipment: SubscriptionShipment;
  subscription: StoredSubscription | null;
  carrier: string;
  renew: boolean;
}

/**
 * Keeps carrier push subscriptions in step with shipments: subscribes new numbers where the
 * carrier offers it, renews before expiry, removes them when the parcel is done or the shop
 * uninstalls, and records failures (the shipment then simply stays on polling).
 */
export class SubscriptionManager {
  private readonly carriers: CarrierRegistry;

  constructor(
    private readonly options: { db: Db; clients: SubscriptionClientSource; clock?: () => number; batchSize?: number; carriers?: CarrierRegistry },
  ) {
    this.carriers = options.carriers ?? carrierRegistry;
  }

  private carrierOf(shipment: SubscriptionShipment): string {
    return this.carriers.adapterCodeFor(shipment.carrier, shipment.longTailAggregator);
  }

  async runOnce(): Promise<SubscriptionPassReport> {
    const { db } = this.options;
    const now = new Date((this.options.clock ?? Date.now)());
    const limit = this.options.batchSize ?? 200;
    const report: SubscriptionPassReport = { subscribed: 0, renewed: 0, failed: 0, unsubscribed: 0 };
    const toSubscribe: Work[] = [];
    const toEnd: { subscription: StoredSubscription }[] = [];

    for (const shipment of await shipmentsWithoutSubscription(db, limit)) {
      const carrier = this.carrierOf(shipment);
      const plugin = this.carriers.get(carrier);
      const decision = decideSubscription({ carrierSubscribes: plugin.subscriptions !== undefined, shipment, subscription: null, now });
      if (decision.action === "subscribe") toSubscribe.push({ shipment, subscription: null, carrier, renew: false });
    }
    for (const { subscription, shipment } of await subscriptionsToReview(db, now, limit)) {
      const plugin = this.carriers.isCode(subscription.carrier) ? this.carriers.get(subscription.carrier) : undefined;
      const decision = decideSubscription({
        carrierSubscribes: plugin?.subscriptions !== undefined,
        ...(plugin?.subscriptions?.lifetimeMs === undefined ? {} : { lifetimeMs: plugin.subscriptions.lifetimeMs }),
        // A shipment deleted meanwhile (order redacted) ends its subscription like an uninstall.
        shipment: shipment ?? { status: "cancelled", trackingStopped: true, shopUninstalled: true },
        subscription,
        now,
      });
      if (decision.action === "unsubscribe") toEnd.push({ subscription });
      else if ((decision.action === "subscribe" || decision.action === "renew") && shipment) {
        toSubscribe.push({ shipment, subscription, carrier: subscription.carrier, renew: decision.action === "renew" });
      }
    }

    const byCarrier = new Map<string, Work[]>();
    for (const work of toSubscribe) byCarrier.set(work.carrier, [...(byCarrier.get(work.carrier) ?? []), work]);
    for (const [carrier, works] of byCarrier) await this.subscribe(carrier, works, now, report);

    const endByCarrier = new Map<string, StoredSubscription[]>();
    for (const { subscription } of toEnd) endByCarrier.set(subscription.carrier, [...(endByCarrier.get(subscription.carrier) ?? []), subscription]);
    for (const [carrier, subscriptions] of endByCarrier) {
      const client = await this.options.clients.clientFor(carrier);
      let error: string | null = null;
      try {
        await client?.unsubscribe(subscriptions.map((s) => (s.externalId ? { trackingNumber: s.trackingNumber, externalId: s.externalId } : { trackingNumber: s.trackingNumber })));
      } catch (caught) {
        // The carrier keeps pushing for a while at worst; pushes for finished parcels change nothing.
        error = caught instanceof Error ? caught.message : String(caught);
      }
      for (const subscription of subscriptions) {
        await saveSubscription(db, { ...subscription, state: "removed", attempts: subscription.attempts, lastError: error, nextActionAt: null });
        report.unsubscribed += 1;
      }
    }
    return report;
  }

  private async subscribe(carrier: string, works: Work[], now: Date, report: SubscriptionPassReport): Promise<void> {
    const { db } = this.options;
    const plugin = this.carriers.get(carrier);
    const settings = plugin.subscriptions;
    if (!settings) return;
    const client = await this.options.clients.clientFor(carrier);
    const destination = this.options.clients.destinationFor(carrier);
    for (let start = 0; start < works.length; start += settings.numbersPerRequest) {
      const batch = works.slice(start, start + settings.numbersPerRequest);
      const outcomes = client
        ? await client.subscribe(batch.map((work) => work.shipment.trackingNumber), destination)
        : batch.map((work) => ({ trackingNumber: work.shipment.trackingNumber, ok: false as const, error: `no ${carrier} credentials configured` }));
      const byNumber = new Map(outcomes.map((outcome) => [outcome.trackingNumber, outcome]));
      for (const work of batch) {
        const outcome = byNumber.get(work.shipment.trackingNumber) ?? { trackingNumber: work.shipment.trackingNumber, ok: false as const, error: "no answer for this number" };
        const base = { shipmentId: work.shipment.id, carrier, trackingNumber: work.shipment.trackingNumber };
        if (outcome.ok) {
          const expiresAt = settings.lifetimeMs === undefined ? null : new Date(now.getTime() + settings.lifetimeMs);
          await saveSubscription(db, {
            ...base,
            state: "active",
            externalId: outcome.externalId ?? work.subscription?.externalId ?? null,
            subscribedAt: now,
            expiresAt,
            attempts: 0,
            lastError: null,
            nextActionAt: nextSubscriptionCheck({ state: "active", expiresAt, attempts: 0, now }),
          });
          if (work.renew) report.renewed += 1;
          else report.subscribed += 1;
        } else {
          const attempts = (work.subscription?.state === "failed" ? work.subscription.attempts : 0) + 1;
          await saveSubscription(db, { ...base, state: "failed", attempts, lastError: outcome.error, nextActionAt: nextSubscriptionCheck({ state: "failed", expiresAt: null, attempts, now }) });
          report.failed += 1;
        }
      }
    }
  }
}

/**
 * Subscription clients with the app's carrier credentials (subscriptions live on Trackline's
 * carrier accounts, whose pushes reach `/webhooks/carriers/<path>`).
 */
export function appSubscriptionClients(options: {
  appCredentials: Readonly<Record<string, unknown | null>>;
  appUrl: string;
  pushCredentials: Readonly<Record<string, string | undefined>>;
  simulatorUrl?: string | undefined;
}): SubscriptionClientSource {
  const cache = new Map<string, SubscriptionClient>();
  return {
    async clientFor(carrier) {
      const cached = cache.get(carrier);
      if (cached) return cached;
      if (!carrierRegistry.isCode(carrier)) return undefined;
      const plugin = carrierRegistry.get(carrier);
      const credentials = plugin.credentials.safeParse(options.appCredentials[carrier]);
      if (!plugin.subscriptions || !credentials.success) return undefined;
      const client = plugin.subscriptions.createClient({
        credentials: credentials.data,
        ...(options.simulatorUrl ? { baseUrl: `${options.simulatorUrl.replace(/\/$/, "")}/${plugin.path}` } : {}),
      });
      cache.set(carrier, client);
      return client;
    },
    destinationFor(carrier) {
      const path = carrierRegistry.isCode(carrier) ? carrierRegistry.get(carrier).path : carrier;
      const credential = options.pushCredentials[carrier];
      return { url: `${options.appUrl.replace(/\/$/, "")}/webhooks/carriers/${path}`, ...(credential ? { credential } : {}) };
    },
  };
}
