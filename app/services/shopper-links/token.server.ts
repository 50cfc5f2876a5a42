import crypto from "node:crypto";
import { hmacKey } from "~/services/keys/hmac-key.server";

/**
 * Signed shopper links: `v1.<payload>.<signature>` (base64url), the payload naming the shop, the
 * shipment and an expiry, the signature an HMAC-SHA256 over "v1.<payload>" with a key only the
 * app holds. Whoever has the link sees that one parcel — no email or order number needed — until
 * it expires; nobody can forge one for another parcel or shop.
 */
export interface ShopperLinkClaims {
  shop: string;
  shipmentId: string;
  expiresAt: Date;
}

export type ShopperLinkCheck =
  | { ok: true; claims: ShopperLinkClaims }
  | { ok: false; reason: "malformed" | "bad_signature" | "expired" };

const VERSION = "v1";
/** Parcels take weeks and returns longer: a link stays useful for three months. */
export const SHOPPER_LINK_LIFETIME_MS = 90 * 24 * 3_600_000;

interface Payload {
  s: string;
  i: string;
  e: number;
}

function sign(key: Buffer, payload: string): Buffer {
  return crypto.createHmac("sha256", hmacKey(key)).update(`${VERSION}.${payload}`).digest();
}

export function createShopperLinkToken(claims: ShopperLinkClaims, key: Buffer): string {
  const payload: Payload = { s: claims.shop, i: claims.shipmentId, e: Math.floor(claims.expiresAt.getTime() / 1000) };
  const encoded = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${VERSION}.${encoded}.${sign(key, encoded).toString("base64url")}`;
}

export function verifyShopperLinkToken(token: string, key: Buffer, now: Date): ShopperLinkCheck {
  const parts = token.trim().split(".");
  if (parts.length !== 3 || parts[0] !== VERSION || !parts[1] || !parts[2]) return { ok: false, reason: "malformed" };
  const [, encoded, signature] = parts as [string, string, string];
  const expected = sign(key, encoded);
  const given = Buffer.from(signature, "base64url");
  // Constant time: the comparison takes as long whichever byte differs.
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { ok: false, reason: "bad_signature" };
  let payload: Partial<Payload>;
  try {
    payload = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8")) as Partial<Payload>;
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (typeof payload.s !== "string" || typeof payload.i !== "string" || typeof payload.e !== "number") {
    return { ok: false, reason: "malformed" };
  }
  const expiresAt = new Date(payload.e * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, claims: { shop: payload.s, shipmentId: payload.i, expiresAt } };
}

/** The storefront address of a signed link: the shop's own domain, through the app proxy. */
export function shopperLinkUrl(shop: string, token: string, proxyPath = "/apps/track"): string {
  return `https://${shop}${proxyPath}?t=${encodeURIComponent(token)}`;
}
