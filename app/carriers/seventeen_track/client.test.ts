import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeClientConformance } from "~/testing/carrier-conformance";
import { simulatorAdapter } from "~/testing/carrier-simulator/harness";
import { startCarrierSimulator, type CarrierSimulator } from "~/testing/carrier-simulator/server";

describeClientConformance("seventeen_track", { oauth: false, found: "LX123456789CN", notFound: "LXNOTFOUND789CN" });

describe("17TRACK batching and registration", () => {
  let sim: CarrierSimulator;
  beforeEach(async () => {
    sim = await startCarrierSimulator();
  });
  afterEach(async () => {
    await sim.close();
  });

  it("registers and queries 41 numbers as 40 + 1", async () => {
    const numbers = Array.from({ length: 41 }, (_, i) => `RR${String(i).padStart(9, "0")}CN`);
    const results = await simulatorAdapter(sim, "seventeen_track").track(numbers.map((trackingNumber) => ({ trackingNumber })));
    const calls = sim.requests("seventeen_track");
    expect(calls.filter((c) => c.path.endsWith("/register")).map((c) => c.numbers.length)).toEqual([40, 1]);
    expect(calls.filter((c) => c.path.endsWith("/gettrackinfo")).map((c) => c.numbers.length)).toEqual([40, 1]);
    expect(results.map((r) => r.trackingNumber)).toEqual(numbers);
  });

  it("keeps tracking numbers that were already registered", async () => {
    const adapter = simulatorAdapter(sim, "seventeen_track");
    await adapter.track([{ trackingNumber: "LX123456789CN" }]);
    const [again] = await adapter.track([{ trackingNumber: "LX123456789CN", carrierHint: "190271" }]);
    expect(again?.status).toBe("found");
  });
});
