import { deliveryGroups, lookupsPerDay, orderSelfService, shipmentStateGroups, type AnalyticsScope, type ShipmentStateGroup } from "~/data/analytics.server";
import { ensureDaySummaries } from "~/data/day-summaries.server";
import type { Db, DbProvider } from "~/data/db.server";
import { findShopSettings } from "~/data/shop-settings.server";
import { ATTENTION_KINDS, UNRESOLVED_CARRIER, type AttentionKind } from "~/data/shipments.server";
import type { CanonicalStatus } from "~/domain/status";
import { loadWismoDashboard } from "~/services/wismo/dashboard.server";
import { addToHistogram, histogramSize, percentile, type Histogram } from "./histogram";
import { periodFromSearch, type Period } from "./period";

/**
 * The WISMO dashboard for one shop and period. Counts are over shipments created (fulfilled) in the
 * period — the same rows the shipments list shows for that date range; delivery times and on-time
 * rates are over shipments delivered in the period; lookups over lookups made in the period.
 */

/**
 * How far a shipment got, judged by its current status (a delivered parcel passed every stage).
 * The first stage is every shipment fulfilled in the period, so the funnel's 100 % is the same
 * number as the page's shipment count; shipments that never reached the carrier's systems
 * (pending, invalid, expired, cancelled, unknown) stop there and are listed in `notStarted`.
 */
const FUNNEL_STAGES = ["fulfilled", "info_received", "in_transit", "out_for_delivery", "delivered"] as const;
/** Statuses of shipments that stay at the "fulfilled" stage: the carrier never confirmed the parcel (or we cannot read what it said). */
export const NOT_STARTED_STATUSES = ["pending", "invalid", "expired", "cancelled", "unknown"] as const satisfies readonly CanonicalStatus[];
const STAGE_REACHED: Partial<Record<CanonicalStatus, number>> = {
  info_received: 1,
  picked_up: 2,
  in_transit: 2,
  delayed: 2,
  exception: 2,
  returning: 2,
  returned: 2,
  out_for_delivery: 3,
  available_for_pickup: 3,
  attempt_failed: 3,
  delivered: 4,
};

/** Where shipments leave the happy path. */
export const FAILURE_STATUSES = [
  "attempt_failed",
  "exception",
  "delayed",
  "returning",
  "returned",
  "expired",
  "invalid",
  "cancelled",
  "unknown",
] as const satisfies readonly CanonicalStatus[];

export interface FunnelStage {
  stage: (typeof FUNNEL_STAGES)[number];
  /** Shipments that reached at least this stage. */
  count: number;
  /** The statuses that count as having reached it (the list link filters on them; empty: every status). */
  statuses: CanonicalStatus[];
}

export interface DurationSummary {
  deliveries: number;
  /** Business days fulfillment → delivered. */
  shipP50: number | null;
  shipP90: number | null;
  /** Business days order → delivered (over deliveries whose order date is known). */
  orderP50: number | null;
  orderP90: number | null;
}

export interface Rate {
  eligible: number;
  hits: number;
  /** hits / eligible, null when nothing is eligible. */
  rate: number | null;
}

export interface ScorecardRow {
  carrier: string;
  volume: number;
  delivered: number;
  medianTransitDays: number | null;
  onTime: Rate;
  exceptionRate: number | null;
  stalledRate: number | null;
}

