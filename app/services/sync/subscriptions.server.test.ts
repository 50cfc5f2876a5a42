import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIMULATOR_CREDENTIALS, startCarrierSimulator, type CarrierSimulator } from "~/testing/carrier-simulator/server";
import { carrierRegistry } from "~/carriers/registry";
import { database } from "~/data/client.server";
import { subscriptionCounts } from "~/data/carrier-subscriptions.server";
import { appSubscriptionClients, SubscriptionManager } from "./subscriptions.server";

const DAY = 86_400_000;
let now = Date.parse("2026-11-20T15:00:00Z");
const clock = () => now;
let simulator: CarrierSimulator;
let manager: SubscriptionManager;

async function ship(id: string, shopDomain: string, trackingNumber: string, carrier: string) {
  await database().db.shipment.create({
    data: { id, shopDomain, orderId: `gid://shopify/Order/${id}`, orderName: `#${id}`, fulfillmentId: `gid://shopify/Fulfillment/${id}`, trackingNumber, carrier, nextCheckAt: new Date(now) },
  });
}

beforeAll(async () => {
  simulator = await startCarrierSimulator({ clock });
  const { db } = database();
  await db.shop.create({ data: { domain: "subs-a.myshopify.com" } });
  await db.shop.create({ data: { domain: "subs-b.myshopify.com", longTailAggregator: "aftership" } });
  await ship("s-ups", "subs-a.myshopify.com", "1Z999AA10123456784", "ups");
  await ship("s-ups-bad", "subs-a.myshopify.com", "1ZNOTFOUND1", "ups");
  await ship("s-fedex", "subs-a.myshopify.com", "794843185271", "fedex");
  await ship("s-long-a", "subs-a.myshopify.com", "YT2600000000001", "yunexpress");
  await ship("s-long-b", "subs-b.myshopify.com", "YT2600000000002", "yunexpress");
  const oauth = { clientId: SIMULATOR_CREDENTIALS.clientId, clientSecret: SIMULATOR_CREDENTIALS.clientSecret };
  const apiKey = { apiKey: SIMULATOR_CREDENTIALS.apiKey };
  const clients = appSubscriptionClients({
    appCredentials: { ups: oauth, fedex: oauth, usps: oauth, dhl: apiKey, seventeen_track: apiKey, aftership: apiKey },
    appUrl: "https://trackline.example",
    pushCredentials: { ups: "ups-alert-credential", fedex: "fedex-security-token" },
    simulatorUrl: simulator.baseUrl("ups").replace(/\/ups$/, ""),
  });
  manager = new SubscriptionManager({ db, clients, clock, carriers: carrierRegistry });
});

afterAll(async () => {
  await simulator.close();
});

describe("managed push subscriptions against the carrier simulator", () => {
  it("subscribes, renews before expiry, falls back on failure and unsubscribes when done", async () => {
    const { db } = database();
    expect(await manager.runOnce()).toEqual({ subscribed: 4, renewed: 0, failed: 1, unsubscribed: 0 });
    expect(simulator.subscriptions("ups")).toEqual(["1Z999AA10123456784"]);
    expect(simulator.subscriptions("seventeen_track")).toEqual(["YT2600000000001"]);
    expect(simulator.subscriptions("aftership")).toEqual(["YT2600000000002"]);
    const ups = simulator.requests("ups").find((request) => request.path === "/api/track/v1/subscription/standard/package");
    expect(ups?.numbers).toEqual(["1Z999AA10123456784", "1ZNOTFOUND1"]);
    const upsRow = await db.carrierSubscription.findUniqueOrThrow({ where: { shipmentId_carrier: { shipmentId: "s-ups", carrier: "ups" } } });
    expect(upsRow).toMatchObject({ state: "active", expiresAt: new Date(now + 14 * DAY), nextActionAt: new Date(now + 13 * DAY) });
    expect(await db.carrierSubscription.findUniqueOrThrow({ where: { shipmentId_carrier: { shipmentId: "s-long-b", carrier: "aftership" } } })).toMatchObject({
      state: "active",
      externalId: "simYT2600000000002",
    });
    const failed = await db.carrierSubscription.findUniqueOrThrow({ where: { shipmentId_carrier: { shipmentId: "s-ups-bad", carrier: "ups" } } });
    expect(failed).toMatchObject({ state: "failed", attempts: 1, lastError: "UPS listed the number as invalid for Track Alert", nextActionAt: new Date(now + 30 * 60_000) });
    // FedEx numbers join the tracking-number subscription of the app's webhook project (no expiry).
    expect(simulator.subscriptions("fedex")).toEqual(["794843185271"]);
    expect(await db.carrierSubscription.findUniqueOrThrow({ where: { shipmentId_carrier: { shipmentId: "s-fedex", carrier: "fedex" } } })).toMatchObject({ state: "active", expiresAt: null });

    // Nothing to do until the failed one's retry is due; then it fails again with a longer wait.
    expect(await manager.runOnce()).toEqual({ subscribed: 0, renewed: 0, failed: 0, unsubscribed: 0 });
    now += 31 * 60_000;
    expect(await manager.runOnce()).toEqual({ subscribed: 0, renewed: 0, failed: 1, unsubscribed: 0 });
    expect(await db.carrierSubscription.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ attempts: 2, nextActionAt: new Date(now + 60 * 60_000) });

    // A day before UPS drops it, the Track Alert subscription is renewed.
    now += 13 * DAY;
    expect(await manager.runOnce()).toMatchObject({ renewed: 1, unsubscribed: 0 });
    expect((await db.carrierSubscription.findUniqueOrThrow({ where: { id: upsRow.id } })).expiresAt).toEqual(new Date(now + 14 * DAY));

    // Delivered parcels and an uninstalled shop end their subscriptions at the carrier.
    await db.shipment.update({ where: { id: "s-long-a" }, data: { status: "delivered" } });
    await db.shipment.update({ where: { id: "s-ups" }, data: { status: "delivered" } });
    await db.shop.update({ where: { domain: "subs-b.myshopify.com" }, data: { uninstalledAt: new Date(now) } });
    expect(await manager.runOnce()).toMatchObject({ unsubscribed: 3 });
    expect(simulator.subscriptions("seventeen_track")).toEqual([]);
    expect(simulator.subscriptions("aftership")).toEqual([]);
    expect(await subscriptionCounts(db)).toEqual({ ups: { removed: 1, failed: 1 }, fedex: { active: 1 }, seventeen_track: { removed: 1 }, aftership: { removed: 1 } });
  });
});
