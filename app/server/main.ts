import { assertSupportedNode } from "../config/node-version";
assertSupportedNode();

import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { appEnv, EnvError, requireShopifyCredentials, type AppEnv } from "../config/env.server";
import { projectRoot } from "../data/database-target";
import { assertDemoModeSafe, DemoModeRefused } from "../demo/demo-mode.server";
import { runWebServer } from "./cluster";
import { responseCompression } from "./compression";

/**
 * The production HTTP server (`npm start`) and the demo's server: serves the Remix build, its
 * fingerprinted assets with long caching, and public/ files. Refuses to start on a bad env.
 */
async function main() {
  // Requests should never wait for a WAL checkpoint (SQLite; ignored on Postgres).
  process.env.SQLITE_CHECKPOINTS ??= "background";
  let env;
  try {
    env = appEnv();
    if (env.TRACKLINE_DEMO) assertDemoModeSafe(env);
    else requireShopifyCredentials(env);
  } catch (error) {
    if (error instanceof EnvError || error instanceof DemoModeRefused) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const buildPath = path.join(projectRoot, "build/index.js");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  // Admin pages and their scripts are text of a megabyte or more; gzip makes a cold load a fraction of that.
  app.use(responseCompression());
  app.use("/build", express.static(path.join(projectRoot, "public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(projectRoot, "public"), { maxAge: "1h" }));
  app.all("*", createRequestHandler({ build, mode: env.NODE_ENV === "production" ? "production" : "development" }));
  const host = env.HOST ?? "0.0.0.0";
  const server = app.listen(env.PORT, host, () => {
    console.log(`Trackline listening on http://${host}:${env.PORT}`);
  });
  const stopWorker = env.TRACKLINE_DEMO ? await startDemoWorker(env) : null;
  const shutdown = async () => {
    await stopWorker?.();
    server.close(() => process.exit(0));
  };
  process.on("SIGINT", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());
}

/** Demo mode runs the carrier simulator and the sync loop inside the server process. */
async function startDemoWorker(env: AppEnv): Promise<() => Promise<void>> {
  const { database } = await import("../data/client.server");
  const { startDemoCarrierNetwork, demoCarrierEnv } = await import("../demo/demo-carriers.server");
  const { createSyncEngine } = await import("../services/sync/engine-factory.server");
  const { runSyncLoop } = await import("../workers/sync-loop.server");
  const { db, provider } = database();
  const simulator = await startDemoCarrierNetwork(db);
  const simulatorUrl = new URL(simulator.baseUrl("ups")).origin;
  const engine = createSyncEngine({ db, provider, env: demoCarrierEnv(env, simulatorUrl) });
  const stop = new AbortController();
  const loop = runSyncLoop({
    db,
    engine,
    idleMs: env.SYNC_IDLE_MS,
    signal: stop.signal,
    onPass: (report) => {
      if (report.statusChanges > 0) console.log(`sync: ${report.updated} parcels checked, ${report.statusChanges} moved on`);
    },
    log: (line) => console.warn(line),
  });
  console.log(`Demo carriers simulated at ${simulatorUrl}; sync loop running`);
  return async () => {
    stop.abort();
    await loop;
    await simulator.close();
  };
}

await runWebServer(main);
