import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCarrierSimulator, type CarrierSimulator } from "~/testing/carrier-simulator/server";
import { database } from "~/data/client.server";
import { runWriteBackDispatcher } from "~/services/write-back/dispatcher.server";
import { createAdminGraphqlClient } from "~/shopify/graphql/admin-client";
import { createFakeAdminApi } from "~/testing/fake-admin-api";
import { seedDueShipments, simulatorWorkerEnv, startWorkerFleet, type WorkerFleet } from "~/testing/worker-fleet.server";

const SHIPMENTS = 300;
const HOUR = 3_600_000;
const LEASE_MS = 3000;
const shop = "sigkill-shop.myshopify.com";
let simulator: CarrierSimulator;
const fleets: WorkerFleet[] = [];

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  const now = Date.now();
  simulator = await startCarrierSimulator({ journeyStart: () => now - 40 * HOUR });
  await seedDueShipments(database().db, { shopDomain: shop, count: SHIPMENTS, now, labelAgeMs: 40 * HOUR, seed: 1206 });
}, 60_000);

afterAll(async () => {
  for (const fleet of fleets) await fleet.stop();
  await simulator.close();
});

describe("worker SIGKILL mid-batch on SQLite", () => {
  it("a second worker takes the dead worker's leases after they expire: every shipment synced, no write-back sent twice", { timeout: 120_000 }, async () => {
    const { db, provider } = database();
    const started = performance.now();
    const env = {
      DATABASE_URL: process.env.DATABASE_URL ?? "",
      ...simulatorWorkerEnv(new URL(simulator.baseUrl("fedex")).origin),
      SYNC_BATCH_SIZE: "40",
      SYNC_IDLE_MS: "200",
      SYNC_LEASE_MS: String(LEASE_MS),
    };
    const first = startWorkerFleet(1, env);
    fleets.push(first);
    const victim = first.workers[0]!;
    const victimLeases = { leaseOwner: { contains: `:${victim.pid}:` }, lastCheckedAt: null };
    // Kill it once it has synced a batch and holds the next one: its batch is in flight, never finished.
    await waitFor(async () => (await db.shipment.count({ where: { lastCheckedAt: { not: null } } })) > 0 && (await db.shipment.count({ where: victimLeases })) > 0, 60_000);
    victim.kill("SIGKILL");
    await new Promise((resolve) => victim.once("exit", resolve));
    const stranded = await db.shipment.count({ where: victimLeases });
    const syncedBeforeKill = await db.shipment.count({ where: { lastCheckedAt: { not: null } } });

    const second = startWorkerFleet(1, env);
    fleets.push(second);
    await waitFor(async () => (await db.shipment.count({ where: { lastCheckedAt: null } })) === 0, 90_000);
    await second.stop();

    // Send what the sync enqueued, with two dispatchers racing (as two workers would) against a fake Shopify.
    const shopify = createFakeAdminApi();
    const adminFor = async (shopDomain: string) => createAdminGraphqlClient({ shop: shopDomain, accessToken: "shpat_test", fetch: shopify.fetch, serverRetries: 0 });
    for (let round = 0; round < 50; round++) {
      const reports = await Promise.all([
        runWriteBackDispatcher({ db, provider, adminFor, owner: "dispatcher-a", limit: 50 }),
        runWriteBackDispatcher({ db, provider, adminFor, owner: "dispatcher-b", limit: 50 }),
      ]);
      if (reports.every((report) => report.claimed === 0)) break;
    }

    const rows = await db.shipment.findMany({ where: { shopDomain: shop }, select: { trackingNumber: true, lastCheckedAt: true, leaseOwner: true } });
    const numbers = new Set(rows.map((row) => row.trackingNumber));
    const lost = SHIPMENTS - numbers.size;
    const duplicated = rows.length - numbers.size;
    const unsynced = rows.filter((row) => row.lastCheckedAt === null).length;
    const stillLeased = rows.filter((row) => row.leaseOwner !== null).length;
    const writeBacks = await db.writeBack.findMany({ select: { fulfillmentId: true, status: true, happenedAt: true, state: true } });
    const sent = writeBacks.filter((row) => row.state === "done").length;
    const CREATE = "TracklineFulfillmentEventCreate";
    const creates = shopify.calls.filter((call) => call === CREATE).length;
    // Calls Shopify answered THROTTLED changed nothing; the client waits for the bucket and asks again.
    const throttledCreates = shopify.throttled.filter((call) => call === CREATE).length;
    // What Shopify holds: a second event with the same status on one fulfillment is a double write.
    const stored = [...shopify.events.values()].flat().length;
    const eventKeys = new Map<string, number>();
    for (const [fulfillmentId, events] of shopify.events) {
      for (const event of events) eventKeys.set(`${fulfillmentId}|${event.status}`, (eventKeys.get(`${fulfillmentId}|${event.status}`) ?? 0) + 1);
    }
    const doubleWrites = [...eventKeys.values()].reduce((sum, count) => sum + count - 1, 0);
    const secondSynced = (second.output.get(second.workers[0]!.pid ?? -1) ?? []).some((line) => line.startsWith("synced"));

    console.log(
      `worker sigkill: shipments=${SHIPMENTS} synced-before-kill=${syncedBeforeKill} stranded-leases=${stranded} unsynced=${unsynced} still-leased=${stillLeased} ` +
        `lost=${lost} duplicated=${duplicated} write-backs=${writeBacks.length} sent=${sent} event-creates=${creates} throttled=${throttledCreates} events-stored=${stored} double-writes=${doubleWrites} ` +
        `seconds=${((performance.now() - started) / 1000).toFixed(1)}`,
    );
    expect(stranded).toBeGreaterThan(0);
    expect(secondSynced).toBe(true);
    // Left unset, a worker checkpoints the WAL on a thread of its own, never inside its commits.
    expect((first.output.get(victim.pid ?? -1) ?? []).filter((line) => / syncing \(/.test(line))).toEqual([expect.stringMatching(/ syncing \(sqlite, checkpoints background\)$/)]);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(unsynced).toBe(0);
    expect(stillLeased).toBe(0);
    expect(writeBacks.length).toBeGreaterThan(0);
    expect(sent).toBe(writeBacks.length);
    expect(stored).toBe(writeBacks.length);
    expect(doubleWrites).toBe(0);
    // Every create call is accounted for: one accepted per write-back, the rest refused as THROTTLED.
    expect(creates).toBe(writeBacks.length + throttledCreates);
  });
});
