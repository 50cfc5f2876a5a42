import type { CarrierAdapter, TrackResult } from "~/carriers/adapter";
import { proofOfDeliveryFrom } from "~/carriers/proof-of-delivery";
import { carrierRegistry, type CarrierRegistry } from "~/carriers/registry";
import type { Db, DbProvider } from "~/data/db.server";
import { takeRateLimitToken } from "~/data/rate-limits.server";
import {
  applySyncUpdates,
  claimDueShipments,
  deferShipments,
  idChunks,
  loadEvents,
  markAggregatorQuotaExhausted,
  shopsWithCarrierAccounts,
  shopSyncSettings,
  type ShipmentSyncUpdate,
  type StoredEvent,
  type SyncCandidate,
} from "~/data/sync.server";
import { eventDedupeKey, mergeEvents } from "~/domain/events";
import { chooseAggregator, isQuotaExhausted } from "~/domain/aggregator-choice";
import { decideInvalidAnswer } from "~/domain/invalid-answer";
import { isValidTrackingNumberFor } from "~/domain/tracking-number/detect";
import { deriveShipmentState, type ShipmentContext } from "~/domain/shipment-state";
import { decideShopifyWrite, type ShopifyFulfillmentEventStatus } from "~/domain/shopify-status";
import type { CanonicalEvent } from "~/domain/status";
import { recordedMoments } from "~/data/notifications.server";
import {
  dueAtPlanner,
  lastScanCountry,
  planOrderMoments,
  plannedShop,
  planShipmentMoments,
  storedMomentState,
  type PlannedShop,
} from "~/services/notifications/moment-planner.server";
import { cadenceFor, carrierRulesFor, parseTrackingRules, type TrackingRules } from "~/services/settings/tracking-rules";
import { estimateParcel, stallLimitFor } from "~/domain/eta/parcel";
import { deliveryWeekdaysFor } from "~/carriers/delivery-weekdays";
import type { ShopEstimator } from "~/services/estimates/models.server";
import { CircuitBreaker } from "./circuit-breaker";
import { activeShipmentsByNumber } from "~/data/shipments.server";

/**
 * The sync loop's one pass: lease due shipments, ask each carrier in batches within its quota,
 * merge what it says into the stored history, re-derive state, persist, and enqueue the
 * write-back to Shopify — all through the database, so any number of worker processes can run.
 */

/** Where adapters come from: the shop's own credentials when it has them, else the app's. */
export interface AdapterSource {
  adapterFor(carrier: string, shopDomain: string | null): Promise<CarrierAdapter | null>;
}

export interface SyncEngineOptions {
  db: Db;
  provider: DbProvider;
  /** Unique per worker process; written into leases. */
  owner: string;
  adapters: AdapterSource;
  clock?: () => number;
  /** How long a claimed shipment stays ours; a crashed worker's shipments are due again after it. */
  leaseMs?: number;
  /** Shipments claimed per pass. */
  batchSize?: number;
  breaker?: { failureThreshold: number; cooldownMs: number };
  /** Carrier requests in flight at once per carrier quota (default 4). */
  requestConcurrency?: number;
  log?: (line: string) => void;
  /** The registered carriers (default: the app's registry). */
  carriers?: CarrierRegistry;
  /** Each shop's delivery-estimate model (loaded, never rebuilt, on the sync path). */
  estimates?: { forShops(shops: readonly { domain: string; timezone: string }[]): Promise<Map<string, ShopEstimator>> };
}

type Estimators = Map<string, ShopEstimator>;

/** Stall threshold floor when learned from scan gaps: never fewer business days than this. */
export const LEARNED_STALL_FLOOR_BUSINESS_DAYS = 2;

