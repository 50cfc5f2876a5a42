import { describe, expect, it } from "vitest";
import { lastMileNumber } from "~/testing/carrier-simulator/render";
import { database } from "~/data/client.server";
import { findShopSettings } from "~/data/shop-settings.server";
import { longTailView } from "~/services/settings/settings.server";
import { longTailSyncHarness } from "~/testing/long-tail-sync";

const shop = "long-tail.myshopify.com";
// Two trackings fit in the AfterShip plan; the third is refused with 402.
const harness = longTailSyncHarness({ shop, owner: "worker-long-tail", simulator: { aftershipTrackingQuota: 2 }, shopData: { longTailAggregator: "aftership" } });
const { engine, addShipment, simulator } = harness;

describe("long-tail aggregator chosen per shop", () => {
  it("tracks through the shop's aggregator, shows the hand-over, and falls back when its quota is used up", async () => {
    const { db } = database();
    await addShipment("lt-1", "YT2600000000INTL1");
    await addShipment("lt-2", "YT2600000000INTL2");
    await addShipment("lt-3", "YT2600000000INTL3");

    const first = await engine().runOnce();
    expect(first).toMatchObject({ claimed: 3, updated: 2, deferred: 1, failed: 0 });
    // One list call for the batch, then one create per number AfterShip did not track yet.
    expect(simulator().requests("aftership").map((request) => request.method)).toEqual(["GET", "POST", "POST", "POST"]);
    expect(simulator().requests("seventeen_track")).toEqual([]);

    const tracked = await db.shipment.findUniqueOrThrow({ where: { id: "lt-1" }, include: { events: true } });
    const handover = tracked.events.find((event) => event.carrierCode === "handover");
    expect(handover?.description).toBe(`Handed over to USPS, new tracking number ${lastMileNumber("YT2600000000INTL1")}`);

    const spent = await db.shipment.findUniqueOrThrow({ where: { id: "lt-3" } });
    expect(spent.lastError).toBe("aftership quota used up: asking another aggregator");
    expect(spent.nextCheckAt?.getTime()).toBe(harness.now + 60_000);
    const settings = await findShopSettings(db, shop);
    expect(settings.aggregatorQuotaExhausted).toBe("aftership");
    expect(longTailView(settings, new Date(harness.now))).toEqual({
      chosen: "aftership",
      options: [
        { code: "seventeen_track", name: "17TRACK (aggregator)" },
        { code: "aftership", name: "AfterShip (aggregator)" },
      ],
      fallback: { from: "aftership", to: "seventeen_track", since: new Date(harness.now).toISOString() },
    });

    // A minute later the refused parcel is tracked through 17TRACK instead: never dropped.
    harness.advance(2 * 60_000);
    simulator().resetRequests();
    const second = await engine().runOnce();
    expect(second).toMatchObject({ claimed: 1, updated: 1, failed: 0 });
    expect(simulator().requests("seventeen_track").flatMap((request) => request.numbers)).toContain("YT2600000000INTL3");
    expect(simulator().requests("aftership")).toEqual([]);
    const moved = await db.shipment.findUniqueOrThrow({ where: { id: "lt-3" }, include: { events: true } });
    expect(moved.events.length).toBeGreaterThan(0);

    // The next UTC day the shop's own choice is back.
    expect(longTailView(settings, new Date(Date.parse("2026-11-21T00:30:00Z"))).fallback).toBeNull();
  });
});
