import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { carrierRegistry } from "~/carriers/registry";
import { DHL_PUSH_TOKEN_HEADER } from "~/carriers/dhl/push.server";
import { SIMULATOR_CREDENTIALS, startCarrierSimulator, type CarrierSimulator } from "~/testing/carrier-simulator/server";
import { database } from "~/data/client.server";
import { appSubscriptionClients, SubscriptionManager } from "~/services/sync/subscriptions.server";

process.env.UPS_TRACK_ALERT_CREDENTIAL = "ups-alert-credential";
process.env.SEVENTEEN_TRACK_WEBHOOK_KEY = "17-push-key";
process.env.AFTERSHIP_WEBHOOK_SECRET = "aftership-webhook-secret";
process.env.DHL_PUSH_SECRET = "dhl-push-token";
process.env.FEDEX_WEBHOOK_SECURITY_TOKEN = "fedex-security-token";
process.env.USPS_PUSH_SECRET = "0123456789abcdef0123456789abcdef";
// The push route activates DHL subscriptions (the hand-shake) with the app's DHL key, at the simulator.
process.env.DHL_API_KEY = SIMULATOR_CREDENTIALS.apiKey;
const carrierPushes = await import("./webhooks.carriers.$carrier");

const HOUR = 3_600_000;
const now = Date.parse("2026-11-20T15:00:00Z");
const clock = () => now;
let simulator: CarrierSimulator;
const shopA = "subscribed-a.myshopify.com";
const shopB = "subscribed-b.myshopify.com";

/** Hands each simulated push to the route its URL names, as the web server would. */
async function deliver(url: string, body: string, headers: Record<string, string>): Promise<number> {
  const match = /^\/webhooks\/carriers\/([^/]+)$/.exec(new URL(url).pathname);
  if (!match) return 404;
  const response = await carrierPushes.action({ request: new Request(url, { method: "POST", body, headers }), params: { carrier: match[1] }, context: {} });
  return response.status;
}

async function ship(id: string, shopDomain: string, trackingNumber: string, carrier: string) {
  await database().db.shipment.create({
    data: { id, shopDomain, orderId: `gid://shopify/Order/${id}`, orderName: `#${id}`, fulfillmentId: `gid://shopify/Fulfillment/${id}`, trackingNumber, carrier, nextCheckAt: new Date(now + HOUR) },
  });
}

beforeAll(async () => {
  simulator = await startCarrierSimulator({
    clock,
    journeyStart: () => now - 40 * HOUR,
    push: {
      seventeenTrack: { url: "https://trackline.example/webhooks/carriers/17track", key: "17-push-key" },
      aftership: { url: "https://trackline.example/webhooks/carriers/aftership", secret: "aftership-webhook-secret" },
      fedex: { url: "https://trackline.example/webhooks/carriers/fedex", token: "fedex-security-token" },
      deliver,
    },
  });
  process.env.CARRIER_SIMULATOR_URL = simulator.baseUrl("ups").replace(/\/ups$/, "");
  const { db } = database();
  await db.shop.create({ data: { domain: shopA } });
  await db.shop.create({ data: { domain: shopB, longTailAggregator: "aftership" } });
  await ship("p-ups", shopA, "1Z999AA10123456784", "ups");
  await ship("p-17", shopA, "YT2600000000101", "yunexpress");
  await ship("p-as", shopB, "YT2600000000102", "yunexpress");
  await ship("p-dhl", shopA, "00340434292135100187", "dhl");
  await ship("p-fedex", shopA, "794843185271", "fedex");
  await ship("p-usps", shopA, "9400111899223197428490", "usps");
});

afterAll(async () => {
  await simulator.close();
});

describe("subscribed numbers are pushed back by the carriers", () => {
  it("subscribes through the simulator, which then pushes each number's news to the app's routes", async () => {
    const oauth = { clientId: SIMULATOR_CREDENTIALS.clientId, clientSecret: SIMULATOR_CREDENTIALS.clientSecret };
    const apiKey = { apiKey: SIMULATOR_CREDENTIALS.apiKey };
    const manager = new SubscriptionManager({
      db: database().db,
      clock,
      carriers: carrierRegistry,
      clients: appSubscriptionClients({
        appCredentials: { ups: oauth, fedex: oauth, usps: oauth, dhl: apiKey, seventeen_track: apiKey, aftership: apiKey },
        appUrl: "https://trackline.example",
        pushCredentials: { ups: "ups-alert-credential", dhl: "dhl-push-token", fedex: "fedex-security-token", usps: "0123456789abcdef0123456789abcdef" },
        simulatorUrl: simulator.baseUrl("ups").replace(/\/ups$/, ""),
      }),
    });
    expect(await manager.runOnce()).toMatchObject({ subscribed: 6, failed: 0 });

    // DHL's hand-shake at the push route: refused without the subscription's token (401) or with a
    // secret DHL did not issue (502, DHL asks again), each before any tracking work.
    const dhlSubscription = await database().db.carrierSubscription.findUniqueOrThrow({ where: { shipmentId_carrier: { shipmentId: "p-dhl", carrier: "dhl" } } });
    const self = `https://api-eu.dhl.com/tracking/push/v1/subscription/${dhlSubscription.externalId}`;
    const forged = JSON.stringify({ scope: "subscription.validate", secret: "0".repeat(32), self });
    simulator.resetRequests();
    expect(await deliver("https://trackline.example/webhooks/carriers/dhl", forged, { [DHL_PUSH_TOKEN_HEADER]: "not-the-token" })).toBe(401);
    expect(simulator.requests("dhl")).toEqual([]);
    expect(await deliver("https://trackline.example/webhooks/carriers/dhl", forged, { [DHL_PUSH_TOKEN_HEADER]: "dhl-push-token" })).toBe(502);
    expect(simulator.requests("dhl").map((r) => `${r.method} ${r.path}`)).toEqual([`POST /tracking/push/v1/subscription/${dhlSubscription.externalId}`]);
    expect(await database().db.trackingEvent.count({ where: { shipmentId: "p-dhl" } })).toBe(0);

    // The simulator validates the new DHL subscription first; the route activates it with the
    // secret of that message, and DHL pushes the parcel's news in the same round.
    simulator.resetRequests();
    const sent = await simulator.pushSubscribed();
    expect(simulator.requests("dhl").map((r) => `${r.method} ${r.path}`)).toEqual([`POST /tracking/push/v1/subscription/${dhlSubscription.externalId}`]);
    expect(sent.map(({ carrier, trackingNumber, status }) => [carrier, trackingNumber, status])).toEqual([
      ["ups", "1Z999AA10123456784", 200],
      ["dhl", "00340434292135100187", 200],
      ["fedex", "794843185271", 200],
      ["usps", "9400111899223197428490", 200],
      ["seventeen_track", "YT2600000000101", 200],
      ["aftership", "YT2600000000102", 200],
    ]);
    const { db } = database();
    for (const id of ["p-ups", "p-17", "p-as", "p-dhl", "p-fedex", "p-usps"]) {
      const shipment = await db.shipment.findUniqueOrThrow({ where: { id }, include: { events: true } });
      expect(shipment.events.length, id).toBeGreaterThan(0);
      expect(shipment.status, id).not.toBe("pending");
    }
  });
});
