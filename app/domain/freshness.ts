/**
 * How fresh tracking is: for each carrier event, the time from the carrier's scan to the moment
 * Trackline stored it (received and visible to shoppers at once: the tracking page reads the stored
 * events), and for each status change written back, the time from the scan to the moment Shopify
 * accepted the fulfillment event. Pure.
 */
export interface FreshnessSample {
  carrier: string;
  /** The carrier's scan time. */
  eventAt: Date;
  /** When Trackline received and stored it (visible to shoppers). */
  visibleAt: Date;
}

/** A status change written back to Shopify: the carrier's scan time and when Shopify accepted it. */
export interface WrittenSample {
  carrier: string;
  eventAt: Date;
  writtenAt: Date;
}

export interface FreshnessLeg {
  events: number;
  p50Seconds: number;
  p95Seconds: number;
}

export interface FreshnessSummary {
  carrier: string;
  events: number;
  /** Seconds from scan to visible. */
  p50Seconds: number;
  p95Seconds: number;
  /** Seconds from scan to written to Shopify (status changes only); null when none was written. */
  written: FreshnessLeg | null;
}

/** Nearest-rank percentile of `values` (0 < p ≤ 100); NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

function secondsByCarrier(samples: readonly { carrier: string; from: Date; to: Date }[]): Map<string, number[]> {
  const byCarrier = new Map<string, number[]>();
  for (const sample of samples) {
    const seconds = Math.max(0, (sample.to.getTime() - sample.from.getTime()) / 1000);
    const list = byCarrier.get(sample.carrier);
    if (list) list.push(seconds);
    else byCarrier.set(sample.carrier, [seconds]);
  }
  return byCarrier;
}

/** Per carrier (those with stored scans), scan → visible and, where written back, scan → written to Shopify. */
export function summarizeFreshness(samples: readonly FreshnessSample[], written: readonly WrittenSample[] = []): FreshnessSummary[] {
  const visible = secondsByCarrier(samples.map((s) => ({ carrier: s.carrier, from: s.eventAt, to: s.visibleAt })));
  const toShopify = secondsByCarrier(written.map((s) => ({ carrier: s.carrier, from: s.eventAt, to: s.writtenAt })));
  return [...visible.entries()]
    .map(([carrier, seconds]) => {
      const writtenSeconds = toShopify.get(carrier);
      return {
        carrier,
        events: seconds.length,
        p50Seconds: percentile(seconds, 50),
        p95Seconds: percentile(seconds, 95),
        written: writtenSeconds ? { events: writtenSeconds.length, p50Seconds: percentile(writtenSeconds, 50), p95Seconds: percentile(writtenSeconds, 95) } : null,
      };
    })
    .sort((a, b) => a.carrier.localeCompare(b.carrier));
}
