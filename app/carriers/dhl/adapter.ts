import { z } from "zod";
import { systemClock, type AdapterOptions, type CarrierAdapter, type TrackRequest, type TrackResult } from "~/carriers/adapter";
import { trackEachNumber } from "~/carriers/mapping";
import { DHL_PRODUCTION_URL, DhlClient } from "./client.server";
import { parseDhlResponse } from "./parse";
import { DHL_SERVICES } from "./status-map";

/** What a merchant enters for DHL (developer.dhl.com app key for Shipment Tracking – Unified). */
export const DhlCredentials = z.object({
  apiKey: z.string().trim().min(1),
  /** Default `service` when the merchant only ships one DHL product; avoids ambiguous matches. */
  defaultService: z.enum(DHL_SERVICES).optional(),
});
export type DhlCredentials = z.infer<typeof DhlCredentials>;

export function createDhlAdapter(options: AdapterOptions<DhlCredentials>): CarrierAdapter {
  const client = new DhlClient({
    baseUrl: options.baseUrl ?? DHL_PRODUCTION_URL,
    apiKey: options.credentials.apiKey,
    fetch: options.fetch ?? fetch,
    clock: options.clock ?? systemClock,
    timeoutMs: options.timeoutMs,
  });
  return {
    code: "dhl",
    maxBatchSize: 1,
    track(requests: readonly TrackRequest[], signal?: AbortSignal): Promise<TrackResult[]> {
      return trackEachNumber(requests, async (request) => {
        const service = request.carrierHint ?? options.credentials.defaultService;
        const { json } = await client.track(request.trackingNumber, { service, recipientPostalCode: request.destinationPostalCode }, signal);
        return { json, parsed: parseDhlResponse(json, { trackingNumber: request.trackingNumber }) };
      });
    },
  };
}
