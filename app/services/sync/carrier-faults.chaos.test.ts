import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CarrierCode } from "~/carriers/adapter";
import { simulatorAdapter } from "~/testing/carrier-simulator/harness";
import { startCarrierSimulator, type CarrierSimulator, type Fault } from "~/testing/carrier-simulator/server";
import { database } from "~/data/client.server";
import { generateSampleNumber, seededRandom } from "~/domain/tracking-number/sample-numbers";
import { SyncEngine, type AdapterSource, type SyncPassReport } from "./sync-engine.server";

const PER_CARRIER = 100;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const RETRY_AFTER_S = 900;
const shop = "carrier-faults.myshopify.com";
let now = Date.parse("2026-11-20T15:00:00Z");
const clock = () => now;
let simulator: CarrierSimulator;

const adapters: AdapterSource = {
  adapterFor: async (carrier: CarrierCode) => simulatorAdapter(simulator, carrier, { clock, timeoutMs: 800 }),
};

const CARRIERS: { carrier: CarrierCode; format: string }[] = [
  { carrier: "ups", format: "ups_1z" },
  { carrier: "fedex", format: "fedex_express_12" },
];

/** What each pass injects, per carrier, for a few calls; the last passes run clean. */
const SCHEDULE: Fault[] = [
  { kind: "rate_limit", retryAfter: String(RETRY_AFTER_S) },
  { kind: "server_error", status: 503 },
  { kind: "hang" },
  { kind: "malformed_json" },
  { kind: "server_error", status: 500 },
];

beforeAll(async () => {
  simulator = await startCarrierSimulator({ clock, journeyStart: () => now - 30 * HOUR });
  const { db } = database();
  await db.shop.create({ data: { domain: shop } });
  const random = seededRandom(4242);
  const rows = CARRIERS.flatMap(({ carrier, format }) => {
    const numbers = new Set<string>();
    while (numbers.size < PER_CARRIER) numbers.add(generateSampleNumber(format, random).number);
    return [...numbers].map((trackingNumber, index) => ({
      shopDomain: shop,
      orderId: `gid://shopify/Order/${carrier}${index}`,
      orderName: `#${carrier}${index}`,
      fulfillmentId: `gid://shopify/Fulfillment/${carrier}${index}`,
      fulfillmentCreatedAt: new Date(now - 30 * HOUR),
      trackingNumber,
      carrier,
      destinationCountry: "US",
      nextCheckAt: new Date(now - 1000),
    }));
  });
  await db.shipment.createMany({ data: rows });
});

afterAll(async () => {
  await simulator.close();
});

describe("carrier faults during sync passes", () => {
  it("429 with Retry-After, 5xx, hangs and malformed JSON: nothing lost, failures rescheduled, breaker and backoff respected", { timeout: 120_000 }, async () => {
    const { db, provider } = database();
    const engine = new SyncEngine({ db, provider, owner: "chaos-worker", adapters, clock, batchSize: 500, breaker: { failureThreshold: 3, cooldownMs: 10 * MINUTE }, requestConcurrency: 1 });
    const total = CARRIERS.length * PER_CARRIER;
    const started = performance.now();
    let passes = 0;
    let faults = 0;
    let crashes = 0;
    let retryAfterViolations = 0;
    let backoffViolations = 0;
    let breakerViolations = 0;
    const reports: SyncPassReport[] = [];

    for (let round = 0; round < 40; round++) {
      const fault = SCHEDULE[round];
      simulator.resetRequests();
      if (fault) for (const { carrier } of CARRIERS) simulator.setFault(carrier, fault);
      const passStart = now;
      const before = new Map((await db.shipment.findMany({ where: { shopDomain: shop }, select: { id: true, attemptCount: true } })).map((row) => [row.id, row.attemptCount]));
      try {
        reports.push(await engine.runOnce());
      } catch {
        crashes++;
      }
      passes++;
      const calls = simulator.requests().filter((request) => request.numbers.length > 0);
      if (fault) {
        faults += calls.length;
        // With a carrier down on every call, the breaker stops it after `failureThreshold` calls.
        for (const { carrier } of CARRIERS) if (calls.filter((call) => call.carrier === carrier).length > 3) breakerViolations++;
        for (const { carrier } of CARRIERS) simulator.setFault(carrier, null);
      }
      const rows = await db.shipment.findMany({ where: { shopDomain: shop }, select: { id: true, attemptCount: true, nextCheckAt: true, lastError: true, leaseOwner: true } });
      for (const row of rows) {
        expect(row.leaseOwner).toBeNull();
        if (row.attemptCount > (before.get(row.id) ?? 0)) {
          // A failed fetch is scheduled for a later retry, never dropped or retried at once.
          if (!row.nextCheckAt || row.nextCheckAt.getTime() <= passStart) backoffViolations++;
          if (fault?.kind === "rate_limit" && /rate/i.test(row.lastError ?? "") && row.nextCheckAt!.getTime() < passStart + RETRY_AFTER_S * 1000) retryAfterViolations++;
        }
      }
      const unsynced = await db.shipment.count({ where: { shopDomain: shop, lastCheckedAt: null } });
      if (!fault && unsynced === 0) break;
      now += 30 * MINUTE;
    }
    const rows = await db.shipment.findMany({ where: { shopDomain: shop }, select: { trackingNumber: true, lastCheckedAt: true } });
    const seen = new Map<string, number>();
    for (const row of rows) seen.set(row.trackingNumber, (seen.get(row.trackingNumber) ?? 0) + 1);
    const lost = total - seen.size;
    const duplicated = rows.length - seen.size;
    const unsynced = rows.filter((row) => row.lastCheckedAt === null).length;
    // Events are stored once per shipment and dedupe key: a retried fetch adds nothing twice.
    const events = await db.trackingEvent.groupBy({ by: ["shipmentId", "dedupeKey"], _count: { _all: true } });
    const doubledEvents = events.filter((group) => group._count._all > 1).length;
    const failed = reports.reduce((sum, report) => sum + report.failed, 0);
    const deferred = reports.reduce((sum, report) => sum + report.deferred, 0);

    console.log(
      `carrier faults: shipments=${total} passes=${passes} faulty-calls=${faults} failed=${failed} deferred=${deferred} crashes=${crashes} ` +
        `unsynced=${unsynced} lost=${lost} duplicated=${duplicated} doubled-events=${doubledEvents} retry-after-violations=${retryAfterViolations} ` +
        `backoff-violations=${backoffViolations} breaker-violations=${breakerViolations} seconds=${((performance.now() - started) / 1000).toFixed(1)}`,
    );
    expect(crashes).toBe(0);
    expect(faults).toBeGreaterThan(0);
    expect(failed).toBeGreaterThan(0);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(unsynced).toBe(0);
    expect(doubledEvents).toBe(0);
    expect(retryAfterViolations).toBe(0);
    expect(backoffViolations).toBe(0);
    expect(breakerViolations).toBe(0);
  });
});
