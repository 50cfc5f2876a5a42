import cluster, { type Worker } from "node:cluster";
import os from "node:os";
import { databaseTarget } from "~/config/database-target.server";
import { startSqliteCheckpointer, type SqliteCheckpointer } from "~/data/sqlite-checkpointer.server";

/**
 * The web server on every core: with WEB_CONCURRENCY > 1 (default: the number of cores; 1 in demo
 * mode, whose process also runs the simulated carriers and the sync loop) this process becomes a
 * cluster primary that forks that many workers, each running `start` (the Express server; they
 * share the listening port through Node's cluster), and restarts a worker that dies unexpectedly.
 *
 * The database stays correct across processes: each worker's group commit batches only its own
 * deliveries into one transaction, and SQLite's locks (busy_timeout) or Postgres order the
 * transactions of all workers. WAL checkpoints on SQLite run in ONE place, the primary's
 * background checkpointer; the workers neither checkpoint in their commits nor start a
 * checkpointer (SQLITE_CHECKPOINTS=external). SIGTERM/SIGINT stop the workers, then the primary.
 */
export function webConcurrency(env: Record<string, string | undefined> = process.env, cores = os.availableParallelism()): number {
  const configured = Number(env.WEB_CONCURRENCY);
  if (Number.isInteger(configured) && configured >= 1) return configured;
  const demo = ["1", "true"].includes((env.TRACKLINE_DEMO ?? "").toLowerCase());
  return demo ? 1 : Math.max(1, cores);
}

export async function runWebServer(start: () => Promise<void>): Promise<void> {
  const count = webConcurrency();
  if (cluster.isWorker || count <= 1) return start();

  const checkpoints = process.env.SQLITE_CHECKPOINTS || "background";
  const target = databaseTarget(process.env.DATABASE_URL);
  let checkpointer: SqliteCheckpointer | null = null;
  const workerEnv: Record<string, string> = { WEB_CONCURRENCY: String(count) };
  if (target.provider === "sqlite" && checkpoints === "background") {
    checkpointer = startSqliteCheckpointer(target.filePath, { onError: (message) => console.error(message) });
    workerEnv.SQLITE_CHECKPOINTS = "external";
  }
  let stopping = false;
  const fork = (): Worker => cluster.fork(workerEnv);
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    console.error(`web worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    setTimeout(fork, 1_000);
  });
  for (let index = 0; index < count; index++) fork();
  console.log(`Trackline web server: ${count} processes`);

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => Boolean(worker));
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once("exit", () => resolve());
            worker.process.kill("SIGTERM");
            setTimeout(() => worker.process.kill("SIGKILL"), 10_000).unref();
          }),
      ),
    );
    await checkpointer?.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}
