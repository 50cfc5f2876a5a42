/**
 * Delivery-estimate benchmark: `npm run bench:eta`.
 *
 * Seeds one shop with N delivered shipments (default 1,000,000; lanes, carriers and transit times
 * spread like a real shop) in a throwaway database, then times the worker's full model refresh
 * over all of them (read in pages, folded into the per-lane histograms, saved), the cost of one
 * parcel's prediction (milestone, window, shown source) from the stored model, and runs the
 * backtest on generated history. It measures SQLite (a temporary file) and then Postgres: the
 * database DATABASE_URL names when it is one, otherwise a throwaway cluster it starts and removes.
 * Every file and table it makes is removed. Prints one line per database and one for the backtest.
 *
 * One shipment in ten has eight carrier scans (the refresh learns milestones and scan gaps from
 * them, the costlier path), and the refresh is timed for both kinds.
 *
 * Options: --shipments N, --predictions N (default 200000), --history N (default 20000 rows),
 * --events-every N (default 10), --event-scans N (default 8), --sqlite-only.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateHistory } from "~/demo/eta-history";
import { deliveryWeekdaysFor } from "~/carriers/delivery-weekdays";
import { createDb, type Db, type DbProvider } from "~/data/db.server";
import { loadEstimateModels } from "~/data/estimates.server";
import { runBacktest } from "~/domain/eta/backtest";
import { DeliveryCalendar } from "~/domain/eta/calendar";
import { EtaModel, type EtaModelJson } from "~/domain/eta/model";
import { estimateParcel } from "~/domain/eta/parcel";
import type { CanonicalEvent } from "~/domain/status";
import { dateHolidaysSource } from "~/services/estimates/holidays";
import { refreshEstimateModels } from "~/services/estimates/models.server";
import { startPostgresCluster } from "~/testing/postgres-cluster.server";
import { migrateDeploy } from "~/testing/test-database.server";
import { numberOption } from "./kit";

const SHIPMENTS = numberOption("shipments", 1_000_000);
const PREDICTIONS = numberOption("predictions", 200_000);
const HISTORY = numberOption("history", 20_000);
/** One delivered shipment in this many has carrier scans, EVENT_SCANS each. */
const EVENTS_EVERY = numberOption("events-every", 10);
const EVENT_SCANS = numberOption("event-scans", 8);
const SHOP = "bench-eta.myshopify.com";
const NOW = new Date();
const DAY_SECONDS = 86_400;

const LANES: [carrier: string, origin: string, destination: string, baseDays: number, spreadDays: number][] = [
  ["yunexpress", "CN", "US", 9, 8],
  ["china_post", "CN", "US", 12, 10],
  ["usps", "US", "US", 2, 4],
  ["ups", "US", "US", 2, 3],
  ["fedex", "US", "CA", 3, 4],
  ["dhl", "DE", "DE", 1, 3],
  ["dhl", "DE", "FR", 2, 4],
  ["dhl", "DE", "IT", 3, 4],
];

function caseOf(expression: string, values: readonly string[]): string {
  return `CASE (${expression}) % ${values.length} ${values.map((value, index) => `WHEN ${index} THEN '${value}'`).join(" ")} END`;
}

/** Delivered shipments generated inside the database, one INSERT … SELECT per chunk. */
async function seed(db: Db, provider: DbProvider): Promise<void> {
  await db.shop.upsert({ where: { domain: SHOP }, create: { domain: SHOP, timezone: "America/New_York" }, update: {} });
  const nowSeconds = Math.floor(NOW.getTime() / 1000);
  const ts = (seconds: string) =>
    provider === "postgres" ? `(to_timestamp(${seconds}) AT TIME ZONE 'UTC')` : `strftime('%Y-%m-%dT%H:%M:%S.000+00:00', ${seconds}, 'unixepoch')`;
  const lane = `(i * 2654435761) % ${LANES.length}`;
  const base = `CASE ${lane} ${LANES.map((entry, index) => `WHEN ${index} THEN ${entry[3]}`).join(" ")} END`;
  const spread = `CASE ${lane} ${LANES.map((entry, index) => `WHEN ${index} THEN ${entry[4]}`).join(" ")} END`;
  // Days in transit: the lane's base plus a skewed spread (product of two uniforms) and a tail.
  const transit = `(${base} + ((i * 7) % (${spread} + 1)) * ((i * 13) % (${spread} + 1)) / (${spread} + 1) + CASE WHEN i % 23 = 0 THEN 6 ELSE 0 END)`;
  const shipped = `(${nowSeconds} - 60 * ${DAY_SECONDS} - ((i * 7919) % (540 * ${DAY_SECONDS})))`;
  const delivered = `(${shipped} + ${transit} * ${DAY_SECONDS} + (i % 28800))`;
  const columns = `"id","shopDomain","orderId","orderName","fulfillmentId","fulfillmentCreatedAt","trackingNumber","carrier","status","pickedUpAt","deliveredAt","originCountry","destinationCountry","createdAt","updatedAt"`;
  const select = [
    `'e' || i`,
    `'${SHOP}'`,
    `'gid://shopify/Order/' || i`,
    `'#' || (100000 + i)`,
    `'gid://shopify/Fulfillment/' || i`,
    ts(shipped),
    `'ET' || (1000000000 + i)`,
    caseOf(lane, LANES.map((entry) => entry[0])),
    `'delivered'`,
    ts(`${shipped} + 20000`),
    ts(delivered),
    caseOf(lane, LANES.map((entry) => entry[1])),
    caseOf(lane, LANES.map((entry) => entry[2])),
    ts(shipped),
    ts(shipped),
  ].join(", ");
  const chunk = 100_000;
  for (let from = 1; from <= SHIPMENTS; from += chunk) {
    const to = Math.min(from + chunk - 1, SHIPMENTS);
    const numbers =
      provider === "postgres"
        ? `FROM generate_series(${from}::bigint, ${to}::bigint) AS g(i)`
        : `FROM (WITH RECURSIVE n(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM n WHERE i < ${to}) SELECT i FROM n)`;
    await db.$executeRawUnsafe(`INSERT INTO "Shipment" (${columns}) SELECT ${select} ${numbers}`);
    await db.$executeRawUnsafe(eventsInsert(numbers, shipped, delivered, lane, ts));
  }
}

