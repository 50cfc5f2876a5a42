import type { AdminFetch } from "~/shopify/graphql/admin-client";
import type { GraphqlFulfillment, GraphqlOrder, GraphqlReturn } from "~/shopify/graphql/orders";

/**
 * A stand-in for `https://{shop}/admin/api/2026-10/graphql.json` (and the bulk result storage),
 * used as the injected transport in tests and the local tooling. It answers like Shopify:
 * `extensions.cost` with a leaky-bucket `throttleStatus` on every answer, `THROTTLED` errors when
 * the bucket cannot pay, `userErrors` for unknown fulfillments, bulk operations that finish
 * with a JSONL file (and refuse what Shopify's bulk validator refuses), connections paged by
 * `first` / `after`. Failures can be scripted per operation.
 */

/** A fulfillment as the fake holds it: all of its line items, paged like Shopify pages them. */
export interface FakeFulfillment extends Omit<GraphqlFulfillment, "originAddress" | "fulfillmentLineItems"> {
  originAddress?: GraphqlFulfillment["originAddress"];
  lineItemIds?: string[];
}

export interface FakeOrder extends Omit<GraphqlOrder, "fulfillments"> {
  fulfillments: FakeFulfillment[];
  /** The order's returns (`Order.returns`), answered only to queries that select them. */
  returns?: GraphqlReturn[];
  /** The order's lines with their product image (Shopify's CDN URL), for `LineItem.image`. */
  lineItems?: { id: string; name: string; imageUrl: string | null }[];
}

export type ScriptedFailure = "http_500" | "http_429" | "throttled" | "lost_response" | "network";

export interface FakeAdminApiOptions {
  /** Milliseconds clock (tests advance it to refill the bucket). */
  now?: () => number;
  maximumAvailable?: number;
  restoreRate?: number;
  orders?: FakeOrder[];
  /** Fulfillments that exist; others get a userError. Defaults to every fulfillment id asked about. */
  knownFulfillments?: Set<string>;
  /** Polls of a bulk operation before it reports COMPLETED. */
  bulkPollsUntilDone?: number;
  /** Flow trigger handles the app declares (extensions/); others get a userError. Any handle when unset. */
  flowTriggerHandles?: Set<string>;
  /** Shopify Payments disputes the shop has (ids are ShopifyPaymentsDispute gids). */
  disputes?: FakeDispute[];
}

export interface FakeDispute {
  id: string;
  status: string;
  evidenceId: string;
  /** A date (YYYY-MM-DD); evidence updates after it fail with EVIDENCE_PAST_DUE_DATE. */
  evidenceDueBy: string | null;
  order: { id: string; name: string; createdAt: string; shippingAddress: Record<string, string | null> | null } | null;
}

/** The staged-upload host the fake hands out (Shopify's is a signed Google Cloud Storage URL). */
export const FAKE_STAGED_UPLOAD_URL = "https://shopify-staged-uploads.storage.googleapis.com/";

interface BulkState {
  id: string;
  query: string;
  search: string;
  polls: number;
}

export interface FakeAdminApi {
  fetch: AdminFetch;
  /** Events Shopify holds per fulfillment (oldest first). */
  events: Map<string, { id: string; status: string; happenedAt: string; input: Record<string, unknown> }[]>;
  /** Every GraphQL operation name received, in order (THROTTLED and failed ones included). */
  calls: string[];
  /** Operation names answered THROTTLED (the bucket could not pay, or scripted), in order. */
  throttled: string[];
  /** Flow triggers received with `flowTriggerReceive` (accepted ones only), in order. */
  flowTriggers: { handle: string; payload: Record<string, unknown> }[];
  fail(operation: string, ...failures: ScriptedFailure[]): void;
  bucket(): number;
  /** Evidence as last updated, per ShopifyPaymentsDisputeEvidence id (the input as sent). */
  evidence: Map<string, Record<string, unknown>>;
  /** `stagedUploadsCreate` inputs as sent, in order. */
  stagedInputs: Record<string, unknown>[];
  /** Files received by the staged-upload host, per resource URL. */
  uploads: Map<string, { filename: string; contentType: string; bytes: Uint8Array; fields: Record<string, string> }>;
}

