import { z } from "zod";
import { systemClock, type AdapterOptions, type CarrierAdapter, type TrackRequest, type TrackResult } from "~/carriers/adapter";
import type { PushDestination, SubscribeOutcome, SubscriptionClient } from "~/carriers/plugin";
import { trackEachNumber } from "~/carriers/mapping";
import { UPS_PRODUCTION_URL, UpsClient } from "./client.server";
import { parseUpsResponse } from "./parse";

/** What a merchant enters for UPS (developer.ups.com app credentials). */
export const UpsCredentials = z.object({
  clientId: z.string().trim().min(1),
  clientSecret: z.string().trim().min(1),
  merchantId: z.string().trim().min(1).optional(),
});
export type UpsCredentials = z.infer<typeof UpsCredentials>;

export function createUpsAdapter(options: AdapterOptions<UpsCredentials>): CarrierAdapter {
  const client = new UpsClient({
    baseUrl: options.baseUrl ?? UPS_PRODUCTION_URL,
    ...options.credentials,
    fetch: options.fetch ?? fetch,
    clock: options.clock ?? systemClock,
    timeoutMs: options.timeoutMs,
  });
  return {
    code: "ups",
    maxBatchSize: 1,
    track(requests: readonly TrackRequest[], signal?: AbortSignal): Promise<TrackResult[]> {
      return trackEachNumber(requests, async (request) => {
        const { json } = await client.track(request.trackingNumber, signal);
        return { json, parsed: parseUpsResponse(json, { trackingNumber: request.trackingNumber }) };
      });
    },
  };
}

const UpsSubscriptionResponse = z.looseObject({
  validTrackingNumbers: z.array(z.string()).nullish(),
  invalidTrackingNumbers: z.array(z.string()).nullish(),
});

/** UPS Track Alert subscriptions (14 days each; UPS offers no unsubscribe, they lapse). */
export function createUpsSubscriptionClient(options: AdapterOptions<UpsCredentials>): SubscriptionClient {
  const client = new UpsClient({
    baseUrl: options.baseUrl ?? UPS_PRODUCTION_URL,
    ...options.credentials,
    fetch: options.fetch ?? fetch,
    clock: options.clock ?? systemClock,
    timeoutMs: options.timeoutMs,
  });
  return {
    async subscribe(trackingNumbers: readonly string[], destination: PushDestination): Promise<SubscribeOutcome[]> {
      const failed = (error: string) => trackingNumbers.map((trackingNumber): SubscribeOutcome => ({ trackingNumber, ok: false, error }));
      if (!destination.credential) return failed("no Track Alert credential configured");
      try {
        const { status, json } = await client.subscribe(trackingNumbers, { url: destination.url, credential: destination.credential });
        const parsed = UpsSubscriptionResponse.safeParse(json);
        if (status >= 400 || !parsed.success) return failed(`UPS Track Alert answered HTTP ${status}`);
        const valid = new Set(parsed.data.validTrackingNumbers ?? []);
        return trackingNumbers.map((trackingNumber) =>
          valid.has(trackingNumber) ? { trackingNumber, ok: true } : { trackingNumber, ok: false, error: "UPS listed the number as invalid for Track Alert" },
        );
      } catch (error) {
        return failed(error instanceof Error ? error.message : String(error));
      }
    },
    // Track Alert subscriptions cannot be cancelled; they end 14 days after the last one.
    unsubscribe: async () => {},
  };
}
