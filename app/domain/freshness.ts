/**
 * How fresh tracking is: for each carrier event, the time from the carrier's scan to the moment
 * Trackline stored it (shoppers see it from then on: the tracking page reads the stored events).
 * Pure.
 */
export interface FreshnessSample {
  carrier: string;
  /** The carrier's scan time. */
  eventAt: Date;
  /** When Trackline received and stored it (visible to shoppers). */
  visibleAt: Date;
}

export interface FreshnessSummary {
  carrier: string;
  events: number;
  /** Seconds from scan to visible. */
  p50Seconds: number;
  p95Seconds: number;
}

/** Nearest-rank percentile of `values` (0 < p ≤ 100); NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function summarizeFreshness(samples: readonly FreshnessSample[]): FreshnessSummary[] {
  const byCarrier = new Map<string, number[]>();
  for (const sample of samples) {
    const seconds = Math.max(0, (sample.visibleAt.getTime() - sample.eventAt.getTime()) / 1000);
    byCarrier.set(sample.carrier, [...(byCarrier.get(sample.carrier) ?? []), seconds]);
  }
  return [...byCarrier.entries()]
    .map(([carrier, seconds]) => ({ carrier, events: seconds.length, p50Seconds: percentile(seconds, 50), p95Seconds: percentile(seconds, 95) }))
    .sort((a, b) => a.carrier.localeCompare(b.carrier));
}
