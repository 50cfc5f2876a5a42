import { z } from "zod";
import { systemClock, type AdapterOptions, type CarrierAdapter, type TrackRequest, type TrackResult } from "../adapter";
import { trackEachNumber } from "../mapping";
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
