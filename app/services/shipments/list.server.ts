import type { Db } from "~/data/db.server";
import { shipmentListExtras } from "~/data/shipment-list.server";
import { listSavedViews, type SavedShipmentView } from "~/data/shipment-saved-views.server";
import { countShipmentsByStatus, listShipments, shipmentFacets, type ShipmentListItem, type ShipmentPage } from "~/data/shipments.server";
import { findShopSettings } from "~/data/shop-settings.server";
import { orderAdminUrl, type AdminLinkMode } from "~/domain/order-admin-link";
import { scanPlace } from "~/domain/place-name";
import { parseShipmentQuery, toShipmentFilter, type ShipmentQuery, type ShipmentQueryError } from "~/services/analytics/shipment-filter";

/**
 * The shipments list use case. The list reads the same filter vocabulary as the dashboard's
 * links and the CSV export (analytics/shipment-filter.ts), so all three agree on "which shipments".
 */
export interface ShipmentListRow extends ShipmentListItem {
  /** The order in the Shopify admin (null when the order id is not an Admin API order gid). */
  orderAdminUrl: string | null;
  /** The newest carrier scan: its text and place in normal case. */
  lastScan: { description: string; place: string | null; occurredAt: Date } | null;
}

export interface ShipmentListView {
  query: ShipmentQuery;
  errors: ShipmentQueryError[];
  page: Omit<ShipmentPage, "items"> & { items: ShipmentListRow[] };
  statusCounts: Record<string, number>;
  facets: { carriers: string[]; destinationCountries: string[] };
  savedViews: SavedShipmentView[];
  timeZone: string;
}

export const PAGE_SIZE = 50;

/**
 * The filter choices (carriers and countries the shop ships with) need a scan of every shipment
 * of the shop; they change rarely, so each process keeps them for a few minutes.
 */
const FACETS_TTL_MS = 5 * 60_000;
const facetsCache = new Map<string, { at: number; facets: Promise<ShipmentListView["facets"]> }>();

function cachedFacets(db: Db, shopDomain: string): Promise<ShipmentListView["facets"]> {
  const cached = facetsCache.get(shopDomain);
  if (cached && Date.now() - cached.at < FACETS_TTL_MS) return cached.facets;
  const facets = shipmentFacets(db, shopDomain);
  facetsCache.set(shopDomain, { at: Date.now(), facets });
  facets.catch(() => facetsCache.delete(shopDomain));
  return facets;
}

export async function loadShipmentList(
  db: Db,
  shopDomain: string,
  search: URLSearchParams,
  options: { adminLinks: AdminLinkMode } = { adminLinks: "embedded" },
): Promise<ShipmentListView> {
  const settings = await findShopSettings(db, shopDomain);
  const { query, errors } = parseShipmentQuery(search);
  const filter = toShipmentFilter(query, settings.timezone);
  // The status counts group exactly the rows of the filter, so their sum is the list's total: one
  // counting pass over the shop's index instead of two.
  const [page, statusCounts, facets, savedViews] = await Promise.all([
    listShipments(db, shopDomain, { limit: PAGE_SIZE, after: search.get("after"), filter, sort: query.sort, withTotal: false }),
    countShipmentsByStatus(db, shopDomain, filter),
    cachedFacets(db, shopDomain),
    listSavedViews(db, shopDomain),
  ]);
  const extras = await shipmentListExtras(
    db,
    shopDomain,
    page.items.map((item) => item.id),
  );
  const items = page.items.map((item): ShipmentListRow => {
    const extra = extras.get(item.id);
    const scan = extra?.lastScan ?? null;
    return {
      ...item,
      orderAdminUrl: extra ? orderAdminUrl(extra.orderId, shopDomain, options.adminLinks) : null,
      lastScan: scan ? { description: scan.description, place: scanPlace(scan), occurredAt: scan.occurredAt } : null,
    };
  });
  const total = Object.values(statusCounts).reduce((sum, count) => sum + count, 0);
  return { query, errors, page: { ...page, items, total }, statusCounts, facets, savedViews, timeZone: settings.timezone };
}
