import { describe, expect, it } from "vitest";
import { decideSubscription, nextSubscriptionCheck, type SubscriptionDecisionInput } from "./push-subscription";

const now = new Date("2026-12-06T10:00:00Z");
const DAY = 86_400_000;
const base: SubscriptionDecisionInput = {
  carrierSubscribes: true,
  lifetimeMs: 14 * DAY,
  shipment: { status: "in_transit", trackingStopped: false, shopUninstalled: false },
  subscription: null,
  now,
};

describe("push subscription decision", () => {
  it("subscribes a moving parcel once, where the carrier offers push", () => {
    expect(decideSubscription(base)).toEqual({ action: "subscribe" });
    expect(decideSubscription({ ...base, carrierSubscribes: false })).toEqual({ action: "none", reason: "carrier offers no push subscription" });
    expect(decideSubscription({ ...base, subscription: { state: "active", expiresAt: new Date(now.getTime() + 10 * DAY), attempts: 1 } })).toEqual({ action: "none", reason: "subscribed" });
  });

  it("renews a day before the carrier drops the subscription", () => {
    const expiring = { state: "active" as const, expiresAt: new Date(now.getTime() + 23 * 3_600_000), attempts: 1 };
    expect(decideSubscription({ ...base, subscription: expiring })).toEqual({ action: "renew" });
    expect(decideSubscription({ ...base, lifetimeMs: undefined, subscription: { ...expiring, expiresAt: null } })).toEqual({ action: "none", reason: "subscribed" });
  });

  it("unsubscribes when the parcel is delivered or the shop uninstalls", () => {
    const active = { state: "active" as const, expiresAt: null, attempts: 1 };
    expect(decideSubscription({ ...base, shipment: { ...base.shipment, status: "delivered" }, subscription: active })).toEqual({ action: "unsubscribe", reason: "shipment delivered" });
    expect(decideSubscription({ ...base, shipment: { ...base.shipment, shopUninstalled: true }, subscription: active })).toEqual({ action: "unsubscribe", reason: "shop uninstalled" });
    expect(decideSubscription({ ...base, shipment: { ...base.shipment, status: "delivered" } })).toEqual({ action: "none", reason: "no longer tracked" });
  });

  it("retries a failed subscription with back-off, then leaves the parcel to polling", () => {
    expect(decideSubscription({ ...base, subscription: { state: "failed", expiresAt: null, attempts: 2 } })).toEqual({ action: "subscribe" });
    expect(decideSubscription({ ...base, subscription: { state: "failed", expiresAt: null, attempts: 3 } })).toEqual({ action: "none", reason: "subscribing failed; polling only" });
    expect(nextSubscriptionCheck({ state: "failed", expiresAt: null, attempts: 1, now })).toEqual(new Date("2026-12-06T10:30:00Z"));
    expect(nextSubscriptionCheck({ state: "failed", expiresAt: null, attempts: 3, now })).toBeNull();
    expect(nextSubscriptionCheck({ state: "active", expiresAt: new Date("2026-12-20T10:00:00Z"), attempts: 1, now })).toEqual(new Date("2026-12-19T10:00:00Z"));
  });
});
