import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CarrierCode } from "~/carriers/adapter";
import { simulatorAdapter } from "~/testing/carrier-simulator/harness";
import { startCarrierSimulator, type CarrierSimulator } from "~/testing/carrier-simulator/server";
import { action as fulfillmentCreated } from "~/routes/webhooks.fulfillments.create";
import { fulfillmentWebhookPayload } from "~/services/ingestion/fulfillment-webhook-builder.server";
import { SyncEngine, type AdapterSource } from "~/services/sync/sync-engine.server";
import { signedWebhookRequest, TEST_APP } from "~/testing/shopify-requests";
import { expectConsoleError } from "~/testing/setup";
import { database } from "./client.server";
import { projectRoot } from "~/config/database-target.server";
import { seedDueShipments } from "~/testing/worker-fleet.server";

const HOUR = 3_600_000;
const DELIVERIES = 60;
const SYNCED = 60;
const T0 = new Date("2026-11-20T10:00:00Z").getTime();
let simulator: CarrierSimulator;
const adapters: AdapterSource = {
  adapterFor: async (carrier: CarrierCode) => simulatorAdapter(simulator, carrier, { timeoutMs: 5000 }),
};

/**
 * Another process (a CLI, a second server) holding SQLite's write lock with BEGIN IMMEDIATE on
 * the same file for `holdMs`. Resolves once the lock is held; `released` once it is let go.
 */
async function holdWriteLock(holdMs: number): Promise<{ released: Promise<void> }> {
  const file = (process.env.DATABASE_URL ?? "").replace(/^file:/, "");
  const script = `
    const Database = require("libsql");
    const db = new Database(process.argv[1]);
    db.exec("BEGIN IMMEDIATE");
    process.stdout.write("locked\\n");
    setTimeout(() => { db.exec("COMMIT"); db.close(); process.stdout.write("released\\n"); }, Number(process.argv[2]));
  `;
  const child = spawn(process.execPath, ["-e", script, file, String(holdMs)], { cwd: projectRoot, stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  const locked = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.includes("locked")) resolve();
    });
    child.once("exit", (code) => (output.includes("locked") ? undefined : reject(new Error(`lock holder exited ${code}`))));
  });
  const released = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await locked;
  return { released };
}

function delivery(round: string, index: number) {
  const ids = { fulfillmentId: 9_100_000 + index, orderId: 9_200_000 + index, orderName: `#B${index}`, trackingCompany: "Other", destinationCountry: "US", lineItemCount: 1 };
  return {
    webhookId: `busy-${round}-${index}`,
    number: `TLBUSY${round.toUpperCase()}${index}`,
    body: fulfillmentWebhookPayload({ ...ids, fulfillmentId: ids.fulfillmentId + (round === "long" ? 50_000 : 0), createdAt: new Date(T0), trackingNumbers: [`TLBUSY${round.toUpperCase()}${index}`] }),
  };
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

beforeAll(async () => {
  const now = Date.now();
  simulator = await startCarrierSimulator({ journeyStart: () => now - 40 * HOUR });
  await seedDueShipments(database().db, { shopDomain: "busy-sync.myshopify.com", count: SYNCED, now, labelAgeMs: 40 * HOUR, seed: 77 });
});

afterAll(async () => {
  await simulator.close();
});

describe("SQLite write lock held by another connection", () => {
  it("deliveries and a sync pass wait out a short lock; past the busy timeout they answer a retryable 5xx and the redelivery lands once", { timeout: 90_000 }, async () => {
    const { db, provider } = database();
    const engine = new SyncEngine({ db, provider, owner: "busy-worker", adapters, batchSize: 500 });
    const started = performance.now();

    // Shorter than the busy timeout: everything waits for the lock and succeeds.
    const short = Array.from({ length: DELIVERIES }, (_, index) => delivery("short", index));
    const shortLock = await holdWriteLock(1500);
    const [shortStatuses, pass] = await Promise.all([send(short), engine.runOnce()]);
    await shortLock.released;

    // Longer than the busy timeout: some deliveries cannot be stored and say so with a 5xx.
    const long = Array.from({ length: DELIVERIES }, (_, index) => delivery("long", index));
    const longLock = await holdWriteLock(9000);
    expectConsoleError(DELIVERIES * 2);
    const longStatuses = await send(long);
    await longLock.released;
    // Shopify redelivers what was not acknowledged, with the same webhook id.
    const retry = long.filter((_, index) => longStatuses[index] !== 200);
    const retryStatuses = await send(retry);
    // And once more what is acknowledged already (a redelivery of an answered one): a no-op.
    const again = await send(long.slice(0, 5));
    const secondPass = await engine.runOnce();

    const all = [...short, ...long];
    const rows = await db.shipment.findMany({ where: { shopDomain: TEST_APP.shop, trackingNumber: { startsWith: "TLBUSY" } }, select: { trackingNumber: true } });
    const seen = new Map<string, number>();
    for (const row of rows) seen.set(row.trackingNumber, (seen.get(row.trackingNumber) ?? 0) + 1);
    const lost = all.filter((item) => !seen.has(item.number)).length;
    const duplicated = [...seen.values()].reduce((sum, count) => sum + count - 1, 0);
    const receipts = await db.webhookReceipt.count({ where: { webhookId: { startsWith: "busy-" } } });
    const failedReceipts = await db.webhookReceipt.count({ where: { webhookId: { startsWith: "busy-" }, outcome: { not: "processed" } } });
    const unsynced = await db.shipment.count({ where: { shopDomain: "busy-sync.myshopify.com", lastCheckedAt: null } });
    const non5xxFailures = [...shortStatuses, ...longStatuses].filter((status) => status !== 200 && status < 500).length;
    const faults = longStatuses.filter((status) => status >= 500).length + shortStatuses.filter((status) => status >= 500).length;

    console.log(
      `sqlite busy: deliveries=${all.length + retry.length + again.length} short-lock-non-200=${shortStatuses.filter((status) => status !== 200).length} ` +
        `long-lock-5xx=${longStatuses.filter((status) => status >= 500).length} redelivered=${retry.length} redelivery-non-200=${retryStatuses.filter((status) => status !== 200).length} ` +
        `sync-claimed=${pass.claimed + secondPass.claimed} unsynced=${unsynced} faults=${faults} lost=${lost} duplicated=${duplicated} receipts=${receipts}/${all.length} receipts-not-processed=${failedReceipts} ` +
        `seconds=${((performance.now() - started) / 1000).toFixed(1)}`,
    );
    expect(shortStatuses.every((status) => status === 200)).toBe(true);
    expect(pass.failed).toBe(0);
    expect(non5xxFailures).toBe(0);
    expect(retryStatuses.every((status) => status === 200)).toBe(true);
    expect(again.every((status) => status === 200)).toBe(true);
    expect(unsynced).toBe(0);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(receipts).toBe(all.length);
    expect(failedReceipts).toBe(0);
  });
});
