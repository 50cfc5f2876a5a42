import { z } from "zod";
import { systemClock, type AdapterOptions, type CarrierAdapter, type TrackRequest, type TrackResult } from "~/carriers/adapter";
import { trackEachNumber } from "~/carriers/mapping";
import { USPS_PRODUCTION_URL, UspsClient } from "./client.server";
import { parseUspsResponse } from "./parse";

/** What a merchant enters for USPS (developers.usps.com app consumer key + secret). */
export const UspsCredentials = z.object({
  clientId: z.string().trim().min(1),
  clientSecret: z.string().trim().min(1),
});
export type UspsCredentials = z.infer<typeof UspsCredentials>;

export function createUspsAdapter(options: AdapterOptions<UspsCredentials>): CarrierAdapter {
  const client = new UspsClient({
    baseUrl: options.baseUrl ?? USPS_PRODUCTION_URL,
    ...options.credentials,
    fetch: options.fetch ?? fetch,
    clock: options.clock ?? systemClock,
    timeoutMs: options.timeoutMs,
  });
  return {
    code: "usps",
    maxBatchSize: 1,
    track(requests: readonly TrackRequest[], signal?: AbortSignal): Promise<TrackResult[]> {
      return trackEachNumber(requests, async (request) => {
        const { json } = await client.track(request.trackingNumber, signal);
        return { json, parsed: parseUspsResponse(json, { trackingNumber: request.trackingNumber }) };
      });
    },
  };
}
