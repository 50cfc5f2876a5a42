/**
 * Typed failures of a carrier call. The sync engine decides what to do from `retryable` and
 * `retryAfterMs` alone, so every client maps its transport and HTTP problems onto these classes
 * instead of throwing ad-hoc errors. Pure (no I/O) so parsers and the CLI can use them too.
 */
export type CarrierErrorKind =
  | "rate_limited"
  | "server"
  | "timeout"
  | "network"
  | "malformed_response"
  | "auth"
  | "http"
  | "aborted";

export abstract class CarrierError extends Error {
  abstract readonly kind: CarrierErrorKind;
  abstract readonly retryable: boolean;
  /** When the carrier told us (Retry-After) how long to wait. */
  readonly retryAfterMs?: number;
  /** HTTP status when there was a response. */
  readonly status?: number;

  constructor(message: string, init: { status?: number; retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    if (init.status !== undefined) this.status = init.status;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }
}

/** HTTP 429. `retryAfterMs` is set when the carrier sent a usable Retry-After header. */
export class RateLimitedError extends CarrierError {
  readonly kind = "rate_limited" as const;
  readonly retryable = true;
}

/** HTTP 5xx: the carrier is having a bad moment; try again later. */
export class ServerError extends CarrierError {
  readonly kind = "server" as const;
  readonly retryable = true;
  constructor(
    message: string,
    readonly body: string,
    init: { status?: number; retryAfterMs?: number } = {},
  ) {
    super(message, init);
  }
}

/** No response within our deadline (connect, headers or body). */
export class TimeoutError extends CarrierError {
  readonly kind = "timeout" as const;
  readonly retryable = true;
}

/** Connection refused/reset, DNS failure… */
export class NetworkError extends CarrierError {
  readonly kind = "network" as const;
  readonly retryable = true;
}

/**
 * The body was not the JSON we expected (not JSON at all, or JSON of the wrong shape). The body is
 * kept verbatim so support can see what the carrier actually sent. Retryable: carriers' gateways
 * return HTML error pages under load, and a later call usually succeeds.
 */
export class MalformedResponseError extends CarrierError {
  readonly kind = "malformed_response" as const;
  readonly retryable = true;
  constructor(
    message: string,
    readonly body: string,
    init: { status?: number; cause?: unknown } = {},
  ) {
    super(message, init);
  }
}

/** Credentials rejected even after a fresh token: a merchant must fix them, retrying won't help. */
export class AuthError extends CarrierError {
  readonly kind = "auth" as const;
  readonly retryable = false;
  constructor(
    message: string,
    readonly body: string,
    init: { status?: number } = {},
  ) {
    super(message, init);
  }
}

/** Any other non-success status we don't interpret (400, 403…): permanent for this request. */
export class HttpStatusError extends CarrierError {
  readonly kind = "http" as const;
  readonly retryable = false;
  constructor(
    message: string,
    readonly body: string,
    init: { status?: number } = {},
  ) {
    super(message, init);
  }
}

/** The caller's AbortSignal fired: not the carrier's fault, nothing to retry here. */
export class AbortedError extends CarrierError {
  readonly kind = "aborted" as const;
  readonly retryable = false;
}

export function isCarrierError(value: unknown): value is CarrierError {
  return value instanceof CarrierError;
}
