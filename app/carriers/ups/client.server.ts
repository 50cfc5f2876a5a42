import { randomUUID } from "node:crypto";
import type { Clock } from "~/carriers/adapter";
import { AuthError, HttpStatusError, MalformedResponseError } from "~/carriers/errors";
import { TokenCache, TokenRejected, basicAuth, fetchJson, readExpiresIn, trimSlash, withToken } from "~/carriers/http.server";
import { oauthCallOptions, oauthJsonCall, type OAuthCallOptions } from "~/carriers/oauth-call.server";
import { UpsTokenResponse } from "./wire";

export const UPS_PRODUCTION_URL = "https://onlinetools.ups.com";

export interface UpsClientOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Optional shipper account number, sent as x-merchant-id. */
  merchantId?: string;
  fetch: typeof fetch;
  clock: Clock;
  timeoutMs?: number;
}

/** Auth + HTTP for UPS; returns the carrier's JSON untouched for parse.ts. */
export class UpsClient {
  private readonly tokens: TokenCache;
  private readonly base: string;
  private readonly calls: OAuthCallOptions;

  constructor(private readonly options: UpsClientOptions) {
    this.base = trimSlash(options.baseUrl);
    this.tokens = new TokenCache((signal) => this.fetchToken(signal), options.clock);
    // UPS requires a unique transaction id and a source name on every call.
    this.calls = oauthCallOptions("UPS", this.tokens, options, { headers: () => ({ transId: randomUUID().replace(/-/g, "").slice(0, 32), transactionSrc: "trackline" }) });
  }

  /** One inquiry number per request: the UPS v1 details endpoint takes exactly one. */
  async track(trackingNumber: string, signal?: AbortSignal): Promise<{ status: number; json: unknown }> {
    return oauthJsonCall(
      { ...this.calls, forbidden: "UPS refused access to the Track API" },
      "GET",
      `/api/track/v1/details/${encodeURIComponent(trackingNumber)}?locale=en_US&returnSignature=false`,
      undefined,
      signal,
    );
  }

  /**
   * UPS Track Alert v1: `POST /api/track/v1/subscription/standard/package` with the numbers and
   * where to push (`destination.url`, and the `credential` UPS echoes in its header). Answers
   * `{ validTrackingNumbers: [...], invalidTrackingNumbers: [...] }`; a subscription lasts 14 days.
   */
  async subscribe(trackingNumbers: readonly string[], destination: { url: string; credential: string }, signal?: AbortSignal): Promise<{ status: number; json: unknown }> {
    return withToken(
      this.tokens,
      async (token) => {
        const res = await fetchJson({
          fetch: this.options.fetch,
          url: `${this.base}/api/track/v1/subscription/standard/package`,
          method: "POST",
          headers: { authorization: `Bearer ${token}`, ...this.calls.headers?.() },
          body: { locale: "en_US", countryCode: "US", trackingNumberList: trackingNumbers, destination: { url: destination.url, credentialType: 1, credential: destination.credential } },
          timeoutMs: this.options.timeoutMs,
          signal,
          clock: this.options.clock,
        });
        if (res.status === 401) throw new TokenRejected(res.text);
        if (res.status === 403) throw new AuthError("UPS refused access to the Track Alert API", res.text, { status: 403 });
        return { status: res.status, json: res.json };
      },
      signal,
    );
  }

  private async fetchToken(signal?: AbortSignal) {
    const headers: Record<string, string> = {
      authorization: basicAuth(this.options.clientId, this.options.clientSecret),
      "content-type": "application/x-www-form-urlencoded",
    };
    if (this.options.merchantId) headers["x-merchant-id"] = this.options.merchantId;
    const res = await fetchJson({
      fetch: this.options.fetch,
      url: `${this.base}/security/v1/oauth/token`,
      method: "POST",
      headers,
      body: new URLSearchParams({ grant_type: "client_credentials" }),
      timeoutMs: this.options.timeoutMs,
      signal,
      clock: this.options.clock,
    });
    if (res.status === 401 || res.status === 403) {
      throw new AuthError("UPS rejected the client credentials", res.text, { status: res.status });
    }
    if (res.status !== 200) throw new HttpStatusError(`UPS token endpoint returned HTTP ${res.status}`, res.text, { status: res.status });
    const token = UpsTokenResponse.safeParse(res.json);
    if (!token.success) throw new MalformedResponseError("UPS token response has an unexpected shape", res.text, { status: res.status });
    return { accessToken: token.data.access_token, expiresInSeconds: readExpiresIn(token.data.expires_in, 3600) };
  }
}
