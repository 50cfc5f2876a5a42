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
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.libsqlPath);
const connection = new Database(workerData.filePath);
connection.prepare("PRAGMA busy_timeout = 5000").all();
const checkpoint = connection.prepare("PRAGMA wal_checkpoint(PASSIVE)");
let failures = 0;
const timer = setInterval(() => {
  try {
    const [result] = checkpoint.all();
    failures = 0;
    parentPort.postMessage({ type: "checkpoint", result });
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

export interface SqliteCheckpointer {
  /** Resolves after the next completed checkpoint (tests). */
  nextCheckpoint(): Promise<{ busy: number; log: number; checkpointed: number }>;
  stop(): Promise<void>;
}

export function startSqliteCheckpointer(filePath: string, options: { intervalMs?: number; onError?: (message: string) => void } = {}): SqliteCheckpointer {
  const libsqlPath = createRequire(import.meta.url).resolve("libsql");
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { libsqlPath, filePath, intervalMs: options.intervalMs ?? 1_000 } });
  // The thread must not keep a finished process alive.
  worker.unref();
  const waiting: ((result: { busy: number; log: number; checkpointed: number }) => void)[] = [];
  worker.on("message", (message: { type: "checkpoint"; result: { busy: number; log: number; checkpointed: number } } | { type: "error"; message: string }) => {
    if (message.type === "error") options.onError?.(`SQLite WAL checkpoints are failing: ${message.message}`);
    else for (const resolve of waiting.splice(0)) resolve(message.result);
  });
  worker.on("error", (error) => options.onError?.(`SQLite checkpoint thread stopped: ${error.message}`));
  return {
    nextCheckpoint: () => new Promise((resolve) => waiting.push(resolve)),
    stop: async () => {
      worker.postMessage("stop");
      await new Promise((resolve) => worker.once("exit", resolve));
    },
  };
}
