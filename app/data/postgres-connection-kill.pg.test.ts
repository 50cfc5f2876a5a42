import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CarrierCode } from "~/carriers/adapter";
import { simulatorAdapter } from "~/testing/carrier-simulator/harness";
import { startCarrierSimulator, type CarrierSimulator } from "~/testing/carrier-simulator/server";
import { action as fulfillmentCreated } from "~/routes/webhooks.fulfillments.create";
import { fulfillmentWebhookPayload } from "~/services/ingestion/fulfillment-webhook-builder.server";
import { SyncEngine, type AdapterSource } from "~/services/sync/sync-engine.server";
import { expectConsoleError } from "~/testing/setup";
import { signedWebhookRequest, TEST_APP } from "~/testing/shopify-requests";
import { seedDueShipments } from "~/testing/worker-fleet.server";
import { database } from "./client.server";

const HOUR = 3_600_000;
// Up to 40 kills a quarter-second apart: about ten seconds of deliveries, 20 per wave.
const MAX_DELIVERIES = 2000;
const SYNCED = 150;
const SYNC_SHOP = "pg-kill-sync.myshopify.com";
const T0 = new Date("2026-11-20T10:00:00Z").getTime();
let simulator: CarrierSimulator;
const adapters: AdapterSource = {
  adapterFor: async (carrier: CarrierCode) => simulatorAdapter(simulator, carrier, { timeoutMs: 5000 }),
};

function delivery(round: string, index: number) {
  const number = `TLKILL${round.toUpperCase()}${index}`;
  const offset = { kill: 0, after: 50_000 }[round] ?? 90_000;
  const ids = { fulfillmentId: 9_300_000 + offset + index, orderId: 9_400_000 + offset + index, orderName: `#K${index}`, trackingCompany: "Other", destinationCountry: "US", lineItemCount: 1 };
  return { webhookId: `kill-${round}-${index}`, number, body: fulfillmentWebhookPayload({ ...ids, createdAt: new Date(T0), trackingNumbers: [number] }) };
}

async function send(items: ReturnType<typeof delivery>[]): Promise<number[]> {
  return Promise.all(
    items.map(({ webhookId, body }) =>
      fulfillmentCreated({ request: signedWebhookRequest({ topic: "fulfillments/create", body, webhookId }), params: {}, context: {} }).then(
        (response) => response.status,
        // A thrown error is what the server answers 500 for.
        () => 500,
      ),
    ),
  );
}

/**
 * Another session terminating this database's backends (`pg_terminate_backend`: what a failover,
 * a restart or an administrator does), one every `everyMs`, until `limit` were terminated or it is
 * stopped. Every other kill waits (up to a second) for a backend inside a transaction whose
 * statement is `aimAt` and takes that one; a delivery's transaction lasts a few milliseconds, so
 * kills picked at random would mostly land on the sync's longer ones. The rest prefer any backend
 * inside a transaction.
 */
function startKiller(url: string, options: { everyMs: number; limit: number; aimAt: string }) {
  const admin = new pg.Client({ connectionString: url });
  admin.on("error", () => undefined);
  let running = true;
  let inTransaction = 0;
  let other = 0;
  let aimed = 0;
  const live = () => running && inTransaction + other < options.limit;
  const victims = (where: string) =>
    `SELECT xact, pg_terminate_backend(pid) AS done FROM (
       SELECT pid, xact_start IS NOT NULL AS xact FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' ${where}
       ORDER BY (xact_start IS NOT NULL) DESC, random() LIMIT 1) victims`;
  const loop = (async () => {
    await admin.connect();
    for (let attempt = 0; live(); attempt++) {
      let rows: { xact: boolean }[] = [];
      if (attempt % 2 === 0) {
        const until = Date.now() + 1000;
        while (rows.length === 0 && Date.now() < until && running) {
          rows = (await admin.query<{ xact: boolean }>(victims(`AND xact_start IS NOT NULL AND position($1 in query) > 0`), [options.aimAt])).rows;
        }
        aimed += rows.length;
      }
      if (rows.length === 0) rows = (await admin.query<{ xact: boolean }>(victims(""))).rows;
      for (const row of rows) {
        if (row.xact) inTransaction += 1;
        else other += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, options.everyMs));
    }
    await admin.end();
  })();
  return {
    running: live,
    async stop() {
      running = false;
      await loop;
      return { inTransaction, other, aimed };
    },
  };
}

const poolCounts = () => {
  const pool = database().pool;
  return { total: pool?.totalCount ?? -1, idle: pool?.idleCount ?? -1, waiting: pool?.waitingCount ?? -1 };
};

beforeAll(async () => {
  const now = Date.now();
  simulator = await startCarrierSimulator({ journeyStart: () => now - 40 * HOUR });
  await seedDueShipments(database().db, { shopDomain: SYNC_SHOP, count: SYNCED, now, labelAgeMs: 40 * HOUR, seed: 4242 });
}, 60_000);

afterAll(async () => {
  await simulator.close();
});

