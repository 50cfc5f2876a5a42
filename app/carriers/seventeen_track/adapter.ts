import { z } from "zod";
import { systemClock, type AdapterOptions, type CarrierAdapter, type TrackRequest, type TrackResult } from "~/carriers/adapter";
import { chunk, settleBatch } from "~/carriers/mapping";
import { SEVENTEEN_TRACK_MAX_NUMBERS_PER_REQUEST, SEVENTEEN_TRACK_PRODUCTION_URL, SeventeenTrackClient } from "./client.server";
import { SEVENTEEN_TRACK_QUOTA_CODE, SEVENTEEN_TRACK_QUOTA_ERRORS, parseSeventeenTrackResponse } from "./parse";
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
            const spent = quotaRefused((await client.register(numbers, signal)) as RegisterAnswer, numbers);
            const json = await client.getTrackInfo(numbers, signal);
            const parsed = parseSeventeenTrackResponse(json, { trackingNumbers: batch.map((r) => r.trackingNumber) });
            // A number refused for quota comes back "not registered" from gettrackinfo: the quota is
            // the reason, so the engine can hand it to the other aggregator and tell the merchant.
            if (!parsed.ok || spent.size === 0) return { json, parsed };
            return {
              json,
              parsed: {
                ok: true as const,
                items: parsed.items.map((item) => {
                  const message = spent.get(item.trackingNumber);
                  return message !== undefined && item.kind !== "found"
                    ? { kind: "error" as const, trackingNumber: item.trackingNumber, code: SEVENTEEN_TRACK_QUOTA_CODE, message, retryable: false }
                    : item;
                }),
              },
            };
          })),
        );
      }
      return results;
    },
  };
}

interface RegisterAnswer {
  code?: number;
  data?: { accepted?: { number?: string }[]; rejected?: { number?: string; error?: { code?: number; message?: string } }[]; errors?: { code?: number; message?: string }[] };
}

/** Numbers `register` refused because the account's quota is spent, with 17TRACK's message. */
function quotaRefused(answer: RegisterAnswer, numbers: readonly SeventeenTrackNumber[]): Map<string, string> {
  const spent = new Map<string, string>();
  const requestWide = answer.data?.errors?.find((error) => error.code !== undefined && SEVENTEEN_TRACK_QUOTA_ERRORS.includes(error.code));
  if (answer.code !== 0 && (requestWide || (answer.code !== undefined && SEVENTEEN_TRACK_QUOTA_ERRORS.includes(answer.code)))) {
    for (const { number } of numbers) spent.set(number, requestWide?.message ?? `17TRACK answered code ${answer.code}`);
    return spent;
  }
  for (const rejected of answer.data?.rejected ?? []) {
    const code = rejected.error?.code;
    if (rejected.number !== undefined && code !== undefined && SEVENTEEN_TRACK_QUOTA_ERRORS.includes(code)) {
      spent.set(rejected.number, rejected.error?.message ?? `17TRACK answered code ${code}`);
    }
  }
  return spent;
}

/** 17TRACK error code for "already registered": the number is subscribed already. */
const ALREADY_REGISTERED = -18019901;
/** stoptrack of a number never registered, and of one no longer being tracked. */
const NOT_REGISTERED = -18019902;
const NOT_TRACKING = -18019906;

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
      const problems: string[] = [];
      for (const batch of chunk(entries, SEVENTEEN_TRACK_MAX_NUMBERS_PER_REQUEST)) {
        const answer = (await client.stopTrack(batch.map((entry) => ({ number: entry.trackingNumber })))) as RegisterAnswer;
        if (answer.code !== 0) {
          problems.push(answer.data?.errors?.[0]?.message ?? `17TRACK answered code ${answer.code}`);
          continue;
        }
        // Not registered (-18019902) or already stopped (-18019906) is what stoptrack was for.
        for (const rejected of answer.data?.rejected ?? []) {
          if (rejected.error?.code !== NOT_REGISTERED && rejected.error?.code !== NOT_TRACKING) {
            problems.push(`${rejected.number ?? "?"}: ${rejected.error?.message ?? `code ${rejected.error?.code}`}`);
          }
        }
      }
      if (problems.length > 0) throw new Error(`17TRACK did not stop tracking every number (${problems.join("; ")})`);
    },
  };
}
