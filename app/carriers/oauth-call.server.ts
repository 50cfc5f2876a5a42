import type { Clock } from "./adapter";
import { AuthError, HttpStatusError } from "./errors";
import { TokenRejected, fetchJson, trimSlash, withToken, type TokenCache } from "./http.server";

/**
 * One authorised JSON call to an OAuth client-credentials carrier API (tracking and subscription
 * APIs alike): bearer token from the client's shared cache, a single retry with a fresh
 * token after a 401, JSON in and out. 4xx answers with a JSON body are returned for the caller to
 * read; a 4xx without one is an `HttpStatusError`, except the statuses in `bodilessOk`.
 */
export interface OAuthCallOptions {
  /** Carrier name used in error messages ("FedEx returned HTTP 400"). */
  carrier: string;
  tokens: TokenCache;
  /** Base URL without a trailing slash. */
  base: string;
  fetch: typeof fetch;
  clock: Clock;
  timeoutMs?: number;
  /** Headers the carrier wants next to the token, built per request (transaction ids). */
  headers?: () => Record<string, string>;
  /** 4xx statuses whose empty or non-JSON answer is still an answer (a DELETE of something already gone). */
  bodilessOk?: readonly number[];
  /** When set, a 403 is an `AuthError` with this message (the key lacks access to the product). */
  forbidden?: string;
}

export type OAuthCallMethod = "GET" | "POST" | "DELETE";

/** The call options of a client built from its usual options (base URL, fetch, clock, timeout). */
export function oauthCallOptions(
  carrier: string,
  tokens: TokenCache,
  client: { baseUrl: string; fetch: typeof fetch; clock: Clock; timeoutMs?: number | undefined },
  extra: Pick<OAuthCallOptions, "headers" | "bodilessOk"> = {},
): OAuthCallOptions {
  return { carrier, tokens, base: trimSlash(client.baseUrl), fetch: client.fetch, clock: client.clock, timeoutMs: client.timeoutMs, ...extra };
}

export async function oauthJsonCall(
  options: OAuthCallOptions,
  method: OAuthCallMethod,
  path: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<{ status: number; json: unknown }> {
  return withToken(
    options.tokens,
    async (token) => {
      const res = await fetchJson({
        fetch: options.fetch,
        url: `${options.base}${path}`,
        method,
        headers: { authorization: `Bearer ${token}`, ...options.headers?.() },
        body,
        timeoutMs: options.timeoutMs,
        signal,
        clock: options.clock,
      });
      if (res.status === 401) throw new TokenRejected(res.text);
      if (res.status === 403 && options.forbidden !== undefined) throw new AuthError(options.forbidden, res.text, { status: 403 });
      if (res.json === undefined && res.status >= 400 && !(options.bodilessOk ?? []).includes(res.status)) {
        throw new HttpStatusError(`${options.carrier} returned HTTP ${res.status}`, res.text, { status: res.status });
      }
      return { status: res.status, json: res.json };
    },
    signal,
  );
}
