import { assertSupportedNode } from "../config/node-version";
assertSupportedNode();

import { appEnv, EnvError, requireShopifyCredentials, type AppEnv } from "../config/env.server";
import { closeDatabase, database } from "../data/client.server";
import { appCarrierCredentials } from "../services/sync/carrier-adapters.server";
import { createSyncEngine, workerId } from "../services/sync/engine-factory.server";
import { appSubscriptionClients, SubscriptionManager } from "../services/sync/subscriptions.server";
import { runSyncLoop } from "./sync-loop.server";

/**
 * `npm run worker`: the sync loop as its own process. Run as many as you like on Postgres (they
 * coordinate through leases); on SQLite run one.
 */
function loadEnv(): AppEnv {
  try {
    return appEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
const env = loadEnv();
const { db, provider } = database();
const owner = workerId();
const engine = createSyncEngine({ db, provider, env, owner });
const stop = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.log(`worker ${owner}: finishing the current pass, then stopping`);
    stop.abort();
  });
}
console.log(`worker ${owner} syncing (${provider})`);

/**
 * With Shopify credentials the worker also sends queued write-backs and runs install-time
 * imports after each pass; without them (carrier-only setups, benchmarks) it says so once.
 */
async function shopifyDuties(): Promise<(() => Promise<void>) | undefined> {
  try {
    requireShopifyCredentials(env);
  } catch (error) {
    console.warn(`write-back and backfill are off in this worker: ${(error as Error).message}`);
    return undefined;
  }
  const [{ adminClientFactory }, { runWriteBackDispatcher }, { runPendingBackfills }] = await Promise.all([
    import("../shopify/graphql/admin-client.server"),
    import("../services/write-back/dispatcher"),
    import("../services/backfill/backfill"),
  ]);
  const adminFor = adminClientFactory();
  return async () => {
    await runWriteBackDispatcher({ db, provider, adminFor, owner });
    await runPendingBackfills({ db, adminFor, maxPages: 5, maxBulkPolls: 1 });
  };
}

const shopifyAfterPass = env.TRACKLINE_DEMO ? undefined : await shopifyDuties();

/**
 * Push subscriptions need a public URL for carriers to push to (`SHOPIFY_APP_URL`); without it
 * every parcel stays on polling.
 */
const subscriptions = env.SHOPIFY_APP_URL
  ? new SubscriptionManager({
      db,
      clients: appSubscriptionClients({
        appCredentials: appCarrierCredentials(env),
        appUrl: env.SHOPIFY_APP_URL,
        pushCredentials: { ups: env.UPS_TRACK_ALERT_CREDENTIAL },
        simulatorUrl: env.CARRIER_SIMULATOR_URL,
      }),
    })
  : undefined;
if (!subscriptions) console.warn("push subscriptions are off in this worker: SHOPIFY_APP_URL is not set");
const afterPass =
  shopifyAfterPass || subscriptions
    ? async () => {
        if (subscriptions) {
          const report = await subscriptions.runOnce();
          if (report.subscribed + report.renewed + report.failed + report.unsubscribed > 0) {
            console.log(`push subscriptions: +${report.subscribed} renewed ${report.renewed} failed ${report.failed} removed ${report.unsubscribed}`);
          }
        }
        if (shopifyAfterPass) await shopifyAfterPass();
      }
    : undefined;
await runSyncLoop({
  db,
  engine,
  ...(afterPass ? { afterPass } : {}),
  idleMs: env.SYNC_IDLE_MS,
  signal: stop.signal,
  onPass: (report) => {
    if (report.claimed > 0) console.log(`synced ${report.updated}/${report.claimed} (changes ${report.statusChanges}, failed ${report.failed}, deferred ${report.deferred})`);
  },
  log: (line) => console.warn(line),
});
await closeDatabase();
