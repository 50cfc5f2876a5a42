import crypto from "node:crypto";
import { appEnv, identityHashKey } from "~/config/env.server";

/**
 * How a shopper proves an order is theirs on the storefront: the order number plus the email or
 * phone used at checkout. We keep only keyed hashes of those (Shipment.customerEmailHash /
 * customerPhoneHash), so ingestion must hash with exactly these functions.
 *
 * identity = HMAC-SHA256(IDENTITY_HASH_KEY, hex SHA-256(normalized value)). Without the key a
 * stored value cannot be tested against guesses (a phone has only 10⁹ candidates); the inner
 * SHA-256 lets rows stored before keyed hashes be re-keyed without their plaintext
 * (rekeyLegacyIdentity).
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Re-keys an unkeyed SHA-256 identity (hex) as stored before keyed hashes. */
export function rekeyLegacyIdentity(sha256Hex: string, key: string = identityHashKey(appEnv())): string {
  return crypto.createHmac("sha256", key).update(sha256Hex).digest("hex");
}

function keyedIdentity(normalized: string, key?: string): string {
  return rekeyLegacyIdentity(crypto.createHash("sha256").update(normalized).digest("hex"), key);
}

export function hashCustomerEmail(email: string, key?: string): string {
  return keyedIdentity(normalizeEmail(email), key);
}

/**
 * Phones arrive as "+1 (613) 555-0123" at checkout and "613 555 0123" on the page: keep the last
 * nine digits, which drop the country code and trunk prefix of nearly every numbering plan.
 * Returns null when there are too few digits to be a phone number.
 */
export function normalizePhone(phone: string): string | null {
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 7) return null;
  return digits.slice(-9);
}

export function hashCustomerPhone(phone: string, key?: string): string | null {
  const normalized = normalizePhone(phone);
  return normalized === null ? null : keyedIdentity(normalized, key);
}

/** "1001", "#1001" and " #1001 " all name order #1001; merchants with prefixes type them too. */
export function orderNameCandidates(input: string): string[] {
  const trimmed = input.trim().replace(/\s+/g, "");
  if (!trimmed) return [];
  const bare = trimmed.replace(/^#+/, "");
  return [...new Set([trimmed, `#${bare}`, bare])].filter((name) => name.replace(/#/g, "") !== "");
}

/** Equal hex hashes, compared in constant time (a mismatch at byte 1 costs as much as at byte 31). */
export function sameHash(expected: string | null, given: string | null): boolean {
  // Still spend the comparison when one side is missing, so timing does not tell which.
  const left = Buffer.from(expected ?? "0".repeat(64), "hex");
  const right = Buffer.from(given ?? "f".repeat(64), "hex");
  if (left.length !== right.length) return false;
  return crypto.timingSafeEqual(left, right) && expected !== null && given !== null;
}
