import type { Db } from "~/data/db.server";
import { countShipments, type ShipmentFilter } from "~/data/shipments.server";
import { findShopSettings } from "~/data/shop-settings.server";
import { parseShipmentQuery, toShipmentFilter } from "~/services/analytics/shipment-filter";

/** The shop's export filter from the list's query string (invalid parts dropped, as in the list). */
export async function exportFilterOf(db: Db, shopDomain: string, search: URLSearchParams): Promise<ShipmentFilter> {
  const settings = await findShopSettings(db, shopDomain);
  return toShipmentFilter(parseShipmentQuery(search).query, settings.timezone);
}

/** How many shipments an export of the filter holds. */
export async function exportSize(db: Db, shopDomain: string, filter: ShipmentFilter): Promise<number> {
  return countShipments(db, shopDomain, filter);
}