const OPERATION = /\b(?:query|mutation)\s+(\w+)/;
const MUTATION_COST = 10;
/** Shopify's bulk validator: "a connection field within a list field" (`Order.fulfillments` is a list). */
const CONNECTION_IN_LIST_ERROR = "Queries that contain a connection field within a list field are not currently supported.";
const FULFILLMENT_CONNECTIONS = /\b(?:fulfillmentLineItems|fulfillmentOrders|events)\b/;

/** What a query selects inside `fulfillments { … }`, or "" when it selects no fulfillments. */
function fulfillmentsSelection(query: string): string {
  const opening = /\bfulfillments\b[^{]*\{/.exec(query);
  if (!opening) return "";
  const start = opening.index + opening[0].length;
  let depth = 1;
  let at = start;
  for (; at < query.length && depth > 0; at++) {
    if (query[at] === "{") depth += 1;
    if (query[at] === "}") depth -= 1;
  }
  return query.slice(start, at - 1);
}

/** `first` of the query's `fulfillmentLineItems` (0 when it asks for none), as Shopify reads the argument. */
const lineItemsFirst = (query: string) => Number(/fulfillmentLineItems\(first: (\d+)/.exec(query)?.[1] ?? 0);
const cursorAt = (offset: number) => Buffer.from(String(offset)).toString("base64url");
const offsetOf = (cursor: unknown) => (cursor ? Number(Buffer.from(String(cursor), "base64url").toString()) : 0);

/** One page of a fulfillment's line items, shaped like `FulfillmentLineItemConnection`. */
function lineItemPage(fulfillment: FakeFulfillment, first: number, after: unknown) {
  const all = fulfillment.lineItemIds ?? [];
  const start = offsetOf(after);
  const nodes = all.slice(start, start + first).map((id) => ({ id }));
  const end = start + nodes.length;
  return { nodes, pageInfo: { hasNextPage: end < all.length, endCursor: nodes.length ? cursorAt(end) : null } };
}

/** A fulfillment as the API answers it: `originAddress` always present, line items only where asked. */
function answeredFulfillment(fulfillment: FakeFulfillment, query: string) {
  const { lineItemIds: _lineItemIds, originAddress, ...fields } = fulfillment;
  const first = lineItemsFirst(fulfillmentsSelection(query));
  return { ...fields, originAddress: originAddress ?? null, ...(first ? { fulfillmentLineItems: lineItemPage(fulfillment, first, null) } : {}) };
}

const answeredOrder = ({ returns: _returns, ...order }: FakeOrder, query: string) => ({
  ...order,
  fulfillments: order.fulfillments.map((fulfillment) => answeredFulfillment(fulfillment, query)),
});

export function createFakeAdminApi(options: FakeAdminApiOptions = {}): FakeAdminApi {
  const now = options.now ?? Date.now;
  const maximumAvailable = options.maximumAvailable ?? 2000;
  const restoreRate = options.restoreRate ?? 100;
  let available = maximumAvailable;
  let lastRefill = now();
  const events: FakeAdminApi["events"] = new Map();
  const calls: string[] = [];
  const throttled: string[] = [];
  let current = "";
  const flowTriggers: { handle: string; payload: Record<string, unknown> }[] = [];
  const scripted = new Map<string, ScriptedFailure[]>();
  const bulks = new Map<string, BulkState>();
  const evidence: FakeAdminApi["evidence"] = new Map();
  const uploads: FakeAdminApi["uploads"] = new Map();
  const staged = new Map<string, string>();
  const stagedInputs: Record<string, unknown>[] = [];
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
      throttled.push(current);
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
  const fulfillmentById = (id: string) =>
    (options.orders ?? []).flatMap((order) => order.fulfillments).find((fulfillment) => fulfillment.id === id) ?? null;

  function handle(operation: string, query: string, variables: Record<string, unknown>): Response {
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
          // Shopify's DateTime is ISO 8601 to the second ("2019-09-07T15:50:00Z"): milliseconds are not kept.
          happenedAt: new Date(String(input.happenedAt ?? new Date(now()).toISOString())).toISOString().replace(/\.\d{3}Z$/, "Z"),
          input,
        };
        events.set(fulfillmentId, [...(events.get(fulfillmentId) ?? []), event]);
        return charge(MUTATION_COST, MUTATION_COST, {
          fulfillmentEventCreate: { fulfillmentEvent: { id: event.id, status: event.status, happenedAt: event.happenedAt }, userErrors: [] },
        });
      }
      case "TracklineFlowTriggerReceive": {
        refill();
        if (available < MUTATION_COST) return charge(MUTATION_COST, MUTATION_COST, null);
        const handle = String(variables.handle ?? "");
        const payload = (variables.payload ?? {}) as Record<string, unknown>;
        // Like Flow: an unknown handle, or a payload over 50 KB, is refused with a user error.
        const userErrors = [] as { field: string[]; message: string }[];
        if (options.flowTriggerHandles && !options.flowTriggerHandles.has(handle)) userErrors.push({ field: ["handle"], message: "Invalid handle" });
        if (JSON.stringify(payload).length > 50_000) userErrors.push({ field: ["payload"], message: "Payload exceeds 50 KB" });
        if (userErrors.length === 0) flowTriggers.push({ handle, payload });
        return charge(MUTATION_COST, MUTATION_COST, { flowTriggerReceive: { userErrors } });
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
        const start = offsetOf(variables.after);
        const nodes = all.slice(start, start + first);
        const end = start + nodes.length;
        const requested = 2 + first * 4;
        const actual = 2 + nodes.reduce((sum, order) => sum + 1 + order.fulfillments.length * 3, 0);
        return charge(requested, actual, {
          orders: {
            pageInfo: { hasNextPage: end < all.length, endCursor: nodes.length ? cursorAt(end) : null },
            nodes: nodes.map((order) => answeredOrder(order, query)),
          },
        });
      }
      case "TracklineBackfillOpenReturns": {
        // `return_status:return_requested OR return_status:in_progress`: an order with a return
        // still requested or open (Shopify's aggregated OrderReturnStatus).
        const search = String(variables.query);
        if (!/return_status:return_requested OR return_status:in_progress/.test(search)) throw new Error(`unexpected open-returns search: ${search}`);
        const open = (order: FakeOrder) => (order.returns ?? []).some((value) => value.status === "REQUESTED" || value.status === "OPEN");
        const all = matching(search).filter(open);
        const first = Number(variables.first);
        const start = offsetOf(variables.after);
        const nodes = all.slice(start, start + first);
        const end = start + nodes.length;
        return charge(2 + first * 36, 2 + nodes.length * 12, {
          orders: {
            pageInfo: { hasNextPage: end < all.length, endCursor: nodes.length ? cursorAt(end) : null },
            nodes: nodes.map((order) => ({ id: order.id, returns: { nodes: order.returns ?? [] } })),
          },
        });
      }
      case "TracklineLineItemImages": {
        const ids = (variables.ids as string[]).map(String);
        // Like `nodes(ids:)`: null for an id Shopify does not know; `url(transform:)` as given.
        const nodes = ids.map((id) => {
          const order = (options.orders ?? []).find((candidate) => candidate.id === id);
          if (!order) return null;
          const lines = (order.lineItems ?? []).slice(0, 50);
          return { id, lineItems: { nodes: lines.map((line) => ({ id: line.id, name: line.name, image: line.imageUrl ? { url: line.imageUrl } : null })) } };
        });
        const actual = 1 + nodes.reduce((sum, node) => sum + (node ? 2 + node.lineItems.nodes.length : 0), 0);
        return charge(1 + ids.length * 52, actual, { nodes });
      }
      case "TracklineBackfillFulfillmentLineItems": {
        const ids = (variables.ids as string[]).map(String);
        const first = lineItemsFirst(query);
        // Like `nodes(ids:)`: null for an id Shopify does not know.
        const nodes = ids.map((id) => {
          const fulfillment = fulfillmentById(id);
          return fulfillment ? { id, fulfillmentLineItems: lineItemPage(fulfillment, first, null) } : null;
        });
        const actual = 1 + nodes.reduce((sum, node) => sum + (node ? 3 + node.fulfillmentLineItems.nodes.length : 0), 0);
        return charge(1 + ids.length * (3 + first), actual, { nodes });
      }
      case "TracklineBackfillFulfillmentLineItemsPage": {
        const fulfillment = fulfillmentById(String(variables.id));
        const first = lineItemsFirst(query);
        const page = fulfillment ? lineItemPage(fulfillment, first, variables.after) : null;
        return charge(3 + first, 3 + (page?.nodes.length ?? 0), { fulfillment: page ? { fulfillmentLineItems: page } : null });
      }
      case "TracklineBulkBackfillStart": {
        const bulkQuery = String(variables.query);
        if (FULFILLMENT_CONNECTIONS.test(fulfillmentsSelection(bulkQuery))) {
          return charge(10, 10, { bulkOperationRunQuery: { bulkOperation: null, userErrors: [{ field: ["query"], message: CONNECTION_IN_LIST_ERROR, code: "INVALID" }] } });
        }
        const search = /orders\(query: ("(?:[^"\\]|\\.)*")/.exec(bulkQuery)?.[1];
        const id = `gid://shopify/BulkOperation/${nextId++}`;
        bulks.set(id, { id, query: bulkQuery, search: search ? (JSON.parse(search) as string) : "", polls: 0 });
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
      case "TracklineDispute": {
        const dispute = (options.disputes ?? []).find((d) => d.id === String(variables.id));
        return charge(5, 3, {
          dispute: dispute
            ? {
                id: dispute.id,
                status: dispute.status.toUpperCase(),
                evidenceDueBy: dispute.evidenceDueBy,
                reasonDetails: { reason: "PRODUCT_NOT_RECEIVED", networkReasonCode: null },
                disputeEvidence: { id: dispute.evidenceId },
                order: dispute.order,
              }
            : null,
        });
      }
      case "TracklineStagedUploadsCreate": {
        const inputs = variables.input as Record<string, unknown>[];
        stagedInputs.push(...inputs);
        const userErrors: { field: string[]; message: string }[] = [];
        const stagedTargets = inputs.map((input, index) => {
          if (input.resource !== "DISPUTE_FILE_UPLOAD" && input.resource !== "FILE") userErrors.push({ field: ["input", String(index), "resource"], message: "Resource is not valid" });
          if (!input.filename || !input.mimeType) userErrors.push({ field: ["input", String(index), "filename"], message: "Filename can't be blank" });
          const key = `tmp/${nextId++}/${String(input.filename)}`;
          const resourceUrl = `${FAKE_STAGED_UPLOAD_URL}${key}`;
          staged.set(key, resourceUrl);
          return {
            url: FAKE_STAGED_UPLOAD_URL,
            resourceUrl,
            parameters: [
              { name: "key", value: key },
              { name: "Content-Type", value: String(input.mimeType) },
              { name: "policy", value: "fake-policy" },
            ],
          };
        });
        return charge(MUTATION_COST, MUTATION_COST, { stagedUploadsCreate: userErrors.length ? { stagedTargets: [], userErrors } : { stagedTargets, userErrors: [] } });
      }
      case "TracklineDisputeEvidenceUpdate": {
        const evidenceId = String(variables.id);
        const input = variables.input as Record<string, unknown>;
        const dispute = (options.disputes ?? []).find((d) => d.evidenceId === evidenceId);
        const error = (field: string[], message: string, code: string) =>
          charge(MUTATION_COST, MUTATION_COST, { disputeEvidenceUpdate: { disputeEvidence: null, userErrors: [{ field, message, code }] } });
        if (!dispute) return error(["id"], "Dispute evidence does not exist", "DISPUTE_NOT_FOUND");
        if (["won", "lost", "accepted", "charge_refunded"].includes(dispute.status) || evidence.get(evidenceId)?.submitEvidence === true) {
          return error(["id"], "Evidence has already been submitted", "EVIDENCE_ALREADY_ACCEPTED");
        }
        if (dispute.evidenceDueBy && new Date(now()).toISOString().slice(0, 10) > dispute.evidenceDueBy) {
          return error(["id"], "Evidence can no longer be submitted: the due date has passed", "EVIDENCE_PAST_DUE_DATE");
        }
        const file = input.shippingDocumentationFile as { id?: string } | undefined;
        if (file && ![...uploads.keys()].includes(String(file.id))) return error(["input", "shippingDocumentationFile", "id"], "File upload does not exist", "INVALID");
        evidence.set(evidenceId, { ...(evidence.get(evidenceId) ?? {}), ...input });
        if (input.submitEvidence === true) dispute.status = "under_review";
        return charge(MUTATION_COST, MUTATION_COST, { disputeEvidenceUpdate: { disputeEvidence: { id: evidenceId }, userErrors: [] } });
      }
      default:
        return json({ errors: [{ message: `Field '${operation}' doesn't exist on type 'QueryRoot'`, extensions: { code: "undefinedField" } }] });
    }
  }

  /**
   * Orders as bulk JSONL: one object per line, fulfillments inline (a list field, not a
   * connection), with the fields the bulk query selected (no line items: it cannot nest them).
   */
  function bulkJsonl(url: string): string {
    const id = decodeURIComponent(/bulk\/(.+)\.jsonl$/.exec(url)?.[1] ?? "");
    const bulk = bulks.get(id);
    return (bulk ? matching(bulk.search) : []).map((order) => JSON.stringify(answeredOrder(order, bulk?.query ?? ""))).join("\n") + "\n";
  }

  /** The staged-upload host: a multipart POST whose `key` field names a target handed out before. */
  async function receiveUpload(init: RequestInit): Promise<Response> {
    const form = init.body instanceof FormData ? init.body : null;
    const key = form?.get("key");
    const file = form?.get("file");
    if (!form || typeof key !== "string" || !staged.has(key) || !(file instanceof Blob)) {
      return new Response("<Error><Code>AccessDenied</Code></Error>", { status: 403, headers: { "Content-Type": "application/xml" } });
    }
    const fields: Record<string, string> = {};
    for (const [name, value] of form.entries()) if (typeof value === "string") fields[name] = value;
    uploads.set(staged.get(key)!, {
      filename: file instanceof File ? file.name : key,
      contentType: file.type,
      bytes: new Uint8Array(await file.arrayBuffer()),
      fields,
    });
    return new Response(null, { status: 204 });
  }

  const fetch: AdminFetch = async (url, init) => {
    if (url.startsWith("https://storage.googleapis.com/")) return new Response(bulkJsonl(url), { status: 200 });
    if (url.startsWith(FAKE_STAGED_UPLOAD_URL)) return receiveUpload(init);
    const body = JSON.parse(String(init.body)) as { query: string; variables?: Record<string, unknown> };
    const operation = OPERATION.exec(body.query)?.[1] ?? "anonymous";
    calls.push(operation);
    current = operation;
    const failure = scripted.get(operation)?.shift();
    if (failure === "network") throw new TypeError("fetch failed");
    if (failure === "http_500") return json({ errors: "Internal Server Error" }, 500);
    if (failure === "http_429") return new Response("Too Many Requests", { status: 429, headers: { "Retry-After": "2" } });
    if (failure === "throttled") {
      throttled.push(operation);
      refill();
      return json({
        errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }],
        extensions: { cost: { requestedQueryCost: 10, actualQueryCost: null, throttleStatus: { ...throttleStatus(), currentlyAvailable: 0 } } },
      });
    }
    const response = handle(operation, body.query, body.variables ?? {});
    // The call took effect, but its answer never reaches the client (connection reset).
    if (failure === "lost_response") throw new TypeError("socket hang up");
    return response;
  };

  return {
    fetch,
    events,
    evidence,
    uploads,
    stagedInputs,
    calls,
    throttled,
    flowTriggers,
    fail(operation, ...failures) {
      scripted.set(operation, [...(scripted.get(operation) ?? []), ...failures]);
    },
    bucket() {
      refill();
      return available;
    },
  };
}
