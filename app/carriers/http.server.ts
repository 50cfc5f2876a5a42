import {
  AbortedError,
  AuthError,
  CarrierError,
  MalformedResponseError,
  NetworkError,
  RateLimitedError,
  ServerError,
  TimeoutError,
} from "./errors";
import type { Clock } from "./adapter";

/**
 * Shared HTTP plumbing for the carrier clients: one deadline per request, JSON parsing that keeps
 * the body when it fails, Retry-After handling, and an OAuth token cache. Clients only build URLs
 * and headers and interpret carrier-specific 4xx bodies.
 */
export const DEFAULT_TIMEOUT_MS = 15_000;

export interface JsonRequest {
  fetch: typeof fetch;
  url: string;
  method?: "GET" | "POST" | "DELETE";
  headers?: Record<string, string>;
  /** A string/URLSearchParams is sent as-is; anything else is JSON-encoded. */
  body?: unknown;
  timeoutMs?: number;
  signal?: AbortSignal;
  clock?: Clock;
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON; `undefined` when the (non-2xx) body was empty or not JSON. */
  json: unknown;
  text: string;
}

/**
 * Performs the request and returns 2xx/4xx responses with their parsed JSON. Throws typed errors for
 * what no caller can interpret differently: 429 → RateLimitedError, 5xx → ServerError, deadline →
 * TimeoutError, transport failure → NetworkError, 2xx with a non-JSON body → MalformedResponseError.
 */
export async function fetchJson(req: JsonRequest): Promise<JsonResponse> {
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const clock = req.clock ?? Date.now;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, deadline]) : deadline;
  const headers: Record<string, string> = { accept: "application/json", ...req.headers };
  let body: string | URLSearchParams | undefined;
  if (req.body instanceof URLSearchParams || typeof req.body === "string") {
    body = req.body;
  } else if (req.body !== undefined) {
    body = JSON.stringify(req.body);
    headers["content-type"] ??= "application/json";
  }

  let response: Response;
  let text: string;
  try {
    response = await req.fetch(req.url, { method: req.method ?? "GET", headers, body, signal });
    // The body read shares the deadline: a server that sends headers and then stalls still times out.
    text = await response.text();
  } catch (error) {
    throw transportError(error, req.signal, timeoutMs);
  }

  const { status } = response;
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), clock());
    throw new RateLimitedError(`Rate limited by carrier (HTTP 429)`, withDefined({ status, retryAfterMs }));
  }
  if (status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), clock());
    throw new ServerError(`Carrier server error (HTTP ${status})`, text, withDefined({ status, retryAfterMs }));
  }
  const json = parseJsonOrUndefined(text);
  // 204 No Content (a DELETE's usual answer) has nothing to parse; any other 2xx must be JSON.
  if (status >= 200 && status < 300 && json === undefined && status !== 204) {
    throw new MalformedResponseError(`Carrier returned a body that is not JSON (HTTP ${status})`, text, { status });
  }
  return { status, headers: response.headers, json, text };
}

function withDefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function parseJsonOrUndefined(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function transportError(error: unknown, callerSignal: AbortSignal | undefined, timeoutMs: number): CarrierError {
  if (error instanceof CarrierError) return error;
  if (callerSignal?.aborted) return new AbortedError("Request aborted by caller", { cause: error });
  const name = error instanceof Error ? error.name : "";
  if (name === "TimeoutError" || name === "AbortError") {
    return new TimeoutError(`No complete response within ${timeoutMs} ms`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new NetworkError(`Network error: ${message}`, { cause: error });
}

/**
 * Retry-After is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3). Returns milliseconds to
 * wait, or undefined when absent/unparseable (the caller then falls back to its own backoff).
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | undefined {
  if (header == null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  if (!/[a-z]/i.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

export interface IssuedToken {
  accessToken: string;
  /** Lifetime in seconds as the carrier stated it. */
  expiresInSeconds: number;
}

/**
 * Caches one OAuth access token per client. Concurrent callers share a single in-flight fetch; the
 * token is refreshed `skewMs` before its stated expiry so we never send one that dies in flight.
 */
export class TokenCache {
  private token: { value: string; refreshAt: number } | undefined;
  private inflight: Promise<string> | undefined;

  constructor(
    private readonly fetchToken: (signal?: AbortSignal) => Promise<IssuedToken>,
    private readonly clock: Clock = Date.now,
    private readonly skewMs = 60_000,
  ) {}

  async get(signal?: AbortSignal): Promise<string> {
    if (this.token && this.clock() < this.token.refreshAt) return this.token.value;
    this.inflight ??= this.refresh(signal).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** Drops the cached token (after a 401), unless another caller already replaced it. */
  invalidate(token?: string): void {
    if (token === undefined || this.token?.value === token) this.token = undefined;
  }

  private async refresh(signal?: AbortSignal): Promise<string> {
    const issued = await this.fetchToken(signal);
    const lifetimeMs = Math.max(0, issued.expiresInSeconds * 1000);
    // Short-lived tokens (simulator, tests) would otherwise be "expired" on arrival.
    const skew = Math.min(this.skewMs, lifetimeMs / 2);
    this.token = { value: issued.accessToken, refreshAt: this.clock() + lifetimeMs - skew };
    return issued.accessToken;
  }
}

/** Thrown by a client's request function when the carrier rejected the access token itself. */
export class TokenRejected extends Error {
  constructor(readonly body: string) {
    super("Access token rejected");
  }
}

/**
 * Runs `call` with a cached token; when the carrier says the token is invalid/expired, fetches a
 * fresh one and tries exactly once more. A second rejection means the credentials are bad.
 */
export async function withToken<T>(
  cache: TokenCache,
  call: (token: string) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const first = await cache.get(signal);
  try {
    return await call(first);
  } catch (error) {
    if (!(error instanceof TokenRejected)) throw error;
    cache.invalidate(first);
  }
  const second = await cache.get(signal);
  try {
    return await call(second);
  } catch (error) {
    if (error instanceof TokenRejected) {
      cache.invalidate(second);
      throw new AuthError("Carrier rejected a freshly issued token", error.body, { status: 401 });
    }
    throw error;
  }
}

/** Base64 for HTTP Basic auth (UPS token endpoint). */
export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, "utf8").toString("base64")}`;
}

/** Reads `expires_in`, which carriers send as a number (FedEx, USPS) or a string (UPS). */
export function readExpiresIn(value: unknown, fallbackSeconds: number): number {
  const n = typeof value === "string" ? Number(value) : typeof value === "number" ? value : Number.NaN;
  return Number.isFinite(n) && n > 0 ? n : fallbackSeconds;
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
