import { assertSupportedNode } from "~/config/node-version";
assertSupportedNode();

import type { ServerBuild } from "@remix-run/node";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { appEnv, EnvError, requireShopifyCredentials, type AppEnv } from "~/config/env.server";
import { projectRoot } from "~/config/database-target.server";
import { assertDemoModeSafe, DemoModeRefused } from "~/config/demo-mode.server";
import { createHttpApp } from "./http-app";
import { runWebServer } from "./cluster.server";
import { tuneServerGarbageCollector } from "./gc-tuning.server";

/**
 * The production HTTP server (`npm start`) and the demo's server: serves the Remix build, its
 * fingerprinted assets with long caching, and public/ files. Refuses to start on a bad env.
 */
async function main() {
  tuneServerGarbageCollector();
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
  const app = createHttpApp({
    build,
    mode: env.NODE_ENV === "production" ? "production" : "development",
    trustedProxyHops: env.TRUSTED_PROXY_HOPS,
    ...(env.SHOP_CUSTOM_DOMAIN ? { shopCustomDomain: env.SHOP_CUSTOM_DOMAIN } : {}),
    publicDir: path.join(projectRoot, "public"),
  });
  const host = env.HOST ?? "0.0.0.0";
  const server = http.createServer(app).listen(env.PORT, host, () => {
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
  const { database } = await import("~/data/client.server");
  const { startDemoCarrierNetwork, demoCarrierEnv } = await import("~/demo/demo-carriers.server");
  const { createSyncEngine } = await import("~/services/sync/engine-factory.server");
  const { runSyncLoop } = await import("~/workers/sync-loop.server");
  const { db, provider } = database();
  const simulator = await startDemoCarrierNetwork(db);
  const simulatorUrl = new URL(simulator.baseUrl("ups")).origin;
  const engine = createSyncEngine({ db, provider, env: demoCarrierEnv(env, simulatorUrl) });
  const notifications = await startDemoNotifications(env);
  const { runShipmentJobs } = await import("~/services/shipments/jobs.server");
  const { syncShipmentNow } = await import("~/services/sync/sync-now.server");
  const stop = new AbortController();
  const loop = runSyncLoop({
    db,
    engine,
    afterPass: async () => {
      await notifications.dispatch();
      await runShipmentJobs({ db, owner: `demo-jobs:${process.pid}`, syncNow: syncShipmentNow });
    },
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
    await notifications.close();
  };
}

/**
 * Demo notifications: a local SMTP server receives every shopper email (the admin's "Demo
 * inbox" shows them), dispatched in-process after each sync pass. Nothing leaves the machine.
 */
async function startDemoNotifications(env: AppEnv) {
  const { database } = await import("~/data/client.server");
  const { startDemoMailServer, prepareDemoNotifications } = await import("~/demo/demo-inbox.server");
  const { startDemoSmsServer } = await import("~/demo/demo-sms.server");
  const { contactKey } = await import("~/services/notifications/contacts.server");
  const { notificationDuties } = await import("~/services/notifications/notification-worker.server");
  const { shopperLinkKey } = await import("~/services/shopper-links/key.server");
  const { db, provider } = database();
  const mail = await startDemoMailServer();
  const sms = await startDemoSmsServer();
  const key = contactKey(env) as string;
  const shoppers = await prepareDemoNotifications(db, { key, port: mail.port, now: new Date() });
  const duties = notificationDuties({
    db,
    provider,
    owner: `demo-notifications:${process.pid}`,
    key,
    appUrl: `http://${env.HOST ?? "127.0.0.1"}:${env.PORT}`,
    linkKey: shopperLinkKey(),
    twilioBaseUrl: sms.url,
    log: (line) => console.warn(line),
  });
  console.log(`Demo mail server on 127.0.0.1:${mail.port} (${shoppers} demo shoppers added); emails and texts (local Twilio on ${sms.url}) appear in the admin's Demo inbox`);
  return {
    dispatch: async () => {
      const report = await duties.dispatch();
      if (report.sent > 0) console.log(`notifications: ${report.sent} emails and texts sent to the demo inbox`);
    },
    close: async () => {
      duties.close();
      await mail.close();
      await sms.close();
    },
  };
}

await runWebServer(main);
