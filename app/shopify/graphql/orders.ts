import type { AdminFetch, AdminGraphqlClient } from "./admin-client";
import { AdminApiError } from "./admin-client";

/**
 * Admin GraphQL documents and helpers for the backfill: how many orders a window holds, the
 * paginated read (small shops), and the bulk operation (large shops), whose JSONL result is
 * streamed line by line.
 */

/** The fields of a fulfillment the backfill imports (same facts as the fulfillments/* webhooks). */
const FULFILLMENT_FIELDS = `
        id
        name
        status
        createdAt
        updatedAt
        trackingInfo(first: 10) { company number url }`;

export const ORDERS_COUNT = `#graphql
query TracklineBackfillOrdersCount($query: String!) {
  ordersCount(query: $query, limit: null) { count precision }
}`;

export const ORDERS_PAGE = `#graphql
query TracklineBackfillOrders($first: Int!, $after: String, $query: String!) {
  orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id
      name
      createdAt
      email
      phone
      shippingAddress { countryCodeV2 }
      fulfillments(first: 20) {${FULFILLMENT_FIELDS}
        fulfillmentLineItems(first: 100) { nodes { id } }
      }
    }
  }
}`;

/**
 * The bulk query: the same facts except line-item counts (a connection inside the `fulfillments`
 * list would come back as separate `__parentId` lines per item; the count is not worth that).
 */
export function bulkOrdersQuery(search: string): string {
  return `{
  orders(query: ${JSON.stringify(search)}, sortKey: CREATED_AT) {
    edges {
      node {
        id
        name
        createdAt
        email
        phone
        shippingAddress { countryCodeV2 }
        fulfillments {${FULFILLMENT_FIELDS}
        }
      }
    }
  }
}`;
}

export const BULK_RUN = `#graphql
mutation TracklineBulkBackfillStart($query: String!) {
  bulkOperationRunQuery(query: $query) {
    bulkOperation { id status }
    userErrors { field message code }
  }
}`;

export const BULK_STATUS = `#graphql
query TracklineBulkOperation($id: ID!) {
  bulkOperation(id: $id) { id status errorCode objectCount url partialDataUrl }
}`;

export interface GraphqlFulfillment {
  id: string;
  name: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  trackingInfo: { company: string | null; number: string | null; url: string | null }[];
  fulfillmentLineItems?: { nodes: { id: string }[] };
}

export interface GraphqlOrder {
  id: string;
  name: string;
  createdAt: string;
  email: string | null;
  phone: string | null;
  shippingAddress: { countryCodeV2: string | null } | null;
  fulfillments: GraphqlFulfillment[];
}

export interface OrdersPage {
  orders: GraphqlOrder[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** The search string of the backfill window. */
export function ordersSince(since: Date): string {
  return `created_at:>='${since.toISOString()}'`;
}

export async function countOrders(client: AdminGraphqlClient, search: string): Promise<number> {
  const { data } = await client.request<{ ordersCount: { count: number; precision: string } }>(ORDERS_COUNT, { query: search });
  return data.ordersCount.count;
}

export async function ordersPage(client: AdminGraphqlClient, search: string, after: string | null, first = 50): Promise<OrdersPage> {
  const { data } = await client.request<{
    orders: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: GraphqlOrder[] };
  }>(ORDERS_PAGE, { first, after, query: search }, { expectedCost: 2 + first * 4 });
  return { orders: data.orders.nodes, endCursor: data.orders.pageInfo.endCursor, hasNextPage: data.orders.pageInfo.hasNextPage };
}

export type BulkStatus = "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELED" | "CANCELING" | "EXPIRED";

export interface BulkOperation {
  id: string;
  status: BulkStatus;
  errorCode: string | null;
  objectCount: string | null;
  url: string | null;
  partialDataUrl: string | null;
}

export async function startBulkOrders(client: AdminGraphqlClient, search: string): Promise<string> {
  const { data } = await client.request<{
    bulkOperationRunQuery: { bulkOperation: { id: string } | null; userErrors: { message: string; code: string | null }[] };
  }>(BULK_RUN, { query: bulkOrdersQuery(search) });
  const run = data.bulkOperationRunQuery;
  if (!run.bulkOperation) {
    throw new AdminApiError("graphql", `Shopify refused the bulk operation: ${run.userErrors.map((error) => error.message).join("; ")}`);
  }
  return run.bulkOperation.id;
}

export async function bulkOperation(client: AdminGraphqlClient, id: string): Promise<BulkOperation | null> {
  const { data } = await client.request<{ bulkOperation: BulkOperation | null }>(BULK_STATUS, { id });
  return data.bulkOperation;
}

/**
 * Streams a bulk result: yields each JSON line with its 0-based index, so a reader can resume
 * after the last line it stored. Lines are parsed one at a time (results can be gigabytes).
 */
export async function* bulkResultLines(fetchFn: AdminFetch, url: string): AsyncGenerator<{ index: number; value: unknown }> {
  let response: Response;
  try {
    response = await fetchFn(url, { method: "GET" });
  } catch (error) {
    throw new AdminApiError("network", `Bulk result download failed: ${(error as Error).message}`);
  }
  if (!response.ok || !response.body) {
    throw new AdminApiError(response.status >= 500 ? "server" : "bad_response", `Bulk result download answered HTTP ${response.status}`);
  }
  const decoder = new TextDecoder();
  let buffered = "";
  let index = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true });
    let newline = buffered.indexOf("\n");
    while (newline >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line) yield { index: index++, value: JSON.parse(line) as unknown };
      newline = buffered.indexOf("\n");
    }
  }
  const rest = (buffered + decoder.decode()).trim();
  if (rest) yield { index: index++, value: JSON.parse(rest) as unknown };
}
