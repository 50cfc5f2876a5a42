import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * WAL checkpoints on a background thread. SQLite normally checkpoints inside the commit that
 * pushes the WAL past 1,000 pages, and libSQL runs statements on the calling thread, so one
 * request in a few hundred stalled the event loop while pages were copied and flushed. The
 * server's connection turns automatic checkpoints off (SqliteConnectionOptions.manualCheckpoints)
 * and this thread, with its own connection, runs a PASSIVE checkpoint (never blocks readers or
 * writers) every `intervalMs`. Other processes on the same file (worker, CLI) keep SQLite's
 * automatic checkpoints, which is harmless: checkpoints are safe from any connection.
 *
 * PASSIVE alone does not bound the WAL's size under continuous writes: the log starts over only
 * when a checkpoint has copied every frame and no reader still uses it, and a busy server never
 * gives it that moment, so the file grew past a hundred megabytes while writes continued. So when
 * the -wal file is larger than `walLimitBytes` after a tick, the thread runs a TRUNCATE checkpoint:
 * it waits (at most `restartWaitMs`, so a writer is never held up for longer) for the readers of
 * older snapshots to finish, copies the remaining frames and truncates the log to zero bytes;
 * writes then continue at the start of the file. A busy attempt is retried on the next tick.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const fs = require("node:fs");
const Database = require(workerData.libsqlPath);
const connection = new Database(workerData.filePath);
connection.prepare("PRAGMA busy_timeout = 5000").all();
const checkpoint = connection.prepare("PRAGMA wal_checkpoint(PASSIVE)");
const truncate = connection.prepare("PRAGMA wal_checkpoint(TRUNCATE)");
const walPath = workerData.filePath + "-wal";
const walBytes = () => {
  try {
    return fs.statSync(walPath).size;
  } catch {
    return 0;
  }
};
let failures = 0;
const timer = setInterval(() => {
  try {
    let [result] = checkpoint.all();
    let mode = "passive";
    if (walBytes() > workerData.walLimitBytes) {
      connection.prepare("PRAGMA busy_timeout = " + workerData.restartWaitMs).all();
      try {
        [result] = truncate.all();
        mode = "truncate";
      } finally {
        connection.prepare("PRAGMA busy_timeout = 5000").all();
      }
    }
    failures = 0;
    parentPort.postMessage({ type: "checkpoint", result, mode });
  } catch (error) {
    // A busy database is retried on the next tick; report only a persistent failure.
    failures += 1;
    if (failures === 10) parentPort.postMessage({ type: "error", message: String(error && error.message || error) });
  }
}, workerData.intervalMs);
parentPort.on("message", (message) => {
  if (message === "stop") {
    clearInterval(timer);
    connection.close();
    parentPort.close();
  }
});
`;

export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
  /** "truncate" when the WAL was over the limit and a TRUNCATE checkpoint ran after the PASSIVE one. */
  mode: "passive" | "truncate";
}

export interface SqliteCheckpointerOptions {
  intervalMs?: number;
  /** Above this many bytes of -wal after a tick, restart and truncate the log (default 16 MiB; env SQLITE_WAL_LIMIT_BYTES). */
  walLimitBytes?: number;
  /** How long a TRUNCATE checkpoint may wait for readers and writers (default 200 ms). */
  restartWaitMs?: number;
  onError?: (message: string) => void;
}

export const DEFAULT_WAL_LIMIT_BYTES = 16 * 1024 * 1024;

export interface SqliteCheckpointer {
  /** Resolves after the next completed checkpoint (tests). */
  nextCheckpoint(): Promise<CheckpointResult>;
  stop(): Promise<void>;
}

export function startSqliteCheckpointer(filePath: string, options: SqliteCheckpointerOptions = {}): SqliteCheckpointer {
  const libsqlPath = createRequire(import.meta.url).resolve("libsql");
  const configured = Number(process.env.SQLITE_WAL_LIMIT_BYTES);
  const walLimitBytes = options.walLimitBytes ?? (Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_WAL_LIMIT_BYTES);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { libsqlPath, filePath, intervalMs: options.intervalMs ?? 1_000, walLimitBytes, restartWaitMs: options.restartWaitMs ?? 200 },
  });
  const waiting: ((result: CheckpointResult) => void)[] = [];
  worker.on("message", (message: { type: "checkpoint"; result: Omit<CheckpointResult, "mode">; mode: CheckpointResult["mode"] } | { type: "error"; message: string }) => {
    if (message.type === "error") options.onError?.(`SQLite WAL checkpoints are failing: ${message.message}`);
    else for (const resolve of waiting.splice(0)) resolve({ ...message.result, mode: message.mode });
  });
  worker.on("error", (error) => options.onError?.(`SQLite checkpoint thread stopped: ${error.message}`));
  // The thread must not keep a finished process alive. After the listeners: adding a "message"
  // listener refs the worker's port again, which kept a stopping worker process up until SIGKILL.
  worker.unref();
  return {
    nextCheckpoint: () => new Promise((resolve) => waiting.push(resolve)),
    stop: async () => {
      worker.postMessage("stop");
      await new Promise((resolve) => worker.once("exit", resolve));
    },
  };
}
