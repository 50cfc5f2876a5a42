import crypto from "node:crypto";

/**
 * How a shopper proves an order is theirs on the storefront: the order number plus the email or
 * phone used at checkout. We keep only hashes of those (Shipment.customerEmailHash /
 * customerPhoneHash), so ingestion must hash with exactly these functions.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function hashCustomerEmail(email: string): string {
  return crypto.createHash("sha256").update(normalizeEmail(email)).digest("hex");
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

export function hashCustomerPhone(phone: string): string | null {
  const normalized = normalizePhone(phone);
  return normalized === null ? null : crypto.createHash("sha256").update(normalized).digest("hex");
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
