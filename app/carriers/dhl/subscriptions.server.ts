import { z } from "zod";
import { systemClock, type AdapterOptions } from "~/carriers/adapter";
import { MalformedResponseError } from "~/carriers/errors";
import { subscribeEachNumber, unsubscribeEachNumber } from "~/carriers/per-number-subscriptions";
import type { PushDestination, SubscribeOutcome, SubscriptionClient } from "~/carriers/plugin";
import type { DhlCredentials } from "./adapter";
import { DHL_PRODUCTION_URL, DhlClient } from "./client.server";
import { DHL_HOOK_SECRET_HEADER, DHL_PUSH_TOKEN_HEADER, subscriptionIdOf } from "./push.server";

/**
 * DHL Shipment Tracking – Unified – Push, subscriptions by shipment (developer.dhl.com push
 * collections, `POST /tracking/push/v1/subscription`, header `DHL-API-Key`):
 *
 *   { type: "Shipment", format: "Default", service, events: [...], shipmentIDs: [...],
 *     hook: { uri, authentication: { type: "ApiKeyAuthentication", header, token } } }
 *
 * DHL then POSTs tracking notifications to `hook.uri` with `token` in the named header (see
 * push.server.ts). A subscription is ended with `DELETE /tracking/push/v1/subscription/{id}`.
 * Trackline subscribes one shipment per subscription, so ending one parcel never ends another's.
 *
 * Assumed where the published material is silent:
 * - the new subscription's id is read from the answer's `id`, else `subscriptionId`, else the last
 *   path segment of `self` (the subscription schema as published in mock servers built from DHL's
 *   specification has `self`, `secret`, `scope`, `expires` and no id field, so `self` is the one
 *   expected to be there);
 * - `service` is the shop's DHL default service, else `parcel-de`;
 * - subscriptions live until removed: the schema's `expires` is not read (no example shows what it
 *   holds for a subscription by shipment).
 *
 * A new subscription is activated by the hand-shake in push.server.ts: the push route answers
 * DHL's validation message by calling `activate` (`POST …/subscription/{id}` with the secret in
 * `DHL-API-Hook-Secret`); when the creation answer itself carries the `secret`, it is activated at
 * once. Until then DHL pushes nothing, and polling goes on as before.
 */
export const DHL_PUSH_EVENTS = ["Pre-Transit", "Transit", "Delivered", "Failure", "Unknown"] as const;
export const DHL_SUBSCRIPTION_PATH = "/tracking/push/v1/subscription";

const DhlCreatedSecret = z.looseObject({ secret: z.string().nullish() });

const DhlProblem = z.looseObject({ title: z.string().nullish(), detail: z.string().nullish() });

export function createDhlSubscriptionClient(options: AdapterOptions<DhlCredentials>): SubscriptionClient {
  const client = new DhlClient({
    baseUrl: options.baseUrl ?? DHL_PRODUCTION_URL,
    apiKey: options.credentials.apiKey,
    fetch: options.fetch ?? fetch,
    clock: options.clock ?? systemClock,
    timeoutMs: options.timeoutMs,
  });
  const service = options.credentials.defaultService ?? "parcel-de";
  async function activate(subscriptionId: string, secret: string): Promise<{ ok: true } | { ok: false; error: string }> {
    try {
      const { status, json } = await client.call("POST", `${DHL_SUBSCRIPTION_PATH}/${encodeURIComponent(subscriptionId)}`, undefined, undefined, { [DHL_HOOK_SECRET_HEADER]: secret });
      if (status < 400) return { ok: true };
      return { ok: false, error: `DHL refused to activate push subscription ${subscriptionId} (HTTP ${status})${problemDetail(json)}` };
    } catch (error) {
      // A 2xx whose body is empty or not JSON still activated the subscription.
      if (error instanceof MalformedResponseError && error.status !== undefined && error.status < 300) return { ok: true };
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }
  return {
    subscribe: (trackingNumbers: readonly string[], destination: PushDestination): Promise<SubscribeOutcome[]> =>
      subscribeEachNumber(trackingNumbers, {
        unusable: destination.credential ? undefined : "no DHL push secret configured (DHL_PUSH_SECRET)",
        create: async (trackingNumber) => {
          const answer = await client.call("POST", DHL_SUBSCRIPTION_PATH, {
            type: "Shipment",
            format: "Default",
            service,
            events: DHL_PUSH_EVENTS,
            shipmentIDs: [trackingNumber],
            hook: { uri: destination.url, authentication: { type: "ApiKeyAuthentication", header: DHL_PUSH_TOKEN_HEADER, token: destination.credential } },
          });
          // The subscription schema has a `secret`: when the answer carries it, activate at once
          // rather than wait for the validation message. If that fails, the validation message
          // still can; the subscription exists either way and is recorded.
          const id = answer.status < 400 ? subscriptionIdOf(answer.json) : undefined;
          const secret = answer.status < 400 ? DhlCreatedSecret.safeParse(answer.json).data?.secret?.trim() : undefined;
          if (id && secret) await activate(id, secret);
          return answer;
        },
        refusal: (status, json) => `DHL refused the push subscription (HTTP ${status})${problemDetail(json)}`,
        idOf: subscriptionIdOf,
        missingId: "DHL answered without a subscription id",
      }),
    activate,
    unsubscribe: (entries) =>
      unsubscribeEachNumber(
        entries,
        (id) => client.call("DELETE", `${DHL_SUBSCRIPTION_PATH}/${encodeURIComponent(id)}`),
        "DHL did not remove every push subscription",
      ),
  };
}

/** ": <detail or title>" of a DHL problem+json answer, or nothing. */
function problemDetail(json: unknown): string {
  const problem = DhlProblem.safeParse(json);
  const why = problem.success ? (problem.data.detail ?? problem.data.title ?? "") : "";
  return why ? `: ${why}` : "";
}
