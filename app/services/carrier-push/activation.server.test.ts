import { describe, expect, it } from "vitest";
import { DHL_PUSH_TOKEN_HEADER } from "~/carriers/dhl/push.server";
import type { SubscriptionClient } from "~/carriers/plugin";
import { carrierPushHandler } from "~/services/sync/carrier-push.server";
import type { SubscriptionClientSource } from "~/services/sync/subscriptions.server";
import { answerPushActivation } from "./activation.server";

const TOKEN = "dhl-push-token";
const dhl = carrierPushHandler("dhl", { DHL_PUSH_SECRET: TOKEN });
const SECRET = "i5b65gX4CC3j6E8OO6NuQJoQuQelx6c9";
const validation = JSON.stringify({ scope: "subscription.validate", secret: SECRET, self: "https://api-eu.dhl.com/tracking/push/v1/subscription/sub-1" });

function push(body: string, token = TOKEN): Request {
  return new Request("https://trackline.example/webhooks/carriers/dhl", { method: "POST", body, headers: { [DHL_PUSH_TOKEN_HEADER]: token } });
}

/** Subscription clients whose `activate` answers `answer` and records what it was asked. */
function clients(answer: { ok: true } | { ok: false; error: string } | "no-client") {
  const asked: [string, string][] = [];
  const client: SubscriptionClient = {
    subscribe: () => Promise.reject(new Error("not expected")),
    unsubscribe: () => Promise.reject(new Error("not expected")),
    activate: async (id, secret) => {
      asked.push([id, secret]);
      return answer === "no-client" ? { ok: true } : answer;
    },
  };
  let built = 0;
  const source = (): SubscriptionClientSource => {
    built += 1;
    return { clientFor: async () => (answer === "no-client" ? undefined : client), destinationFor: () => ({ url: "" }) };
  };
  return { source, asked, built: () => built };
}

describe("answerPushActivation", () => {
  it("activates the subscription with the message's secret and answers 200", async () => {
    const { source, asked } = clients({ ok: true });
    const response = await answerPushActivation(push(validation), dhl, source);
    expect([response?.status, await response?.json()]).toEqual([200, { activated: "sub-1" }]);
    expect(asked).toEqual([["sub-1", SECRET]]);
  });

  it("refuses a validation message without the subscription's token with 401, before anything else", async () => {
    const { source, asked, built } = clients({ ok: true });
    const response = await answerPushActivation(push(validation, "wrong-token"), dhl, source);
    expect([response?.status, await response?.text()]).toEqual([401, "Invalid signature"]);
    expect([asked, built()]).toEqual([[], 0]);
  });

  it("answers 502 when the carrier refuses the secret, so it asks again", async () => {
    const { source, asked } = clients({ ok: false, error: "DHL refused to activate push subscription sub-1 (HTTP 400)" });
    const response = await answerPushActivation(push(validation), dhl, source);
    expect([response?.status, await response?.json()]).toEqual([502, { activated: false, error: "DHL refused to activate push subscription sub-1 (HTTP 400)" }]);
    expect(asked).toEqual([["sub-1", SECRET]]);
  });

  it("answers 400 for a validation message it cannot act on, and 503 without credentials to activate with", async () => {
    const missing = clients({ ok: true });
    const noSecret = await answerPushActivation(push(JSON.stringify({ scope: "subscription.validate", self: "https://x/subscription/sub-1" })), dhl, missing.source);
    expect([noSecret?.status, await noSecret?.json()]).toEqual([400, { activated: false, error: "DHL validation message without a secret" }]);
    expect(missing.built()).toBe(0);

    const unconfigured = clients("no-client");
    const response = await answerPushActivation(push(validation), dhl, unconfigured.source);
    expect([response?.status, await response?.json()]).toEqual([503, { activated: false, error: "no dhl credentials to activate the push subscription with" }]);
    expect(unconfigured.asked).toEqual([]);
  });

  it("leaves tracking pushes, unreadable bodies and carriers without a hand-shake to the push intake", async () => {
    const { source, built } = clients({ ok: true });
    const tracking = push(JSON.stringify({ scope: "subscription.push", shipments: [] }));
    expect(await answerPushActivation(tracking, dhl, source)).toBeNull();
    // The intake still reads the whole body.
    expect(await tracking.text()).toBe('{"scope":"subscription.push","shipments":[]}');
    expect(await answerPushActivation(push("{not json"), dhl, source)).toBeNull();
    const ups = carrierPushHandler("ups", { UPS_TRACK_ALERT_CREDENTIAL: "c" });
    expect(await answerPushActivation(push(validation), ups, source)).toBeNull();
    expect(await answerPushActivation(push(validation), carrierPushHandler("dhl", {}), source)).toBeNull();
    expect(built()).toBe(0);
  });
});
