import { z } from "zod";
import { systemClock, type AdapterOptions, type CarrierAdapter, type TrackRequest, type TrackResult } from "~/carriers/adapter";
import { chunk, settleBatch } from "~/carriers/mapping";
import { SEVENTEEN_TRACK_MAX_NUMBERS_PER_REQUEST, SEVENTEEN_TRACK_PRODUCTION_URL, SeventeenTrackClient } from "./client.server";
import { parseSeventeenTrackResponse } from "./parse";
import type { PushDestination, SubscribeOutcome, SubscriptionClient } from "~/carriers/plugin";
import type { SeventeenTrackNumber } from "./wire";

/** What a merchant (or Trackline's own account) enters for 17TRACK: the API key and the push key. */
export const SeventeenTrackCredentials = z.object({
  apiKey: z.string().trim().min(1),
  /** Key used to verify push signatures; 17TRACK uses the API key unless configured otherwise. */
  webhookKey: z.string().trim().min(1).optional(),
});
export type SeventeenTrackCredentials = z.infer<typeof SeventeenTrackCredentials>;

function toNumber(request: TrackRequest): SeventeenTrackNumber {
  // carrierHint carries 17TRACK's numeric carrier key; without it 17TRACK auto-detects.
  const carrier = request.carrierHint !== undefined && /^\d+$/.test(request.carrierHint) ? Number(request.carrierHint) : undefined;
  return carrier === undefined ? { number: request.trackingNumber } : { number: request.trackingNumber, carrier };
}

export function createSeventeenTrackAdapter(options: AdapterOptions<SeventeenTrackCredentials>): CarrierAdapter {
  const client = new SeventeenTrackClient({
    baseUrl: options.baseUrl ?? SEVENTEEN_TRACK_PRODUCTION_URL,
    apiKey: options.credentials.apiKey,
    fetch: options.fetch ?? fetch,
    clock: options.clock ?? systemClock,
    timeoutMs: options.timeoutMs,
  });
  return {
    code: "seventeen_track",
    maxBatchSize: SEVENTEEN_TRACK_MAX_NUMBERS_PER_REQUEST,
    async track(requests: readonly TrackRequest[], signal?: AbortSignal): Promise<TrackResult[]> {
      const results: TrackResult[] = [];
      for (const batch of chunk(requests, SEVENTEEN_TRACK_MAX_NUMBERS_PER_REQUEST)) {
        const numbers = batch.map(toNumber);
        results.push(
          ...(await settleBatch(batch, async () => {
            // Registering an already-registered number is rejected harmlessly (no quota used), so we
            // always register first and let gettrackinfo report numbers that truly failed.
            await client.register(numbers, signal);
            const json = await client.getTrackInfo(numbers, signal);
            return { json, parsed: parseSeventeenTrackResponse(json, { trackingNumbers: batch.map((r) => r.trackingNumber) }) };
          })),
        );
      }
      return results;
    },
  };
}

interface RegisterAnswer {
  code?: number;
  data?: { accepted?: { number?: string }[]; rejected?: { number?: string; error?: { code?: number; message?: string } }[]; errors?: { message?: string }[] };
}

/** 17TRACK error code for "already registered": the number is subscribed already. */
const ALREADY_REGISTERED = -18019901;

/**
 * 17TRACK pushes every registered number to the account's webhook URL (set in 17TRACK's
 * dashboard), so `register` is the subscription and `stoptrack` ends it.
 */
export function createSeventeenTrackSubscriptionClient(options: AdapterOptions<SeventeenTrackCredentials>): SubscriptionClient {
  const client = new SeventeenTrackClient({
    baseUrl: options.baseUrl ?? SEVENTEEN_TRACK_PRODUCTION_URL,
    apiKey: options.credentials.apiKey,
    fetch: options.fetch ?? fetch,
    clock: options.clock ?? systemClock,
    timeoutMs: options.timeoutMs,
  });
  return {
    async subscribe(trackingNumbers: readonly string[], _destination: PushDestination): Promise<SubscribeOutcome[]> {
      try {
        const answer = (await client.register(trackingNumbers.map((number) => ({ number })))) as RegisterAnswer;
        if (answer.code !== 0) {
          const error = answer.data?.errors?.[0]?.message ?? `17TRACK answered code ${answer.code}`;
          return trackingNumbers.map((trackingNumber) => ({ trackingNumber, ok: false, error }));
        }
        const accepted = new Set((answer.data?.accepted ?? []).map((item) => item.number));
        const rejected = new Map((answer.data?.rejected ?? []).map((item) => [item.number, item.error]));
        return trackingNumbers.map((trackingNumber): SubscribeOutcome => {
          const error = rejected.get(trackingNumber);
          if (accepted.has(trackingNumber) || error?.code === ALREADY_REGISTERED) return { trackingNumber, ok: true };
          return { trackingNumber, ok: false, error: error?.message ?? "17TRACK did not register the number" };
        });
      } catch (error) {
        return trackingNumbers.map((trackingNumber) => ({ trackingNumber, ok: false, error: error instanceof Error ? error.message : String(error) }));
      }
    },
    async unsubscribe(entries) {
      for (const batch of chunk(entries, SEVENTEEN_TRACK_MAX_NUMBERS_PER_REQUEST)) {
        await client.stopTrack(batch.map((entry) => ({ number: entry.trackingNumber })));
      }
    },
  };
}
