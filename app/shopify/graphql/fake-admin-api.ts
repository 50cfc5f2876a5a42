import type { AdminFetch } from "./admin-client";
import type { GraphqlOrder } from "./orders";

/**
 * A stand-in for `https://{shop}/admin/api/2026-10/graphql.json` (and the bulk result storage),
 * used as the injected transport in tests and the local tooling. It answers like Shopify:
 * `extensions.cost` with a leaky-bucket `throttleStatus` on every answer, `THROTTLED` errors when
 * the bucket cannot pay, `userErrors` for unknown fulfillments, bulk operations that finish
 * with a JSONL file. Failures can be scripted per operation.
 */

export type ScriptedFailure = "http_500" | "http_429" | "throttled" | "lost_response" | "network";

export interface FakeAdminApiOptions {
  /** Milliseconds clock (tests advance it to refill the bucket). */
  now?: () => number;
  maximumAvailable?: number;
  restoreRate?: number;
  orders?: GraphqlOrder[];
  /** Fulfillments that exist; others get a userError. Defaults to every fulfillment id asked about. */
  knownFulfillments?: Set<string>;
  /** Polls of a bulk operation before it reports COMPLETED. */
  bulkPollsUntilDone?: number;
}

interface BulkState {
  id: string;
  search: string;
  polls: number;
}

export interface FakeAdminApi {
  fetch: AdminFetch;
  /** Events Shopify holds per fulfillment (oldest first). */
  events: Map<string, { id: string; status: string; happenedAt: string; input: Record<string, unknown> }[]>;
  /** Every GraphQL operation name received, in order (THROTTLED and failed ones included). */
  calls: string[];
  fail(operation: string, ...failures: ScriptedFailure[]): void;
  bucket(): number;
}

const OPERATION = /\b(?:query|mutation)\s+(\w+)/;
const MUTATION_COST = 10;

