import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CarrierCode } from "~/carriers/adapter";
import { simulatorAdapter } from "~/testing/carrier-simulator/harness";
import { startCarrierSimulator, type CarrierSimulator } from "~/testing/carrier-simulator/server";
import { database } from "~/data/client.server";
import { findShopSettings } from "~/data/shop-settings.server";
import { longTailView } from "~/services/settings/settings.server";
import { SyncEngine, type AdapterSource } from "./sync-engine.server";

const HOUR = 3_600_000;
const shop = "seventeen-quota.myshopify.com";
let now = Date.parse("2026-11-20T15:00:00Z");
const clock = () => now;
let simulator: CarrierSimulator;

const adapters: AdapterSource = {
  adapterFor: async (carrier: CarrierCode) => simulatorAdapter(simulator, carrier, { clock, timeoutMs: 2000 }),
};

function engine() {
  const { db, provider } = database();
  return new SyncEngine({ db, provider, owner: "worker-17-quota", adapters, clock, batchSize: 500 });
}

async function addShipment(id: string, trackingNumber: string) {
  await database().db.shipment.create({
    data: {
      id,
      shopDomain: shop,
      orderId: `gid://shopify/Order/${id}`,
      orderName: `#${id}`,
      fulfillmentId: `gid://shopify/Fulfillment/${id}`,
      fulfillmentCreatedAt: new Date(now - 30 * HOUR),
      trackingNumber,
      carrier: "yunexpress",
      nextCheckAt: new Date(now - 1000),
    },
  });
}

beforeAll(async () => {
  // The 17TRACK account may register two numbers; the third is rejected with -18019908.
  simulator = await startCarrierSimulator({ clock, journeyStart: () => now - 6 * 24 * HOUR, seventeenTrackRegisterQuota: 2 });
  await database().db.shop.create({ data: { domain: shop } });
});

afterAll(async () => {
  await simulator.close();
});

describe("17TRACK quota used up", () => {
  it("hands the refused parcel to AfterShip, records why and shows the merchant the fallback", async () => {
    const { db } = database();
    await addShipment("sq-1", "YT2600000000Q1");
    await addShipment("sq-2", "YT2600000000Q2");
    await addShipment("sq-3", "YT2600000000Q3");

    expect(await engine().runOnce()).toMatchObject({ claimed: 3, updated: 2, deferred: 1, failed: 0 });
    expect(simulator.subscriptions("seventeen_track")).toEqual(["YT2600000000Q1", "YT2600000000Q2"]);
    expect(simulator.requests("aftership")).toEqual([]);

    const spent = await db.shipment.findUniqueOrThrow({ where: { id: "sq-3" } });
    expect(spent.lastError).toBe("seventeen_track quota used up: asking another aggregator");
    expect(spent.nextCheckAt?.getTime()).toBe(now + 60_000);
    const settings = await findShopSettings(db, shop);
    expect(settings.aggregatorQuotaExhausted).toBe("seventeen_track");
    expect(longTailView(settings, new Date(now)).fallback).toEqual({ from: "seventeen_track", to: "aftership", since: new Date(now).toISOString() });

    // A minute later AfterShip tracks it: the parcel is never dropped.
    now += 2 * 60_000;
    simulator.resetRequests();
    expect(await engine().runOnce()).toMatchObject({ claimed: 1, updated: 1, failed: 0 });
    expect(simulator.requests("aftership").flatMap((request) => request.numbers)).toContain("YT2600000000Q3");
    expect(simulator.requests("seventeen_track")).toEqual([]);
    const moved = await db.shipment.findUniqueOrThrow({ where: { id: "sq-3" }, include: { events: true } });
    expect(moved.events.length).toBeGreaterThan(0);
  });
});
