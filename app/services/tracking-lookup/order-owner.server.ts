import type { AdminRequest } from "~/shopify/shopify.server";
import type { OrderOwnerLookup } from "./customer-account.server";

/**
 * Asks Shopify who placed an order (Admin GraphQL `order.customer.id`), with a short in-memory
 * cache: the order status page renders one extension instance per parcel and they all ask at once.
 * Ownership of an order does not change, so a few minutes of caching is safe.
 */
const ORDER_CUSTOMER_QUERY = `#graphql
  query TracklineOrderCustomer($id: ID!) {
    order(id: $id) { id customer { id } }
  }`;

const TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 10_000;
const cache = new Map<string, { owner: string | null; expiresAt: number }>();

export class OrderOwnerUnavailable extends Error {
  constructor(detail: string) {
    super(`Could not ask Shopify who placed the order: ${detail}`);
    this.name = "OrderOwnerUnavailable";
  }
}

export function shopifyOrderOwner(shop: string, admin: AdminRequest["admin"], now: () => number = Date.now): OrderOwnerLookup {
  return async (orderId) => {
    const key = `${shop}|${orderId}`;
    const hit = cache.get(key);
    if (hit && hit.expiresAt > now()) return hit.owner;
    const response = await admin.graphql(ORDER_CUSTOMER_QUERY, { variables: { id: orderId } });
    const body = (await response.json()) as { data?: { order?: { customer?: { id?: string } | null } | null }; errors?: unknown };
    if (!body.data) throw new OrderOwnerUnavailable(JSON.stringify(body.errors ?? "no data"));
    const owner = body.data.order?.customer?.id ?? null;
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
    cache.set(key, { owner, expiresAt: now() + TTL_MS });
    return owner;
  };
}

/** Tests start from an empty cache. */
export function clearOrderOwnerCache(): void {
  cache.clear();
}
