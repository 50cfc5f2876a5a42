/**
 * The one percentile definition every benchmark uses: nearest rank. The p-th percentile of n
 * samples is the smallest sample such that at least p % of the samples are ≤ it, i.e. the value
 * at 1-based rank ⌈p/100 · n⌉ of the sorted samples (rank 1 for p = 0). It is always a measured
 * value, never an interpolation, so "p99 = 12 ms" means some request really took 12 ms.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export interface Distribution {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** p50/p95/p99/max of unsorted samples (the input is not modified). */
export function distribution(samples: readonly number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

export const ms = (value: number, digits = 1) => `${Number.isFinite(value) ? value.toFixed(digits) : "–"} ms`;

/** "p50 1.2 ms  p95 3.4 ms  p99 5.6 ms  max 7.8 ms" */
export function formatDistribution(value: Distribution): string {
  return `p50 ${ms(value.p50)}  p95 ${ms(value.p95)}  p99 ${ms(value.p99)}  max ${ms(value.max)}`;
}

/**
 * The single line a benchmark ends with, easy to grep and compare between runs:
 * `SUMMARY <name> key=value key=value …` (numbers rounded to 2 decimals).
 */
export function summaryLine(name: string, fields: Record<string, string | number | boolean | null>): string {
  const parts = Object.entries(fields).map(([key, value]) => `${key}=${typeof value === "number" ? (Number.isInteger(value) ? value : value.toFixed(2)) : String(value)}`);
  return `SUMMARY ${name} ${parts.join(" ")}`;
}
