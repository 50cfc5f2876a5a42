import type { Db } from "./db.server";

/** Records (or revives) an installed shop. */
export async function upsertInstalledShop(db: Db, domain: string, details: { name?: string; timezone?: string } = {}) {
  return db.shop.upsert({
    where: { domain },
    create: { domain, ...details },
    update: { ...details, uninstalledAt: null },
  });
}

/**
 * Uninstall: the shop's sessions go (the token is dead), tracking stops, history stays until
 * Shopify's shop/redact asks us to erase it.
 */
export async function markShopUninstalled(db: Db, domain: string, at: Date): Promise<void> {
  await db.$transaction([
    db.session.deleteMany({ where: { shop: domain } }),
    db.shop.updateMany({ where: { domain }, data: { uninstalledAt: at } }),
    db.shipment.updateMany({
      where: { shopDomain: domain, trackingStoppedAt: null },
      data: { nextCheckAt: null, trackingStoppedAt: at, stopReason: "shop_uninstalled" },
    }),
  ]);
}

export async function updateSessionScopes(db: Db, sessionId: string, scopes: string[]): Promise<void> {
  await db.session.updateMany({ where: { id: sessionId }, data: { scope: scopes.join(",") } });
}
