import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeClientConformance } from "~/testing/carrier-conformance";
import { simulatorAdapter } from "~/testing/carrier-simulator/harness";
import { startCarrierSimulator, type CarrierSimulator } from "~/testing/carrier-simulator/server";

describeClientConformance("dhl", { oauth: false, found: "00340434292135100186", notFound: "00340NOTFOUND100186" });

describe("dhl service disambiguation", () => {
  let sim: CarrierSimulator;
  beforeEach(async () => {
    sim = await startCarrierSimulator();
  });
  afterEach(async () => {
    await sim.close();
  });

  it("passes the carrier hint as `service` and the recipient postcode", async () => {
    const [result] = await simulatorAdapter(sim, "dhl").track([{ trackingNumber: "1234567890", carrierHint: "express", destinationPostalCode: "53113" }]);
    expect(result?.status).toBe("found");
    expect(result?.raw).toMatchObject({ shipments: [{ service: "express" }] });
  });
});
