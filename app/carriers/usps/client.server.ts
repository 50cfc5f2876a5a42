import type { Clock } from "~/carriers/adapter";
import { AuthError, HttpStatusError, MalformedResponseError } from "~/carriers/errors";
import { TokenCache, fetchJson, readExpiresIn, trimSlash } from "~/carriers/http.server";
import { oauthCallOptions, oauthJsonCall, type OAuthCallMethod, type OAuthCallOptions } from "~/carriers/oauth-call.server";
import { UspsTokenResponse } from "./wire";

export const USPS_PRODUCTION_URL = "https://apis.usps.com";

export interface UspsClientOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  fetch: typeof fetch;
  clock: Clock;
  timeoutMs?: number;
  /** OAuth scope of the tokens this client asks for: "tracking" (default) or "subscriptions-tracking". */
  scope?: string;
}

/** Auth + HTTP for USPS Tracking v3; returns the carrier's JSON untouched for parse.ts. */
export class UspsClient {
  private readonly tokens: TokenCache;
  private readonly base: string;
  private readonly calls: OAuthCallOptions;

  constructor(private readonly options: UspsClientOptions) {
    this.base = trimSlash(options.baseUrl);
    this.tokens = new TokenCache((signal) => this.fetchToken(signal), options.clock);
    // Removing a subscription USPS already dropped answers 404, possibly without a body.
    this.calls = oauthCallOptions("USPS", this.tokens, options, { bodilessOk: [404] });
  }

  async track(trackingNumber: string, signal?: AbortSignal): Promise<{ status: number; json: unknown }> {
    // A 404 without a JSON body is not an answer here: only the subscription API's DELETE reads it.
    return oauthJsonCall(
      { ...this.calls, bodilessOk: [], forbidden: "USPS refused access to the Tracking API (scope?)" },
      "GET",
      `/tracking/v3/tracking/${encodeURIComponent(trackingNumber)}?expand=DETAIL`,
      undefined,
      signal,
    );
  }

  /** Any other authorised USPS call (Subscriptions – Tracking): 4xx bodies are returned for the caller to read. */
  async call(method: OAuthCallMethod, path: string, body: unknown, signal?: AbortSignal): Promise<{ status: number; json: unknown }> {
    return oauthJsonCall(this.calls, method, path, body, signal);
  }

  private async fetchToken(signal?: AbortSignal) {
    const res = await fetchJson({
      fetch: this.options.fetch,
      url: `${this.base}/oauth2/v3/token`,
      method: "POST",
      body: {
        grant_type: "client_credentials",
        client_id: this.options.clientId,
        client_secret: this.options.clientSecret,
        // Tokens are scoped per API product: "tracking" to poll, "subscriptions-tracking" to subscribe.
        scope: this.options.scope ?? "tracking",
      },
      timeoutMs: this.options.timeoutMs,
      signal,
      clock: this.options.clock,
    });
    if (res.status === 400 || res.status === 401 || res.status === 403) {
      throw new AuthError("USPS rejected the client credentials", res.text, { status: res.status });
    }
    if (res.status !== 200) throw new HttpStatusError(`USPS token endpoint returned HTTP ${res.status}`, res.text, { status: res.status });
    const token = UspsTokenResponse.safeParse(res.json);
    if (!token.success) throw new MalformedResponseError("USPS token response has an unexpected shape", res.text, { status: res.status });
    return { accessToken: token.data.access_token, expiresInSeconds: readExpiresIn(token.data.expires_in, 3600) };
  }
}
