import crypto from "node:crypto";
import os from "node:os";
import type { AppEnv } from "~/config/env.server";
import type { Db, DbProvider } from "~/data/db.server";
import { appCarrierCredentials, CarrierAdapterSource } from "./carrier-adapters.server";
import { EstimateModelCache } from "~/services/estimates/models.server";
import { SyncEngine } from "./sync-engine.server";

/** A lease owner id that is unique per process and says where it runs (for support). */
export function workerId(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
}

/** The sync engine as configured by the environment: app credentials, sealed shop credentials. */
export function createSyncEngine(options: {
  db: Db;
  provider: DbProvider;
  env: AppEnv;
  owner?: string;
  clock?: () => number;
}): SyncEngine {
  const adapters = new CarrierAdapterSource({
    db: options.db,
    appCredentials: appCarrierCredentials(options.env),
    credentialsKey: options.env.CREDENTIALS_KEY,
    simulatorUrl: options.env.CARRIER_SIMULATOR_URL,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return new SyncEngine({
    db: options.db,
    provider: options.provider,
    owner: options.owner ?? workerId(),
    adapters,
    batchSize: options.env.SYNC_BATCH_SIZE,
    leaseMs: options.env.SYNC_LEASE_MS,
    estimates: new EstimateModelCache(options.db, options.clock ? { clock: options.clock } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
}

let processEngine: SyncEngine | undefined;

/** The web process's engine ("resync now", carrier pushes): built once from the environment. */
export async function sharedSyncEngine(): Promise<SyncEngine> {
  if (!processEngine) {
    const [{ appEnv }, { database }] = await Promise.all([import("~/config/env.server"), import("~/data/client.server")]);
    const { db, provider } = database();
    processEngine = createSyncEngine({ db, provider, env: appEnv() });
  }
  return processEngine;
}
