import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CarrierCode, TrackResult } from "~/carriers/adapter";
import { simulatorAdapter } from "./carrier-simulator/harness";
import { startCarrierSimulator, type CarrierSimulator } from "./carrier-simulator/server";

/**
 * The behaviour every carrier client must show against the simulator over real HTTP. Each
 * carrier's client.test.ts runs it, then adds what is specific to that carrier.
 */
export function describeClientConformance(carrier: CarrierCode, opts: { oauth: boolean; found: string; notFound: string }): void {
  describe(`${carrier} client against the simulator`, () => {
    let sim: CarrierSimulator;
    let now: number;
    const clock = () => now;

    beforeEach(async () => {
      now = Date.parse("2026-11-20T12:00:00Z");
      sim = await startCarrierSimulator({ clock, tokenTtlSeconds: 3600 });
    });
    afterEach(async () => {
      await sim.close();
    });

    const tokenCalls = () => sim.requests(carrier).filter((r) => r.path.includes("token")).length;
    const trackOne = async (options: { timeoutMs?: number; badCredentials?: boolean } = {}): Promise<TrackResult> => {
      const [result] = await simulatorAdapter(sim, carrier, { clock, ...options }).track([{ trackingNumber: opts.found }]);
      return result!;
    };

    it("tracks a known and an unknown number end to end", async () => {
      const adapter = simulatorAdapter(sim, carrier, { clock });
      const [found, missing] = await adapter.track([{ trackingNumber: opts.found }, { trackingNumber: opts.notFound }]);
      expect(found).toMatchObject({ status: "found", trackingNumber: opts.found, unmappedCodes: [] });
      if (found?.status !== "found") throw new Error("unreachable");
      const journey = sim.journey(carrier, opts.found);
      expect(found.events.length).toBe(journey.scans.filter((s) => s.at <= now).length);
      expect(found.events[0]?.occurredAt).toBe(new Date(journey.scans[0]!.at).toISOString());
      expect(missing).toMatchObject({ status: "not_found", trackingNumber: opts.notFound });
    });

    it("rejects bad credentials as a permanent auth error", async () => {
      expect(await trackOne({ badCredentials: true })).toMatchObject({ status: "error", code: "auth", retryable: false });
    });

    if (opts.oauth) {
      it("fetches a token once and reuses it", async () => {
        const adapter = simulatorAdapter(sim, carrier, { clock });
        for (let i = 0; i < 3; i++) expect((await adapter.track([{ trackingNumber: opts.found }]))[0]?.status).toBe("found");
        expect(tokenCalls()).toBe(1);
      });

      it("refreshes the token once it has expired", async () => {
        const adapter = simulatorAdapter(sim, carrier, { clock });
        await adapter.track([{ trackingNumber: opts.found }]);
        now += 2 * 3_600_000;
        expect((await adapter.track([{ trackingNumber: opts.found }]))[0]?.status).toBe("found");
        expect(tokenCalls()).toBe(2);
      });

      it("refreshes and retries once when the carrier rejects a token early (401)", async () => {
        const adapter = simulatorAdapter(sim, carrier, { clock });
        await adapter.track([{ trackingNumber: opts.found }]);
        sim.setFault(carrier, { kind: "expired_token" }, { times: 1 });
        expect((await adapter.track([{ trackingNumber: opts.found }]))[0]?.status).toBe("found");
        expect(tokenCalls()).toBe(2);
      });
    }

    it("surfaces 429 as rate_limited with Retry-After in ms", async () => {
      sim.setFault(carrier, { kind: "rate_limit", retryAfter: "7" });
      expect(await trackOne()).toMatchObject({ status: "error", code: "rate_limited", retryable: true, retryAfterMs: 7000 });
    });

    it("surfaces 5xx as a retryable server error", async () => {
      sim.setFault(carrier, { kind: "server_error", status: 502 });
      expect(await trackOne()).toMatchObject({ status: "error", code: "server", retryable: true });
    });

    it("surfaces malformed JSON as a typed, retryable error", async () => {
      sim.setFault(carrier, { kind: "malformed_json" });
      expect(await trackOne()).toMatchObject({ status: "error", code: "malformed_response", retryable: true });
    });

    it("times out a hanging carrier as a retryable error", async () => {
      sim.setFault(carrier, { kind: "hang" });
      expect(await trackOne({ timeoutMs: 300 })).toMatchObject({ status: "error", code: "timeout", retryable: true });
    });

    it("still answers through latency below the deadline", async () => {
      sim.setFault(carrier, { kind: "latency", ms: 50 });
      expect((await trackOne({ timeoutMs: 2000 })).status).toBe("found");
    });

    it("rejects when the caller aborts", async () => {
      sim.setFault(carrier, { kind: "hang" });
      const controller = new AbortController();
      const pending = simulatorAdapter(sim, carrier, { clock }).track([{ trackingNumber: opts.found }], controller.signal);
      setTimeout(() => controller.abort(), 50);
      await expect(pending).rejects.toMatchObject({ kind: "aborted" });
    });
  });
}
