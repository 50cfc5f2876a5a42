import { z } from "zod";
import { systemClock, type AdapterOptions, type CarrierAdapter, type TrackRequest, type TrackResult } from "~/carriers/adapter";
import { chunk, settleBatch, toTrackResult } from "~/carriers/mapping";
import type { PushDestination, SubscribeOutcome, SubscriptionClient } from "~/carriers/plugin";
import { AFTERSHIP_MAX_NUMBERS_PER_REQUEST, AFTERSHIP_PRODUCTION_URL, AfterShipClient } from "./client.server";
import { AFTERSHIP_ALREADY_EXISTS, parseAfterShipResponse } from "./parse";

/** What a merchant (or Trackline's own account) enters for AfterShip: the API key and the webhook secret. */
export const AfterShipCredentials = z.object({
  apiKey: z.string().trim().min(1),
  /** Secret AfterShip signs webhooks with (Settings → Webhooks). */
  webhookSecret: z.string().trim().min(1).optional(),
});
export type AfterShipCredentials = z.infer<typeof AfterShipCredentials>;

/** An AfterShip courier slug ("royal-mail") passed as the hint; anything else lets AfterShip detect. */
function slugOf(request: TrackRequest): string | undefined {
  return request.carrierHint !== undefined && /^[a-z0-9][a-z0-9-]*$/.test(request.carrierHint) ? request.carrierHint : undefined;
}

function metaCode(json: unknown): number | undefined {
  const meta = typeof json === "object" && json !== null ? (json as { meta?: { code?: unknown } }).meta : undefined;
  return typeof meta?.code === "number" ? meta.code : undefined;
}

/**
 * Asks for a batch with one `GET /trackings?tracking_numbers=…`; numbers AfterShip does not track
 * yet are created (`POST /trackings`), which also subscribes them to AfterShip's webhooks, and the
 * created tracking is the answer for that number.
 */
export function createAfterShipAdapter(options: AdapterOptions<AfterShipCredentials>): CarrierAdapter {
  const client = new AfterShipClient({
    baseUrl: options.baseUrl ?? AFTERSHIP_PRODUCTION_URL,
    apiKey: options.credentials.apiKey,
    fetch: options.fetch ?? fetch,
    clock: options.clock ?? systemClock,
    timeoutMs: options.timeoutMs,
  });
  return {
    code: "aftership",
    maxBatchSize: AFTERSHIP_MAX_NUMBERS_PER_REQUEST,
    async track(requests: readonly TrackRequest[], signal?: AbortSignal): Promise<TrackResult[]> {
      const results: TrackResult[] = [];
      for (const batch of chunk(requests, AFTERSHIP_MAX_NUMBERS_PER_REQUEST)) {
        const listed = await settleBatch(batch, async () => {
          const json = await client.getTrackings(batch.map((r) => r.trackingNumber), signal);
          return { json, parsed: parseAfterShipResponse(json, batch.map((r) => r.trackingNumber)) };
        });
        for (const [index, result] of listed.entries()) {
          const request = batch[index]!;
          if (result.status !== "error" || result.code !== "missing_in_response") {
            results.push(result);
            continue;
          }
          const [created] = await settleBatch([request], async () => {
            const json = await client.createTracking(request.trackingNumber, slugOf(request), signal);
            if (metaCode(json) === AFTERSHIP_ALREADY_EXISTS) {
              // Created meanwhile (another worker, or the list lagged): read it back.
              const again = await client.getTrackings([request.trackingNumber], signal);
              return { json: again, parsed: parseAfterShipResponse(again, [request.trackingNumber]) };
            }
            return { json, parsed: parseAfterShipResponse(json, [request.trackingNumber]) };
          });
          results.push(created ?? toTrackResult({ kind: "error", trackingNumber: request.trackingNumber, code: "missing_in_response", message: "AfterShip did not answer", retryable: true }, undefined));
        }
      }
      return results;
    },
  };
}

function trackingIdOf(json: unknown): string | undefined {
  const data = typeof json === "object" && json !== null ? (json as { data?: { id?: unknown } }).data : undefined;
  return typeof data?.id === "string" ? data.id : undefined;
}

/** Creating an AfterShip tracking subscribes it to the account's webhooks; deleting it ends them. */
export function createAfterShipSubscriptionClient(options: AdapterOptions<AfterShipCredentials>): SubscriptionClient {
  const client = new AfterShipClient({
    baseUrl: options.baseUrl ?? AFTERSHIP_PRODUCTION_URL,
    apiKey: options.credentials.apiKey,
    fetch: options.fetch ?? fetch,
    clock: options.clock ?? systemClock,
    timeoutMs: options.timeoutMs,
  });
  return {
    async subscribe(trackingNumbers: readonly string[], _destination: PushDestination): Promise<SubscribeOutcome[]> {
      const outcomes: SubscribeOutcome[] = [];
      for (const trackingNumber of trackingNumbers) {
        try {
          let json = await client.createTracking(trackingNumber, undefined);
          if (metaCode(json) === AFTERSHIP_ALREADY_EXISTS) json = { meta: { code: 200 }, data: ((await client.getTrackings([trackingNumber])) as { data?: { trackings?: unknown[] } }).data?.trackings?.[0] };
          const id = trackingIdOf(json);
          const code = metaCode(json);
          if (code !== undefined && code >= 300) outcomes.push({ trackingNumber, ok: false, error: `AfterShip answered code ${code}` });
          else outcomes.push(id === undefined ? { trackingNumber, ok: true } : { trackingNumber, ok: true, externalId: id });
        } catch (error) {
          outcomes.push({ trackingNumber, ok: false, error: error instanceof Error ? error.message : String(error) });
        }
      }
      return outcomes;
    },
    async unsubscribe(entries) {
      for (const entry of entries) if (entry.externalId) await client.deleteTracking(entry.externalId);
    },
  };
}
