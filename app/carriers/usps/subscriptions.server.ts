import { z } from "zod";
import { systemClock, type AdapterOptions } from "~/carriers/adapter";
import { subscribeEachNumber, unsubscribeEachNumber } from "~/carriers/per-number-subscriptions";
import type { PushDestination, SubscribeOutcome, SubscriptionClient } from "~/carriers/plugin";
import type { UspsCredentials } from "./adapter";
import { USPS_PRODUCTION_URL, UspsClient } from "./client.server";
import { USPS_SECRET_LENGTH } from "./push.server";

/**
 * USPS Subscriptions – Tracking v3 (`/subscriptions-tracking/v3/subscriptions`), OAuth
 * client-credentials with the `subscriptions-tracking` scope (the shared token cache):
 *
 *   POST { listenerURL, secret, filterProperties: { trackingNumber, trackingEventTypes: ["ALL_UPDATES"] } }
 *     → { subscriptionId, … }
 *   DELETE /subscriptions-tracking/v3/subscriptions/{subscriptionId}
 *
 * USPS deletes a subscription after 30 days without traffic to the listener, so Trackline treats it
 * as lasting 30 days and subscribes again a day before (USPS de-duplicates a repeated subscription).
 * The `secret` must be exactly 32 characters (USPS_PUSH_SECRET).
 *
 * Assumed where the published material is silent: the answer's id is read from `subscriptionId`
 * (else `id`); one tracking number per subscription (`filterProperties.trackingNumber`).
 */
export const USPS_SUBSCRIPTIONS_PATH = "/subscriptions-tracking/v3/subscriptions";

const UspsSubscriptionAnswer = z.looseObject({ subscriptionId: z.string().nullish(), id: z.string().nullish() });
const UspsErrorAnswer = z.looseObject({ error: z.looseObject({ code: z.unknown(), message: z.string().nullish() }).nullish() });

export function createUspsSubscriptionClient(options: AdapterOptions<UspsCredentials>): SubscriptionClient {
  const client = new UspsClient({
    baseUrl: options.baseUrl ?? USPS_PRODUCTION_URL,
    ...options.credentials,
    scope: "subscriptions-tracking",
    fetch: options.fetch ?? fetch,
    clock: options.clock ?? systemClock,
    timeoutMs: options.timeoutMs,
  });
  return {
    subscribe: (trackingNumbers: readonly string[], destination: PushDestination): Promise<SubscribeOutcome[]> =>
      subscribeEachNumber(trackingNumbers, {
        unusable: destination.credential?.length === USPS_SECRET_LENGTH ? undefined : `USPS_PUSH_SECRET must be exactly ${USPS_SECRET_LENGTH} characters`,
        create: (trackingNumber) =>
          client.call("POST", USPS_SUBSCRIPTIONS_PATH, {
            listenerURL: destination.url,
            secret: destination.credential,
            filterProperties: { trackingNumber, trackingEventTypes: ["ALL_UPDATES"] },
          }),
        refusal: (status, json) => {
          const answer = UspsErrorAnswer.safeParse(json);
          const why = answer.success ? (answer.data.error?.message ?? "") : "";
          return `USPS refused the subscription (HTTP ${status})${why ? `: ${why}` : ""}`;
        },
        idOf: (json) => {
          const answer = UspsSubscriptionAnswer.safeParse(json);
          return answer.success ? (answer.data.subscriptionId ?? answer.data.id ?? undefined) : undefined;
        },
        missingId: "USPS answered without a subscriptionId",
      }),
    unsubscribe: (entries) =>
      unsubscribeEachNumber(
        entries,
        (id) => client.call("DELETE", `${USPS_SUBSCRIPTIONS_PATH}/${encodeURIComponent(id)}`, undefined),
        "USPS did not remove every subscription",
      ),
  };
}
