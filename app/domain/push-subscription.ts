/**
 * Whether Trackline should create, renew or remove a carrier push subscription for one shipment.
 * Pure: the subscription service feeds it the shipment and its stored subscription and carries out
 * the answer. Polling goes on regardless; a live subscription only makes it rarer, so a failed or
 * missing subscription falls back to polling by doing nothing.
 */
export type SubscriptionState = "active" | "failed" | "removed";

export interface SubscriptionDecisionInput {
  /** The carrier offers push subscriptions Trackline can create. */
  carrierSubscribes: boolean;
  /** How long the carrier keeps a subscription (UPS Track Alert: 14 days); undefined = until removed. */
  lifetimeMs?: number;
  shipment: { status: string; trackingStopped: boolean; shopUninstalled: boolean };
  subscription: { state: SubscriptionState; expiresAt: Date | null; attempts: number } | null;
  now: Date;
}

export type SubscriptionDecision =
  | { action: "none"; reason: string }
  | { action: "subscribe" }
  | { action: "renew" }
  | { action: "unsubscribe"; reason: string };

/** Statuses after which no carrier sends news worth pushing. */
export const FINISHED_STATUSES: readonly string[] = ["delivered", "returned", "cancelled", "expired", "invalid"];
/** Renew this long before the carrier drops the subscription. */
export const RENEW_BEFORE_MS = 24 * 3_600_000;
/** Subscribe attempts before the shipment is left to polling alone. */
export const MAX_SUBSCRIBE_ATTEMPTS = 3;

export function decideSubscription(input: SubscriptionDecisionInput): SubscriptionDecision {
  const { shipment, subscription, now } = input;
  const finished = FINISHED_STATUSES.includes(shipment.status) || shipment.trackingStopped;
  if (shipment.shopUninstalled || finished) {
    if (subscription?.state === "active") return { action: "unsubscribe", reason: shipment.shopUninstalled ? "shop uninstalled" : `shipment ${shipment.status}` };
    return { action: "none", reason: "no longer tracked" };
  }
  if (!input.carrierSubscribes) return { action: "none", reason: "carrier offers no push subscription" };
  if (subscription === null) return { action: "subscribe" };
  switch (subscription.state) {
    case "removed":
      return { action: "none", reason: "subscription removed" };
    case "failed":
      return subscription.attempts < MAX_SUBSCRIBE_ATTEMPTS ? { action: "subscribe" } : { action: "none", reason: "subscribing failed; polling only" };
    case "active": {
      if (input.lifetimeMs === undefined || subscription.expiresAt === null) return { action: "none", reason: "subscribed" };
      return now.getTime() >= subscription.expiresAt.getTime() - RENEW_BEFORE_MS ? { action: "renew" } : { action: "none", reason: "subscribed" };
    }
  }
}

/** When to look at a subscription again after `decision` was carried out. */
export function nextSubscriptionCheck(input: { state: SubscriptionState; expiresAt: Date | null; attempts: number; now: Date }): Date | null {
  if (input.state === "removed") return null;
  if (input.state === "failed") return input.attempts >= MAX_SUBSCRIBE_ATTEMPTS ? null : new Date(input.now.getTime() + 2 ** input.attempts * 15 * 60_000);
  if (input.expiresAt === null) return new Date(input.now.getTime() + 24 * 3_600_000);
  return new Date(Math.max(input.now.getTime(), input.expiresAt.getTime() - RENEW_BEFORE_MS));
}
