import type { Db } from "./db.server";

export interface SavedShipmentView {
  id: string;
  name: string;
  /** The list's query string without "?". */
  query: string;
}

const select = { id: true, name: true, query: true } as const;

/** The shop's saved views of the shipments list, oldest first (the order their tabs appear in). */
export async function listSavedViews(db: Db, shopDomain: string): Promise<SavedShipmentView[]> {
  return db.shipmentSavedView.findMany({ where: { shopDomain }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select });
}

export async function countSavedViews(db: Db, shopDomain: string): Promise<number> {
  return db.shipmentSavedView.count({ where: { shopDomain } });
}

/** Saves a view; saving under a name the shop already uses replaces that view's filters. */
export async function saveView(db: Db, shopDomain: string, view: { name: string; query: string }): Promise<SavedShipmentView> {
  return db.shipmentSavedView.upsert({
    where: { shopDomain_name: { shopDomain, name: view.name } },
    create: { shopDomain, name: view.name, query: view.query },
    update: { query: view.query },
    select,
  });
}

/** Deletes one of the shop's views; false when the shop has no view with that id. */
export async function deleteSavedView(db: Db, shopDomain: string, id: string): Promise<boolean> {
  const { count } = await db.shipmentSavedView.deleteMany({ where: { shopDomain, id } });
  return count > 0;
}

export async function savedViewNamed(db: Db, shopDomain: string, name: string): Promise<SavedShipmentView | null> {
  return db.shipmentSavedView.findFirst({ where: { shopDomain, name }, select });
}
