import type { AdminFetch, AdminGraphqlClient } from "./admin-client";
import { AdminApiError } from "./admin-client";

/**
 * Admin GraphQL documents and helpers for the backfill: how many orders a window holds, the
 * paginated read (small shops), the bulk operation (large shops), whose JSONL result is
 * streamed line by line, and the line-item counts neither carries in full.
 */

/**
 * The fields of a fulfillment the backfill imports (same facts as the fulfillments/* webhooks).
 * The origin is `originAddress`, the webhooks' `origin_address` (read_orders is enough);
 * `location { address }` would need read_locations, which the app does not hold.
 */
const FULFILLMENT_FIELDS = `
        id
        name
        status
        createdAt
        updatedAt
        trackingInfo(first: 10) { company number url }
        originAddress { countryCode provinceCode zip }`;

const LINE_ITEM_PAGE_INFO = "pageInfo { hasNextPage endCursor }";

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
      shippingAddress { countryCodeV2 provinceCode zip }
      fulfillments(first: 20) {${FULFILLMENT_FIELDS}
        fulfillmentLineItems(first: 100) { nodes { id } ${LINE_ITEM_PAGE_INFO} }
      }
    }
  }
}`;

/**
 * The bulk query: the same facts except line items. `Order.fulfillments` is a list, and Shopify's
 * bulk validator refuses a connection inside a list field ("Queries that contain a connection
 * field within a list field are not currently supported"), so `fulfillmentLineItems` cannot be
 * nested here; `fulfillmentLineItemCounts` asks for them by id instead. The result therefore has
 * one line per order and no `__parentId` child lines. Should a nested connection ever be added:
 * from 2026-01 `groupObjects` defaults to false, so children need not follow their parent.
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
        shippingAddress { countryCodeV2 provinceCode zip }
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

/** One page of a fulfillment's line items (only the ids: the backfill stores how many). */
export interface FulfillmentLineItemPage {
  nodes: { id: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface GraphqlFulfillment {
  id: string;
  name: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  trackingInfo: { company: string | null; number: string | null; url: string | null }[];
  /** Null unless whoever created the fulfillment gave an origin (as with the webhooks' `origin_address`). */
  originAddress: { countryCode: string; provinceCode?: string | null; zip?: string | null } | null;
  /** Pages only: the first 100; the bulk query cannot carry it. */
  fulfillmentLineItems?: FulfillmentLineItemPage;
}

export interface GraphqlOrder {
  id: string;
  name: string;
  createdAt: string;
  email: string | null;
  phone: string | null;
  shippingAddress: { countryCodeV2: string | null; provinceCode?: string | null; zip?: string | null } | null;
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

/** Fulfillments per call, each with its first 10 line items (most have fewer): about 650 points. */
const LINE_ITEM_BATCH = 50;

export const FULFILLMENT_LINE_ITEMS = `#graphql
query TracklineBackfillFulfillmentLineItems($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on Fulfillment {
      id
      fulfillmentLineItems(first: 10) { nodes { id } ${LINE_ITEM_PAGE_INFO} }
    }
  }
}`;

/** The rest of one fulfillment's line items, 250 (the most Shopify pages) at a time. */
export const FULFILLMENT_LINE_ITEMS_PAGE = `#graphql
query TracklineBackfillFulfillmentLineItemsPage($id: ID!, $after: String) {
  fulfillment(id: $id) {
    fulfillmentLineItems(first: 250, after: $after) { nodes { id } ${LINE_ITEM_PAGE_INFO} }
  }
}`;

/**
 * How many line items a fulfillment has, given the first page a query returned: pages on to the
 * end when there are more, so the count is exact. Null when the fulfillment was deleted meanwhile.
 */
export async function fulfillmentLineItemCount(client: AdminGraphqlClient, fulfillmentId: string, firstPage: FulfillmentLineItemPage): Promise<number | null> {
  let count = firstPage.nodes.length;
  let pageInfo = firstPage.pageInfo;
  while (pageInfo.hasNextPage) {
    const { data } = await client.request<{ fulfillment: { fulfillmentLineItems: FulfillmentLineItemPage } | null }>(
      FULFILLMENT_LINE_ITEMS_PAGE,
      { id: fulfillmentId, after: pageInfo.endCursor },
      { expectedCost: 253 },
    );
    if (!data.fulfillment) return null;
    count += data.fulfillment.fulfillmentLineItems.nodes.length;
    pageInfo = data.fulfillment.fulfillmentLineItems.pageInfo;
  }
  return count;
}

/**
 * Line-item counts of fulfillments by id (those the bulk query could not carry). Fulfillments
 * Shopify no longer knows are left out: their count is unknown, not zero.
 */
export async function fulfillmentLineItemCounts(client: AdminGraphqlClient, fulfillmentIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let start = 0; start < fulfillmentIds.length; start += LINE_ITEM_BATCH) {
    const ids = fulfillmentIds.slice(start, start + LINE_ITEM_BATCH);
    const { data } = await client.request<{ nodes: ({ id?: string; fulfillmentLineItems?: FulfillmentLineItemPage } | null)[] }>(
      FULFILLMENT_LINE_ITEMS,
      { ids },
      { expectedCost: 1 + ids.length * 13 },
    );
    for (const node of data.nodes) {
      if (!node?.id || !node.fulfillmentLineItems) continue;
      const count = await fulfillmentLineItemCount(client, node.id, node.fulfillmentLineItems);
      if (count !== null) counts.set(node.id, count);
    }
  }
  return counts;
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
  const reader = response.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    buffered += decoder.decode(read.value, { stream: true });
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

/**
 * Open returns of the backfill window (`read_returns`): orders whose return status is "return
 * requested" or "in progress", each with its returns and the returns' reverse deliveries (the
 * return label's tracking sits in `ReverseDeliveryShippingDeliverable.tracking`).
 */
export const OPEN_RETURNS_PAGE = `#graphql
query TracklineBackfillOpenReturns($first: Int!, $after: String, $query: String!) {
  orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id
      returns(first: 5) {
        nodes {
          id
          name
          status
          reverseFulfillmentOrders(first: 2) {
            nodes {
              reverseDeliveries(first: 2) {
                nodes {
                  id
                  deliverable {
                    ... on ReverseDeliveryShippingDeliverable {
                      tracking { number carrierName url }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}`;

export interface GraphqlReverseDelivery {
  id: string;
  /** Empty (`{}`) for a deliverable that is not a shipping one; null when none is attached. */
  deliverable: { tracking?: { number: string | null; carrierName: string | null; url: string | null } | null } | null;
}

export interface GraphqlReturn {
  id: string;
  name: string | null;
  /** ReturnStatus: REQUESTED, OPEN, CLOSED, CANCELED, DECLINED. */
  status: string;
  reverseFulfillmentOrders: { nodes: { reverseDeliveries: { nodes: GraphqlReverseDelivery[] } }[] };
}

export interface OpenReturnsPage {
  orders: { id: string; returns: { nodes: GraphqlReturn[] } }[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** The backfill window's search, narrowed to orders with a return requested or in progress. */
export function ordersWithOpenReturns(search: string): string {
  return `${search} AND (return_status:return_requested OR return_status:in_progress)`;
}

/** Shopify's calculated cost of a page: each order 1 + 5 returns × (1 + 2 reverse fulfillment orders × (1 + 2 deliveries)). */
export const openReturnsPageCost = (first: number) => 2 + first * 36;

export async function openReturnsPage(client: AdminGraphqlClient, search: string, after: string | null, first = 10): Promise<OpenReturnsPage> {
  const { data } = await client.request<{
    orders: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: OpenReturnsPage["orders"] };
  }>(OPEN_RETURNS_PAGE, { first, after, query: ordersWithOpenReturns(search) }, { expectedCost: openReturnsPageCost(first) });
  return { orders: data.orders.nodes, endCursor: data.orders.pageInfo.endCursor, hasNextPage: data.orders.pageInfo.hasNextPage };
}