/**
 * Scans for one delivered shipment in EVENTS_EVERY: EVENT_SCANS per parcel, picked up → in transit
 * (the first half in the origin country) → out for delivery → delivered, evenly spaced.
 */
function eventsInsert(numbers: string, shipped: string, delivered: string, lane: string, ts: (seconds: string) => string): string {
  const scans = Array.from({ length: EVENT_SCANS }, (_, index) => `SELECT ${index} AS k`).join(" UNION ALL ");
  const last = EVENT_SCANS - 1;
  const at = `(${shipped} + 20000 + ((${delivered}) - (${shipped} + 20000)) * k / ${last})`;
  const status = `CASE WHEN k = 0 THEN 'picked_up' WHEN k = ${last} THEN 'delivered' WHEN k = ${last - 1} THEN 'out_for_delivery' ELSE 'in_transit' END`;
  const country = `CASE WHEN k < ${Math.floor(EVENT_SCANS / 2)} THEN ${caseOf(lane, LANES.map((entry) => entry[1]))} ELSE ${caseOf(lane, LANES.map((entry) => entry[2]))} END`;
  return `INSERT INTO "TrackingEvent" ("id","shipmentId","occurredAt","status","carrierCode","description","country","dedupeKey","createdAt")
    SELECT 'v' || i || '-' || k, 'e' || i, ${ts(at)}, ${status}, 'S', 'Scan', ${country}, 'k' || k, ${ts(at)}
    ${numbers} CROSS JOIN (${scans}) AS scans WHERE i % ${EVENTS_EVERY} = 0`;
}

async function measure(
  db: Db,
  provider: DbProvider,
): Promise<{ refreshSeconds: number; groupedSeconds: number; refreshCpuSeconds: number; predictionMicros: number; cells: number }> {
  const holidays = dateHolidaysSource();
  // Warm-up: the calendars' holiday indexes (built once per process) would otherwise land in
  // whichever refresh runs first.
  const warm = new DeliveryCalendar("America/New_York", holidays);
  for (const [carrier, , destination] of LANES) warm.between(0, 1, destination, deliveryWeekdaysFor(carrier, destination));
  for (const [, , destination] of LANES) warm.between(0, 1, destination);
  // Every delivery counted per lane and day in SQL, events ignored: the events path's cost is
  // the full refresh's time minus this one's.
  const groupedStarted = performance.now();
  const grouped = await refreshEstimateModels(db, provider, { now: NOW, holidays, withEvents: false });
  const groupedSeconds = (performance.now() - groupedStarted) / 1000;
  if (grouped.deliveries !== SHIPMENTS) throw new Error(`refresh folded ${grouped.deliveries} of ${SHIPMENTS} deliveries`);
  await db.deliveryEstimateModel.deleteMany({ where: { shopDomain: SHOP } });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const report = await refreshEstimateModels(db, provider, { now: NOW, holidays });
  const cpu = process.cpuUsage(cpuBefore);
  const refreshSeconds = (performance.now() - started) / 1000;
  const refreshCpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (report.deliveries !== SHIPMENTS) throw new Error(`refresh folded ${report.deliveries} of ${SHIPMENTS} deliveries`);

  const stored = (await loadEstimateModels(db, [SHOP])).get(SHOP)!;
  const model = EtaModel.fromJSON(JSON.parse(stored.modelJson) as EtaModelJson);
  const calendar = new DeliveryCalendar("America/New_York", holidays);
  const nowMs = NOW.getTime();
  const parcels = LANES.map(([carrier, origin, destination], index) => {
    const events: CanonicalEvent[] = [
      { occurredAt: new Date(nowMs - (index + 1) * 86_400_000).toISOString(), status: "picked_up", carrierCode: "P", description: "Picked up" },
      { occurredAt: new Date(nowMs - index * 3_600_000).toISOString(), status: "in_transit", carrierCode: "T", description: "In transit" },
    ];
    return {
      lane: { carrier, originCountry: origin, destinationCountry: destination },
      shippedAtMs: nowMs - (index + 2) * 86_400_000,
      events,
      deliveryWeekdays: deliveryWeekdaysFor(carrier, destination),
    };
  });
  // Warm-up (calendar indexes, JIT), then the timed run.
  for (const parcel of parcels) estimateParcel(model, calendar, { ...parcel, nowMs });
  let checksum = 0;
  const t0 = performance.now();
  for (let index = 0; index < PREDICTIONS; index++) {
    const parcel = parcels[index % parcels.length]!;
    checksum += estimateParcel(model, calendar, { ...parcel, nowMs: nowMs + (index % 97) * 600_000 }).prediction.p50Day;
  }
  const predictionMicros = ((performance.now() - t0) * 1000) / PREDICTIONS;
  if (!(checksum > 0)) throw new Error("no predictions made");
  return { refreshSeconds, groupedSeconds, refreshCpuSeconds, predictionMicros, cells: model.transit.size };
}

