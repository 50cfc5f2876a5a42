import type { Db, DbProvider } from "~/data/db.server";
import {
  deliveryGroupsBetween,
  scanGroupsBetween,
  firstDeliveryAt,
  loadEstimateModels,
  saveEstimateModel,
  shopsForEstimates,
} from "~/data/estimates.server";
import { DeliveryCalendar, type HolidaySource } from "~/domain/eta/calendar";
import type { HistoryRow } from "~/domain/eta/history";
import { EtaModel, MILESTONES, type EtaModelJson, type Lane } from "~/domain/eta/model";
import { learnFromDelivery, learnFromDeliveryGroup, learnFromScanGroup } from "~/domain/eta/parcel";
import { dateHolidaysSource } from "./holidays";
import { deliveryWeekdaysFor } from "~/carriers/delivery-weekdays";
import { findShopTimezone } from "~/data/shops.server";

/**
 * Keeping each shop's delivery-estimate model fresh (the worker, never a request) and handing it
 * to the sync engine. Refresh is incremental: each shop's summary remembers the last delivery it
 * folded in, so a pass reads only what was delivered since.
 */

export interface ShopEstimator {
  model: EtaModel;
  calendar: DeliveryCalendar;
}

export interface RefreshReport {
  shops: number;
  deliveries: number;
}

/**
 * Deliveries are folded in once they are this old: a carrier's delivery scan can reach us hours
 * or days after it happened (carrying its own, earlier, time), and a cursor on delivery time must
 * not run ahead of deliveries still on their way to us.
 */
export const DELIVERY_SETTLE_MS = 3 * 86_400_000;
const DAY_MS = 86_400_000;

export async function refreshEstimateModels(
  db: Db,
  provider: DbProvider,
  options: { now: Date; holidays?: HolidaySource; withEvents?: boolean; shopDomains?: string[]; settleMs?: number },
): Promise<RefreshReport> {
  const holidays = options.holidays ?? sharedHolidays();
  const until = new Date(options.now.getTime() - (options.settleMs ?? DELIVERY_SETTLE_MS));
  const shops = (await shopsForEstimates(db)).filter((shop) => !options.shopDomains || options.shopDomains.includes(shop.domain));
  const stored = await loadEstimateModels(db, shops.map((shop) => shop.domain));
  const report: RefreshReport = { shops: 0, deliveries: 0 };
  for (const shop of shops) {
    const previous = stored.get(shop.domain);
    const start = await firstDeliveryAt(db, shop.domain, previous?.cursor ?? null, until);
    if (!start) continue;
    const model = previous ? EtaModel.fromJSON(JSON.parse(previous.modelJson) as EtaModelJson) : new EtaModel({}, start.getTime());
    let observations = previous?.observations ?? 0;
    const calendar = new DeliveryCalendar(shop.timezone, holidays);
    let folded = 0;
    const lanes = new LaneInterner();
    // The database turns instants into shop-local days itself (grouping by lane and day), given
    // the zone's offsets; parcels shipped more than a year before their delivery only ever land
    // in the tail bin, so the offsets start a year before the first delivery read.
    const spans = calendar.offsetSpans(start.getTime() - 400 * DAY_MS, until.getTime() + DAY_MS);
    const withEvents = options.withEvents ?? true;
    // Every delivery counted per lane and day by the database: shipment time, first estimates and,
    // for shipments without scans, the picked-up time.
    const groups = await deliveryGroupsBetween(db, provider, shop.domain, start, until, spans, { pickedUpWithoutEventsOnly: withEvents });
    for (const group of groups) {
      learnFromDeliveryGroup(model, calendar, { ...group, lane: lanes.of(group), deliveryWeekdays: deliveryWeekdaysFor(group.carrier, group.destinationCountry) });
      folded += group.count;
    }
    // Shipments with scans: the milestones they show and the silences between scans, counted in
    // the database too (per lane, milestone and days), never read scan by scan.
    if (withEvents) {
      const { milestones, gaps } = await scanGroupsBetween(db, provider, shop.domain, start, until, spans);
      for (const group of [...milestones, ...gaps]) {
        learnFromScanGroup(model, calendar, {
          ...group,
          milestone: MILESTONES[group.milestone]!,
          lane: lanes.of(group),
          deliveryWeekdays: deliveryWeekdaysFor(group.carrier, group.destinationCountry),
        });
      }
    }
    observations += folded;
    const saved = await saveEstimateModel(
      db,
      { shopDomain: shop.domain, modelJson: JSON.stringify(model.toJSON()), observations, cursor: until },
      options.now,
      previous?.refreshedAt ?? null,
    );
    if (!saved) continue;
    report.shops += 1;
    report.deliveries += folded;
  }
  return report;
}

/** One Lane object per distinct lane, so the model recognises a lane it has just seen without rebuilding its keys. */
class LaneInterner {
  private readonly lanes = new Map<string, Lane>();

