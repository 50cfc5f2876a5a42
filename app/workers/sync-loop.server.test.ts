import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import type { SyncEngine, SyncPassReport } from "~/services/sync/sync-engine.server";
import { runSyncLoop, sleep } from "./sync-loop.server";

function report(claimed: number): SyncPassReport {
  return { claimed, updated: claimed, statusChanges: 0, writeBacksEnqueued: 0, notFound: 0, invalidConfirmed: 0, invalidToRecheck: 0, failed: 0, deferred: 0, lostLease: 0 };
}

/** An engine whose passes each take a few milliseconds and claim from a fixed amount of due work. */
function scriptedEngine(due: number, perPass: number) {
  let left = due;
  let inFlight = 0;
  const seen = { passes: 0, mostInFlight: 0, startedAfterStop: 0 };
  let stopped = false;
  const engine: Pick<SyncEngine, "runOnce"> = {
    async runOnce() {
      if (stopped) seen.startedAfterStop += 1;
      seen.passes += 1;
      inFlight += 1;
      seen.mostInFlight = Math.max(seen.mostInFlight, inFlight);
      const claimed = Math.min(left, perPass);
      left -= claimed;
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return report(claimed);
    },
  };
  return { engine, seen, stop: () => (stopped = true), left: () => left, inFlight: () => inFlight };
}

describe("the sync loop", () => {
  it("runs the configured passes at once until nothing is due, with the extra work after the first one's passes only", async () => {
    const { db } = database();
    const scripted = scriptedEngine(1000, 100);
    const stop = new AbortController();
    const reports: number[] = [];
    let afterPasses = 0;
    const loop = runSyncLoop({
      db,
      engine: scripted.engine,
      idleMs: 100,
      passesInFlight: 2,
      signal: stop.signal,
      onPass: (pass) => reports.push(pass.claimed),
      afterPass: async () => {
        afterPasses += 1;
      },
    });
    while (scripted.left() > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    stop.abort();
    scripted.stop();
    await loop;
    expect(scripted.seen.mostInFlight).toBe(2);
    expect(reports.reduce((sum, claimed) => sum + claimed, 0)).toBe(1000);
    expect(scripted.seen.startedAfterStop).toBe(0);
    expect(scripted.inFlight()).toBe(0);
    // The first pass in flight ran about half the passes; the extra work followed each of them.
    expect(afterPasses).toBeGreaterThan(0);
    expect(afterPasses).toBeLessThan(reports.length);
  });

  it("runs one pass at a time unless told otherwise", async () => {
    const { db } = database();
    const scripted = scriptedEngine(300, 100);
    const stop = new AbortController();
    let afterPasses = 0;
    const loop = runSyncLoop({ db, engine: scripted.engine, idleMs: 100, signal: stop.signal, afterPass: async () => void (afterPasses += 1) });
    while (scripted.left() > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    stop.abort();
    await loop;
    expect(scripted.seen.mostInFlight).toBe(1);
    expect(afterPasses).toBe(scripted.seen.passes);
  });

  it("leaves no abort listener behind after an idle pause, and an abort ends a pause at once", async () => {
    const controller = new AbortController();
    for (let pause = 0; pause < 50; pause++) await sleep(1, controller.signal);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    const started = performance.now();
    const long = sleep(60_000, controller.signal);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    controller.abort();
    await long;
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});
