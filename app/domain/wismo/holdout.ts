import { hmacSha256 } from "./sha256";

/**
 * The holdout experiment: a fixed share of orders gets no proactive notices, so the dashboard can
 * compare their inquiry rate with everyone else's. Assignment is deterministic — HMAC-SHA-256 of
 * the order's numeric id under the shop's holdout key, first four bytes as an unsigned integer,
 * modulo 10,000 — so every process (notifications, dashboard) agrees without storing it, and
 * nobody can pick which orders are held out without the key.
 */
export interface HoldoutSettings {
  enabled: boolean;
  /** Share of orders held out, 0–50 (whole percent). */
  percent: number;
  /** The shop's secret holdout key (random, generated when the holdout is first configured). */
  key: string;
}

export const HOLDOUT_BUCKETS = 10_000;
export const MAX_HOLDOUT_PERCENT = 50;

/** "gid://shopify/Order/5012" and "5012" are the same order. */
export function orderKey(orderId: string): string {
  const trimmed = orderId.trim();
  const match = /(\d+)$/.exec(trimmed);
  return match ? match[1]! : trimmed;
}

/** The order's bucket, 0 … 9,999. */
export function holdoutBucket(orderId: string, key: string): number {
  const digest = hmacSha256(key, orderKey(orderId));
  const value = ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
  return value % HOLDOUT_BUCKETS;
}

/** Whether proactive notices must be held back for this order. */
export function isHeldOut(orderId: string, settings: HoldoutSettings): boolean {
  if (!settings.enabled || settings.percent <= 0 || !settings.key) return false;
  const percent = Math.min(settings.percent, MAX_HOLDOUT_PERCENT);
  return holdoutBucket(orderId, settings.key) < Math.round(percent * (HOLDOUT_BUCKETS / 100));
}
