import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIMULATOR_CREDENTIALS, startCarrierSimulator, type CarrierSimulator } from "~/testing/carrier-simulator/server";
import { createSeventeenTrackSubscriptionClient } from "./adapter";

let simulator: CarrierSimulator;

beforeAll(async () => {
  simulator = await startCarrierSimulator({ seventeenTrackRegisterQuota: 1 });
});

afterAll(async () => {
  await simulator.close();
});

describe("17TRACK register / stoptrack as a subscription", () => {
  it("reports a quota refusal, treats 'not registered' on stoptrack as done, and fails when 17TRACK refuses the call", async () => {
    const client = createSeventeenTrackSubscriptionClient({ baseUrl: simulator.baseUrl("seventeen_track"), credentials: { apiKey: SIMULATOR_CREDENTIALS.apiKey } });
    expect(await client.subscribe(["LX000000001CN", "LX000000002CN"], { url: "https://trackline.example/webhooks/carriers/17track" })).toEqual([
      { trackingNumber: "LX000000001CN", ok: true },
      { trackingNumber: "LX000000002CN", ok: false, error: "The quota has been used up." },
    ]);
    // LX…002 was never registered: stoptrack answers -18019902, which is the state we want.
    await expect(client.unsubscribe([{ trackingNumber: "LX000000001CN" }, { trackingNumber: "LX000000002CN" }])).resolves.toBeUndefined();
    expect(simulator.subscriptions("seventeen_track")).toEqual([]);

    const wrongKey = createSeventeenTrackSubscriptionClient({ baseUrl: simulator.baseUrl("seventeen_track"), credentials: { apiKey: "wrong-key" } });
    await expect(wrongKey.unsubscribe([{ trackingNumber: "LX000000003CN" }])).rejects.toThrow("17TRACK rejected the API key");
  });
});
