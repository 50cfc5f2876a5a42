import { createHash, timingSafeEqual } from "node:crypto";

/**
 * 17TRACK signs each push with header `sign` = hex SHA-256 of `${rawBody}/${key}` (17TRACK API
 * v2.2 "Webhook" docs). Must be computed over the exact bytes received, before any JSON parsing.
 * Constant-time comparison so the signature can't be probed byte by byte.
 */
export function verifySeventeenTrackPush(rawBody: string | Uint8Array, signHeader: string | null | undefined, key: string): boolean {
  if (!signHeader || !key) return false;
  const body = typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : Buffer.from(rawBody);
  const expected = createHash("sha256").update(Buffer.concat([body, Buffer.from(`/${key}`, "utf8")])).digest("hex");
  const given = signHeader.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(expected, "utf8"), Buffer.from(given, "utf8"));
}

/** The signature 17TRACK would send for `rawBody`; used by the simulator and tests. */
export function signSeventeenTrackPush(rawBody: string, key: string): string {
  return createHash("sha256").update(`${rawBody}/${key}`, "utf8").digest("hex");
}
