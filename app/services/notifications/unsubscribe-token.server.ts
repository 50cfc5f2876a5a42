import crypto from "node:crypto";

/**
 * Signed unsubscribe / preferences links in shopper emails: `u1.<payload>.<signature>`, the
 * payload naming the shop, the order and the hash of the address the email went to. Whoever
 * holds the link can stop tracking emails for that order or for the whole shop, for that address
 * only — nobody can forge one for another address or shop.
 */
export interface UnsubscribeClaims {
  shop: string;
  orderId: string;
  emailHash: string;
}

const VERSION = "u1";

function sign(key: Buffer, payload: string): Buffer {
  return crypto.createHmac("sha256", key).update(`${VERSION}.${payload}`).digest();
}

/** A key for these links only, derived from the shopper-link key (no new secret to configure). */
export function unsubscribeKeyFrom(linkKey: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", linkKey, "trackline", "unsubscribe v1", 32));
}

export function createUnsubscribeToken(claims: UnsubscribeClaims, key: Buffer): string {
  const encoded = Buffer.from(JSON.stringify({ s: claims.shop, o: claims.orderId, h: claims.emailHash })).toString("base64url");
  return `${VERSION}.${encoded}.${sign(key, encoded).toString("base64url")}`;
}

export function verifyUnsubscribeToken(token: string, key: Buffer): UnsubscribeClaims | null {
  const parts = token.trim().split(".");
  if (parts.length !== 3 || parts[0] !== VERSION || !parts[1] || !parts[2]) return null;
  const [, encoded, signature] = parts as [string, string, string];
  const expected = sign(key, encoded);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  try {
    const payload = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8")) as { s?: unknown; o?: unknown; h?: unknown };
    if (typeof payload.s !== "string" || typeof payload.o !== "string" || typeof payload.h !== "string") return null;
    return { shop: payload.s, orderId: payload.o, emailHash: payload.h };
  } catch {
    return null;
  }
}

/** The one-click (RFC 8058) and preferences address. */
export function unsubscribeUrl(appUrl: string, token: string, scope?: "order" | "shop"): string {
  const url = new URL("/notifications/unsubscribe", appUrl);
  url.searchParams.set("t", token);
  if (scope) url.searchParams.set("scope", scope);
  return url.toString();
}
