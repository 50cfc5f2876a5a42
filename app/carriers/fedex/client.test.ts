import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeClientConformance } from "~/testing/carrier-conformance";
import { simulatorAdapter } from "~/testing/carrier-simulator/harness";
import { startCarrierSimulator, type CarrierSimulator } from "~/testing/carrier-simulator/server";

describeClientConformance("fedex", { oauth: true, found: "794843185271", notFound: "NOTFOUND0000" });

describe("fedex batching", () => {
  let sim: CarrierSimulator;
  beforeEach(async () => {
    sim = await startCarrierSimulator();
  });
  afterEach(async () => {
    await sim.close();
  });

  it("sends 31 numbers as 30 + 1 and returns results in request order", async () => {
    const numbers = Array.from({ length: 31 }, (_, i) => `7948431852${String(i).padStart(2, "0")}`);
    const results = await simulatorAdapter(sim, "fedex").track(numbers.map((trackingNumber) => ({ trackingNumber })));
    const calls = sim.requests("fedex").filter((r) => r.path === "/track/v1/trackingnumbers");
    expect(calls.map((c) => c.numbers.length)).toEqual([30, 1]);
    expect(results.map((r) => r.trackingNumber)).toEqual(numbers);
    expect(results.every((r) => r.status === "found")).toBe(true);
    // Each result keeps only its own part of the batch response.
    expect(results[0]!.raw).toMatchObject({ trackingNumber: numbers[0] });
  });

  it("fails only the batch that hit an error", async () => {
    sim.setFault("fedex", { kind: "server_error" }, { times: 1 });
    const numbers = Array.from({ length: 31 }, (_, i) => `79484318${String(i).padStart(4, "0")}`);
    const results = await simulatorAdapter(sim, "fedex").track(numbers.map((trackingNumber) => ({ trackingNumber })));
    expect(results.slice(0, 30).every((r) => r.status === "error" && r.retryable)).toBe(true);
    expect(results[30]!.status).toBe("found");
  });
});
