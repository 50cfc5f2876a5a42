import type { Db } from "./db.server";

/** A shop's uploaded tracking-page logo, as stored (bytes included only when asked for). */
export interface StoredLogo {
  shopDomain: string;
  contentType: string;
  width: number;
  height: number;
  sha256: string;
  updatedAt: Date;
}

const meta = { shopDomain: true, contentType: true, width: true, height: true, sha256: true, updatedAt: true } as const;

export async function saveShopLogo(
  db: Db,
  logo: { shopDomain: string; contentType: string; width: number; height: number; sha256: string; bytes: Uint8Array },
): Promise<StoredLogo> {
  const { shopDomain, ...fields } = logo;
  const data = { ...fields, bytes: Buffer.from(fields.bytes) };
  await db.shop.upsert({ where: { domain: shopDomain }, create: { domain: shopDomain }, update: {} });
  return db.shopLogo.upsert({ where: { shopDomain }, create: { shopDomain, ...data }, update: data, select: meta });
}

export async function findShopLogo(db: Db, shopDomain: string): Promise<StoredLogo | null> {
  return db.shopLogo.findUnique({ where: { shopDomain }, select: meta });
}

/** The logo's bytes, only when `sha256` is the current one (an old URL finds nothing). */
export async function readShopLogo(db: Db, shopDomain: string, sha256: string): Promise<(StoredLogo & { bytes: Uint8Array }) | null> {
  const row = await db.shopLogo.findUnique({ where: { shopDomain }, select: { ...meta, bytes: true } });
  return row && row.sha256 === sha256 ? row : null;
}

export async function deleteShopLogo(db: Db, shopDomain: string): Promise<boolean> {
  return (await db.shopLogo.deleteMany({ where: { shopDomain } })).count > 0;
}
