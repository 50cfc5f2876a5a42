/**
 * Percentiles of small integer durations (business days) from a histogram the database grouped:
 * nearest-rank, so P50 of [1, 2, 3, 4] is 2 and every reported value is one that occurred.
 */
export type Histogram = Map<number, number>;

export function addToHistogram(histogram: Histogram, value: number, count: number): void {
  histogram.set(value, (histogram.get(value) ?? 0) + count);
}

export function histogramSize(histogram: Histogram): number {
  let total = 0;
  for (const count of histogram.values()) total += count;
  return total;
}

/** The smallest value v with at least ⌈p·N⌉ observations ≤ v; null for an empty histogram. */
export function percentile(histogram: Histogram, p: number): number | null {
  const total = histogramSize(histogram);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const value of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(value) ?? 0;
    if (seen >= rank) return value;
  }
  return null;
}
