import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { describeClientConformance } from "~/testing/carrier-conformance";
import { simulatorAdapter } from "~/testing/carrier-simulator/harness";
import { SIMULATOR_CREDENTIALS, startCarrierSimulator, type CarrierSimulator } from "~/testing/carrier-simulator/server";
import { dhlCarrier } from "./carrier";
import { DHL_PUSH_TOKEN_HEADER } from "./push.server";

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

describe("dhl push subscription hand-shake", () => {
  let sim: CarrierSimulator;
  const received: { url: string; body: string; headers: Record<string, string> }[] = [];
  beforeEach(async () => {
    received.length = 0;
    sim = await startCarrierSimulator({
      push: {
        deliver: async (url, body, headers) => {
          received.push({ url, body, headers });
          return 200;
        },
      },
    });
  });
  afterEach(() => sim.close());

  it("activates a subscription with the secret of its validation message, and reports a wrong one", async () => {
    const client = dhlCarrier.subscriptions!.createClient({ credentials: { apiKey: SIMULATOR_CREDENTIALS.apiKey }, baseUrl: sim.baseUrl("dhl") });
    const [created] = await client.subscribe(["00340434292135100187"], { url: "https://trackline.example/webhooks/carriers/dhl", credential: "dhl-push-token" });
    expect(created).toEqual({ trackingNumber: "00340434292135100187", ok: true, externalId: "sim-dhl-sub-1" });

    // Not active yet: DHL sends the validation message (with the hook's token) and no tracking push.
    expect(await sim.pushSubscribed()).toEqual([]);
    expect(received).toHaveLength(1);
    const message = JSON.parse(received[0]!.body) as { scope: string; secret: string; self: string };
    expect([received[0]!.url, message.scope, message.self]).toEqual([
      "https://trackline.example/webhooks/carriers/dhl",
      "subscription.validate",
      "https://api-eu.dhl.com/tracking/push/v1/subscription/sim-dhl-sub-1",
    ]);
    expect(received[0]!.headers).toEqual({ [DHL_PUSH_TOKEN_HEADER]: "dhl-push-token" });

    expect(await client.activate!("sim-dhl-sub-1", "not-the-secret")).toEqual({
      ok: false,
      error: "DHL refused to activate push subscription sim-dhl-sub-1 (HTTP 400): DHL-API-Hook-Secret does not match the subscription's secret",
    });
    expect(await client.activate!("sim-dhl-sub-1", message.secret)).toEqual({ ok: true });
    expect(sim.requests("dhl").map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /tracking/push/v1/subscription",
      "POST /tracking/push/v1/subscription/sim-dhl-sub-1",
      "POST /tracking/push/v1/subscription/sim-dhl-sub-1",
    ]);

    // Active: the next round pushes the parcel's news, without another validation message.
    expect(await sim.pushSubscribed()).toEqual([{ carrier: "dhl", trackingNumber: "00340434292135100187", status: 200 }]);
    expect(received.map((r) => (JSON.parse(r.body) as { scope: string }).scope)).toEqual(["subscription.validate", "subscription.push"]);
  });
});

describe("dhl push subscription created with its secret in the answer", () => {
  function dhlApi(created: unknown) {
    const calls: { method: string; url: string; hookSecret: string | undefined }[] = [];
    const fetchFn = vi.fn<typeof fetch>(async (input, init) => {
      const headers = init?.headers as Record<string, string>;
      calls.push({ method: init?.method ?? "GET", url: String(input), hookSecret: headers["DHL-API-Hook-Secret"] });
      return calls.length === 1 ? Response.json(created, { status: 201 }) : new Response(null, { status: 204 });
    });
    const client = dhlCarrier.subscriptions!.createClient({ credentials: { apiKey: "key" }, baseUrl: "https://dhl.example", fetch: fetchFn });
    return { client, calls };
  }
  const destination = { url: "https://trackline.example/webhooks/carriers/dhl", credential: "dhl-push-token" };

  it("activates at once with that secret, the id read from `self`", async () => {
    const { client, calls } = dhlApi({ self: "https://api-eu.dhl.com/tracking/push/v1/subscription/sub-9", secret: "i5b65gX4CC3j6E8OO6NuQJoQuQelx6c9", scope: "subscription.create" });
    expect(await client.subscribe(["00340434292135100187"], destination)).toEqual([{ trackingNumber: "00340434292135100187", ok: true, externalId: "sub-9" }]);
    expect(calls).toEqual([
      { method: "POST", url: "https://dhl.example/tracking/push/v1/subscription", hookSecret: undefined },
      { method: "POST", url: "https://dhl.example/tracking/push/v1/subscription/sub-9", hookSecret: "i5b65gX4CC3j6E8OO6NuQJoQuQelx6c9" },
    ]);
  });

  it("leaves activation to the validation message when the answer has no secret", async () => {
    const { client, calls } = dhlApi({ self: "https://api-eu.dhl.com/tracking/push/v1/subscription/sub-10" });
    expect(await client.subscribe(["00340434292135100187"], destination)).toEqual([{ trackingNumber: "00340434292135100187", ok: true, externalId: "sub-10" }]);
    expect(calls.map((call) => call.url)).toEqual(["https://dhl.example/tracking/push/v1/subscription"]);
  });
});
