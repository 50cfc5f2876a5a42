import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startCarrierSimulator } from "../carriers/simulator/server";
import { createDb } from "../data/db.server";
import { applyMigrations } from "../data/migrate.server";
import { startPostgresCluster } from "../testing/postgres-cluster.server";
import { seedDueShipments, simulatorWorkerEnv, startWorkerFleet } from "../workers/worker-fleet.server";

/**
 * `npm run bench:sync`: end-to-end sync throughput. N active FedEx shipments, all due, against
 * the carrier simulator on localhost; real worker processes fetch → parse → merge → persist →
 * enqueue write-back. Prints updates/s for SQLite × 1 worker and Postgres × 1 and × 4 workers.
 */
const HOUR = 3_600_000;
const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const SHIPMENTS = argument("--shipments", 50_000);
const BATCH = argument("--batch", 600);
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;

async function run(label: string, databaseUrl: string, workers: number): Promise<number> {
  await applyMigrations(databaseUrl);
  const { db } = createDb(databaseUrl);
  const now = Date.now();
  await seedDueShipments(db, { shopDomain: "bench-shop.myshopify.com", count: SHIPMENTS, now, labelAgeMs: 40 * HOUR, seed: 2026 });
  const simulator = await startCarrierSimulator({ journeyStart: () => now - 40 * HOUR });
  const fleet = startWorkerFleet(workers, {
    DATABASE_URL: databaseUrl,
    ...simulatorWorkerEnv(new URL(simulator.baseUrl("fedex")).origin),
    SYNC_BATCH_SIZE: String(BATCH),
    SYNC_IDLE_MS: "100",
  });
  const started = performance.now();
  let remaining = SHIPMENTS;
  while (remaining > 0) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    remaining = await db.shipment.count({ where: { lastCheckedAt: null } });
  }
  const seconds = (performance.now() - started) / 1000;
  await fleet.stop();
  await simulator.close();
  const [events, writeBacks] = await Promise.all([db.trackingEvent.count(), db.writeBack.count()]);
  await db.$disconnect();
  const rate = SHIPMENTS / seconds;
  console.log(
    `${label.padEnd(22)} ${SHIPMENTS} shipments in ${seconds.toFixed(1)} s = ${rate.toFixed(0)} updates/s  (${events} events, ${writeBacks} write-backs queued)`,
  );
  return rate;
}

console.log(`sync benchmark: ${SHIPMENTS} due FedEx shipments, batches of ${BATCH}, ${os.cpus().length} cores\n`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trackline-bench-sync-"));
const sqlite = await run("SQLite, 1 worker", `file:${path.join(dir, "bench.sqlite")}`, 1);
if (only === "sqlite") process.exit(0);
const cluster = await startPostgresCluster("bench1");
const pg1 = await run("Postgres, 1 worker", cluster.url, 1);
const url4 = cluster.url.replace(/\/bench1$/, "/bench4");
const { default: pg } = await import("pg");
const admin = new pg.Client({ connectionString: cluster.url });
await admin.connect();
await admin.query("CREATE DATABASE bench4");
await admin.end();
const pg4 = await run("Postgres, 4 workers", url4, 4);
cluster.stop();
fs.rmSync(dir, { recursive: true, force: true });
console.log(`\nSQLite 1 worker: ${sqlite.toFixed(0)} updates/s (target ≥ 1000)`);
console.log(`Postgres 4 workers vs 1: ${(pg4 / pg1).toFixed(2)}× (target ≥ 3×; ${os.cpus().length} cores shared by the workers, Postgres and the simulator)`);
