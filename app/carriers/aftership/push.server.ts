import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * AfterShip signs every webhook with header `aftership-hmac-sha256`: the base64 HMAC-SHA256 of the
 * raw request body, keyed with the account's webhook secret (AfterShip "Webhook Signature").
 * Computed over the exact bytes received, compared in constant time.
 */
export const AFTERSHIP_SIGNATURE_HEADER = "aftership-hmac-sha256";

export function signAfterShipPush(rawBody: string, secret: string): string {
  return createHmac("sha256", secret).update(rawBody, "utf8").digest("base64");
}

export function verifyAfterShipPush(rawBody: string, signature: string | null | undefined, secret: string): boolean {
  if (!signature || !secret) return false;
  const expected = Buffer.from(signAfterShipPush(rawBody, secret), "utf8");
  const given = Buffer.from(signature.trim(), "utf8");
  return given.length === expected.length && timingSafeEqual(expected, given);
}