describe("Postgres connections killed mid-transaction", () => {
  it("while deliveries and sync passes run: nothing lost, nothing duplicated, no connection leaked", { timeout: 180_000 }, async () => {
    const { db, provider } = database();
    expect(provider).toBe("postgres");
    const engine = new SyncEngine({ db, provider, owner: "kill-worker", adapters, batchSize: 25, leaseMs: 1500 });
    const started = performance.now();
    // Terminated connections surface as errors the app logs on purpose (answered 5xx, retried).
    expectConsoleError(100_000);

    const killer = startKiller(process.env.DATABASE_URL ?? "", { everyMs: 250, limit: 40, aimAt: '"WebhookReceipt"' });
    const items: ReturnType<typeof delivery>[] = [];
    let deliveries = 0;
    let redelivered = 0;
    let faults = 0;
    let passes = 0;
    let failedPasses = 0;
    const deliver = (async () => {
      // New deliveries keep arriving, 20 at a time, for as long as connections are being killed, so
      // the kills meet deliveries in flight however fast one is answered. Shopify redelivers every
      // delivery not answered 2xx, with the same webhook id.
      let pending: ReturnType<typeof delivery>[] = [];
      for (let round = 0; round < 200 && (killer.running() || pending.length > 0); round++) {
        const fresh = killer.running() && items.length < MAX_DELIVERIES ? Array.from({ length: 20 }, (_, index) => delivery("kill", items.length + index)) : [];
        items.push(...fresh);
        const batch = [...pending, ...fresh];
        const statuses: number[] = [];
        for (let index = 0; index < batch.length; index += 20) statuses.push(...(await send(batch.slice(index, index + 20))));
        deliveries += batch.length;
        redelivered += pending.length;
        faults += statuses.filter((status) => status >= 500).length;
        pending = batch.filter((_, index) => statuses[index] !== 200);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return pending.length;
    })();
    const sync = (async () => {
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline && (await db.shipment.count({ where: { shopDomain: SYNC_SHOP, lastCheckedAt: null } }).catch(() => 1)) > 0) {
        passes += 1;
        await engine.runOnce().catch(() => (failedPasses += 1));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    let unanswered: number;
    let killed: { inTransaction: number; other: number; aimed: number };
    try {
      unanswered = await deliver;
      await sync;
    } finally {
      killed = await killer.stop();
    }
    const afterKill = poolCounts();

    const rows = await db.shipment.findMany({ where: { shopDomain: TEST_APP.shop, trackingNumber: { startsWith: "TLKILL" } }, select: { trackingNumber: true } });
    const seen = new Map<string, number>();
    for (const row of rows) seen.set(row.trackingNumber, (seen.get(row.trackingNumber) ?? 0) + 1);
    const lost = items.filter((item) => !seen.has(item.number)).length;
    const duplicated = [...seen.values()].reduce((sum, count) => sum + count - 1, 0);
    const receipts = await db.webhookReceipt.groupBy({ by: ["outcome"], where: { webhookId: { startsWith: "kill-kill-" } }, _count: true });
    const processed = receipts.find((group) => group.outcome === "processed")?._count ?? 0;
    const unsynced = await db.shipment.count({ where: { shopDomain: SYNC_SHOP, lastCheckedAt: null } });
    const stillLeased = await db.shipment.count({ where: { shopDomain: SYNC_SHOP, leaseOwner: { not: null } } });
    const writeBacks = await db.writeBack.findMany({ where: { shopDomain: SYNC_SHOP }, select: { shipmentId: true, status: true } });
    const writeBackDuplicates = writeBacks.length - new Set(writeBacks.map((row) => `${row.shipmentId}|${row.status}`)).size;
    const syncedWithStatus = await db.shipment.count({ where: { shopDomain: SYNC_SHOP, status: { not: "pending" } } });

    console.log(
      `postgres kill: deliveries=${deliveries} redelivered=${redelivered} 5xx=${faults} unanswered=${unanswered} killed-in-transaction=${killed.inTransaction} killed-other=${killed.other} aimed-at-deliveries=${killed.aimed} ` +
        `sync-passes=${passes} failed-passes=${failedPasses} unsynced=${unsynced} still-leased=${stillLeased} lost=${lost} duplicated=${duplicated} receipts-processed=${processed}/${items.length} ` +
        `write-backs=${writeBacks.length} write-back-duplicates=${writeBackDuplicates} pool-total=${afterKill.total} pool-idle=${afterKill.idle} pool-waiting=${afterKill.waiting} ` +
        `seconds=${((performance.now() - started) / 1000).toFixed(1)}`,
    );
    expect(killed.inTransaction).toBeGreaterThan(0);
    expect(killed.aimed).toBeGreaterThan(0);
    expect(faults).toBeGreaterThan(0);
    expect(unanswered).toBe(0);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(processed).toBe(items.length);
    expect(unsynced).toBe(0);
    expect(stillLeased).toBe(0);
    expect(syncedWithStatus).toBe(SYNCED);
    expect(writeBackDuplicates).toBe(0);
    // Every connection the pool handed out came back (or was thrown away): none checked out, none waited for.
    expect(afterKill.total).toBe(afterKill.idle);
    expect(afterKill.waiting).toBe(0);
  });

  it("recovers: the next deliveries and a sync pass succeed first time, and the client closes promptly", { timeout: 60_000 }, async () => {
    const { db, provider } = database();
    const next = Array.from({ length: 20 }, (_, index) => delivery("after", index));
    expect(await send(next)).toEqual(Array(20).fill(200));
    expect(await db.shipment.count({ where: { trackingNumber: { startsWith: "TLKILLAFTER" } } })).toBe(20);
    const engine = new SyncEngine({ db, provider, owner: "after-worker", adapters, batchSize: 50 });
    await db.shipment.updateMany({ where: { shopDomain: SYNC_SHOP }, data: { nextCheckAt: new Date(Date.now() - 1000) } });
    expect(await engine.runOnce()).toMatchObject({ claimed: 50, failed: 0 });
    const counts = poolCounts();
    expect(counts.total).toBe(counts.idle);
    // Closing ends the pool: it finishes only when no connection is still checked out.
    const closed = await Promise.race([db.$disconnect().then(() => "closed"), new Promise((resolve) => setTimeout(() => resolve("hung"), 5000))]);
    expect(closed).toBe("closed");
    expect(poolCounts()).toEqual({ total: 0, idle: 0, waiting: 0 });
  });
});
