import { isHeldOut, type HoldoutSettings } from "./holdout";
import { parcelSituation, type InquiryReason, type InquirySource, type ParcelSituation } from "./reasons";
import { avoidedInquiries, estimateDeflection, type DeflectionEstimate, type EvidenceRule } from "./statistics";

/**
 * The WISMO report of a period, from its inquiries and the orders shipped in it: inquiries per
 * 100 orders by local day, the top reasons, the parcel's situation when the shopper asked, carrier
 * and lane, who had looked at tracking or been notified first, and the holdout comparison with
 * the support time it saved. Pure: the caller loads the rows and says which local day each is.
 */
export interface ReportInquiry {
  orderId: string | null;
  source: InquirySource | string;
  reason: InquiryReason | string;
  parcelStatus: string | null;
  parcelLate: boolean;
  parcelStalled: boolean;
  carrier: string | null;
  lane: string | null;
  lookedAtTracking: boolean;
  notifiedBefore: boolean;
  /** Local date ("2026-11-20") the inquiry was made. */
  date: string;
}

export interface ReportOrder {
  orderId: string;
  /** Local date its first parcel left. */
  date: string;
  /** Shipped after the holdout started (only these are in the experiment). */
  inExperiment: boolean;
}

export interface ReportInput {
  dates: readonly string[];
  inquiries: readonly ReportInquiry[];
  orders: readonly ReportOrder[];
  /** Orders (of `orders`) with at least one inquiry, at any time. */
  ordersWithInquiry: ReadonlySet<string>;
  holdout: HoldoutSettings;
  minutesPerInquiry: number;
  shopperLookups: number;
  rule?: EvidenceRule;
}

export interface Count<Key extends string = string> {
  key: Key;
  count: number;
}

export interface WismoReport {
  orders: number;
  inquiries: number;
  /** Inquiries in the period per 100 orders shipped in it (null without orders). */
  per100: number | null;
  days: { date: string; orders: number; inquiries: number; per100: number | null }[];
  byReason: Count[];
  bySituation: Count<ParcelSituation>[];
  bySource: Count[];
  byCarrier: Count[];
  byLane: Count[];
  /** Shares of inquiries whose shopper had looked at tracking / been sent a notice before asking. */
  lookedFirst: number | null;
  notifiedFirst: number | null;
  holdout: { enabled: boolean; percent: number; estimate: DeflectionEstimate | null };
  timeSaved: {
    minutesPerInquiry: number;
    /** Avoided inquiries measured by the holdout (null without an estimate). */
    avoidedInquiries: number | null;
    measuredMinutes: number | null;
    /** Upper bound: every shopper lookup counted as an avoided inquiry. */
    upperBoundMinutes: number;
    shopperLookups: number;
  };
}

const per100 = (count: number, orders: number) => (orders > 0 ? (100 * count) / orders : null);

function counted<Key extends string>(values: Iterable<Key>): Count<Key>[] {
  const counts = new Map<Key, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export function buildWismoReport(input: ReportInput): WismoReport {
  const { inquiries, orders } = input;
  const ordersByDate = new Map<string, number>();
  for (const order of orders) ordersByDate.set(order.date, (ordersByDate.get(order.date) ?? 0) + 1);
  const inquiriesByDate = new Map<string, number>();
  for (const inquiry of inquiries) inquiriesByDate.set(inquiry.date, (inquiriesByDate.get(inquiry.date) ?? 0) + 1);

  const share = (test: (inquiry: ReportInquiry) => boolean) => (inquiries.length > 0 ? inquiries.filter(test).length / inquiries.length : null);

  let estimate: DeflectionEstimate | null = null;
  const experiment = orders.filter((order) => order.inExperiment);
  if (input.holdout.enabled) {
    const treated = { orders: 0, ordersWithInquiry: 0 };
    const heldOut = { orders: 0, ordersWithInquiry: 0 };
    for (const order of experiment) {
      const group = isHeldOut(order.orderId, input.holdout) ? heldOut : treated;
      group.orders += 1;
      if (input.ordersWithInquiry.has(order.orderId)) group.ordersWithInquiry += 1;
    }
    estimate = estimateDeflection(treated, heldOut, input.rule);
  }
  const avoided = estimate ? avoidedInquiries(estimate, estimate.treated.orders) : null;

  return {
    orders: orders.length,
    inquiries: inquiries.length,
    per100: per100(inquiries.length, orders.length),
    days: input.dates.map((date) => {
      const dayOrders = ordersByDate.get(date) ?? 0;
      const dayInquiries = inquiriesByDate.get(date) ?? 0;
      return { date, orders: dayOrders, inquiries: dayInquiries, per100: per100(dayInquiries, dayOrders) };
    }),
    byReason: counted(inquiries.map((inquiry) => inquiry.reason)),
    bySituation: counted(inquiries.map((inquiry) => parcelSituation({ status: inquiry.parcelStatus, late: inquiry.parcelLate, stalled: inquiry.parcelStalled }))),
    bySource: counted(inquiries.map((inquiry) => inquiry.source)),
    byCarrier: counted(inquiries.map((inquiry) => inquiry.carrier ?? "unknown")),
    byLane: counted(inquiries.map((inquiry) => inquiry.lane ?? "unknown")),
    lookedFirst: share((inquiry) => inquiry.lookedAtTracking),
    notifiedFirst: share((inquiry) => inquiry.notifiedBefore),
    holdout: { enabled: input.holdout.enabled, percent: input.holdout.percent, estimate },
    timeSaved: {
      minutesPerInquiry: input.minutesPerInquiry,
      avoidedInquiries: avoided,
      measuredMinutes: avoided === null ? null : avoided * input.minutesPerInquiry,
      upperBoundMinutes: input.shopperLookups * input.minutesPerInquiry,
      shopperLookups: input.shopperLookups,
    },
  };
}
