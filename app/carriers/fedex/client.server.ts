import { randomUUID } from "node:crypto";
import type { Clock } from "~/carriers/adapter";
import { AuthError, HttpStatusError, MalformedResponseError } from "~/carriers/errors";
import { TokenCache, fetchJson, readExpiresIn, trimSlash } from "~/carriers/http.server";
import { oauthCallOptions, oauthJsonCall, type OAuthCallMethod, type OAuthCallOptions } from "~/carriers/oauth-call.server";
import { FedexTokenResponse, type FedexTrackRequest } from "./wire";

export const FEDEX_PRODUCTION_URL = "https://apis.fedex.com";
/** FedEx documents at most 30 tracking numbers per track request. */
export const FEDEX_MAX_NUMBERS_PER_REQUEST = 30;

export interface FedexClientOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  fetch: typeof fetch;
  clock: Clock;
  timeoutMs?: number;
}

/** Auth + HTTP for FedEx; returns the carrier's JSON untouched for parse.ts. */
export class FedexClient {
  private readonly tokens: TokenCache;
  private readonly base: string;
  private readonly calls: OAuthCallOptions;

  constructor(private readonly options: FedexClientOptions) {
    this.base = trimSlash(options.baseUrl);
    this.tokens = new TokenCache((signal) => this.fetchToken(signal), options.clock);
    this.calls = oauthCallOptions("FedEx", this.tokens, options, { headers: () => ({ "x-locale": "en_US", "x-customer-transaction-id": randomUUID() }) });
  }

  async track(trackingNumbers: readonly string[], signal?: AbortSignal): Promise<{ status: number; json: unknown }> {
    if (trackingNumbers.length > FEDEX_MAX_NUMBERS_PER_REQUEST) {
      throw new RangeError(`FedEx accepts at most ${FEDEX_MAX_NUMBERS_PER_REQUEST} numbers per request`);
    }
    const body: FedexTrackRequest = {
      includeDetailedScans: true,
      trackingInfo: trackingNumbers.map((trackingNumber) => ({ trackingNumberInfo: { trackingNumber } })),
    };
    return oauthJsonCall({ ...this.calls, forbidden: "FedEx refused access to the Track API" }, "POST", "/track/v1/trackingnumbers", body, signal);
  }

  /**
   * Any other authorised FedEx call (the tracking-number subscription API): the same token cache,
   * JSON in and out, 4xx bodies returned for the caller to read.
   */
  async call(method: OAuthCallMethod, path: string, body: unknown, signal?: AbortSignal): Promise<{ status: number; json: unknown }> {
    return oauthJsonCall(this.calls, method, path, body, signal);
  }

  private async fetchToken(signal?: AbortSignal) {
    const res = await fetchJson({
      fetch: this.options.fetch,
      url: `${this.base}/oauth/token`,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: this.options.clientId,
        client_secret: this.options.clientSecret,
      }),
      timeoutMs: this.options.timeoutMs,
      signal,
      clock: this.options.clock,
    });
    if (res.status === 401 || res.status === 403) {
      throw new AuthError("FedEx rejected the client credentials", res.text, { status: res.status });
    }
    if (res.status !== 200) throw new HttpStatusError(`FedEx token endpoint returned HTTP ${res.status}`, res.text, { status: res.status });
    const token = FedexTokenResponse.safeParse(res.json);
    if (!token.success) throw new MalformedResponseError("FedEx token response has an unexpected shape", res.text, { status: res.status });
    return { accessToken: token.data.access_token, expiresInSeconds: readExpiresIn(token.data.expires_in, 3600) };
  }
}
