import crypto from "node:crypto";
import { addFailure } from "~/data/lookups.server";
import type { Db } from "~/data/db.server";
import { hmacKey } from "~/services/keys/hmac-key.server";

/**
 * Enumeration guard for the storefront lookup. Failed attempts are counted in fixed windows kept
 * in the database (RateLimitWindow), so every server process shares them; successful lookups
 * never count. Nothing here ever refuses a client for what other clients did alone:
 *
 * - per client address: `perAddress` failures per window;
 * - shop-wide signal: once the shop has seen `shopUnderAttack` failures in the window, every
 *   address gets the stricter `perAddressUnderAttack` instead (more addresses needed per guess);
 * - per order number: once one order number has seen `perOrder` failures from any addresses,
 *   each address may fail on that order only `perAddressOnGuardedOrder` times (a typo and a
 *   retry), so guessing the contact of a known order costs a new address every two guesses.
 *
 * A shopper's first attempts from their own address are therefore always checked, whatever an
 * attack elsewhere has done; guesses per window stay below addresses × the per-address allowance.
 */
export interface LookupLimits {
  windowMs: number;
  perAddress: number;
  shopUnderAttack: number;
  perAddressUnderAttack: number;
  perOrder: number;
  perAddressOnGuardedOrder: number;
}

export const DEFAULT_LOOKUP_LIMITS: LookupLimits = {
  windowMs: 10 * 60_000,
  perAddress: 10,
  shopUnderAttack: 100,
  perAddressUnderAttack: 3,
  perOrder: 5,
  perAddressOnGuardedOrder: 2,
};

export interface LookupClient {
  shop: string;
  /** The shopper's address through trusted proxies; null when unknown (all such clients share one bucket). */
  ip: string | null;
}

/** Failures already counted in the current window for one attempt's keys. */
export interface FailureCounts {
  address: number;
  shop: number;
  /** Null when the attempt names no order number (tracking number, link). */
  order: number | null;
  addressOnOrder: number | null;
}

/** Whether an attempt may be checked, from the counts alone (no I/O). */
export function lookupAllowed(counts: FailureCounts, limits: LookupLimits): boolean {
  const allowance = counts.shop >= limits.shopUnderAttack ? limits.perAddressUnderAttack : limits.perAddress;
  if (counts.address >= allowance) return false;
  if (counts.order !== null && counts.order >= limits.perOrder && (counts.addressOnOrder ?? 0) >= limits.perAddressOnGuardedOrder) return false;
  return true;
}

function windowStart(now: Date, windowMs: number): Date {
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

/** `#1001`, `1001` and ` 1001 ` are one order number to a guesser. */
export function orderNumberKey(orderNumber: string): string {
  return orderNumber.replace(/[^0-9A-Za-z]/g, "").toUpperCase().slice(0, 64);
}

function keysOf(client: LookupClient, orderNumber: string | null, key: Buffer) {
  // Addresses are personal data: only a keyed hash of one is stored, and only for the window.
  const secret = hmacKey(key);
  const hash = (value: string) => crypto.createHmac("sha256", secret).update(value).digest("base64url").slice(0, 22);
  const address = hash(client.ip ?? "unknown");
  const order = orderNumber === null ? null : hash(`order:${orderNumberKey(orderNumber)}`);
  return {
    address: `lookup-fail:ip:${client.shop}:${address}`,
    shop: `lookup-fail:shop:${client.shop}`,
    order: order === null ? null : `lookup-fail:order:${client.shop}:${order}`,
    addressOnOrder: order === null ? null : `lookup-fail:ip-order:${client.shop}:${address}:${order}`,
  };
}

/** One attempt's limiter: its window and the counter keys it reads and, on failure, counts. */
export interface LookupLimiter {
  windowStart: Date;
  keys: ReturnType<typeof keysOf>;
  /** The keys to read, in the order blockedForCounts takes their counts. */
  names: string[];
}

export function lookupLimiter(client: LookupClient, key: Buffer, now: Date, limits: LookupLimits = DEFAULT_LOOKUP_LIMITS, orderNumber: string | null = null): LookupLimiter {
  const keys = keysOf(client, orderNumber, key);
  // Every counter of this lookup in one statement.
  const names = [keys.address, keys.shop, keys.order, keys.addressOnOrder].filter((name): name is string => name !== null);
  return { windowStart: windowStart(now, limits.windowMs), keys, names };
}

/** Seconds until the client may try again given the counts of `limiter.names` (0: it may try now). */
export function blockedForCounts(limiter: LookupLimiter, counts: readonly number[], now: Date, limits: LookupLimits = DEFAULT_LOOKUP_LIMITS): number {
  const byName = new Map(limiter.names.map((name, index) => [name, counts[index] ?? 0]));
  const count = (name: string | null) => (name === null ? null : (byName.get(name) ?? 0));
  const { keys } = limiter;
  const [address, shop, order, addressOnOrder] = [count(keys.address), count(keys.shop), count(keys.order), count(keys.addressOnOrder)];
  if (lookupAllowed({ address: address ?? 0, shop: shop ?? 0, order, addressOnOrder }, limits)) return 0;
  return Math.max(1, Math.ceil((limiter.windowStart.getTime() + limits.windowMs - now.getTime()) / 1000));
}

/** Counts one failure on every counter of the attempt. */
export async function countLookupFailure(db: Db, limiter: LookupLimiter): Promise<void> {
  const { keys } = limiter;
  for (const name of [keys.address, keys.shop, keys.order, keys.addressOnOrder]) {
    if (name !== null) await addFailure(db, name, limiter.windowStart);
  }
}
