import { z } from "zod";
import { systemClock, type AdapterOptions, type CarrierAdapter, type TrackRequest, type TrackResult } from "~/carriers/adapter";
import { chunk, settleBatch } from "~/carriers/mapping";
import { FEDEX_MAX_NUMBERS_PER_REQUEST, FEDEX_PRODUCTION_URL, FedexClient } from "./client.server";
import { parseFedexResponse } from "./parse";

/** What a merchant enters for FedEx (developer.fedex.com project API key + secret). */
export const FedexCredentials = z.object({
  clientId: z.string().trim().min(1),
  clientSecret: z.string().trim().min(1),
});
export type FedexCredentials = z.infer<typeof FedexCredentials>;

export function createFedexAdapter(options: AdapterOptions<FedexCredentials>): CarrierAdapter {
  const client = new FedexClient({
    baseUrl: options.baseUrl ?? FEDEX_PRODUCTION_URL,
    ...options.credentials,
    fetch: options.fetch ?? fetch,
    clock: options.clock ?? systemClock,
    timeoutMs: options.timeoutMs,
  });
  return {
    code: "fedex",
    maxBatchSize: FEDEX_MAX_NUMBERS_PER_REQUEST,
    async track(requests: readonly TrackRequest[], signal?: AbortSignal): Promise<TrackResult[]> {
      const results: TrackResult[] = [];
      for (const batch of chunk(requests, FEDEX_MAX_NUMBERS_PER_REQUEST)) {
        const numbers = batch.map((r) => r.trackingNumber);
        results.push(
          ...(await settleBatch(batch, async () => {
            const { json } = await client.track(numbers, signal);
            return { json, parsed: parseFedexResponse(json, { trackingNumbers: numbers }) };
          })),
        );
      }
      return results;
    },
  };
}
