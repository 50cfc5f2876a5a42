import { spawn, type ChildProcess } from "node:child_process";
import { SIMULATOR_CREDENTIALS } from "../carriers/simulator/server";
import { projectRoot } from "../data/database-target";

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

export function simulatorWorkerEnv(simulatorOrigin: string): Record<string, string> {
  const { clientId, clientSecret, apiKey } = SIMULATOR_CREDENTIALS;
  return {
    CARRIER_SIMULATOR_URL: simulatorOrigin,
    UPS_CLIENT_ID: clientId,
    UPS_CLIENT_SECRET: clientSecret,
    FEDEX_CLIENT_ID: clientId,
    FEDEX_CLIENT_SECRET: clientSecret,
    USPS_CLIENT_ID: clientId,
    USPS_CLIENT_SECRET: clientSecret,
    DHL_API_KEY: apiKey,
    SEVENTEEN_TRACK_API_KEY: apiKey,
  };
}

export function startWorkerFleet(count: number, env: Record<string, string>): WorkerFleet {
  const output = new Map<number, string[]>();
  const workers = Array.from({ length: count }, () => {
    // Node itself (not the tsx launcher), so the pid is the worker's and a kill reaches it.
    const child = spawn(process.execPath, ["--import", "tsx", "app/workers/main.ts"], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "development", ...env },
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
