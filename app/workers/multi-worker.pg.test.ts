import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCarrierSimulator, type CarrierSimulator } from "~/testing/carrier-simulator/server";
import { database } from "~/data/client.server";
import { seedDueShipments, simulatorWorkerEnv, startWorkerFleet, type WorkerFleet } from "~/testing/worker-fleet.server";

const SHIPMENTS = 5000;
const HOUR = 3_600_000;
const shop = "fleet-shop.myshopify.com";
let simulator: CarrierSimulator;
let fleet: WorkerFleet | undefined;

async function waitFor<T>(check: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  const now = Date.now();
  simulator = await startCarrierSimulator({ journeyStart: () => now - 40 * HOUR });
  await seedDueShipments(database().db, { shopDomain: shop, count: SHIPMENTS, now, labelAgeMs: 40 * HOUR, seed: 99 });
}, 60_000);

afterAll(async () => {
  await fleet?.stop();
  await simulator.close();
});

describe("four worker processes on Postgres", () => {
  it("process every due shipment once, and take over the leases of a worker killed mid-batch", async () => {
    const { db } = database();
    const origin = new URL(simulator.baseUrl("fedex")).origin;
    fleet = startWorkerFleet(4, {
      DATABASE_URL: process.env.DATABASE_URL ?? "",
      ...simulatorWorkerEnv(origin),
      SYNC_BATCH_SIZE: "150",
      SYNC_IDLE_MS: "200",
      SYNC_LEASE_MS: "15000",
    });
    const victim = fleet.workers[0]!;

    // Kill one worker the moment it holds leases: its batch is in flight, never finished.
    const victimLeases = { leaseOwner: { contains: `:${victim.pid}:` }, lastCheckedAt: null };
    await waitFor(async () => ((await db.shipment.count({ where: victimLeases })) > 0 ? true : null), 60_000);
    victim.kill("SIGKILL");
    await new Promise((resolve) => victim.once("exit", resolve));
    // What the dead worker still holds stays leased until the lease runs out, then others take it.
    const stranded = (await db.shipment.findMany({ where: victimLeases, select: { trackingNumber: true } })).map((row) => row.trackingNumber);
    expect(stranded.length).toBeGreaterThan(0);

    await waitFor(async () => ((await db.shipment.count({ where: { lastCheckedAt: null } })) === 0 ? true : null), 120_000);

    const rows = await db.shipment.findMany({ select: { trackingNumber: true, leaseOwner: true, status: true, nextCheckAt: true } });
    expect(rows).toHaveLength(SHIPMENTS);
    for (const row of rows) {
      expect(row.status).not.toBe("pending");
      expect(row.leaseOwner).toBeNull();
    }
    // Count carrier fetches per number: exactly once, except what the killed worker had in hand.
    const fetches = new Map<string, number>();
    for (const request of simulator.requests("fedex")) {
      for (const number of request.numbers) fetches.set(number, (fetches.get(number) ?? 0) + 1);
    }
    const strandedSet = new Set(stranded);
    const twice = [...fetches].filter(([, count]) => count > 1).map(([number]) => number);
    expect(twice.filter((number) => !strandedSet.has(number))).toEqual([]);
    for (const row of rows) expect(fetches.get(row.trackingNumber) ?? 0).toBeGreaterThanOrEqual(1);
    // Every surviving worker did real work.
    const workersThatSynced = fleet.workers.slice(1).filter((worker) => (fleet!.output.get(worker.pid ?? -1) ?? []).some((line) => line.startsWith("synced")));
    expect(workersThatSynced.length).toBeGreaterThanOrEqual(2);
  }, 180_000);
});
