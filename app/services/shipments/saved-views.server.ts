import type { Db } from "~/data/db.server";
import { countSavedViews, deleteSavedView, savedViewNamed, saveView, type SavedShipmentView } from "~/data/shipment-saved-views.server";
import { parseShipmentQuery, shipmentQuerySearch } from "~/services/analytics/shipment-filter";

export const MAX_SAVED_VIEWS = 20;
export const MAX_VIEW_NAME = 40;

export type SaveViewResult = { ok: true; view: SavedShipmentView } | { ok: false; error: "name_required" | "name_too_long" | "too_many" };

/**
 * The list's query string of the current filters, in canonical form (invalid parts and the page
 * cursor dropped). A search for a customer's email is not kept: a view never stores an address.
 */
export function canonicalViewQuery(search: URLSearchParams): string {
  const { query } = parseShipmentQuery(search);
  return shipmentQuerySearch({ ...query, search: query.search.includes("@") ? "" : query.search }).replace(/^\?/, "");
}

/** Saves the current filters under a name (the same name again replaces that view's filters). */
export async function saveShipmentView(db: Db, shopDomain: string, name: string, search: URLSearchParams): Promise<SaveViewResult> {
  const trimmed = name.trim().replace(/\s+/g, " ");
  if (!trimmed) return { ok: false, error: "name_required" };
  if ([...trimmed].length > MAX_VIEW_NAME) return { ok: false, error: "name_too_long" };
  if ((await countSavedViews(db, shopDomain)) >= MAX_SAVED_VIEWS) {
    if (!(await savedViewNamed(db, shopDomain, trimmed))) return { ok: false, error: "too_many" };
  }
  return { ok: true, view: await saveView(db, shopDomain, { name: trimmed, query: canonicalViewQuery(search) }) };
}

export async function deleteShipmentView(db: Db, shopDomain: string, id: string): Promise<boolean> {
  return deleteSavedView(db, shopDomain, id);
}
