import { z } from "zod";
import { systemClock, type AdapterOptions } from "~/carriers/adapter";
import type { SubscribeOutcome, SubscriptionClient } from "~/carriers/plugin";
import type { FedexCredentials } from "./adapter";
import { FEDEX_PRODUCTION_URL, FedexClient } from "./client.server";

/**
 * FedEx Advanced Integrated Visibility – Tracking Number Subscription API. The webhook project
 * (destination URL, security token) is set up once in the FedEx Developer Portal; its API key and
 * secret (the OAuth client-credentials of that project, via the shared token cache) then associate
 * tracking numbers with it: action `ADD` or `REMOVE`, up to 1,000 numbers per request, run by FedEx
 * as an asynchronous job whose `jobId` the answer carries. FedEx documents no expiry.
 *
 * Assumed where the published material is silent (FedEx shows this API only inside a project):
 * the path `POST /track/v1/trackingnumbers/subscriptions`, the body
 * `{ action, trackingNumberDetails: [{ trackingNumber }] }` and the answer
 * `{ output: { jobId, jobStatus } }`; FedEx errors use its usual `{ errors: [{ code, message }] }`.
 * The push destination is the project's, so the URL Trackline passes is not sent; numbers are only
 * subscribed when the project's security token is configured, since pushes cannot be verified
 * without it.
 */
export const FEDEX_SUBSCRIPTION_PATH = "/track/v1/trackingnumbers/subscriptions";
export const FEDEX_NUMBERS_PER_SUBSCRIPTION = 1000;

const FedexJobAnswer = z.looseObject({ output: z.looseObject({ jobId: z.string().nullish(), jobStatus: z.string().nullish() }).nullish() });
const FedexErrors = z.looseObject({ errors: z.array(z.looseObject({ code: z.string().nullish(), message: z.string().nullish() })) });

export function createFedexSubscriptionClient(options: AdapterOptions<FedexCredentials>): SubscriptionClient {
  const client = new FedexClient({
    baseUrl: options.baseUrl ?? FEDEX_PRODUCTION_URL,
    ...options.credentials,
    fetch: options.fetch ?? fetch,
    clock: options.clock ?? systemClock,
    timeoutMs: options.timeoutMs,
  });
  async function associate(action: "ADD" | "REMOVE", trackingNumbers: readonly string[]): Promise<{ ok: true; jobId: string } | { ok: false; error: string }> {
    const { status, json } = await client.call("POST", FEDEX_SUBSCRIPTION_PATH, {
      action,
      trackingNumberDetails: trackingNumbers.map((trackingNumber) => ({ trackingNumber })),
    });
    if (status >= 400) {
      const errors = FedexErrors.safeParse(json);
      const first = errors.success ? errors.data.errors[0] : undefined;
      return { ok: false, error: `FedEx refused the tracking-number subscription (HTTP ${status})${first?.code ? `: ${first.code}` : ""}` };
    }
    const answer = FedexJobAnswer.safeParse(json);
    const jobId = answer.success ? answer.data.output?.jobId : undefined;
    return jobId ? { ok: true, jobId } : { ok: false, error: "FedEx answered without a jobId" };
  }
  return {
    async subscribe(trackingNumbers, destination): Promise<SubscribeOutcome[]> {
      if (!destination.credential) {
        return trackingNumbers.map((trackingNumber) => ({ trackingNumber, ok: false, error: "no FedEx webhook security token configured (FEDEX_WEBHOOK_SECURITY_TOKEN)" }));
      }
      try {
        const answer = await associate("ADD", trackingNumbers);
        return trackingNumbers.map((trackingNumber) => (answer.ok ? { trackingNumber, ok: true } : { trackingNumber, ok: false, error: answer.error }));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return trackingNumbers.map((trackingNumber) => ({ trackingNumber, ok: false, error: message }));
      }
    },
    async unsubscribe(entries) {
      for (let start = 0; start < entries.length; start += FEDEX_NUMBERS_PER_SUBSCRIPTION) {
        const answer = await associate("REMOVE", entries.slice(start, start + FEDEX_NUMBERS_PER_SUBSCRIPTION).map((entry) => entry.trackingNumber));
        if (!answer.ok) throw new Error(answer.error);
      }
    },
  };
}
