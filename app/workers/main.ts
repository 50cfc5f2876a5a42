import { assertSupportedNode } from "~/config/node-version";
assertSupportedNode();

import { appEnv, EnvError, requireShopifyCredentials, type AppEnv } from "~/config/env.server";
import { closeDatabase, database } from "~/data/client.server";
import { periodicEstimateRefresh } from "~/services/estimates/models.server";
import { CARRIERS } from "~/carriers/registry";
import { appCarrierCredentials } from "~/services/sync/carrier-adapters.server";
import { carrierPushHandler } from "~/services/sync/carrier-push.server";
import { createSyncEngine, workerId } from "~/services/sync/engine-factory.server";
import { appSubscriptionClients, SubscriptionManager } from "~/services/sync/subscriptions.server";
import type { AdminGraphqlClient } from "~/shopify/graphql/admin-client";
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
// Sync passes should never wait for a WAL checkpoint inside their commits (SQLite; ignored on
// Postgres): a thread of this process runs them, as in the web server.
process.env.SQLITE_CHECKPOINTS ??= "background";
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
console.log(`worker ${owner} syncing (${provider}${provider === "sqlite" ? `, checkpoints ${env.SQLITE_CHECKPOINTS}` : ""})`);

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
  const [{ adminClientFactory }, { runWriteBackDispatcher }, { runPendingBackfills }, { attachPendingEvidence }, { runLineItemImages }] = await Promise.all([
    import("~/shopify/graphql/admin-client.server"),
    import("~/services/write-back/dispatcher.server"),
    import("~/services/backfill/backfill.server"),
    import("~/services/disputes/evidence.server"),
    import("~/services/ingestion/line-item-images.server"),
  ]);
  const adminFor = adminClientFactory();
  const notifications = await notificationWork(adminFor);
  return async () => {
    await runWriteBackDispatcher({ db, provider, adminFor, owner });
    await runPendingBackfills({ db, adminFor, maxPages: 5, maxBulkPolls: 1 });
    // Product images for the tracking page's line items (the fulfillment webhook carries none).
    await runLineItemImages({ db, adminFor });
    await notifications?.();
    // Dispute evidence packs of shops that opted in (staged uploads go straight to Shopify's storage).
    await attachPendingEvidence(db, adminFor, (url, init) => fetch(url, init), new Date());
  };
}

/**
 * Shopper emails (and Flow triggers when Shopify is reachable) from the notification outbox,
 * plus the erasure of contacts past their retention.
 */
async function notificationWork(adminFor?: (shop: string) => Promise<AdminGraphqlClient>) {
  const [{ notificationDuties }, { contactKey }, { shopperLinkKey }] = await Promise.all([
    import("~/services/notifications/notification-worker.server"),
    import("~/services/notifications/contacts.server"),
    import("~/services/shopper-links/key.server"),
  ]);
  let linkKey: Buffer;
  try {
    linkKey = shopperLinkKey();
  } catch (error) {
    console.warn(`shopper notifications are off in this worker: ${(error as Error).message}`);
    return undefined;
  }
  const duties = notificationDuties({
    db,
    provider,
    owner,
    key: contactKey(env),
    appUrl: env.SHOPIFY_APP_URL ?? `http://127.0.0.1:${env.PORT}`,
    linkKey,
    ...(adminFor ? { adminFor } : {}),
    log: (line) => console.warn(line),
  });
  console.log(`notifications: dispatching ${duties.channels.join(", ") || "nothing (no CREDENTIALS_KEY, no Shopify credentials)"}`);
  return async () => {
    const report = await duties.dispatch();
    if (report.claimed > 0) console.log(`notifications: ${report.sent} sent, ${report.retried} retried, ${report.failed} failed, ${report.skipped} skipped`);
  };
}

const shopifyAfterPass = env.TRACKLINE_DEMO ? undefined : ((await shopifyDuties()) ?? (await notificationWork()));
// Delivery estimates learn from new deliveries here, in the worker, never on a request.
const refreshEstimates = periodicEstimateRefresh(db, provider, { intervalMs: 10 * 60_000, log: (line) => console.log(line) });
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
        // Each carrier's push secret, from the variables its folder names.
        pushCredentials: Object.fromEntries(CARRIERS.flatMap((plugin) => (plugin.push ? [[plugin.code, carrierPushHandler(plugin.code, env).secret ?? undefined]] : []))),
        simulatorUrl: env.CARRIER_SIMULATOR_URL,
      }),
    })
  : undefined;
if (!subscriptions) console.warn("push subscriptions are off in this worker: SHOPIFY_APP_URL is not set");
// Bulk resyncs and large exports the merchant queued in the admin (services/shipments/jobs.server.ts).
const [{ runShipmentJobs }, { syncShipmentNow }] = await Promise.all([import("~/services/shipments/jobs.server"), import("~/services/sync/sync-now.server")]);
const afterPass = async () => {
  await runShipmentJobs({ db, owner, syncNow: syncShipmentNow }).catch((error: unknown) => console.warn(`shipment jobs failed: ${(error as Error).message}`));
  if (subscriptions) {
    const report = await subscriptions.runOnce();
    if (report.subscribed + report.renewed + report.failed + report.unsubscribed > 0) {
      console.log(`push subscriptions: +${report.subscribed} renewed ${report.renewed} failed ${report.failed} removed ${report.unsubscribed}`);
    }
  }
  await shopifyAfterPass?.();
  await refreshEstimates().catch((error: unknown) => console.warn(`estimate refresh failed: ${(error as Error).message}`));
};
await runSyncLoop({
  db,
  engine,
  afterPass,
  idleMs: env.SYNC_IDLE_MS,
  passesInFlight: env.SYNC_PASSES_IN_FLIGHT,
  signal: stop.signal,
  onPass: (report) => {
    if (report.claimed > 0) console.log(`synced ${report.updated}/${report.claimed} (changes ${report.statusChanges}, failed ${report.failed}, deferred ${report.deferred})`);
  },
  log: (line) => console.warn(line),
});
await closeDatabase();
