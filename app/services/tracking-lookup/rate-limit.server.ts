import crypto from "node:crypto";
import { addFailure, countFailuresOf } from "../../data/lookups.server";
import type { Db } from "../../data/db.server";

/**
 * Enumeration guard for the storefront lookup: failed attempts are counted per client IP and per
 * shop in fixed windows kept in the database (RateLimitWindow), so every server process shares
 * them. Successful lookups never count; a shopper who mistypes a few times is not punished.
 */
export interface LookupLimits {
  windowMs: number;
  perIp: number;
  /** Across all IPs of one shop: bounds distributed guessing without locking out a busy shop. */
  perShop: number;
}

export const DEFAULT_LOOKUP_LIMITS: LookupLimits = { windowMs: 10 * 60_000, perIp: 10, perShop: 300 };

export interface LookupClient {
  shop: string;
  /** The shopper's IP as the proxy reported it; null when unknown (all such clients share one bucket). */
  ip: string | null;
}

function windowStart(now: Date, windowMs: number): Date {
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

function keysOf(client: LookupClient, ipKey: Buffer): { ip: string; shop: string } {
  // IPs are personal data: only a keyed hash of one is stored, and only for the window.
  const ipHash = crypto.createHmac("sha256", ipKey).update(client.ip ?? "unknown").digest("base64url").slice(0, 22);
  return { ip: `lookup-fail:ip:${client.shop}:${ipHash}`, shop: `lookup-fail:shop:${client.shop}` };
}

/** Seconds until the client may try again, or 0 when it may try now. */
export async function lookupBlockedFor(
  db: Db,
  client: LookupClient,
  ipKey: Buffer,
  now: Date,
  limits: LookupLimits = DEFAULT_LOOKUP_LIMITS,
): Promise<number> {
  const start = windowStart(now, limits.windowMs);
  const keys = keysOf(client, ipKey);
  const [byIp = 0, byShop = 0] = await countFailuresOf(db, [keys.ip, keys.shop], start);
  if (byIp < limits.perIp && byShop < limits.perShop) return 0;
  return Math.max(1, Math.ceil((start.getTime() + limits.windowMs - now.getTime()) / 1000));
}

export async function recordLookupFailure(
  db: Db,
  client: LookupClient,
  ipKey: Buffer,
  now: Date,
  limits: LookupLimits = DEFAULT_LOOKUP_LIMITS,
): Promise<void> {
  const start = windowStart(now, limits.windowMs);
  const keys = keysOf(client, ipKey);
  await addFailure(db, keys.ip, start);
  await addFailure(db, keys.shop, start);
}