export interface Dashboard {
  period: Pick<Period, "preset" | "fromDate" | "toDate" | "timeZone">;
  shipments: number;
  statusCounts: Record<string, number>;
  funnel: FunnelStage[];
  /** Shipments of the period that stayed at the "fulfilled" stage, by status (all five, zeros included). */
  notStarted: { status: CanonicalStatus; count: number }[];
  /**
   * The "invalid" attention count split in two: shipments whose status is invalid (what the
   * failure paths show as "Invalid") and shipments on another status whose number was flagged.
   */
  trackingProblems: { invalidStatus: number; flaggedOnOtherStatus: number };
  failures: { status: CanonicalStatus; count: number }[];
  attention: { kind: AttentionKind; count: number }[];
  deliveryTimes: {
    overall: DurationSummary;
    byCarrier: (DurationSummary & { carrier: string })[];
    byLane: (DurationSummary & { origin: string; destination: string })[];
  };
  onTime: { vsCarrierEstimate: Rate; vsPrediction: Rate };
  problems: {
    byReason: { status: "exception" | "attempt_failed"; reason: string; count: number }[];
    byCarrier: { carrier: string; exception: number; attemptFailed: number }[];
  };
  selfService: {
    days: { date: string; storefront: number; customer_account: number; admin: number }[];
    lookupsBySurface: { storefront: number; customer_account: number; admin: number };
    /** Shopper lookups (storefront + customer account) made in the period. */
    shopperLookups: number;
    orders: number;
    ordersChecked: number;
    shareChecked: number | null;
    lookupsPerOrder: number | null;
    supportMinutesPerInquiry: number;
    /** Upper bound: every shopper lookup counted as a support inquiry avoided (lookups × minutes). */
    estimatedMinutesSaved: number;
    /** Measured by the WISMO holdout for the same period (null until the experiment gives an estimate). */
    measured: { avoidedInquiries: number; minutes: number } | null;
  };
  scorecard: ScorecardRow[];
}

const ratio = (hits: number, total: number): number | null => (total > 0 ? hits / total : null);
const rate = (hits: number, eligible: number): Rate => ({ eligible, hits, rate: ratio(hits, eligible) });
const carrierKey = (carrier: string | null) => carrier ?? UNRESOLVED_CARRIER;

/** How many shipments of a (carrier, status) group fall in an attention bucket (the list's ATTENTION_WHERE). */
function attentionCount(kind: AttentionKind, group: ShipmentStateGroup): number {
  switch (kind) {
    case "stalled":
      return group.stalled;
    case "late":
      return group.late;
    case "exception":
      return group.status === "exception" ? group.count : 0;
    case "invalid":
      return group.status === "invalid" ? group.count : group.withTrackingIssue;
    case "not_picked_up":
      return group.notPickedUp;
  }
}

class DurationAccumulator {
  readonly ship: Histogram = new Map();
  readonly order: Histogram = new Map();
  add(measure: "ship" | "order", businessDays: number, count: number) {
    addToHistogram(measure === "ship" ? this.ship : this.order, businessDays, count);
  }
  summary(): DurationSummary {
    return {
      deliveries: histogramSize(this.ship),
      shipP50: percentile(this.ship, 0.5),
      shipP90: percentile(this.ship, 0.9),
      orderP50: percentile(this.order, 0.5),
      orderP90: percentile(this.order, 0.9),
    };
  }
}

function accumulate<K>(map: Map<K, DurationAccumulator>, key: K): DurationAccumulator {
  let accumulator = map.get(key);
  if (!accumulator) {
    accumulator = new DurationAccumulator();
    map.set(key, accumulator);
  }
  return accumulator;
}

const DAY_MS = 86_400_000;

