import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { carrierRegistry } from "~/carriers/registry";
import { simulatorAdapter } from "~/testing/carrier-simulator/harness";
import { SIMULATOR_CREDENTIALS, startCarrierSimulator } from "~/testing/carrier-simulator/server";
import { createDb } from "~/data/db.server";
import { applyMigrations } from "~/data/migrate.server";
import { summarizeFreshness, type FreshnessLeg, type FreshnessSummary } from "~/domain/freshness";
import { generateSampleNumber, seededRandom } from "~/domain/tracking-number/sample-numbers";
import { carrierPushHandler, handleCarrierPush } from "~/services/sync/carrier-push.server";
import { appSubscriptionClients, SubscriptionManager } from "~/services/sync/subscriptions.server";
import { SyncEngine } from "~/services/sync/sync-engine.server";
import { runWriteBackDispatcher } from "~/services/write-back/dispatcher.server";
import { createAdminGraphqlClient } from "~/shopify/graphql/admin-client";
import { createFakeAdminApi } from "~/testing/fake-admin-api";
import { numberOption } from "./kit";

/**
 * `npm run bench:freshness`: how long a carrier scan takes to reach shoppers and Shopify, push
 * versus poll, in simulated time. UPS parcels are subscribed to Track Alert and the simulator
 * pushes each scan after a delivery delay of 5 s plus an exponential wait (mean 15 s); FedEx
 * parcels are polled at the app's cadence (this bench gives FedEx no push subscription). The worker
 * loop (sync pass, then the write-back dispatcher against a fake Shopify Admin API) runs every 2
 * simulated minutes. Measures, for scans after the parcels were imported, scan → stored (visible on
 * the tracking page) and, for status changes, scan → accepted by Shopify (the outbox's `sentAt`).
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const PARCELS = numberOption("parcels", 40);
const DAYS = 5;
const TICK = 2 * MINUTE;
const shop = "bench-freshness.myshopify.com";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trackline-bench-freshness-"));
const url = `file:${path.join(dir, "bench.sqlite")}`;
await applyMigrations(url);
const { db, provider } = createDb(url);
const start = Date.parse("2026-11-20T00:00:00Z");
let now = start;
const clock = () => now;
const random = seededRandom(20261206);

const upsHandler = carrierPushHandler("ups", { UPS_TRACK_ALERT_CREDENTIAL: "bench-credential" });
const shopify = createFakeAdminApi({ now: clock });
// Shopify answers at once here: the written leg is Trackline's own delay after a scan is stored.
const dispatch = () =>
  runWriteBackDispatcher({
    db,
    provider,
    now: () => new Date(now),
    owner: "bench-write-back",
    adminFor: async (shopDomain) => createAdminGraphqlClient({ shop: shopDomain, accessToken: "shpat_bench", fetch: shopify.fetch, now: clock, sleep: async () => {}, serverRetries: 0 }),
  });
// The simulator is created just below; adapters are only asked for once the run starts.
const engine: SyncEngine = new SyncEngine({
  db,
  provider,
  owner: "bench",
  clock,
  batchSize: 500,
  adapters: { adapterFor: async (carrier) => simulatorAdapter(simulator, carrier as never, { clock }) },
});
const simulator = await startCarrierSimulator({
  clock,
  seed: 7,
  // Labels created over the 6 h before import: the rest of each journey happens during the run.
  journeyStart: (_carrier, trackingNumber) => start - (Number.parseInt(trackingNumber.replace(/\D/g, "").slice(-4) || "0", 10) % 360) * MINUTE,
  push: {
    deliver: async (target, body, headers) => {
      const request = new Request(target, { method: "POST", body, headers });
      return (await handleCarrierPush(request, upsHandler, { db, engine: async () => engine, now: () => new Date(now) })).status;
    },
  },
});
const oauth = { clientId: SIMULATOR_CREDENTIALS.clientId, clientSecret: SIMULATOR_CREDENTIALS.clientSecret };
const subscriptions = new SubscriptionManager({
  db,
  clock,
  carriers: carrierRegistry,
  clients: appSubscriptionClients({
    appCredentials: { ups: oauth },
    appUrl: "https://trackline.invalid",
    pushCredentials: { ups: "bench-credential" },
    simulatorUrl: simulator.baseUrl("ups").replace(/\/ups$/, ""),
  }),
});

await db.shop.create({ data: { domain: shop } });
const parcels: { carrier: "ups" | "fedex"; trackingNumber: string }[] = [];
for (let index = 0; index < PARCELS; index++) {
  parcels.push({ carrier: "ups", trackingNumber: generateSampleNumber("ups_1z", random).number });
  parcels.push({ carrier: "fedex", trackingNumber: generateSampleNumber("fedex_express_12", random).number });
}
for (const [index, parcel] of parcels.entries()) {
  await db.shipment.create({
    data: {
      shopDomain: shop,
      orderId: `gid://shopify/Order/${index}`,
      orderName: `#${index}`,
      fulfillmentId: `gid://shopify/Fulfillment/${index}`,
      trackingNumber: parcel.trackingNumber,
      carrier: parcel.carrier,
      nextCheckAt: new Date(start),
    },
  });
}
await engine.runOnce();
await subscriptions.runOnce();

// Every UPS scan after the import is pushed once, after the carrier's delivery delay.
const pushes = parcels
  .filter((parcel) => parcel.carrier === "ups")
  .flatMap((parcel) =>
    simulator
      .journey("ups", parcel.trackingNumber)
      .scans.filter((scan) => scan.at > start)
      .map((scan) => ({ trackingNumber: parcel.trackingNumber, at: scan.at + 5_000 - Math.log(1 - random()) * 15_000 })),
  )
  .sort((a, b) => a.at - b.at);

const end = start + DAYS * 24 * HOUR;
let next = 0;
for (let tick = start + TICK; tick <= end; tick += TICK) {
  while (next < pushes.length && pushes[next]!.at <= tick) {
    const push = pushes[next++]!;
    now = Math.round(push.at);
    await simulator.pushSubscribed(new Set([push.trackingNumber]));
  }
  now = tick;
  await engine.runOnce();
  await dispatch();
}

const rows = await db.trackingEvent.findMany({
  where: { occurredAt: { gt: new Date(start) } },
  select: { occurredAt: true, createdAt: true, shipment: { select: { carrier: true } } },
});
const written = await db.writeBack.findMany({
  where: { happenedAt: { gt: new Date(start) }, state: "done" },
  select: { happenedAt: true, sentAt: true, shipment: { select: { carrier: true } } },
});
const summary = summarizeFreshness(
  rows.map((row) => ({ carrier: row.shipment.carrier ?? "", eventAt: row.occurredAt, visibleAt: row.createdAt })),
  written.flatMap((row) => (row.sentAt ? [{ carrier: row.shipment.carrier ?? "", eventAt: row.happenedAt, writtenAt: row.sentAt }] : [])),
);
await simulator.close();
await db.$disconnect();
fs.rmSync(dir, { recursive: true, force: true });

const leg = (value: FreshnessLeg | null | undefined) =>
  value ? `→ Shopify p50 ${value.p50Seconds.toFixed(0)} s, p95 ${value.p95Seconds.toFixed(0)} s (${value.events} status changes)` : "→ Shopify: none written";
const line = (label: string, row: FreshnessSummary | undefined) =>
  row ? `${label} → visible p50 ${row.p50Seconds.toFixed(0)} s, p95 ${row.p95Seconds.toFixed(0)} s (${row.events} scans), ${leg(row.written)}` : `${label}: no scans`;
const ups = summary.find((row) => row.carrier === "ups");
const fedex = summary.find((row) => row.carrier === "fedex");
console.log(
  `freshness, scan → visible over ${DAYS} simulated days, ${PARCELS}+${PARCELS} parcels: ${line("push (UPS Track Alert)", ups)}; ${line("poll (FedEx)", fedex)}; push p95 < 60 s: ${ups && ups.p95Seconds < 60 ? "met" : "not met"}`,
);
