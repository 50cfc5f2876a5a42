import os from "node:os";
import { createDb } from "~/data/db.server";
import { applyMigrations } from "~/data/migrate.server";
import { startPostgresCluster } from "~/testing/postgres-cluster.server";
import { seedDueShipments, simulatorWorkerEnv, startWorkerFleet } from "~/testing/worker-fleet.server";
import { cpuDelta, cpuTotal, ensureProductionBuild, forkWithCpu, numberOption, PRODUCTION_BUNDLES, processCpuMs, stringOption, summaryLine, tempDir } from "./kit";

/**
 * `npm run bench:sync`: end-to-end sync throughput. N active FedEx shipments, all due, against
 * the carrier simulator on localhost; real worker processes fetch → parse → merge → persist →
 * enqueue write-back. The workers run the production bundle (build/worker.js, built first when
 * stale) with plain `node`, as `npm run worker` runs it.
 *
 * What is timed: from the moment every worker process has started (its "syncing" line: Node and
 * the modules loaded, the database open) until no seeded shipment is left unchecked (polled every
 * 50 ms), so updates/s = shipments / that time; the start-up itself is printed apart, with the
 * rate it would give if counted. Worker CPU per update is what the workers used after start-up
 * (read from /proc). The carrier simulator runs in a process of its own; its CPU (its own
 * process.cpuUsage()) is printed separately from the workers', so each side's share is visible
 * and the simulator's is not counted as sync.
 * Prints SQLite × 1 worker, then Postgres × 1, 2 and 4 workers (scaling), and one SUMMARY line;
 * every file it made (the SQLite database with its -wal/-shm, the Postgres cluster) is removed.
 *
 * Options: --shipments N (default 50000), --batch N (default 600), --only sqlite|postgres,
 * --cpu-prof DIR (each worker writes its V8 CPU profile there when it stops).
 */
const HOUR = 3_600_000;
const SHIPMENTS = numberOption("shipments", 50_000);
const BATCH = numberOption("batch", 600);
const only = stringOption("only");
const cpuProfileDir = stringOption("cpu-prof");
ensureProductionBuild();

interface RunResult {
  rate: number;
  workerCpuMsPerUpdate: number;
  simulatorCpuMsPerUpdate: number;
  simulatorShare: number;
}

