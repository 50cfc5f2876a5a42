import type { Clock } from "~/carriers/adapter";
import { AuthError, HttpStatusError } from "~/carriers/errors";
import { fetchJson, trimSlash } from "~/carriers/http.server";

export const DHL_PRODUCTION_URL = "https://api-eu.dhl.com";

export interface DhlClientOptions {
  baseUrl: string;
  apiKey: string;
  fetch: typeof fetch;
  clock: Clock;
  timeoutMs?: number;
}

/** HTTP for DHL Unified Tracking (static API key, no OAuth); returns JSON untouched for parse.ts. */
export class DhlClient {
  private readonly base: string;

  constructor(private readonly options: DhlClientOptions) {
    this.base = trimSlash(options.baseUrl);
  }

  async track(
    trackingNumber: string,
    opts: { service?: string; recipientPostalCode?: string } = {},
    signal?: AbortSignal,
  ): Promise<{ status: number; json: unknown }> {
    const query = new URLSearchParams({ trackingNumber });
    if (opts.service) query.set("service", opts.service);
    if (opts.recipientPostalCode) query.set("recipientPostalCode", opts.recipientPostalCode);
    const res = await fetchJson({
      fetch: this.options.fetch,
      url: `${this.base}/track/shipments?${query}`,
      headers: { "DHL-API-Key": this.options.apiKey },
      timeoutMs: this.options.timeoutMs,
      signal,
      clock: this.options.clock,
    });
    // A static key has nothing to refresh: 401/403 always means the merchant must fix it.
    if (res.status === 401 || res.status === 403) throw new AuthError("DHL rejected the API key", res.text, { status: res.status });
    if (res.json === undefined && res.status >= 400) {
      throw new HttpStatusError(`DHL returned HTTP ${res.status}`, res.text, { status: res.status });
    }
    return { status: res.status, json: res.json };
  }

  /** The push subscription API (`/tracking/push/v1/…`): same key header, 4xx bodies returned for the caller to read. */
  async call(method: "POST" | "DELETE", path: string, body?: unknown, signal?: AbortSignal, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
    const res = await fetchJson({
      fetch: this.options.fetch,
      url: `${this.base}${path}`,
      method,
      headers: { ...headers, "DHL-API-Key": this.options.apiKey },
      body,
      timeoutMs: this.options.timeoutMs,
      signal,
      clock: this.options.clock,
    });
    if (res.status === 401 || res.status === 403) throw new AuthError("DHL rejected the API key", res.text, { status: res.status });
    return { status: res.status, json: res.json };
  }
}
