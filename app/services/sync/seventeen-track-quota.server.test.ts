import { describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { findShopSettings } from "~/data/shop-settings.server";
import { longTailView } from "~/services/settings/settings.server";
import { longTailSyncHarness } from "~/testing/long-tail-sync";

const shop = "seventeen-quota.myshopify.com";
// The 17TRACK account may register two numbers; the third is rejected with -18019908.
const harness = longTailSyncHarness({ shop, owner: "worker-17-quota", simulator: { seventeenTrackRegisterQuota: 2 } });
const { engine, addShipment, simulator } = harness;

describe("17TRACK quota used up", () => {
  it("hands the refused parcel to AfterShip, records why and shows the merchant the fallback", async () => {
    const { db } = database();
    await addShipment("sq-1", "YT2600000000Q1");
    await addShipment("sq-2", "YT2600000000Q2");
    await addShipment("sq-3", "YT2600000000Q3");

    expect(await engine().runOnce()).toMatchObject({ claimed: 3, updated: 2, deferred: 1, failed: 0 });
    expect(simulator().subscriptions("seventeen_track")).toEqual(["YT2600000000Q1", "YT2600000000Q2"]);
    expect(simulator().requests("aftership")).toEqual([]);

    const spent = await db.shipment.findUniqueOrThrow({ where: { id: "sq-3" } });
    expect(spent.lastError).toBe("seventeen_track quota used up: asking another aggregator");
    expect(spent.nextCheckAt?.getTime()).toBe(harness.now + 60_000);
    const settings = await findShopSettings(db, shop);
    expect(settings.aggregatorQuotaExhausted).toBe("seventeen_track");
    expect(longTailView(settings, new Date(harness.now)).fallback).toEqual({ from: "seventeen_track", to: "aftership", since: new Date(harness.now).toISOString() });

    // A minute later AfterShip tracks it: the parcel is never dropped.
    harness.advance(2 * 60_000);
    simulator().resetRequests();
    expect(await engine().runOnce()).toMatchObject({ claimed: 1, updated: 1, failed: 0 });
    expect(simulator().requests("aftership").flatMap((request) => request.numbers)).toContain("YT2600000000Q3");
    expect(simulator().requests("seventeen_track")).toEqual([]);
    const moved = await db.shipment.findUniqueOrThrow({ where: { id: "sq-3" }, include: { events: true } });
    expect(moved.events.length).toBeGreaterThan(0);
  });
});