/** Shipments the workers say their passes applied (each pass prints `synced <applied>/<claimed> …`). */
function syncedByWorkers(output: ReadonlyMap<number, readonly string[]>): number {
  let total = 0;
  for (const lines of output.values()) for (const line of lines) total += Number(/^synced (\d+)\//.exec(line)?.[1] ?? 0);
  return total;
}

async function run(label: string, databaseUrl: string, workers: number): Promise<RunResult> {
  await applyMigrations(databaseUrl);
  const { db } = createDb(databaseUrl);
  const now = Date.now();
  await seedDueShipments(db, { shopDomain: "bench-shop.myshopify.com", count: SHIPMENTS, now, labelAgeMs: 40 * HOUR, seed: 2026 });
  const simulator = await forkWithCpu<{ origin: string }>("app/bench/carrier-simulator-process.ts", { ...process.env, JOURNEY_START: String(now - 40 * HOUR) });
  const simulatorBefore = await simulator.cpu();
  const fleet = startWorkerFleet(workers, {
    DATABASE_URL: databaseUrl,
    ...simulatorWorkerEnv(simulator.ready.origin),
    SYNC_BATCH_SIZE: String(BATCH),
    SYNC_IDLE_MS: "100",
  }, { bundle: PRODUCTION_BUNDLES.worker, ...(cpuProfileDir ? { cpuProfileDir } : {}) });
  const launched = performance.now();
  const workersCpu = () => fleet.workers.reduce((sum, child) => sum + processCpuMs(child.pid), 0);
  const ready = () => fleet.workers.every((child) => (fleet.output.get(child.pid ?? -1) ?? []).some((line) => / syncing \(/.test(line)));
  while (!ready()) {
    if (fleet.workers.some((child) => child.exitCode !== null)) throw new Error(`a worker exited before syncing:\n${[...fleet.output.values()].flat().join("\n")}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const started = performance.now();
  const startupCpuMs = workersCpu();
  let remaining = SHIPMENTS;
  let workerCpuMs = 0;
  let askedAt = started;
  while (remaining > 0) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Read while the workers live (a finished process has no /proc entry).
    workerCpuMs = workersCpu() - startupCpuMs;
    // The database is asked only once the workers' own pass lines add up to every shipment (and
    // every 2 s in case they never do): a count over the table every 50 ms cost this process a
    // fifth of a core, taken from the cores the worker runs on.
    if (syncedByWorkers(fleet.output) < SHIPMENTS && performance.now() - askedAt < 2_000) continue;
    askedAt = performance.now();
    remaining = await db.shipment.count({ where: { lastCheckedAt: null } });
  }
  const seconds = (performance.now() - started) / 1000;
  const startupSeconds = (started - launched) / 1000;
  const simulatorMs = cpuTotal(cpuDelta(await simulator.cpu(), simulatorBefore));
  await fleet.stop();
  await simulator.stop();
  const [events, writeBacks] = await Promise.all([db.trackingEvent.count(), db.writeBack.count()]);
  await db.$disconnect();
  const rate = SHIPMENTS / seconds;
  const result = {
    rate,
    workerCpuMsPerUpdate: workerCpuMs / SHIPMENTS,
    simulatorCpuMsPerUpdate: simulatorMs / SHIPMENTS,
    simulatorShare: simulatorMs / (simulatorMs + workerCpuMs),
  };
  console.log(
    `${label.padEnd(22)} ${SHIPMENTS} shipments in ${seconds.toFixed(1)} s = ${rate.toFixed(0)} updates/s  (${events} events, ${writeBacks} write-backs queued)\n` +
      `${"".padEnd(22)} worker start-up ${startupSeconds.toFixed(1)} s before that, ${(startupCpuMs / 1000).toFixed(1)} s CPU (counted in: ${(SHIPMENTS / (seconds + startupSeconds)).toFixed(0)} updates/s)\n` +
      `${"".padEnd(22)} CPU per update: workers ${result.workerCpuMsPerUpdate.toFixed(3)} ms (${(workerCpuMs / 1000 / seconds).toFixed(2)} cores), ` +
      `carrier simulator ${result.simulatorCpuMsPerUpdate.toFixed(3)} ms (${(simulatorMs / 1000 / seconds).toFixed(2)} cores, ${(result.simulatorShare * 100).toFixed(0)} % of workers + simulator; not counted as sync)`,
  );
  return result;
}

console.log(`sync benchmark: ${SHIPMENTS} due FedEx shipments, batches of ${BATCH}, ${os.cpus().length} cores\n`);
const temp = tempDir("bench-sync");
const summary: Record<string, number | null> = {};
try {
  if (only !== "postgres") {
    const sqlite = await run("SQLite, 1 worker", `file:${temp.file("bench.sqlite")}`, 1);
    summary.sqlite_updates_s = sqlite.rate;
    summary.sqlite_worker_cpu_ms = sqlite.workerCpuMsPerUpdate;
    summary.simulator_cpu_ms = sqlite.simulatorCpuMsPerUpdate;
    temp.remove();
  }
  if (only !== "sqlite") {
    const cluster = await startPostgresCluster("bench1");
    try {
      const { default: pg } = await import("pg");
      const admin = new pg.Client({ connectionString: cluster.url });
      await admin.connect();
      const rates: Record<number, number> = {};
      for (const workers of [1, 2, 4]) {
        const name = `bench_w${workers}`;
        await admin.query(`CREATE DATABASE ${name}`);
        const result = await run(`Postgres, ${workers} worker${workers > 1 ? "s" : ""}`, cluster.url.replace(/\/bench1$/, `/${name}`), workers);
        rates[workers] = result.rate;
        summary[`pg${workers}_updates_s`] = result.rate;
      }
      await admin.end();
      console.log(`\nPostgres scaling: 2 workers ${(rates[2]! / rates[1]!).toFixed(2)}×, 4 workers ${(rates[4]! / rates[1]!).toFixed(2)}× one (${os.cpus().length} cores shared by the workers, Postgres and the simulator)`);
    } finally {
      cluster.stop();
    }
  }
} finally {
  temp.remove();
}
console.log(summaryLine("sync", { shipments: SHIPMENTS, ...summary }));
