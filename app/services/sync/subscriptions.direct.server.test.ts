import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { carrierRegistry } from "~/carriers/registry";
import { database } from "~/data/client.server";
import { subscriptionCounts } from "~/data/carrier-subscriptions.server";
import { SIMULATOR_CREDENTIALS, startCarrierSimulator, type CarrierSimulator } from "~/testing/carrier-simulator/server";
import { appSubscriptionClients, SubscriptionManager } from "./subscriptions.server";

const DAY = 86_400_000;
const MINUTE = 60_000;
let now = Date.parse("2026-11-20T15:00:00Z");
const clock = () => now;
const shop = "direct-subs.myshopify.com";
const USPS_SECRET = "0123456789abcdef0123456789abcdef";
let simulator: CarrierSimulator;
let manager: SubscriptionManager;

async function ship(id: string, trackingNumber: string, carrier: string) {
  await database().db.shipment.create({
    data: { id, shopDomain: shop, orderId: `gid://shopify/Order/${id}`, orderName: `#${id}`, fulfillmentId: `gid://shopify/Fulfillment/${id}`, trackingNumber, carrier, nextCheckAt: new Date(now) },
  });
}

const row = (shipmentId: string, carrier: string) =>
  database().db.carrierSubscription.findUniqueOrThrow({ where: { shipmentId_carrier: { shipmentId, carrier } } });

beforeAll(async () => {
  simulator = await startCarrierSimulator({ clock });
  await database().db.shop.create({ data: { domain: shop } });
  await ship("d-dhl", "00340434292135100187", "dhl");
  await ship("d-dhl-bad", "JJDNOTFOUND01", "dhl");
  await ship("d-fedex", "794843185271", "fedex");
  await ship("d-usps", "9400111899223197428490", "usps");
  await ship("d-usps-bad", "9400NOTFOUND0001", "usps");
  const oauth = { clientId: SIMULATOR_CREDENTIALS.clientId, clientSecret: SIMULATOR_CREDENTIALS.clientSecret };
  manager = new SubscriptionManager({
    db: database().db,
    clock,
    carriers: carrierRegistry,
    clients: appSubscriptionClients({
      appCredentials: { fedex: oauth, usps: oauth, dhl: { apiKey: SIMULATOR_CREDENTIALS.apiKey } },
      appUrl: "https://trackline.example",
      pushCredentials: { dhl: "dhl-push-token", fedex: "fedex-security-token", usps: USPS_SECRET },
      simulatorUrl: simulator.baseUrl("ups").replace(/\/ups$/, ""),
    }),
  });
});

afterAll(async () => {
  await simulator.close();
});

