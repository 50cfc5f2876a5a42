/**
 * Which long-tail aggregator tracks a shop's long-tail parcels: the shop's choice (or the default),
 * unless that aggregator said its quota is used up today, in which case another registered
 * aggregator takes over until the next UTC day. Pure.
 */
export interface AggregatorChoiceInput {
  /** Registered aggregators, the default first. */
  aggregators: readonly string[];
  /** The shop's choice; unknown or null means the default. */
  preferred: string | null | undefined;
  /** The aggregator that answered "quota used up" for this shop, and when. */
  exhausted: string | null | undefined;
  exhaustedAt: Date | null | undefined;
  now: Date;
}

export interface AggregatorChoice {
  code: string;
  /** Set when the shop's aggregator is out of quota and `code` stands in for it. */
  fallbackFrom?: string;
}

/** Suffix of a carrier error code that means the account's tracking quota is used up. */
export const QUOTA_EXHAUSTED_SUFFIX = ":quota_exhausted";

export function isQuotaExhausted(errorCode: string): boolean {
  return errorCode.endsWith(QUOTA_EXHAUSTED_SUFFIX);
}

function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Whether a quota exhaustion recorded at `at` still holds at `now` (quotas reset with the UTC day at the latest). */
export function quotaStillExhausted(at: Date | null | undefined, now: Date): boolean {
  return at != null && utcDay(at) === utcDay(now);
}

export function chooseAggregator(input: AggregatorChoiceInput): AggregatorChoice {
  const fallbackDefault = input.aggregators[0];
  if (fallbackDefault === undefined) throw new Error("no aggregator is registered");
  const chosen = input.preferred != null && input.aggregators.includes(input.preferred) ? input.preferred : fallbackDefault;
  if (input.exhausted !== chosen || !quotaStillExhausted(input.exhaustedAt, input.now)) return { code: chosen };
  const other = input.aggregators.find((code) => code !== chosen);
  // With no other aggregator the chosen one keeps being asked (with back-off) and the admin says why.
  return other === undefined ? { code: chosen } : { code: other, fallbackFrom: chosen };
}
