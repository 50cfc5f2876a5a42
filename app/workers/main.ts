import { assertSupportedNode } from "../config/node-version";
assertSupportedNode();

import { appEnv, EnvError } from "../config/env.server";
import { closeDatabase, database } from "../data/client.server";
import { createSyncEngine, workerId } from "../services/sync/engine-factory.server";
import { runSyncLoop } from "./sync-loop.server";

/**
 * `npm run worker`: the sync loop as its own process. Run as many as you like on Postgres (they
 * coordinate through leases); on SQLite run one.
 */
let env;
try {
  env = appEnv();
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
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
await runSyncLoop({
  db,
  engine,
  idleMs: env.SYNC_IDLE_MS,
  signal: stop.signal,
  onPass: (report) => {
    if (report.claimed > 0) console.log(`synced ${report.updated}/${report.claimed} (changes ${report.statusChanges}, failed ${report.failed}, deferred ${report.deferred})`);
  },
  log: (line) => console.warn(line),
});
await closeDatabase();
