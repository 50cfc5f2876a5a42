import type { Clock } from "~/carriers/adapter";
import { AuthError, HttpStatusError, MalformedResponseError } from "~/carriers/errors";
import { fetchJson, trimSlash } from "~/carriers/http.server";
import { SeventeenTrackResponse, type SeventeenTrackNumber } from "./wire";

export const SEVENTEEN_TRACK_PRODUCTION_URL = "https://api.17track.net";
/** 17TRACK accepts at most 40 numbers per register/gettrackinfo call. */
export const SEVENTEEN_TRACK_MAX_NUMBERS_PER_REQUEST = 40;

export interface SeventeenTrackClientOptions {
  baseUrl: string;
  apiKey: string;
  fetch: typeof fetch;
  clock: Clock;
  timeoutMs?: number;
}

/** HTTP for 17TRACK v2.2 (static `17token` header); returns JSON untouched for parse.ts. */
export class SeventeenTrackClient {
  private readonly base: string;

  constructor(private readonly options: SeventeenTrackClientOptions) {
    this.base = trimSlash(options.baseUrl);
  }

  /** Starts tracking (17TRACK only reports numbers registered on the account). */
  register(numbers: readonly SeventeenTrackNumber[], signal?: AbortSignal): Promise<unknown> {
    return this.post("register", numbers, signal);
  }

  /** Stops tracking and pushes for numbers that need no more news (delivered, shop gone). */
  stopTrack(numbers: readonly SeventeenTrackNumber[], signal?: AbortSignal): Promise<unknown> {
    return this.post("stoptrack", numbers, signal);
  }

  getTrackInfo(numbers: readonly SeventeenTrackNumber[], signal?: AbortSignal): Promise<unknown> {
    return this.post("gettrackinfo", numbers, signal);
  }

  private async post(operation: string, numbers: readonly SeventeenTrackNumber[], signal?: AbortSignal): Promise<unknown> {
    if (numbers.length > SEVENTEEN_TRACK_MAX_NUMBERS_PER_REQUEST) {
      throw new RangeError(`17TRACK accepts at most ${SEVENTEEN_TRACK_MAX_NUMBERS_PER_REQUEST} numbers per request`);
    }
    const res = await fetchJson({
      fetch: this.options.fetch,
      url: `${this.base}/track/v2.2/${operation}`,
      method: "POST",
      headers: { "17token": this.options.apiKey },
      body: numbers,
      timeoutMs: this.options.timeoutMs,
      signal,
      clock: this.options.clock,
    });
    if (res.status === 401 || res.status === 403) throw new AuthError("17TRACK rejected the API key", res.text, { status: res.status });
    if (res.status >= 400) throw new HttpStatusError(`17TRACK returned HTTP ${res.status}`, res.text, { status: res.status });
    // 17TRACK reports account-level problems (bad key, quota) inside a 200 envelope.
    const envelope = SeventeenTrackResponse.safeParse(res.json);
    if (!envelope.success) throw new MalformedResponseError(`17TRACK ${operation} response has an unexpected shape`, res.text, { status: res.status });
    return res.json;
  }
}
