import type { Db } from "~/data/db.server";
import { pruneOrdersPlaced } from "~/data/fulfillments.server";
import { pruneRateLimitWindows } from "~/data/rate-limits.server";
import type { SyncEngine, SyncPassReport } from "~/services/sync/sync-engine.server";

export interface SyncLoopOptions {
  db: Db;
  engine: Pick<SyncEngine, "runOnce">;
  /** Pause when nothing was due. */
  idleMs: number;
  /**
   * Passes run at once (default 1): while one waits on the carriers, another parses and writes.
   * Each claims its own leased shipments, so no shipment is in two passes.
   */
  passesInFlight?: number;
  signal: AbortSignal;
  /** Extra work each round (e.g. the write-back dispatcher). */
  afterPass?: () => Promise<void>;
  onPass?: (report: SyncPassReport) => void;
  log?: (line: string) => void;
}

/** Waits `ms` or until the signal aborts; the abort listener goes with the wait (a worker idles thousands of times a day). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    signal.addEventListener("abort", wake, { once: true });
  });
}

/**
 * The worker loop: passes back to back while work is due, idles otherwise, and finishes the
 * passes in hand when asked to stop (SIGTERM), so no lease is left to expire needlessly. A failing
 * pass is logged and retried after the idle pause; it never kills the worker. With several passes
 * in flight, the first of them also runs the extra work and housekeeping after each of its passes.
 */
export async function runSyncLoop(options: SyncLoopOptions): Promise<void> {
  const log = options.log ?? (() => {});
  let lastPrune = 0;
  const lane = async (first: boolean) => {
    while (!options.signal.aborted) {
      let claimed = 0;
      try {
        const report = await options.engine.runOnce();
        claimed = report.claimed;
        options.onPass?.(report);
        if (first && options.afterPass) await options.afterPass();
        if (first && Date.now() - lastPrune > 3_600_000) {
          await pruneRateLimitWindows(options.db, new Date());
          await pruneOrdersPlaced(options.db, new Date());
          lastPrune = Date.now();
        }
      } catch (error) {
        log(`sync pass failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (claimed === 0) await sleep(options.idleMs, options.signal);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.passesInFlight ?? 1) }, (_, index) => lane(index === 0)));
}
