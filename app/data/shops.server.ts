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

/** The shop's offline session scopes (null scope: granted none); null when the app has no offline session there. */
export async function offlineSessionScope(db: Db, shopDomain: string): Promise<{ scope: string | null } | null> {
  return db.session.findFirst({ where: { shop: shopDomain, isOnline: false }, select: { scope: true } });
}

/** The shop's time zone; null for a shop Trackline does not know. */
export async function findShopTimezone(db: Db, shopDomain: string): Promise<{ timezone: string } | null> {
  return db.shop.findUnique({ where: { domain: shopDomain }, select: { timezone: true } });
}

export async function shopExists(db: Db, shopDomain: string): Promise<boolean> {
  return (await db.shop.findUnique({ where: { domain: shopDomain }, select: { domain: true } })) !== null;
}

/** Domains of installed shops, at most `limit`. */
export async function installedShopDomains(db: Db, limit: number): Promise<string[]> {
  return (await db.shop.findMany({ where: { uninstalledAt: null }, select: { domain: true }, take: limit })).map((row) => row.domain);
}
