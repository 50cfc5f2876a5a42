import type { AdminGraphqlClient } from "./admin-client";

/**
 * Product images of orders' line items (Admin API 2026-10, `read_orders`): the fulfillment
 * webhook names what a parcel holds but carries no image. Thumbnails are asked at the size the
 * tracking page shows them (48 px, twice for sharp screens).
 */
export const LINE_ITEM_IMAGES = `#graphql
query TracklineLineItemImages($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on Order {
      id
      lineItems(first: 50) {
        nodes { id name image { url(transform: { maxWidth: 96, maxHeight: 96 }) } }
      }
    }
  }
}`;

export interface OrderLineItemImages {
  orderId: string;
  lineItems: { id: string; name: string; imageUrl: string | null }[];
}

/** Orders asked at once: each costs about 50 line items' worth of query cost. */
export const ORDERS_PER_IMAGE_QUERY = 10;

/** The line items of the given orders with their image URLs; an order Shopify does not know is left out. */
export async function lineItemImages(client: AdminGraphqlClient, orderIds: readonly string[]): Promise<OrderLineItemImages[]> {
  const { data } = await client.request<{
    nodes: ({ id?: string; lineItems?: { nodes: { id: string; name: string; image: { url: string } | null }[] } } | null)[];
  }>(LINE_ITEM_IMAGES, { ids: orderIds });
  return data.nodes.flatMap((node) =>
    node?.id && node.lineItems
      ? [{ orderId: node.id, lineItems: node.lineItems.nodes.map((item) => ({ id: item.id, name: item.name, imageUrl: item.image?.url ?? null })) }]
      : [],
  );
}
