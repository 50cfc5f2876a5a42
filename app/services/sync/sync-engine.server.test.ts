import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CarrierCode } from "~/carriers/adapter";
import { simulatorAdapter } from "~/testing/carrier-simulator/harness";
import { startCarrierSimulator, type CarrierSimulator } from "~/testing/carrier-simulator/server";
import { database } from "~/data/client.server";
import { detectTrackingNumber } from "~/domain/tracking-number/detect";
import { generateSampleNumber, seededRandom } from "~/domain/tracking-number/sample-numbers";
import { minimumPollGapMs, SyncEngine, type AdapterSource } from "./sync-engine.server";

const HOUR = 3_600_000;
const shop = "sync-shop.myshopify.com";
let now = Date.parse("2026-11-20T15:00:00Z");
const clock = () => now;
let simulator: CarrierSimulator;

const adapters: AdapterSource = {
  adapterFor: async (carrier: CarrierCode) => simulatorAdapter(simulator, carrier, { clock, timeoutMs: 2000 }),
};

function engine(owner = "worker-a", extra: Partial<ConstructorParameters<typeof SyncEngine>[0]> = {}) {
  const { db, provider } = database();
  return new SyncEngine({ db, provider, owner, adapters, clock, batchSize: 500, ...extra });
}

const random = seededRandom(7);
async function addShipments(carrier: string, format: string, count: number, startedHoursAgo = 30) {
  const { db } = database();
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const trackingNumber = generateSampleNumber(format, random).number;
    expect(detectTrackingNumber(trackingNumber).valid).toBe(true);
    const row = await db.shipment.create({
      data: {
        shopDomain: shop,
        orderId: `gid://shopify/Order/${carrier}${index}`,
        orderName: `#${carrier}${index}`,
        fulfillmentId: `gid://shopify/Fulfillment/${carrier}${index}`,
        fulfillmentCreatedAt: new Date(now - startedHoursAgo * HOUR),
        trackingNumber,
        carrier,
        destinationCountry: "US",
        nextCheckAt: new Date(now - 1000),
      },
    });
    ids.push(row.id);
  }
  return ids;
}

beforeAll(async () => {
  // Every parcel's label was created 30 h before "now": mid-journey for most scenarios.
  simulator = await startCarrierSimulator({ clock, journeyStart: () => now - 30 * HOUR });
  await database().db.shop.create({ data: { domain: shop } });
});

afterAll(async () => {
  await simulator.close();
});

beforeEach(async () => {
  const { db } = database();
  await db.shipment.deleteMany({});
  await db.rateLimitWindow.deleteMany({});
  simulator.resetRequests();
  for (const carrier of ["ups", "fedex", "usps", "dhl", "seventeen_track"] as const) simulator.setFault(carrier, null);
});

