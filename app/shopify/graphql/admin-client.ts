import { SHOPIFY_API_VERSION } from "~/config/api-version";

/**
 * A small Admin GraphQL client that owns what Shopify's cost-based rate limit needs: it reads
 * `extensions.cost.throttleStatus` from every answer, waits before a query the bucket cannot
 * afford, and retries `THROTTLED` answers after the time the bucket needs to refill. The
 * transport is injectable (`fetch`), so tests stand a local fake in for
 * `https://{shop}/admin/api/{version}/graphql.json` and every line of this file still runs.
 */

export type AdminFetch = (url: string, init: RequestInit) => Promise<Response>;

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  /** Points restored per second. */
  restoreRate: number;
}

export interface QueryCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

export type AdminApiErrorKind = "throttled" | "server" | "network" | "unauthorized" | "graphql" | "bad_response";

/** Why a call failed, and whether trying again later can help. */
export class AdminApiError extends Error {
  constructor(
    readonly kind: AdminApiErrorKind,
    message: string,
    readonly options: { status?: number; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = "AdminApiError";
  }

  /** Throttling, 5xx and network trouble pass; auth, schema and query errors do not. */
  get retryable(): boolean {
    return this.kind === "throttled" || this.kind === "server" || this.kind === "network";
  }
}

export interface AdminGraphqlResult<T> {
  data: T;
  cost: QueryCost | null;
}

export interface AdminRequestOptions {
  expectedCost?: number;
  /**
   * 5xx / network failures retried for this request, overriding the client's `serverRetries`.
   * A mutation that is not idempotent passes 0: Shopify may have applied it before the answer
   * was lost, so its caller checks what Shopify holds before sending it again.
   */
  serverRetries?: number;
}

export interface AdminGraphqlClient {
  shop: string;
  request<T>(query: string, variables?: Record<string, unknown>, options?: AdminRequestOptions): Promise<AdminGraphqlResult<T>>;
}

export interface AdminClientOptions {
  shop: string;
  accessToken: string;
  fetch?: AdminFetch;
  apiVersion?: string;
  /** Injected so tests do not wait for real seconds. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** THROTTLED answers retried before giving up (each after the bucket's refill time). */
  throttleRetries?: number;
  /** 5xx / network failures retried with exponential backoff (0 for callers that reschedule). */
  serverRetries?: number;
  /** Each HTTP attempt is abandoned after this long (a network error), so a caller's lease outlasts it. */
  timeoutMs?: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface GraphqlBody<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[] | string;
  extensions?: { cost?: QueryCost };
}

export function createAdminGraphqlClient(options: AdminClientOptions): AdminGraphqlClient {
  const transport = options.fetch ?? ((url, init) => fetch(url, init));
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const url = `https://${options.shop}/admin/api/${options.apiVersion ?? SHOPIFY_API_VERSION}/graphql.json`;
  const throttleRetries = options.throttleRetries ?? 5;
  const serverRetries = options.serverRetries ?? 2;
  const timeoutMs = options.timeoutMs ?? 30_000;
  /** The bucket as Shopify last described it, and when. */
  let bucket: { status: ThrottleStatus; at: number } | null = null;

  /** How long until the bucket holds `cost` points, estimated from the last answer. */
  const waitFor = (cost: number): number => {
    if (!bucket) return 0;
    const { status, at } = bucket;
    const cappedCost = Math.min(cost, status.maximumAvailable);
    const available = Math.min(status.maximumAvailable, status.currentlyAvailable + ((now() - at) / 1000) * status.restoreRate);
    if (available >= cappedCost || status.restoreRate <= 0) return 0;
    return Math.ceil(((cappedCost - available) / status.restoreRate) * 1000);
  };

  async function send<T>(query: string, variables: Record<string, unknown> | undefined): Promise<GraphqlBody<T>> {
    let response: Response;
    try {
      response = await transport(url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-Shopify-Access-Token": options.accessToken,
        },
        body: JSON.stringify({ query, variables: variables ?? {} }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new AdminApiError("network", `Shopify Admin API unreachable: ${(error as Error).message}`);
    }
    if (response.status === 429) {
      const retryAfter = Number(response.headers.get("Retry-After") ?? "1");
      throw new AdminApiError("throttled", "Shopify answered 429 Too Many Requests", {
        status: 429,
        retryAfterMs: Math.max(1, retryAfter) * 1000,
      });
    }
    if (response.status === 401 || response.status === 403) {
      throw new AdminApiError("unauthorized", `Shopify refused the access token (HTTP ${response.status})`, { status: response.status });
    }
    if (response.status >= 500) {
      throw new AdminApiError("server", `Shopify Admin API error (HTTP ${response.status})`, { status: response.status });
    }
    let body: GraphqlBody<T>;
    try {
      body = (await response.json()) as GraphqlBody<T>;
    } catch {
      throw new AdminApiError("bad_response", `Shopify answered HTTP ${response.status} with a body that is not JSON`, {
        status: response.status,
      });
    }
    if (!response.ok && !body.errors) {
      throw new AdminApiError("bad_response", `Shopify answered HTTP ${response.status}`, { status: response.status });
    }
    return body;
  }

  return {
    shop: options.shop,
    async request<T>(query: string, variables?: Record<string, unknown>, requestOptions: AdminRequestOptions = {}) {
      const serverRetryLimit = requestOptions.serverRetries ?? serverRetries;
      let throttledAttempts = 0;
      let serverAttempts = 0;
      for (;;) {
        const wait = waitFor(requestOptions.expectedCost ?? 1);
        if (wait > 0) await sleep(wait);
        let body: GraphqlBody<T>;
        try {
          body = await send<T>(query, variables);
        } catch (error) {
          if (error instanceof AdminApiError && error.kind === "throttled" && throttledAttempts < throttleRetries) {
            throttledAttempts += 1;
            await sleep(error.options.retryAfterMs ?? 1000);
            continue;
          }
          if (error instanceof AdminApiError && (error.kind === "server" || error.kind === "network") && serverAttempts < serverRetryLimit) {
            serverAttempts += 1;
            await sleep(500 * 2 ** serverAttempts);
            continue;
          }
          throw error;
        }
        const cost = body.extensions?.cost ?? null;
        if (cost) bucket = { status: cost.throttleStatus, at: now() };
        const errors = typeof body.errors === "string" ? [{ message: body.errors }] : (body.errors ?? []);
        if (errors.some((error) => error.extensions?.code === "THROTTLED")) {
          // The bucket could not pay for the query: wait until it can, then ask again.
          const refill = cost ? waitFor(cost.requestedQueryCost) : 1000;
          if (throttledAttempts < throttleRetries) {
            throttledAttempts += 1;
            await sleep(Math.max(refill, 250));
            continue;
          }
          throw new AdminApiError("throttled", "Shopify kept throttling the query", { retryAfterMs: Math.max(refill, 1000) });
        }
        if (errors.length > 0 || body.data === undefined || body.data === null) {
          const message = errors.map((error) => error.message).join("; ") || "no data in the answer";
          const unauthorized = errors.some((error) => error.extensions?.code === "ACCESS_DENIED");
          throw new AdminApiError(unauthorized ? "unauthorized" : "graphql", `Shopify GraphQL error: ${message}`);
        }
        return { data: body.data, cost };
      }
    },
  };
}
