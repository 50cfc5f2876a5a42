import { assertSupportedNode } from "../config/node-version";
assertSupportedNode();

import { appEnv, EnvError, requireShopifyCredentials, type AppEnv } from "../config/env.server";
import { closeDatabase, database } from "../data/client.server";
import { createSyncEngine, workerId } from "../services/sync/engine-factory.server";
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
  const [{ adminClientFactory }, { runWriteBackDispatcher }, { runPendingBackfills }, { attachPendingEvidence }] = await Promise.all([
    import("../shopify/graphql/admin-client.server"),
    import("../services/write-back/dispatcher"),
    import("../services/backfill/backfill"),
    import("../services/disputes/evidence.server"),
  ]);
  const adminFor = adminClientFactory();
  return async () => {
    await runWriteBackDispatcher({ db, provider, adminFor, owner });
    await runPendingBackfills({ db, adminFor, maxPages: 5, maxBulkPolls: 1 });
    // Dispute evidence packs of shops that opted in (staged uploads go straight to Shopify's storage).
    await attachPendingEvidence(db, adminFor, (url, init) => fetch(url, init), new Date());
  };
}

const afterPass = env.TRACKLINE_DEMO ? undefined : await shopifyDuties();
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