export function createFakeAdminApi(options: FakeAdminApiOptions = {}): FakeAdminApi {
  const now = options.now ?? Date.now;
  const maximumAvailable = options.maximumAvailable ?? 2000;
  const restoreRate = options.restoreRate ?? 100;
  let available = maximumAvailable;
  let lastRefill = now();
  const events: FakeAdminApi["events"] = new Map();
  const calls: string[] = [];
  const scripted = new Map<string, ScriptedFailure[]>();
  const bulks = new Map<string, BulkState>();
  let nextId = 1;

  const refill = () => {
    const at = now();
    available = Math.min(maximumAvailable, available + ((at - lastRefill) / 1000) * restoreRate);
    lastRefill = at;
  };
  const throttleStatus = () => ({ maximumAvailable, currentlyAvailable: Math.floor(available), restoreRate });
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

  /** Charges the bucket like Shopify: refuse when the requested cost is not available. */
  const charge = (requested: number, actual: number, data: unknown) => {
    refill();
    if (available < requested) {
      return json({
        errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
        extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: throttleStatus() } },
      });
    }
    available -= actual;
    return json({ data, extensions: { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: throttleStatus() } } });
  };

  const matching = (search: string) => {
    const since = /created_at:>='([^']+)'/.exec(search)?.[1];
    return (options.orders ?? []).filter((order) => !since || order.createdAt >= since);
  };

  function handle(operation: string, variables: Record<string, unknown>): Response {
    switch (operation) {
      case "TracklineFulfillmentEventCreate": {
        const input = variables.fulfillmentEvent as Record<string, unknown>;
        const fulfillmentId = String(input.fulfillmentId);
        if (options.knownFulfillments && !options.knownFulfillments.has(fulfillmentId)) {
          return charge(MUTATION_COST, MUTATION_COST, {
            fulfillmentEventCreate: { fulfillmentEvent: null, userErrors: [{ field: ["fulfillmentEvent", "fulfillmentId"], message: "Fulfillment does not exist." }] },
          });
        }
        refill();
        if (available < MUTATION_COST) return charge(MUTATION_COST, MUTATION_COST, null);
        const event = {
          id: `gid://shopify/FulfillmentEvent/${nextId++}`,
          status: String(input.status),
          happenedAt: String(input.happenedAt ?? new Date(now()).toISOString()),
          input,
        };
        events.set(fulfillmentId, [...(events.get(fulfillmentId) ?? []), event]);
        return charge(MUTATION_COST, MUTATION_COST, {
          fulfillmentEventCreate: { fulfillmentEvent: { id: event.id, status: event.status, happenedAt: event.happenedAt }, userErrors: [] },
        });
      }
      case "TracklineFulfillmentEvents": {
        const id = String(variables.id);
        const known = !options.knownFulfillments || options.knownFulfillments.has(id);
        const nodes = [...(events.get(id) ?? [])].reverse().map(({ id: eventId, status, happenedAt }) => ({ id: eventId, status, happenedAt }));
        return charge(5, 3, { fulfillment: known ? { id, events: { nodes } } : null });
      }
      case "TracklineBackfillOrdersCount":
        return charge(1, 1, { ordersCount: { count: matching(String(variables.query)).length, precision: "EXACT" } });
      case "TracklineBackfillOrders": {
        const first = Number(variables.first);
        const all = matching(String(variables.query));
        const start = variables.after ? Number(Buffer.from(String(variables.after), "base64url").toString()) : 0;
        const nodes = all.slice(start, start + first);
        const end = start + nodes.length;
        const requested = 2 + first * 4;
        const actual = 2 + nodes.reduce((sum, order) => sum + 1 + order.fulfillments.length * 3, 0);
        return charge(requested, actual, {
          orders: {
            pageInfo: { hasNextPage: end < all.length, endCursor: nodes.length ? Buffer.from(String(end)).toString("base64url") : null },
            nodes,
          },
        });
      }
      case "TracklineBulkBackfillStart": {
        const search = /orders\(query: ("(?:[^"\\]|\\.)*")/.exec(String(variables.query))?.[1];
        const id = `gid://shopify/BulkOperation/${nextId++}`;
        bulks.set(id, { id, search: search ? (JSON.parse(search) as string) : "", polls: 0 });
        return charge(10, 10, { bulkOperationRunQuery: { bulkOperation: { id, status: "CREATED" }, userErrors: [] } });
      }
      case "TracklineBulkOperation": {
        const bulk = bulks.get(String(variables.id));
        if (!bulk) return charge(1, 1, { bulkOperation: null });
        bulk.polls += 1;
        const done = bulk.polls > (options.bulkPollsUntilDone ?? 1);
        const count = matching(bulk.search).length;
        return charge(1, 1, {
          bulkOperation: {
            id: bulk.id,
            status: done ? "COMPLETED" : "RUNNING",
            errorCode: null,
            objectCount: String(done ? count : Math.floor(count / 2)),
            url: done ? `https://storage.googleapis.com/shopify-tiers-assets-prod-us-east1/bulk/${encodeURIComponent(bulk.id)}.jsonl` : null,
            partialDataUrl: null,
          },
        });
      }
      default:
        return json({ errors: [{ message: `Field '${operation}' doesn't exist on type 'QueryRoot'`, extensions: { code: "undefinedField" } }] });
    }
  }

  /** Orders as bulk JSONL: one object per line (fulfillments are a list field, so inline). */
  function bulkJsonl(url: string): string {
    const id = decodeURIComponent(/bulk\/(.+)\.jsonl$/.exec(url)?.[1] ?? "");
    const bulk = bulks.get(id);
    return (bulk ? matching(bulk.search) : []).map((order) => JSON.stringify(order)).join("\n") + "\n";
  }

  const fetch: AdminFetch = async (url, init) => {
    if (url.startsWith("https://storage.googleapis.com/")) return new Response(bulkJsonl(url), { status: 200 });
    const body = JSON.parse(String(init.body)) as { query: string; variables?: Record<string, unknown> };
    const operation = OPERATION.exec(body.query)?.[1] ?? "anonymous";
    calls.push(operation);
    const failure = scripted.get(operation)?.shift();
    if (failure === "network") throw new TypeError("fetch failed");
    if (failure === "http_500") return json({ errors: "Internal Server Error" }, 500);
    if (failure === "http_429") return new Response("Too Many Requests", { status: 429, headers: { "Retry-After": "2" } });
    if (failure === "throttled") {
      refill();
      return json({
        errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }],
        extensions: { cost: { requestedQueryCost: 10, actualQueryCost: null, throttleStatus: { ...throttleStatus(), currentlyAvailable: 0 } } },
      });
    }
    const response = handle(operation, body.variables ?? {});
    // The call took effect, but its answer never reaches the client (connection reset).
    if (failure === "lost_response") throw new TypeError("socket hang up");
    return response;
  };

  return {
    fetch,
    events,
    calls,
    fail(operation, ...failures) {
      scripted.set(operation, [...(scripted.get(operation) ?? []), ...failures]);
    },
    bucket() {
      refill();
      return available;
    },
  };
}