export async function loadDashboard(
  db: Db,
  provider: DbProvider,
  shopDomain: string,
  options: { search: URLSearchParams; now: Date },
): Promise<Dashboard> {
  const settings = await findShopSettings(db, shopDomain);
  const period = periodFromSearch(options.search, options.now, settings.timezone);
  const scope: AnalyticsScope = {
    shopDomain,
    start: period.start,
    end: period.end,
    fromDay: Date.parse(`${period.fromDate}T00:00:00Z`) / DAY_MS,
    toDay: Date.parse(`${period.toDate}T00:00:00Z`) / DAY_MS,
  };
  await ensureDaySummaries(db, provider, shopDomain, settings.timezone);
  const [groups, deliveries, lookups, orders, wismo] = await Promise.all([
    shipmentStateGroups(db, scope),
    deliveryGroups(db, scope),
    lookupsPerDay(db, scope),
    orderSelfService(db, provider, scope),
    // The WISMO page's report for the same period: its holdout measures the support time saved.
    loadWismoDashboard(db, shopDomain, { search: options.search, now: options.now }),
  ]);
  const problems = groups.filter((group) => group.status === "exception" || group.status === "attempt_failed");

  const statusCounts: Record<string, number> = {};
  const carriers = new Map<string, { volume: number; exception: number; stalled: number }>();
  let shipments = 0;
  for (const group of groups) {
    shipments += group.count;
    statusCounts[group.status] = (statusCounts[group.status] ?? 0) + group.count;
    const carrier = carriers.get(carrierKey(group.carrier)) ?? { volume: 0, exception: 0, stalled: 0 };
    carrier.volume += group.count;
    if (group.status === "exception") carrier.exception += group.count;
    carrier.stalled += group.stalled;
    carriers.set(carrierKey(group.carrier), carrier);
  }

  const funnel: FunnelStage[] = FUNNEL_STAGES.map((stage, index) => {
    if (index === 0) return { stage, statuses: [], count: shipments };
    const statuses = (Object.entries(STAGE_REACHED) as [CanonicalStatus, number][])
      .filter(([, reached]) => reached >= index)
      .map(([status]) => status);
    return { stage, statuses, count: statuses.reduce((sum, status) => sum + (statusCounts[status] ?? 0), 0) };
  });
  const flaggedOnOtherStatus = groups.reduce((sum, group) => sum + (group.status === "invalid" ? 0 : group.withTrackingIssue), 0);

  const overall = new DurationAccumulator();
  const byCarrier = new Map<string, DurationAccumulator>();
  const byLane = new Map<string, DurationAccumulator>();
  const onTimeByCarrier = new Map<string, { eligible: number; hits: number }>();
  let withEstimate = 0;
  let onTimeEstimate = 0;
  let withPrediction = 0;
  let onTimePrediction = 0;
  for (const group of deliveries) {
    const accumulator =
      group.dimension === "carrier"
        ? accumulate(byCarrier, carrierKey(group.carrier))
        : group.originCountry && group.destinationCountry
          ? accumulate(byLane, `${group.originCountry}→${group.destinationCountry}`)
          : null;
    accumulator?.add(group.measure, group.businessDays, group.count);
    // Each delivery is in exactly one carrier group per measure: those make the overall figures.
    if (group.dimension !== "carrier") continue;
    overall.add(group.measure, group.businessDays, group.count);
    if (group.measure !== "ship") continue;
    withEstimate += group.withEstimate;
    onTimeEstimate += group.onTimeVsEstimate;
    withPrediction += group.withPrediction;
    onTimePrediction += group.onTimeVsPrediction;
    const carrierOnTime = onTimeByCarrier.get(carrierKey(group.carrier)) ?? { eligible: 0, hits: 0 };
    carrierOnTime.eligible += group.withEstimate;
    carrierOnTime.hits += group.onTimeVsEstimate;
    onTimeByCarrier.set(carrierKey(group.carrier), carrierOnTime);
  }

  const surfaces = { storefront: 0, customer_account: 0, admin: 0 };
  const perDay = new Map<number, { storefront: number; customer_account: number; admin: number }>();
  for (const group of lookups) {
    if (!(group.surface in surfaces)) continue;
    const surface = group.surface as keyof typeof surfaces;
    surfaces[surface] += group.count;
    const day = perDay.get(group.day) ?? { storefront: 0, customer_account: 0, admin: 0 };
    day[surface] += group.count;
    perDay.set(group.day, day);
  }
  const days: Dashboard["selfService"]["days"] = [];
  const firstDay = Date.parse(`${period.fromDate}T00:00:00Z`) / DAY_MS;
  const lastDay = Date.parse(`${period.toDate}T00:00:00Z`) / DAY_MS;
  for (let day = firstDay; day <= lastDay; day++) {
    days.push({ date: new Date(day * DAY_MS).toISOString().slice(0, 10), ...(perDay.get(day) ?? { storefront: 0, customer_account: 0, admin: 0 }) });
  }
  const shopperLookups = surfaces.storefront + surfaces.customer_account;

  const problemsByCarrier = new Map<string, { exception: number; attemptFailed: number }>();
  const byReason = new Map<string, { status: "exception" | "attempt_failed"; reason: string; count: number }>();
  for (const group of problems) {
    const status = group.status as "exception" | "attempt_failed";
    const reason = group.subStatus ?? "unspecified";
    const reasonRow = byReason.get(`${status}:${reason}`) ?? { status, reason, count: 0 };
    reasonRow.count += group.count;
    byReason.set(`${status}:${reason}`, reasonRow);
    const carrierRow = problemsByCarrier.get(carrierKey(group.carrier)) ?? { exception: 0, attemptFailed: 0 };
    if (status === "exception") carrierRow.exception += group.count;
    else carrierRow.attemptFailed += group.count;
    problemsByCarrier.set(carrierKey(group.carrier), carrierRow);
  }

  const byVolume = (a: { volume: number; carrier: string }, b: { volume: number; carrier: string }) =>
    b.volume - a.volume || a.carrier.localeCompare(b.carrier);

  return {
    period: { preset: period.preset, fromDate: period.fromDate, toDate: period.toDate, timeZone: period.timeZone },
    shipments,
    statusCounts,
    funnel,
    notStarted: NOT_STARTED_STATUSES.map((status) => ({ status, count: statusCounts[status] ?? 0 })),
    trackingProblems: { invalidStatus: statusCounts.invalid ?? 0, flaggedOnOtherStatus },
    failures: FAILURE_STATUSES.map((status) => ({ status, count: statusCounts[status] ?? 0 })),
    attention: ATTENTION_KINDS.map((kind) => ({
      kind,
      count: groups.reduce((sum, group) => sum + attentionCount(kind, group), 0),
    })),
    deliveryTimes: {
      overall: overall.summary(),
      byCarrier: [...byCarrier].map(([carrier, accumulator]) => ({ carrier, ...accumulator.summary() })).sort((a, b) => b.deliveries - a.deliveries),
      byLane: [...byLane]
        .map(([lane, accumulator]) => {
          const [origin = "", destination = ""] = lane.split("→");
          return { origin, destination, ...accumulator.summary() };
        })
        .sort((a, b) => b.deliveries - a.deliveries),
    },
    onTime: { vsCarrierEstimate: rate(onTimeEstimate, withEstimate), vsPrediction: rate(onTimePrediction, withPrediction) },
    problems: {
      byReason: [...byReason.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
      byCarrier: [...problemsByCarrier].map(([carrier, counts]) => ({ carrier, ...counts })).sort((a, b) => b.exception + b.attemptFailed - (a.exception + a.attemptFailed)),
    },
    selfService: {
      days,
      lookupsBySurface: surfaces,
      shopperLookups,
      orders: orders.orders,
      ordersChecked: orders.ordersChecked,
      shareChecked: ratio(orders.ordersChecked, orders.orders),
      lookupsPerOrder: ratio(orders.shopperLookups, orders.orders),
      supportMinutesPerInquiry: settings.supportMinutesPerInquiry,
      estimatedMinutesSaved: shopperLookups * settings.supportMinutesPerInquiry,
      measured:
        wismo.report.timeSaved.avoidedInquiries === null || wismo.report.timeSaved.measuredMinutes === null
          ? null
          : { avoidedInquiries: wismo.report.timeSaved.avoidedInquiries, minutes: wismo.report.timeSaved.measuredMinutes },
    },
    scorecard: [...carriers]
      .map(([carrier, counts]) => {
        const durations = byCarrier.get(carrier)?.summary();
        const onTime = onTimeByCarrier.get(carrier) ?? { eligible: 0, hits: 0 };
        return {
          carrier,
          volume: counts.volume,
          delivered: durations?.deliveries ?? 0,
          medianTransitDays: durations?.shipP50 ?? null,
          onTime: rate(onTime.hits, onTime.eligible),
          exceptionRate: ratio(counts.exception, counts.volume),
          stalledRate: ratio(counts.stalled, counts.volume),
        };
      })
      .sort(byVolume),
  };
}
