import { appEnv } from "~/config/env.server";
import { createDb, type DbHandle } from "./db.server";

let handle: DbHandle | undefined;

/** The process-wide database client, created on first use from DATABASE_URL. */
export function database(): DbHandle {
  const env = appEnv();
  handle ??= createDb(env.DATABASE_URL, { backgroundCheckpoints: env.SQLITE_CHECKPOINTS === "background", externalCheckpoints: env.SQLITE_CHECKPOINTS === "external" });
  return handle;
}

/** Closes the client (tests and CLI commands call this before exiting). */
export async function closeDatabase(): Promise<void> {
  const current = handle;
  handle = undefined;
  await current?.db.$disconnect();
}