export interface SyncPassReport {
  claimed: number;
  updated: number;
  statusChanges: number;
  writeBacksEnqueued: number;
  notFound: number;
  /** Definitive "invalid number" answers: confirmed ones made the shipment invalid, others wait for a second answer. */
  invalidConfirmed: number;
  invalidToRecheck: number;
  failed: number;
  deferred: number;
  lostLease: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** After a push, the carrier is expected to push again: the safety-net poll waits this long. */
export const POLL_AFTER_PUSH_MS = 24 * HOUR;

/** Our carrier code (from detection / mapping) → the adapter that tracks it. */
export function adapterCodeFor(carrier: string, carriers: CarrierRegistry = carrierRegistry): string {
  return carriers.adapterCodeFor(carrier);
}

/**
 * The shortest gap before polling a shipment again: carriers that cap fetches per shipment per
 * day (DHL: 10) spread them over the day, and a carrier that pushes is only polled as a safety net.
 */
export function minimumPollGapMs(carrier: string, pushed: boolean, carriers: CarrierRegistry = carrierRegistry): number {
  const perDay = carriers.get(carriers.adapterCodeFor(carrier)).limits.fetchesPerShipmentPerDay;
  const quotaGap = perDay ? Math.ceil((24 * HOUR) / perDay) : 0;
  return Math.max(quotaGap, pushed ? POLL_AFTER_PUSH_MS : 0);
}

/** Retry delay after the n-th consecutive failure: 2, 4, 8… minutes, capped at 6 h. */
export function retryDelayMs(attempt: number, retryAfterMs?: number): number {
  const backoff = Math.min(2 ** Math.max(attempt, 1) * MINUTE, 6 * HOUR);
  return Math.max(backoff, retryAfterMs ?? 0);
}

function emptyReport(): SyncPassReport {
  return {
    claimed: 0,
    updated: 0,
    statusChanges: 0,
    writeBacksEnqueued: 0,
    notFound: 0,
    invalidConfirmed: 0,
    invalidToRecheck: 0,
    failed: 0,
    deferred: 0,
    lostLease: 0,
  };
}


function laneOf(shipment: SyncCandidate) {
  return {
    carrier: shipment.carrier,
    originCountry: shipment.originCountry,
    originRegion: shipment.originRegion ?? null,
    destinationCountry: shipment.destinationCountry,
    destinationRegion: shipment.destinationRegion ?? null,
    destinationPostalPrefix: shipment.destinationPostalPrefix ?? null,
  };
}

function learnedStall(estimator: ShopEstimator, shipment: SyncCandidate, events: readonly CanonicalEvent[]) {
  const shippedAtMs = (shipment.fulfillmentCreatedAt ?? shipment.createdAt).getTime();
  const limit = stallLimitFor(estimator.model, laneOf(shipment), events, shippedAtMs, LEARNED_STALL_FLOOR_BUSINESS_DAYS);
  return limit === null ? null : { domestic: limit, international: limit };
}

function toDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export class SyncEngine {
  private readonly breakers = new Map<string, CircuitBreaker>();
  /** Parsed tracking rules per loaded shop row: parsed once per pass, not once per parcel. */
  private readonly parsedRules = new WeakMap<object, TrackingRules>();
  private readonly clock: () => number;
  private readonly carriers: CarrierRegistry;

  constructor(private readonly options: SyncEngineOptions) {
    this.clock = options.clock ?? Date.now;
    this.carriers = options.carriers ?? carrierRegistry;
  }

  private breakerFor(key: string): CircuitBreaker {
    let breaker = this.breakers.get(key);
    if (!breaker) {
      breaker = new CircuitBreaker(this.options.breaker ?? { failureThreshold: 5, cooldownMs: 2 * MINUTE }, this.clock);
      this.breakers.set(key, breaker);
    }
    return breaker;
  }

  /** One pass over due shipments (or exactly `shipmentIds`, due or not: "resync now"). */
  async runOnce(options: { shipmentIds?: string[] } = {}): Promise<SyncPassReport> {
    const { db, provider, owner } = this.options;
    const now = new Date(this.clock());
    const claimed = await claimDueShipments(db, provider, {
      owner,
      now,
      leaseMs: this.options.leaseMs ?? 5 * MINUTE,
      limit: this.options.batchSize ?? 200,
      ...(options.shipmentIds ? { shipmentIds: options.shipmentIds } : {}),
    });
    const report = emptyReport();
    report.claimed = claimed.length;
    if (claimed.length === 0) return report;

    const shopDomains = [...new Set(claimed.map((shipment) => shipment.shopDomain))];
    const [settings, ownAccounts] = await Promise.all([shopSyncSettings(db, shopDomains), shopsWithCarrierAccounts(db, shopDomains)]);

    // Group by the quota that pays for the call: carrier + whose credentials.
    const groups = new Map<string, { adapterCode: string; shopDomain: string | null; shipments: SyncCandidate[] }>();
    for (const shipment of claimed) {
      const adapterCode = this.carriers.adapterCodeFor(shipment.carrier, this.aggregatorOf(settings.get(shipment.shopDomain), now).code);
      const shopDomain = ownAccounts.has(`${shipment.shopDomain}|${adapterCode}`) ? shipment.shopDomain : null;
      const key = `${adapterCode}:${shopDomain ?? "app"}`;
      const group = groups.get(key) ?? { adapterCode, shopDomain, shipments: [] };
      group.shipments.push(shipment);
      groups.set(key, group);
    }

    await Promise.all(
      [...groups.entries()].map(([quotaKey, group]) => this.syncGroup(quotaKey, group, settings, report)),
    );
    return report;
  }

  private async syncGroup(
    quotaKey: string,
    group: { adapterCode: string; shopDomain: string | null; shipments: SyncCandidate[] },
    settings: Awaited<ReturnType<typeof shopSyncSettings>>,
    report: SyncPassReport,
  ): Promise<void> {
    const { db, owner } = this.options;
    const adapter = await this.options.adapters.adapterFor(group.adapterCode, group.shopDomain);
    if (!adapter) {
      // Nobody configured this carrier: keep the shipments, look again later, say why.
      await deferShipments(
        db,
        group.shipments.map((shipment) => ({
          id: shipment.id,
          owner,
          retryAt: new Date(this.clock() + 6 * HOUR),
          lastError: `no ${group.adapterCode} credentials configured`,
        })),
      );
      report.deferred += group.shipments.length;
      return;
    }
    const limits = this.carriers.get(group.adapterCode).limits;
    const breaker = this.breakerFor(quotaKey);
    const batches = idChunks(group.shipments, Math.max(1, Math.min(limits.numbersPerRequest, adapter.maxBatchSize)));
    const answered: { batch: SyncCandidate[]; results: TrackResult[] }[] = [];
    const deferred: { batch: SyncCandidate[]; retryAt: number; quotaExhausted?: boolean }[] = [];
    let next = 0;
    // Several requests in flight per carrier (each still paid for in the shared quota), so the
    // carrier's latency overlaps with parsing; the breaker and quota are checked before each one.
    const sendRequests = async () => {
      while (next < batches.length) {
        const batch = batches[next++] as SyncCandidate[];
        if (!breaker.allowRequest()) {
          deferred.push({ batch, retryAt: breaker.retryAt() });
          continue;
        }
        const quota = await takeRateLimitToken(db, quotaKey, limits.windows, this.clock());
        if (!quota.allowed) {
          deferred.push({ batch, retryAt: quota.retryAt ?? this.clock() + MINUTE });
          continue;
        }
        const results = await adapter.track(batch.map((shipment) => ({ trackingNumber: shipment.trackingNumber })));
        const carrierDown = results.length > 0 && results.every((result) => result.status === "error" && result.retryable);
        if (carrierDown) breaker.recordFailure();
        else breaker.recordSuccess();
        answered.push({ batch, results });
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.requestConcurrency ?? 4, batches.length) }, sendRequests));
    this.deferQuotaExhausted(group.adapterCode, answered, deferred);
    if (deferred.length > 0) {
      const rows = deferred.flatMap(({ batch, retryAt, quotaExhausted }) =>
        batch.map((shipment) => ({
          id: shipment.id,
          owner,
          retryAt: new Date(retryAt),
          ...(quotaExhausted ? { lastError: `${group.adapterCode} quota used up: asking another aggregator` } : {}),
        })),
      );
      await deferShipments(db, rows);
      report.deferred += rows.length;
    }
    const exhausted = deferred.filter((entry) => entry.quotaExhausted).flatMap(({ batch }) => batch.map((shipment) => shipment.shopDomain));
    if (exhausted.length > 0) await markAggregatorQuotaExhausted(db, [...new Set(exhausted)], group.adapterCode, new Date(this.clock()));
    // One transaction for everything the carrier answered in this pass.
    await this.applyResults(
      answered.flatMap(({ batch }) => batch),
      answered.flatMap(({ results }) => results),
      settings,
      report,
      false,
    );
  }

  /** The aggregator that tracks a shop's long tail now (its choice, or a stand-in while its quota is used up). */
  private aggregatorOf(
    shop: { longTailAggregator: string | null; aggregatorQuotaExhausted: string | null; aggregatorQuotaExhaustedAt: Date | null } | undefined,
    now: Date,
  ) {
    return chooseAggregator({
      aggregators: this.carriers.aggregators,
      preferred: shop?.longTailAggregator,
      exhausted: shop?.aggregatorQuotaExhausted,
      exhaustedAt: shop?.aggregatorQuotaExhaustedAt,
      now,
    });
  }

  /**
   * An aggregator's "quota used up" answer is not the parcel's fault: those parcels are taken out
   * of the answers, asked again in a minute (by then through the shop's other aggregator) and the
   * shop is marked so the admin says so. Tracking never stops silently.
   */
  private deferQuotaExhausted(
    adapterCode: string,
    answered: { batch: SyncCandidate[]; results: TrackResult[] }[],
    deferred: { batch: SyncCandidate[]; retryAt: number; quotaExhausted?: boolean }[],
  ): void {
    if (!this.carriers.aggregators.includes(adapterCode)) return;
    for (const entry of answered) {
      const spent = entry.batch.filter((_, index) => {
        const result = entry.results[index];
        return result?.status === "error" && isQuotaExhausted(result.code);
      });
      if (spent.length === 0) continue;
      const keep = entry.batch.flatMap((shipment, index) => (spent.includes(shipment) ? [] : [{ shipment, result: entry.results[index] as TrackResult }]));
      entry.batch = keep.map((k) => k.shipment);
      entry.results = keep.map((k) => k.result);
      deferred.push({ batch: spent, retryAt: this.clock() + MINUTE, quotaExhausted: true });
    }
  }

  /**
   * A carrier pushed news (17TRACK, UPS Track Alert, DHL push): merged exactly like a polled
   * answer for every active shipment with that number on that carrier, and the next poll moves
   * far out. Numbers we do not track are reported back, not an error.
   */
  async applyPushed(adapterCode: string, pushed: readonly TrackResult[]): Promise<SyncPassReport & { unknownNumbers: string[] }> {
    const { db, provider, owner } = this.options;
    const report = emptyReport();
    const numbers = [...new Set(pushed.map((result) => result.trackingNumber))];
    const candidates = await activeShipmentsByNumber(db, numbers);
    // A long-tail number is the pushing aggregator's whichever aggregator the shop chose: it may have
    // been registered there before the shop switched or fell back.
    const ours = candidates.filter((shipment) => shipment.carrier && this.carriers.adapterCodeFor(shipment.carrier, adapterCode) === adapterCode);
    const unknownNumbers = numbers.filter((number) => !ours.some((shipment) => shipment.trackingNumber === number));
    if (ours.length === 0) return { ...report, unknownNumbers };
    const claimed = await claimDueShipments(db, provider, {
      owner,
      now: new Date(this.clock()),
      leaseMs: this.options.leaseMs ?? 5 * MINUTE,
      limit: ours.length,
      shipmentIds: ours.map((shipment) => shipment.id),
    });
    report.claimed = claimed.length;
    const settings = await shopSyncSettings(db, [...new Set(claimed.map((shipment) => shipment.shopDomain))]);
    const byNumber = new Map(pushed.map((result) => [result.trackingNumber, result]));
    const results = claimed.map((shipment) => byNumber.get(shipment.trackingNumber) as TrackResult);
    await this.applyResults(claimed, results, settings, report, true);
    return { ...report, unknownNumbers };
  }

  private async applyResults(
    batch: SyncCandidate[],
    results: TrackResult[],
    settings: Awaited<ReturnType<typeof shopSyncSettings>>,
    report: SyncPassReport,
    pushed: boolean,
  ): Promise<void> {
    const { db } = this.options;
    const now = new Date(this.clock());
    const history = await loadEvents(db, batch.map((shipment) => shipment.id));
    const estimators: Estimators = this.options.estimates
      ? await this.options.estimates.forShops([...settings.values()].map((shop) => ({ domain: shop.domain, timezone: shop.timezone })))
      : new Map();
    // Moments already recorded for these (leased) shipments: each is decided once per parcel.
    const recorded = await recordedMoments(db, null, batch.map((shipment) => shipment.id));
    const shops = new Map([...settings.keys()].map((domain) => [domain, plannedShop(settings.get(domain))]));
    const updates: ShipmentSyncUpdate[] = [];
    for (const [index, shipment] of batch.entries()) {
      const result = results[index];
      const existing = history.get(shipment.id) ?? [];
      if (!result || result.status === "error") {
        const attempt = shipment.attemptCount + 1;
        const retryable = result?.retryable ?? true;
        updates.push(
          this.failureUpdate(shipment, existing, now, settings, estimators, {
            attempt,
            error: result ? `${result.code}: ${result.message}` : "carrier returned no result for this number",
            retryAt: new Date(now.getTime() + (retryable ? retryDelayMs(attempt, result?.retryAfterMs) : 6 * HOUR)),
          }),
        );
        report.failed += 1;
        continue;
      }
      if (result.status === "invalid") {
        const update = this.invalidAnswerUpdate(shipment, existing, now, settings, estimators, result);
        if (update.shipment.status === "invalid") report.invalidConfirmed += 1;
        else report.invalidToRecheck += 1;
        if (update.shipment.status !== shipment.status) report.statusChanges += 1;
        updates.push(update);
        continue;
      }
      if (result.status === "not_found") report.notFound += 1;
      const incoming = result.status === "found" ? result.events : [];
      const update = this.stateUpdate(shipment, existing, incoming, now, settings, estimators, result.status === "found" ? result : null);
      update.moments = this.momentsFor(shipment, existing, update, recorded.get(shipment.id) ?? new Set(), shops, now);
      const next = update.shipment.nextCheckAt;
      if (next) update.shipment.nextCheckAt = new Date(Math.max(next.getTime(), now.getTime() + minimumPollGapMs(shipment.carrier, pushed, this.carriers)));
      if (update.shipment.status !== shipment.status) report.statusChanges += 1;
      if (update.writeBack) report.writeBacksEnqueued += 1;
      updates.push(update);
    }
    const destinations = new Map(batch.map((shipment) => [shipment.orderId, shipment.destinationCountry]));
    const { applied, lostLease } = await applySyncUpdates(db, this.options.provider, updates, now, {
      dueAt: dueAtPlanner(shops, destinations, now),
      orderMoments: (shopDomain, orderId, parcels, done) =>
        planOrderMoments(shopDomain, orderId, parcels, done, shops.get(shopDomain) ?? plannedShop(undefined), now),
    });
    report.updated += applied;
    report.lostLease += lostLease;
  }

  /** The shipment moments of a change (shopper notifications, Flow, Klaviyo), from before and after. */
  private momentsFor(
    shipment: SyncCandidate,
    existing: StoredEvent[],
    update: ShipmentSyncUpdate,
    recorded: ReadonlySet<string>,
    shops: ReadonlyMap<string, PlannedShop>,
    now: Date,
  ) {
    const after = update.shipment;
    const events = [...existing, ...update.added];
    const statusEvent = update.statusEvent ?? null;
    return planShipmentMoments(
      {
        shipmentId: shipment.id,
        shopDomain: shipment.shopDomain,
        orderId: shipment.orderId,
        // Never synced before: the parcel is seen for the first time (only its present speaks).
        previous: shipment.status === "pending" && existing.length === 0 ? null : storedMomentState(shipment, existing),
        next: {
          status: after.status,
          subStatus: after.subStatus,
          stalled: after.stalled,
          late: after.late,
          estimate: (after.estimatedDeliveryEnd ?? after.estimatedDeliveryAt ?? shipment.predictedDeliveryAt)?.toISOString() ?? null,
          statusAt: statusEvent?.occurredAt ?? null,
          lastScanCountry: lastScanCountry(events),
          originCountry: after.originCountry ?? shipment.originCountry,
          destinationCountry: shipment.destinationCountry,
          description: statusEvent?.description ?? null,
        },
        recorded,
      },
      shops.get(shipment.shopDomain) ?? plannedShop(undefined),
      now,
    );
  }

  private rulesOf(shop: { trackingRulesJson: string } | undefined): TrackingRules {
    if (!shop) return parseTrackingRules(null);
    let rules = this.parsedRules.get(shop);
    if (!rules) {
      rules = parseTrackingRules(shop.trackingRulesJson);
      this.parsedRules.set(shop, rules);
    }
    return rules;
  }

  private context(
    shipment: SyncCandidate,
    settings: Awaited<ReturnType<typeof shopSyncSettings>>,
    eta: Date | null,
    events: readonly CanonicalEvent[],
    estimator?: ShopEstimator,
  ): ShipmentContext {
    const shop = settings.get(shipment.shopDomain);
    const rules = this.rulesOf(shop);
    const merchantRules = carrierRulesFor(rules, shipment.carrier);
    const countries = new Set(events.map((event) => event.location?.country).filter(Boolean));
    const international =
      (shipment.originCountry !== null && shipment.destinationCountry !== null && shipment.originCountry !== shipment.destinationCountry) ||
      (shipment.destinationCountry !== null && [...countries].some((country) => country !== shipment.destinationCountry));
    return {
      shipmentId: shipment.id,
      trackingStartedAt: (shipment.fulfillmentCreatedAt ?? shipment.createdAt).toISOString(),
      estimatedDeliveryAt: eta?.toISOString() ?? null,
      international,
      calendar: { timeZone: shop?.timezone ?? "UTC" },
      // The merchant's thresholds and check cadence for this carrier (Settings); without a merchant
      // threshold, silence is judged against the lane's learned P95 gap for the current milestone.
      rules: this.stallRules(merchantRules, estimator, shipment, events),
      cadence: cadenceFor(rules, shipment.carrier),
    };
  }

  /** The merchant's stall threshold when set, else the lane's learned one when there is one, else the defaults. */
  private stallRules(
    merchantRules: ReturnType<typeof carrierRulesFor>,
    estimator: ShopEstimator | undefined,
    shipment: SyncCandidate,
    events: readonly CanonicalEvent[],
  ): ReturnType<typeof carrierRulesFor> {
    if (merchantRules.stalledAfterBusinessDays || !estimator) return merchantRules;
    const learned = learnedStall(estimator, shipment, events);
    return learned ? { ...merchantRules, stalledAfterBusinessDays: learned } : merchantRules;
  }

  private stateUpdate(
    shipment: SyncCandidate,
    existing: StoredEvent[],
    incoming: CanonicalEvent[],
    now: Date,
    settings: Awaited<ReturnType<typeof shopSyncSettings>>,
    estimators: Estimators,
    found: Extract<TrackResult, { status: "found" }> | null,
  ): ShipmentSyncUpdate {
    const merged = mergeEvents(existing, incoming);
    const etaStart = toDate(found?.carrierEta?.start) ?? shipment.estimatedDeliveryAt;
    const etaEnd = toDate(found?.carrierEta?.end) ?? shipment.estimatedDeliveryEnd ?? etaStart;
    const estimator = estimators.get(shipment.shopDomain);
    // Late = past the end of the first window the shopper was shown (the carrier's when no model).
    const deadline = shipment.shownEstimateEnd ?? (estimator ? null : etaEnd);
    const state = deriveShipmentState(merged.events, now, this.context(shipment, settings, deadline, merged.events, estimator));
    const estimate = this.estimateUpdate(shipment, state.status, merged.events, now, estimator, etaStart, etaEnd);
    const firstCountry = merged.events.find((event) => event.location?.country)?.location?.country ?? null;
    const withKey = (event: CanonicalEvent) => ({ ...event, dedupeKey: eventDedupeKey(event) });
    return {
      shipmentId: shipment.id,
      owner: this.options.owner,
      added: merged.added.map((event, index) => ({ ...event, dedupeKey: merged.addedKeys[index] as string })),
      updated: merged.updated.map(withKey),
      shipment: {
        status: state.status,
        subStatus: state.subStatus,
        stalled: state.flags.stalled,
        late: state.flags.late,
        notPickedUp: state.flags.notPickedUp,
        pickedUpAt: toDate(state.pickedUpAt),
        deliveredAt: toDate(found?.delivery?.deliveredAt) ?? toDate(state.deliveredAt),
        lastEventAt: toDate(state.lastEventAt),
        lastCheckedAt: now,
        nextCheckAt: toDate(state.nextCheckAt),
        estimatedDeliveryAt: etaStart,
        estimatedDeliveryEnd: etaEnd,
        isReturn: Boolean(shipment.returnId) || state.status === "returning" || state.status === "returned",
        attemptCount: 0,
        lastError: null,
        ...(shipment.originCountry ? {} : { originCountry: firstCountry }),
        ...estimate.columns,
        ...this.proofUpdate(shipment, found),
      },
      writeBack: this.writeBackFor(shipment, state, estimate.shown ?? etaEnd, now),
      statusEvent: state.statusEvent,
    };
  }

  /**
   * Trackline's estimate for a parcel still on its way: the P10–P90 window and P50 from the
   * milestone it reached, which estimate the shopper sees, and the first ones made (scored once
   * it is delivered). A delivered or stopped parcel keeps the estimates it had.
   */
  private estimateUpdate(
    shipment: SyncCandidate,
    status: string,
    events: readonly CanonicalEvent[],
    now: Date,
    estimator: ShopEstimator | undefined,
    etaStart: Date | null,
    etaEnd: Date | null,
  ): { columns: Partial<ShipmentSyncUpdate["shipment"]>; shown: Date | null } {
    const columns: Partial<ShipmentSyncUpdate["shipment"]> = {};
    if (etaEnd && !shipment.firstCarrierEstimateAt) columns.firstCarrierEstimateAt = etaEnd;
    const active = !["delivered", "returned", "returning", "cancelled", "expired", "invalid"].includes(status);
    if (!estimator || !active) return { columns, shown: null };
    const estimate = estimateParcel(estimator.model, estimator.calendar, {
      lane: laneOf(shipment),
      shippedAtMs: (shipment.fulfillmentCreatedAt ?? shipment.createdAt).getTime(),
      events,
      nowMs: now.getTime(),
      deliveryWeekdays: deliveryWeekdaysFor(shipment.carrier, shipment.destinationCountry),
      carrierEstimate: etaStart && etaEnd ? { startMs: etaStart.getTime(), endMs: etaEnd.getTime() } : null,
    });
    const predictedAt = new Date(estimate.predictedAtMs);
    const shownEnd = estimate.source === "carrier" && etaEnd ? etaEnd : new Date(estimate.predictedEndMs);
    Object.assign(columns, {
      predictedDeliveryAt: predictedAt,
      predictedDeliveryStart: new Date(estimate.predictedStartMs),
      predictedDeliveryEnd: new Date(estimate.predictedEndMs),
      estimateSource: estimate.source,
      ...(shipment.shownEstimateEnd ? {} : { shownEstimateEnd: shownEnd }),
      ...(shipment.firstPredictedDeliveryAt ? {} : { firstPredictedDeliveryAt: predictedAt }),
    });
    return { columns, shown: estimate.source === "carrier" && etaEnd ? etaEnd : predictedAt };
  }

  /** The carrier's proof of delivery, when this answer carries one (else the stored one stays). */
  private proofUpdate(shipment: SyncCandidate, found: Extract<TrackResult, { status: "found" }> | null): { proofOfDeliveryJson?: string } {
    if (!found) return {};
    const pod = proofOfDeliveryFrom(shipment.carrier, found);
    return pod ? { proofOfDeliveryJson: JSON.stringify(pod) } : {};
  }

  private failureUpdate(
    shipment: SyncCandidate,
    existing: StoredEvent[],
    now: Date,
    settings: Awaited<ReturnType<typeof shopSyncSettings>>,
    estimators: Estimators,
    failure: { attempt: number; error: string; retryAt: Date },
  ): ShipmentSyncUpdate {
    // State stays what the history says (flags still age); only the schedule and error change.
    const update = this.stateUpdate(shipment, existing, [], now, settings, estimators, null);
    return {
      ...update,
      writeBack: null,
      shipment: { ...update.shipment, nextCheckAt: failure.retryAt, attemptCount: failure.attempt, lastError: failure.error },
    };
  }

  /**
   * The carrier says the number is invalid (see domain/invalid-answer.ts for the confirmation
   * rule): confirmed → `invalid`, flagged for the merchant with the carrier's reason, never polled
   * again; otherwise asked once more soon.
   */
  private invalidAnswerUpdate(
    shipment: SyncCandidate,
    existing: StoredEvent[],
    now: Date,
    settings: Awaited<ReturnType<typeof shopSyncSettings>>,
    estimators: Estimators,
    answer: Extract<TrackResult, { status: "invalid" }>,
  ): ShipmentSyncUpdate {
    const decision = decideInvalidAnswer({
      answer,
      previousError: shipment.lastError,
      formatRecognised: isValidTrackingNumberFor(shipment.trackingNumber, shipment.carrier),
      carrierName: this.carriers.get(this.carriers.adapterCodeFor(shipment.carrier)).displayName,
    });
    if (decision.kind === "recheck") {
      return this.failureUpdate(shipment, existing, now, settings, estimators, {
        attempt: shipment.attemptCount + 1,
        error: decision.lastError,
        retryAt: new Date(now.getTime() + decision.retryInMs),
      });
    }
    const update = this.stateUpdate(shipment, existing, [], now, settings, estimators, null);
    return {
      ...update,
      writeBack: null,
      shipment: {
        ...update.shipment,
        status: "invalid",
        subStatus: null,
        stalled: false,
        late: false,
        notPickedUp: false,
        nextCheckAt: null,
        lastError: decision.lastError,
        trackingIssue: "invalid_number",
        trackingIssueDetail: decision.reason,
      },
    };
  }

  private writeBackFor(
    shipment: SyncCandidate,
    state: ReturnType<typeof deriveShipmentState>,
    eta: Date | null,
    now: Date,
  ): ShipmentSyncUpdate["writeBack"] {
    if (state.status === shipment.status) return null;
    // A shopper's return travels on a reverse delivery, not a fulfillment: nothing to write.
    if (shipment.returnId) return null;
    const decision = decideShopifyWrite(shipment.shopifyStatus as ShopifyFulfillmentEventStatus | null, state.status, state.subStatus);
    if (!decision.write || !decision.status) return null;
    const event = state.statusEvent;
    return {
      shopDomain: shipment.shopDomain,
      shipmentId: shipment.id,
      fulfillmentId: shipment.fulfillmentId,
      status: state.status,
      shopifyStatus: decision.status,
      happenedAt: toDate(event?.occurredAt) ?? now,
      estimatedDeliveryAt: eta,
      message: event?.description ?? null,
      location: event?.location ?? null,
    };
  }
}