  of(row: {
    carrier: string;
    originCountry: string | null;
    originRegion: string | null;
    destinationCountry: string | null;
    destinationRegion: string | null;
    destinationPostalPrefix: string | null;
  }): Lane {
    const key = `${row.carrier}|${row.originCountry ?? ""}|${row.originRegion ?? ""}|${row.destinationCountry ?? ""}|${row.destinationRegion ?? ""}|${row.destinationPostalPrefix ?? ""}`;
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = {
        carrier: row.carrier,
        originCountry: row.originCountry,
        originRegion: row.originRegion,
        destinationCountry: row.destinationCountry,
        destinationRegion: row.destinationRegion,
        destinationPostalPrefix: row.destinationPostalPrefix,
      };
      this.lanes.set(key, lane);
    }
    return lane;
  }
}

/** Folds past deliveries from a history file into a shop's model (warm start). */
export async function importHistory(
  db: Db,
  shopDomain: string,
  rows: readonly HistoryRow[],
  options: { now: Date; holidays?: HolidaySource },
): Promise<{ imported: number; skipped: number; observations: number }> {
  const shop = await findShopTimezone(db, shopDomain);
  if (!shop) throw new Error(`unknown shop ${shopDomain}`);
  const delivered = rows.filter((row) => row.deliveredAtMs !== null).sort((a, b) => a.deliveredAtMs! - b.deliveredAtMs!);
  const stored = (await loadEstimateModels(db, [shopDomain])).get(shopDomain);
  const model = stored
    ? EtaModel.fromJSON(JSON.parse(stored.modelJson) as EtaModelJson)
    : new EtaModel({}, delivered[0]?.deliveredAtMs ?? options.now.getTime());
  const calendar = new DeliveryCalendar(shop.timezone, options.holidays ?? sharedHolidays());
  for (const row of delivered) {
    learnFromDelivery(model, calendar, {
      lane: row.lane,
      shippedAtMs: row.shippedAtMs,
      deliveredAtMs: row.deliveredAtMs!,
      deliveryWeekdays: deliveryWeekdaysFor(row.lane.carrier, row.lane.destinationCountry),
    });
  }
  const observations = (stored?.observations ?? 0) + delivered.length;
  await saveEstimateModel(db, { shopDomain, modelJson: JSON.stringify(model.toJSON()), observations, cursor: stored?.cursor ?? null }, options.now);
  return { imported: delivered.length, skipped: rows.length - delivered.length, observations };
}

/** A worker duty: refresh the models when `intervalMs` has passed since the last refresh. */
export function periodicEstimateRefresh(db: Db, provider: DbProvider, options: { intervalMs: number; clock?: () => number; log?: (line: string) => void }) {
  let lastMs = Number.NEGATIVE_INFINITY;
  return async (): Promise<void> => {
    const now = (options.clock ?? Date.now)();
    if (now - lastMs < options.intervalMs) return;
    lastMs = now;
    const report = await refreshEstimateModels(db, provider, { now: new Date(now) });
    if (report.deliveries > 0) options.log?.(`estimates: folded ${report.deliveries} deliveries into ${report.shops} shop models`);
  };
}

let holidaysSingleton: HolidaySource | null = null;
function sharedHolidays(): HolidaySource {
  holidaysSingleton ??= dateHolidaysSource();
  return holidaysSingleton;
}

/**
 * Models for the sync engine, loaded from the database and kept for `ttlMs` (the worker refreshes
 * them in the background; a sync pass never rebuilds one).
 */
export class EstimateModelCache {
  private readonly entries = new Map<string, { loadedAt: number; estimator: ShopEstimator | null }>();

  constructor(
    private readonly db: Db,
    private readonly options: { ttlMs?: number; clock?: () => number; holidays?: HolidaySource } = {},
  ) {}

  async forShops(shops: readonly { domain: string; timezone: string }[]): Promise<Map<string, ShopEstimator>> {
    const now = (this.options.clock ?? Date.now)();
    const ttl = this.options.ttlMs ?? 10 * 60_000;
    const stale = shops.filter((shop) => {
      const entry = this.entries.get(shop.domain);
      return !entry || now - entry.loadedAt > ttl || (entry.estimator && entry.estimator.calendar.timeZone !== shop.timezone);
    });
    if (stale.length > 0) {
      const stored = await loadEstimateModels(this.db, stale.map((shop) => shop.domain));
      for (const shop of stale) {
        const row = stored.get(shop.domain);
        this.entries.set(shop.domain, {
          loadedAt: now,
          estimator: row
            ? {
                model: EtaModel.fromJSON(JSON.parse(row.modelJson) as EtaModelJson),
                calendar: new DeliveryCalendar(shop.timezone, this.options.holidays ?? sharedHolidays()),
              }
            : null,
        });
      }
    }
    const result = new Map<string, ShopEstimator>();
    for (const shop of shops) {
      const estimator = this.entries.get(shop.domain)?.estimator;
      if (estimator) result.set(shop.domain, estimator);
    }
    return result;
  }
}