describe("SyncEngine against the carrier simulator", () => {
  it("fetches, stores events once, derives state, schedules the next check and enqueues write-backs", async () => {
    const ids = [...(await addShipments("ups", "ups_1z", 3)), ...(await addShipments("fedex", "fedex_express_12", 31))];
    const report = await engine().runOnce();
    expect(report).toMatchObject({ claimed: 34, updated: 34, failed: 0, deferred: 0, lostLease: 0 });
    // FedEx batches 30 numbers per request: 31 shipments → 2 tracking calls.
    expect(simulator.requests("fedex").filter((request) => request.numbers.length > 0)).toHaveLength(2);

    const { db } = database();
    const shipments = await db.shipment.findMany({ where: { id: { in: ids } }, include: { events: true, writeBacks: true } });
    for (const shipment of shipments) {
      expect(shipment.events.length).toBeGreaterThan(0);
      expect(shipment.status).not.toBe("pending");
      expect(shipment.leaseOwner).toBeNull();
      expect(shipment.lastCheckedAt?.getTime()).toBe(now);
      if (shipment.status !== "delivered") expect(shipment.nextCheckAt!.getTime()).toBeGreaterThan(now);
      expect(shipment.writeBacks.length).toBe(1);
      expect(shipment.writeBacks[0]?.status).toBe(shipment.status);
    }
    const eventCount = await db.trackingEvent.count();

    // Later, every due shipment is checked again: nothing duplicates, write-backs only on change.
    now += 3 * HOUR;
    await db.shipment.updateMany({ data: { nextCheckAt: new Date(now - 1) } });
    const second = await engine().runOnce();
    expect(second.updated).toBe(34);
    const after = await db.shipment.findMany({ where: { id: { in: ids } }, include: { events: true, writeBacks: true } });
    expect(await db.trackingEvent.count()).toBeGreaterThanOrEqual(eventCount);
    for (const shipment of after) {
      expect(new Set(shipment.events.map((event) => event.dedupeKey)).size).toBe(shipment.events.length);
      expect(new Set(shipment.writeBacks.map((row) => row.status)).size).toBe(shipment.writeBacks.length);
    }
    expect(second.writeBacksEnqueued).toBeLessThanOrEqual(second.statusChanges);
  });

  it("checks moving parcels at the shop's own cadence", async () => {
    const { db } = database();
    await db.shop.update({ where: { domain: shop }, data: { trackingRulesJson: JSON.stringify({ defaults: { checkIntervalMinutes: { in_transit: 600 } } }) } });
    try {
      const ids = await addShipments("fedex", "fedex_express_12", 20);
      await engine().runOnce();
      const moving = await db.shipment.findMany({ where: { id: { in: ids }, status: "in_transit", stalled: false } });
      expect(moving.length).toBeGreaterThan(0);
      // 600 minutes ± the 10 % jitter, instead of the built-in two hours.
      for (const row of moving) expect(row.nextCheckAt!.getTime() - now).toBeGreaterThanOrEqual(540 * 60_000);
    } finally {
      await db.shop.update({ where: { domain: shop }, data: { trackingRulesJson: "{}" } });
    }
  });

  it("spreads DHL's ten fetches per shipment per day over the day", async () => {
    const ids = await addShipments("dhl", "dhl_express", 2);
    await engine().runOnce();
    const rows = await database().db.shipment.findMany({ where: { id: { in: ids } } });
    // DHL allows one call per second: the second parcel waits for the next second.
    const synced = rows.filter((row) => row.lastCheckedAt !== null);
    expect(synced).toHaveLength(1);
    expect(rows.find((row) => row.lastCheckedAt === null)?.nextCheckAt?.getTime()).toBe(Math.floor(now / 1000) * 1000 + 1000);
    for (const row of synced) {
      if (row.nextCheckAt) expect(row.nextCheckAt.getTime() - now).toBeGreaterThanOrEqual(2.4 * HOUR);
    }
    expect(minimumPollGapMs("dhl", false)).toBe(2.4 * HOUR);
    expect(minimumPollGapMs("ups", false)).toBe(0);
    expect(minimumPollGapMs("china_post", true)).toBe(24 * HOUR);
  });

  it("never leases a shipment to two workers", async () => {
    await addShipments("dhl", "dhl_express", 6);
    const { db, provider } = database();
    const { claimDueShipments } = await import("~/data/sync.server");
    const [first, second] = await Promise.all([
      claimDueShipments(db, provider, { owner: "a", now: new Date(now), leaseMs: 60_000, limit: 4 }),
      claimDueShipments(db, provider, { owner: "b", now: new Date(now), leaseMs: 60_000, limit: 4 }),
    ]);
    const all = [...first, ...second].map((shipment) => shipment.id);
    expect(new Set(all).size).toBe(all.length);
    // SQLite: the loser of a race gets nothing this pass (no waiting, no double lease); the rest follow.
    const third = await claimDueShipments(db, provider, { owner: "c", now: new Date(now), leaseMs: 60_000, limit: 10 });
    expect(new Set([...all, ...third.map((shipment) => shipment.id)]).size).toBe(6);
    // A lease held by a worker that died is taken over once it expires.
    await db.shipment.updateMany({ data: { leaseOwner: "dead", leaseUntil: new Date(now - 1) } });
    expect(await claimDueShipments(db, provider, { owner: "d", now: new Date(now), leaseMs: 60_000, limit: 10 })).toHaveLength(6);
  });

  it("retries carrier failures with backoff and opens the breaker instead of hammering", async () => {
    const ids = await addShipments("ups", "ups_1z", 8);
    simulator.setFault("ups", { kind: "server_error", status: 503 });
    const report = await engine("worker-a", { breaker: { failureThreshold: 3, cooldownMs: 10 * 60_000 }, requestConcurrency: 1 }).runOnce();
    expect(report.failed).toBe(3);
    expect(report.deferred).toBe(5);
    expect(simulator.requests("ups").filter((request) => request.numbers.length > 0)).toHaveLength(3);
    const { db } = database();
    const rows = await db.shipment.findMany({ where: { id: { in: ids } } });
    for (const row of rows) {
      expect(row.leaseOwner).toBeNull();
      expect(row.nextCheckAt!.getTime()).toBeGreaterThan(now);
    }
    const failed = rows.filter((row) => row.attemptCount === 1);
    expect(failed).toHaveLength(3);
    expect(failed[0]?.lastError).toMatch(/503|server/i);
  });

  it("honours Retry-After on 429", async () => {
    const [id] = await addShipments("ups", "ups_1z", 1);
    simulator.setFault("ups", { kind: "rate_limit", retryAfter: "900" });
    await engine().runOnce();
    const row = await database().db.shipment.findUniqueOrThrow({ where: { id: id! } });
    expect(row.nextCheckAt!.getTime()).toBeGreaterThanOrEqual(now + 900_000);
    expect(row.lastError).toMatch(/rate/i);
  });

  it("keeps within a carrier's quota across passes (USPS ~60 requests/hour)", async () => {
    await addShipments("usps", "usps_impb", 65);
    const report = await engine().runOnce();
    expect(report.updated).toBe(60);
    expect(report.deferred).toBe(5);
    const deferred = await database().db.shipment.findMany({ where: { lastCheckedAt: null } });
    expect(deferred).toHaveLength(5);
    for (const row of deferred) expect(row.nextCheckAt!.getTime()).toBe(Math.floor(now / HOUR) * HOUR + HOUR);
  });

  it("does not apply results for a shipment whose lease another worker took over", async () => {
    const { db, provider } = database();
    const [id] = await addShipments("fedex", "fedex_express_12", 1);
    const { claimDueShipments, applySyncUpdates } = await import("~/data/sync.server");
    await claimDueShipments(db, provider, { owner: "slow", now: new Date(now), leaseMs: 1, limit: 1 });
    await claimDueShipments(db, provider, { owner: "fast", now: new Date(now + 10), leaseMs: 60_000, limit: 1 });
    const result = await applySyncUpdates(db, provider, [
      {
        shipmentId: id!,
        owner: "slow",
        added: [],
        updated: [],
        shipment: {
          status: "delivered", subStatus: null, stalled: false, late: false, notPickedUp: false, pickedUpAt: null,
          deliveredAt: null, lastEventAt: null, lastCheckedAt: new Date(now), nextCheckAt: null, isReturn: false,
          attemptCount: 0, lastError: null,
        },
        writeBack: null,
      },
    ]);
    expect(result).toEqual({ applied: 0, lostLease: 1 });
    expect((await db.shipment.findUniqueOrThrow({ where: { id: id! } })).status).toBe("pending");
  });
});
