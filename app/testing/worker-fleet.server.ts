import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { simulatorWorkerEnv } from "./carrier-simulator/worker-env";
import type { Db } from "~/data/db.server";
import { generateSampleNumber, seededRandom } from "~/domain/tracking-number/sample-numbers";
import { projectRoot } from "~/config/database-target.server";

export { simulatorWorkerEnv };

/**
 * Starts real `npm run worker` processes (tests and the sync benchmark): each is its own Node
 * process with its own database connections, coordinating only through leases.
 */
export interface WorkerFleet {
  workers: ChildProcess[];
  /** Lines each worker printed, by pid. */
  output: Map<number, string[]>;
  stop: () => Promise<void>;
}

/**
 * `count` due FedEx shipments of one shop whose labels were made `labelAgeMs` ago (mid-journey
 * on the simulator): the workload of the multi-worker test and the sync benchmark.
 */
export async function seedDueShipments(db: Db, options: { shopDomain: string; count: number; now: number; labelAgeMs: number; seed: number }) {
  await db.shop.create({ data: { domain: options.shopDomain } });
  const random = seededRandom(options.seed);
  const numbers = new Set<string>();
  while (numbers.size < options.count) numbers.add(generateSampleNumber("fedex_express_12", random).number);
  const rows = [...numbers].map((trackingNumber, index) => ({
    shopDomain: options.shopDomain,
    orderId: `gid://shopify/Order/${index}`,
    orderName: `#${100_000 + index}`,
    fulfillmentId: `gid://shopify/Fulfillment/${index}`,
    fulfillmentCreatedAt: new Date(options.now - options.labelAgeMs),
    trackingNumber,
    carrier: "fedex",
    destinationCountry: "US",
    nextCheckAt: new Date(options.now - 1000),
  }));
  for (let index = 0; index < rows.length; index += 2000) await db.shipment.createMany({ data: rows.slice(index, index + 2000) });
}

/**
 * `cpuProfileDir`: each worker writes a V8 CPU profile there when it exits (the sync benchmark's
 * `--cpu-prof`). `bundle`: run this production bundle with plain `node`, as `npm run worker`
 * does (the sync benchmark), instead of the TypeScript sources through tsx (tests).
 */
export function startWorkerFleet(count: number, env: Record<string, string>, options: { cpuProfileDir?: string; bundle?: string } = {}): WorkerFleet {
  const output = new Map<number, string[]>();
  const profile = options.cpuProfileDir ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(options.cpuProfileDir)] : [];
  const workers = Array.from({ length: count }, () => {
    // Node itself (not the tsx launcher), so the pid is the worker's and a kill reaches it.
    const child = spawn(process.execPath, [...profile, ...(options.bundle ? [options.bundle] : ["--import", "tsx", "app/workers/main.ts"])], {
      cwd: projectRoot,
      // A test run: the only setting where the environment may point carriers at the simulator.
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const lines: string[] = [];
    output.set(child.pid ?? -1, lines);
    child.stdout?.on("data", (chunk: Buffer) => lines.push(...chunk.toString("utf8").split("\n").filter(Boolean)));
    child.stderr?.on("data", (chunk: Buffer) => lines.push(...chunk.toString("utf8").split("\n").filter(Boolean)));
    return child;
  });
  const stop = async () => {
    await Promise.all(
      workers.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once("exit", () => resolve());
            child.kill("SIGTERM");
            setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
          }),
      ),
    );
  };
  return { workers, output, stop };
}
