/**
 * Two-proportion statistics for the holdout: the share of orders with at least one inquiry among
 * held-out orders (no proactive notices) minus that share among treated orders, with Newcombe's
 * hybrid score interval (Newcombe 1998, method 10: Wilson score limits of each proportion
 * combined), which stays inside [-1, 1] and behaves with small or zero counts where the Wald
 * interval does not.
 */
export interface GroupCounts {
  /** Orders in the group. */
  orders: number;
  /** Orders of the group with at least one inquiry. */
  ordersWithInquiry: number;
}

export interface Interval {
  lower: number;
  upper: number;
}

/** z for a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

/** Wilson score interval of x successes in n trials (no continuity correction). */
export function wilsonInterval(successes: number, trials: number, z = Z_95): Interval {
  if (trials <= 0) return { lower: 0, upper: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

/** Newcombe's interval for p1 − p2 (group 1 minus group 2). */
export function newcombeDifference(group1: GroupCounts, group2: GroupCounts, z = Z_95): { difference: number } & Interval {
  const p1 = group1.ordersWithInquiry / group1.orders;
  const p2 = group2.ordersWithInquiry / group2.orders;
  const w1 = wilsonInterval(group1.ordersWithInquiry, group1.orders, z);
  const w2 = wilsonInterval(group2.ordersWithInquiry, group2.orders, z);
  const difference = p1 - p2;
  return {
    difference,
    lower: difference - Math.sqrt((p1 - w1.lower) ** 2 + (w2.upper - p2) ** 2),
    upper: difference + Math.sqrt((w1.upper - p1) ** 2 + (p2 - w2.lower) ** 2),
  };
}

/** Below these counts the dashboard says "not enough data yet" instead of a number. */
export interface EvidenceRule {
  /** Orders each group needs. */
  minOrdersPerGroup: number;
  /** Orders with an inquiry needed across both groups. */
  minOrdersWithInquiry: number;
}

export const DEFAULT_EVIDENCE_RULE: EvidenceRule = { minOrdersPerGroup: 50, minOrdersWithInquiry: 10 };

export type DeflectionEstimate =
  | {
      kind: "estimate";
      treated: GroupCounts & { per100: number };
      heldOut: GroupCounts & { per100: number };
      /** Held-out minus treated, inquiries avoided per 100 orders, with its 95 % interval. */
      avoidedPer100: number;
      lowerPer100: number;
      upperPer100: number;
      /** The interval excludes zero. */
      significant: boolean;
    }
  | { kind: "insufficient"; treated: GroupCounts; heldOut: GroupCounts; reason: string };

const per100 = (group: GroupCounts) => (group.orders > 0 ? (100 * group.ordersWithInquiry) / group.orders : 0);

/** The measured deflection: how many inquiries per 100 orders the treated orders did not make. */
export function estimateDeflection(treated: GroupCounts, heldOut: GroupCounts, rule: EvidenceRule = DEFAULT_EVIDENCE_RULE): DeflectionEstimate {
  for (const [name, group] of [["treated", treated], ["held-out", heldOut]] as const) {
    if (group.orders < rule.minOrdersPerGroup) {
      return { kind: "insufficient", treated, heldOut, reason: `${group.orders} ${name} orders so far; ${rule.minOrdersPerGroup} needed in each group` };
    }
  }
  const asked = treated.ordersWithInquiry + heldOut.ordersWithInquiry;
  if (asked < rule.minOrdersWithInquiry) {
    return { kind: "insufficient", treated, heldOut, reason: `${asked} orders with an inquiry so far; ${rule.minOrdersWithInquiry} needed` };
  }
  const interval = newcombeDifference(heldOut, treated);
  return {
    kind: "estimate",
    treated: { ...treated, per100: per100(treated) },
    heldOut: { ...heldOut, per100: per100(heldOut) },
    avoidedPer100: 100 * interval.difference,
    lowerPer100: 100 * interval.lower,
    upperPer100: 100 * interval.upper,
    significant: interval.lower > 0 || interval.upper < 0,
  };
}

/** Inquiries avoided over a number of treated orders (the point estimate, never below zero). */
export function avoidedInquiries(estimate: DeflectionEstimate, treatedOrders: number): number | null {
  if (estimate.kind !== "estimate") return null;
  return Math.max(0, Math.round((estimate.avoidedPer100 / 100) * treatedOrders));
}
