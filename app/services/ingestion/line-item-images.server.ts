import { saveLineItemImages, shipmentsAwaitingLineItemImages, type ShipmentAwaitingImages } from "~/data/line-item-images.server";
import type { Db } from "~/data/db.server";
import type { AdminGraphqlClient } from "~/shopify/graphql/admin-client";
import { lineItemImages, ORDERS_PER_IMAGE_QUERY, type OrderLineItemImages } from "~/shopify/graphql/line-item-images";
import type { StoredLineItem } from "./fulfillment-payload.server";

/** Shipments older than this are not asked about: their shoppers have stopped looking. */
const LOOK_BACK_MS = 30 * 86_400_000;

export interface LineItemImagesReport {
  shipments: number;
  withImages: number;
  failedShops: string[];
}

/** Only a Shopify CDN image over https reaches the tracking page's <img>. */
function safeImageUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" ? parsed.toString() : null;
  } catch {
    return null;
  }
}

/** A shipment's stored line items with the images its order's lines have (by line id, else by name). */
export function withImages(items: readonly StoredLineItem[], order: OrderLineItemImages | undefined): StoredLineItem[] {
  const byId = new Map(order?.lineItems.map((line) => [line.id, line]) ?? []);
  const byName = new Map(order?.lineItems.map((line) => [line.name, line]) ?? []);
  return items.map((item) => {
    const line = (item.lineItemId ? byId.get(item.lineItemId) : undefined) ?? byName.get(item.name);
    return { ...item, imageUrl: safeImageUrl(line?.imageUrl ?? null) };
  });
}

function storedItems(json: string): StoredLineItem[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? (parsed as StoredLineItem[]) : [];
  } catch {
    return [];
  }
}

/**
 * One pass: recent shipments whose line items have not been matched with product images are
 * matched through the Admin API, a few orders per query, and marked asked even when Shopify has no
 * image (so no order is asked twice). A shop whose Admin API fails is left for the next pass; its
 * neighbours are not held up.
 */
export async function runLineItemImages(options: {
  db: Db;
  adminFor: (shopDomain: string) => Promise<AdminGraphqlClient>;
  now?: Date;
  limit?: number;
}): Promise<LineItemImagesReport> {
  const now = options.now ?? new Date();
  const waiting = await shipmentsAwaitingLineItemImages(options.db, new Date(now.getTime() - LOOK_BACK_MS), options.limit ?? 200);
  const report: LineItemImagesReport = { shipments: 0, withImages: 0, failedShops: [] };
  const byShop = new Map<string, ShipmentAwaitingImages[]>();
  for (const shipment of waiting) byShop.set(shipment.shopDomain, [...(byShop.get(shipment.shopDomain) ?? []), shipment]);
  for (const [shopDomain, shipments] of byShop) {
    try {
      const admin = await options.adminFor(shopDomain);
      const orderIds = [...new Set(shipments.map((shipment) => shipment.orderId))];
      const orders = new Map<string, OrderLineItemImages>();
      for (let start = 0; start < orderIds.length; start += ORDERS_PER_IMAGE_QUERY) {
        for (const order of await lineItemImages(admin, orderIds.slice(start, start + ORDERS_PER_IMAGE_QUERY))) orders.set(order.orderId, order);
      }
      for (const shipment of shipments) {
        const items = withImages(storedItems(shipment.lineItemsJson), orders.get(shipment.orderId));
        await saveLineItemImages(options.db, shipment.id, JSON.stringify(items), now);
        report.shipments += 1;
        if (items.some((item) => item.imageUrl)) report.withImages += 1;
      }
    } catch (error) {
      report.failedShops.push(shopDomain);
      console.warn(`line item images for ${shopDomain} failed: ${(error as Error).message}`);
    }
  }
  return report;
}