/** Seeds, refreshes and predicts on one database; removes what it made. */
async function runOn(target: string): Promise<string> {
  migrateDeploy(target);
  const { db, provider } = createDb(target);
  try {
    if (provider === "sqlite") await db.$executeRawUnsafe("PRAGMA journal_mode = WAL");
    const seeding = performance.now();
    await seed(db, provider);
    // A live Postgres has statistics from autovacuum; a table filled a moment ago needs them now.
    if (provider === "postgres") await db.$executeRawUnsafe('ANALYZE "Shipment", "TrackingEvent"');
    console.error(`seeded ${SHIPMENTS} delivered shipments on ${provider} in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
    const { refreshSeconds, groupedSeconds, refreshCpuSeconds, predictionMicros, cells } = await measure(db, provider);
    const withEvents = Math.floor(SHIPMENTS / EVENTS_EVERY);
    return (
      `bench:eta ${provider}: refresh ${SHIPMENTS} deliveries ${refreshSeconds.toFixed(1)} s (${verdict(refreshSeconds < 60)} < 60 s, ${cells} cells; ` +
      `this process's CPU ${refreshCpuSeconds.toFixed(1)} s; ${withEvents} with ${withEvents * EVENT_SCANS} scans, milestones and scan gaps counted in SQL, ` +
      `events path ${(refreshSeconds - groupedSeconds).toFixed(1)} s over the ${groupedSeconds.toFixed(1)} s of counting all in SQL), ` +
      `prediction ${predictionMicros.toFixed(1)} µs/parcel (${verdict(predictionMicros < 50)} < 50 µs)`
    );
  } finally {
    if (provider === "postgres") {
      await db.deliveryEstimateModel.deleteMany({ where: { shopDomain: SHOP } });
      await db.shipment.deleteMany({ where: { shopDomain: SHOP } });
      await db.shop.deleteMany({ where: { domain: SHOP } });
    }
    await db.$disconnect();
  }
}

function verdict(ok: boolean): string {
  return ok ? "ok" : "MISSED";
}

// Each line is printed as soon as it is measured.
const lines = { push: (line: string) => console.log(line) };
// SQLite in a temporary file, then Postgres: DATABASE_URL's when it names one, else a throwaway
// cluster (`--sqlite-only` skips it).
const file = path.join(os.tmpdir(), `trackline-bench-eta-${process.pid}.sqlite`);
try {
  lines.push(await runOn(`file:${file}`));
} finally {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });
}
if (!process.argv.includes("--sqlite-only")) {
  const url = process.env.DATABASE_URL;
  if (url?.startsWith("postgres")) lines.push(await runOn(url));
  else {
    const cluster = await startPostgresCluster("trackline_bench_eta");
    try {
      lines.push(await runOn(cluster.url));
    } finally {
      cluster.stop();
    }
  }
}
const history = generateHistory({ rows: HISTORY, holidays: dateHolidaysSource() });
const backtest = runBacktest(history, new DeliveryCalendar("UTC", dateHolidaysSource()), {
  weekdaysOf: (lane) => deliveryWeekdaysFor(lane.carrier, lane.destinationCountry),
});
lines.push(
  `bench:eta backtest ${backtest.rows} rows: p50_mae_days ${backtest.p50_mae_days} vs baseline ${backtest.baseline_p50_mae_days} (${Math.round(backtest.p50_mae_improvement * 100)} % better), ` +
    `p10_p90_coverage ${backtest.p10_p90_coverage}, p90_on_time ${backtest.p90_on_time}, p90_mean_padding_days ${backtest.p90_mean_padding_days} ` +
    `vs promised ${backtest.promised_mean_padding_days} (on time ${backtest.promised_on_time})`,
);
