import type { Clock } from "~/carriers/adapter";
import { AuthError, HttpStatusError, MalformedResponseError } from "~/carriers/errors";
import { fetchJson, trimSlash } from "~/carriers/http.server";
import { AfterShipResponse } from "./wire";

export const AFTERSHIP_PRODUCTION_URL = "https://api.aftership.com";
export const AFTERSHIP_API_VERSION = "2025-01";
/** `GET /trackings` filters by at most 50 comma-separated numbers. */
export const AFTERSHIP_MAX_NUMBERS_PER_REQUEST = 50;

export interface AfterShipClientOptions {
  baseUrl: string;
  apiKey: string;
  fetch: typeof fetch;
  clock: Clock;
  timeoutMs?: number;
}

/**
 * HTTP for the AfterShip Tracking API (`as-api-key` header). Returns the JSON envelope untouched
 * for parse.ts: AfterShip's own error codes (4003 exists, 4004 not found, 4005 invalid number, 402
 * quota) are answers, not transport failures.
 */
export class AfterShipClient {
  private readonly base: string;

  constructor(private readonly options: AfterShipClientOptions) {
    this.base = `${trimSlash(options.baseUrl)}/tracking/${AFTERSHIP_API_VERSION}`;
  }

  /** Starts tracking a number (AfterShip only reports and pushes numbers created on the account). */
  createTracking(trackingNumber: string, slug: string | undefined, signal?: AbortSignal): Promise<unknown> {
    return this.call("POST", "/trackings", slug === undefined ? { tracking_number: trackingNumber } : { tracking_number: trackingNumber, slug }, signal);
  }

  getTrackings(trackingNumbers: readonly string[], signal?: AbortSignal): Promise<unknown> {
    if (trackingNumbers.length > AFTERSHIP_MAX_NUMBERS_PER_REQUEST) {
      throw new RangeError(`AfterShip filters at most ${AFTERSHIP_MAX_NUMBERS_PER_REQUEST} numbers per request`);
    }
    return this.call("GET", `/trackings?tracking_numbers=${trackingNumbers.map(encodeURIComponent).join(",")}`, undefined, signal);
  }

  /** Stops tracking (and pushes) for a delivered or abandoned number. */
  deleteTracking(id: string, signal?: AbortSignal): Promise<unknown> {
    return this.call("DELETE", `/trackings/${encodeURIComponent(id)}`, undefined, signal);
  }

  private async call(method: "GET" | "POST" | "DELETE", path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    const res = await fetchJson({
      fetch: this.options.fetch,
      url: `${this.base}${path}`,
      method,
      headers: { "as-api-key": this.options.apiKey },
      ...(body === undefined ? {} : { body }),
      timeoutMs: this.options.timeoutMs,
      signal,
      clock: this.options.clock,
    });
    if (res.status === 401 || res.status === 403) throw new AuthError("AfterShip rejected the API key", res.text, { status: res.status });
    const envelope = AfterShipResponse.safeParse(res.json);
    // 4xx with an AfterShip envelope (not found, invalid number, quota) is an answer for the parser.
    if (envelope.success) return res.json;
    if (res.status >= 400) throw new HttpStatusError(`AfterShip returned HTTP ${res.status}`, res.text, { status: res.status });
    throw new MalformedResponseError(`AfterShip ${method} ${path.split("?")[0]} response has an unexpected shape`, res.text, { status: res.status });
  }
}