describe("DHL, FedEx and USPS push subscriptions against the carrier simulator", () => {
  it("creates them with each carrier's wire format, renews USPS's, falls back to polling on refusal and removes them when done", async () => {
    // FedEx refuses the first association call (its server is down): those parcels stay on polling.
    simulator.setFault("fedex", { kind: "server_error", status: 503 }, { times: 1 });
    expect(await manager.runOnce()).toEqual({ subscribed: 2, renewed: 0, failed: 3, unsubscribed: 0 });
    expect(simulator.subscriptions("dhl")).toEqual(["00340434292135100187"]);
    expect(simulator.subscriptions("usps")).toEqual(["9400111899223197428490"]);
    expect(simulator.subscriptions("fedex")).toEqual([]);

    const dhl = await row("d-dhl", "dhl");
    expect(dhl).toMatchObject({ state: "active", externalId: "sim-dhl-sub-1", expiresAt: null, attempts: 0, lastError: null });
    const usps = await row("d-usps", "usps");
    expect(usps).toMatchObject({ state: "active", externalId: "sim-usps-sub-2", expiresAt: new Date(now + 30 * DAY), nextActionAt: new Date(now + 29 * DAY) });
    expect(await row("d-dhl-bad", "dhl")).toMatchObject({ state: "failed", attempts: 1, lastError: "DHL refused the push subscription (HTTP 400): Unknown shipment ID", nextActionAt: new Date(now + 30 * MINUTE) });
    expect(await row("d-usps-bad", "usps")).toMatchObject({ state: "failed", attempts: 1, lastError: "USPS refused the subscription (HTTP 400): Invalid tracking number 9400NOTFOUND0001" });
    expect(await row("d-fedex", "fedex")).toMatchObject({ state: "failed", attempts: 1, lastError: "Carrier server error (HTTP 503)" });

    // The USPS call used a token with the subscriptions scope, and the body USPS documents.
    const uspsCall = simulator.requests("usps").find((request) => request.path === "/subscriptions-tracking/v3/subscriptions");
    expect(uspsCall).toMatchObject({ method: "POST", numbers: ["9400111899223197428490"] });

    // Retry after 30 minutes: FedEx accepts now; the unknown numbers are refused again.
    now += 31 * MINUTE;
    expect(await manager.runOnce()).toEqual({ subscribed: 1, renewed: 0, failed: 2, unsubscribed: 0 });
    expect(simulator.subscriptions("fedex")).toEqual(["794843185271"]);
    expect(await row("d-fedex", "fedex")).toMatchObject({ state: "active", attempts: 0, lastError: null, expiresAt: null });
    // The third refusal leaves those parcels to polling alone: no more subscription attempts, still due for polling.
    now += 61 * MINUTE;
    expect(await manager.runOnce()).toEqual({ subscribed: 0, renewed: 0, failed: 2, unsubscribed: 0 });
    expect(await row("d-dhl-bad", "dhl")).toMatchObject({ state: "failed", attempts: 3, nextActionAt: null });
    const polled = await database().db.shipment.findUniqueOrThrow({ where: { id: "d-dhl-bad" } });
    expect(polled.nextCheckAt).toEqual(new Date(Date.parse("2026-11-20T15:00:00Z")));
    now += 3 * 60 * MINUTE;
    expect(await manager.runOnce()).toEqual({ subscribed: 0, renewed: 0, failed: 0, unsubscribed: 0 });

    // A day before USPS would drop it, the subscription is renewed (same id: USPS de-duplicates).
    now = usps.nextActionAt!.getTime();
    expect(await manager.runOnce()).toEqual({ subscribed: 0, renewed: 1, failed: 0, unsubscribed: 0 });
    expect(await row("d-usps", "usps")).toMatchObject({ state: "active", externalId: "sim-usps-sub-2", expiresAt: new Date(now + 30 * DAY) });

    // Delivered parcels end their subscriptions at DHL and USPS; an uninstall ends FedEx's.
    const { db } = database();
    await db.shipment.updateMany({ where: { id: { in: ["d-dhl", "d-usps"] } }, data: { status: "delivered" } });
    expect(await manager.runOnce()).toEqual({ subscribed: 0, renewed: 0, failed: 0, unsubscribed: 2 });
    expect(simulator.subscriptions("dhl")).toEqual([]);
    expect(simulator.subscriptions("usps")).toEqual([]);
    const deletes = [...simulator.requests("dhl"), ...simulator.requests("usps")].filter((request) => request.method === "DELETE").map((request) => request.path);
    expect(deletes).toEqual(["/tracking/push/v1/subscription/sim-dhl-sub-1", "/subscriptions-tracking/v3/subscriptions/sim-usps-sub-2"]);
    await db.shop.update({ where: { domain: shop }, data: { uninstalledAt: new Date(now) } });
    expect(await manager.runOnce()).toEqual({ subscribed: 0, renewed: 0, failed: 0, unsubscribed: 1 });
    expect(simulator.subscriptions("fedex")).toEqual([]);
    expect(await subscriptionCounts(db)).toEqual({ dhl: { removed: 1, failed: 1 }, fedex: { removed: 1 }, usps: { removed: 1, failed: 1 } });
    expect((await row("d-dhl", "dhl")).lastError).toBeNull();
  });

  it("refuses to subscribe USPS numbers without a 32-character secret, and DHL or FedEx ones without their push secret", async () => {
    const oauth = { clientId: SIMULATOR_CREDENTIALS.clientId, clientSecret: SIMULATOR_CREDENTIALS.clientSecret };
    const clients = appSubscriptionClients({
      appCredentials: { usps: oauth, fedex: oauth, dhl: { apiKey: SIMULATOR_CREDENTIALS.apiKey } },
      appUrl: "https://trackline.example",
      pushCredentials: { usps: "too-short" },
      simulatorUrl: simulator.baseUrl("ups").replace(/\/ups$/, ""),
    });
    const usps = await clients.clientFor("usps");
    const dhl = await clients.clientFor("dhl");
    expect(await usps?.subscribe(["9400111899223197428490"], clients.destinationFor("usps"))).toEqual([
      { trackingNumber: "9400111899223197428490", ok: false, error: "USPS_PUSH_SECRET must be exactly 32 characters" },
    ]);
    expect(await dhl?.subscribe(["00340434292135100187"], clients.destinationFor("dhl"))).toEqual([
      { trackingNumber: "00340434292135100187", ok: false, error: "no DHL push secret configured (DHL_PUSH_SECRET)" },
    ]);
    const fedex = await clients.clientFor("fedex");
    simulator.resetRequests();
    expect(await fedex?.subscribe(["794843185271"], clients.destinationFor("fedex"))).toEqual([
      { trackingNumber: "794843185271", ok: false, error: "no FedEx webhook security token configured (FEDEX_WEBHOOK_SECURITY_TOKEN)" },
    ]);
    // Nothing was asked of FedEx or USPS: the refusal is Trackline's own.
    expect([...simulator.requests("fedex"), ...simulator.requests("usps")]).toEqual([]);
  });
});
