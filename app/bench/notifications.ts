import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { TEST_AND_DEMO_IDENTITY_HASH_KEY } from "~/config/env.server";
import { createDb, type Db } from "~/data/db.server";
import { applyMigrations } from "~/data/migrate.server";
import { captureShopperContact } from "~/services/notifications/contacts.server";
import { sealSmtpSettings } from "~/services/notifications/smtp.server";
import { startPostgresCluster } from "~/testing/postgres-cluster.server";
import { cpuDelta, cpuTotal, distribution, formatDistribution, forkWithCpu, numberOption, summaryLine, tempDir, type CpuTime } from "./kit";

/**
 * `npm run bench:notifications`: shopper emails from due moments, rendered and sent by the
 * outbox dispatchers over SMTP to a local SMTP server in a process of its own; first on SQLite
 * (one dispatcher process: one writer), then on Postgres (four dispatcher processes racing).
 *
 * Setup (not timed): 500 orders (five parcels each, a sealed shopper contact per order) and
 * 20,000 moments with their email outbox rows, 40 per order, written parked far in the future.
 * The dispatcher processes start, connect and warm up. Then every row is given its due time,
 * start + i / rate (open loop: moments fall due at the offered rate whether or not the
 * dispatchers keep up; moment i belongs to order i mod 500, so an order's next moment falls due
 * 500 / rate seconds after its previous one). The shop's coalescing window is 0: a moment still
 * waiting when the order's next one falls due rides in the same email, as in production.
 *
 * Timed: from the first due time until the last email is accepted by the SMTP server.
 * Latency: per moment, from its due time until the SMTP server answered 250 to the email that
 * carried it (the server notes the time per Message-ID). Lost: moments not carried by an
 * accepted email (skipped, failed, or recorded as sent but never accepted). Duplicated:
 * Message-IDs the server accepted more than once. Unfinished: moments still waiting when the run
 * gives up (--grace-seconds after the last moment fell due). CPU per message:
 * the dispatcher processes' CPU over the timed run (the SMTP server's and the database's are
 * printed apart) divided by the emails sent. Nothing stays on disk: the SQLite files and the
 * throwaway Postgres cluster (or, with DATABASE_URL naming a Postgres database, the rows made
 * there) are removed.
 *
 * Options: --moments N (default 20000), --orders N (500), --rate N moments/s offered (400),
 * --dispatchers-pg N (4), --dispatchers-sqlite N (1), --grace-seconds N (300), --sqlite-only,
 * --postgres-only.
 */
// Shopper emails are hashed with the identity key (a benchmark-only value unless one is set).
process.env.IDENTITY_HASH_KEY ??= TEST_AND_DEMO_IDENTITY_HASH_KEY;
const MOMENTS = numberOption("moments", 20_000);
const ORDERS = Math.min(numberOption("orders", 500), MOMENTS);
const RATE = numberOption("rate", 400);
const PG_DISPATCHERS = numberOption("dispatchers-pg", 4);
const SQLITE_DISPATCHERS = numberOption("dispatchers-sqlite", 1);
/** Longest a database's run may take after its last moment fell due; rows still waiting then are reported as unfinished. */
const GRACE_SECONDS = numberOption("grace-seconds", 300);
const PARCELS_PER_ORDER = 5;
const SHOP = "bench-notify.myshopify.com";
const KEY = crypto.randomBytes(32).toString("base64");
const LINK_KEY = crypto.randomBytes(32).toString("base64");
/** Moments Trackline emails by default, eight per parcel (one row per parcel and moment). */
const MOMENT_KINDS = ["arrived_in_country", "customs_hold", "customs_cleared", "available_for_pickup", "attempt_failed", "delayed", "exception", "estimate_changed"];

type Sink = Awaited<ReturnType<typeof forkWithCpu<{ port: number }>>>;

async function sinkAccepted(sink: Sink): Promise<Map<string, number[]>> {
  const id = Math.random();
  return new Promise((resolve) => {
    const listener = (message: unknown) => {
      const answer = message as { benchSink?: number; accepted?: [string, number[]][] };
      if (answer.benchSink !== id) return;
      sink.child.off("message", listener);
      resolve(new Map(answer.accepted));
    };
    sink.child.on("message", listener);
    sink.child.send({ benchSink: id });
  });
}

/** Orders, parcels, contacts, moments and their outbox rows (parked), in bulk. Returns row id → moment index. */
async function seed(db: Db, smtpPort: number): Promise<Map<string, number>> {
  await db.shop.create({
    data: {
      domain: SHOP,
      name: "Bench & Co",
      notificationSettingsJson: JSON.stringify({ coalesceMinutes: 0, quietHours: { startHour: 0, endHour: 0 } }),
      smtpSealed: sealSmtpSettings(KEY, SHOP, { host: "127.0.0.1", port: smtpPort, security: "none", user: null, password: null }),
    },
  });
  const orderId = (order: number) => `gid://shopify/Order/${100_000 + order}`;
  const parcelId = (order: number, parcel: number) => `bench-parcel-${order}-${parcel}`;
  const shipments = [];
  for (let order = 0; order < ORDERS; order++) {
    for (let parcel = 0; parcel < PARCELS_PER_ORDER; parcel++) {
      shipments.push({
        id: parcelId(order, parcel),
        shopDomain: SHOP,
        orderId: orderId(order),
        orderName: `#${100_000 + order}`,
        fulfillmentId: `gid://shopify/Fulfillment/${500_000 + order}`,
        trackingNumber: `1Z999AA1${String(order * PARCELS_PER_ORDER + parcel).padStart(10, "0")}`,
        carrier: "ups",
        status: "exception",
        destinationCountry: "US",
      });
    }
  }
  for (let index = 0; index < shipments.length; index += 500) await db.shipment.createMany({ data: shipments.slice(index, index + 500) });
  for (let order = 0; order < ORDERS; order++) {
    await captureShopperContact(db, SHOP, orderId(order), { email: `shopper${order}@example.com`, phone: null, firstName: "Ana", locale: "en" }, KEY, new Date());
  }
  // Moment i: order i mod ORDERS; within the order, parcel and kind from its rank there.
  const parked = new Date(Date.UTC(2100, 0, 1));
  const rowIndex = new Map<string, number>();
  const now = new Date();
  for (let start = 0; start < MOMENTS; start += 500) {
    const moments = [];
    const rows = [];
    for (let index = start; index < Math.min(start + 500, MOMENTS); index++) {
      const order = index % ORDERS;
      const rank = Math.floor(index / ORDERS);
      const parcel = rank % PARCELS_PER_ORDER;
      const kind = MOMENT_KINDS[Math.floor(rank / PARCELS_PER_ORDER) % MOMENT_KINDS.length] as string;
      const round = Math.floor(rank / (PARCELS_PER_ORDER * MOMENT_KINDS.length));
      const momentId = `bench-moment-${index}`;
      const subjectKey = round === 0 ? parcelId(order, parcel) : `${parcelId(order, parcel)}#${round}`;
      moments.push({ id: momentId, shopDomain: SHOP, subjectKey, shipmentId: parcelId(order, parcel), orderId: orderId(order), moment: kind, occurredAt: now, status: "exception", reason: "Address incomplete", createdAt: now });
      const id = `bench-row-${String(index).padStart(6, "0")}`;
      rows.push({ id, shopDomain: SHOP, momentId, orderId: orderId(order), shipmentId: parcelId(order, parcel), channel: "email", moment: kind, nextAttemptAt: new Date(parked.getTime() + index), createdAt: now });
      rowIndex.set(id, index);
    }
    await db.shipmentMoment.createMany({ data: moments });
    await db.notification.createMany({ data: rows });
  }
  return rowIndex;
}

async function runOn(provider: "sqlite" | "postgres", url: string, dispatchers: number): Promise<string> {
  console.log(`\n${provider}: ${MOMENTS} moments across ${ORDERS} orders offered at ${RATE}/s, ${dispatchers} dispatcher process(es), ${os.cpus().length} cores`);
  await applyMigrations(url);
  const { db } = createDb(url);
  const sink = await forkWithCpu<{ port: number }>("app/bench/smtp-sink-process.ts", process.env);
  const workers: Awaited<ReturnType<typeof forkWithCpu<{ ready: true }>>>[] = [];
  try {
    const setupStarted = performance.now();
    const rowIndex = await seed(db, sink.ready.port);
    if (provider === "postgres") await db.$executeRawUnsafe('ANALYZE "Notification", "Shipment", "ShipmentMoment", "ShopperContact"');
    console.log(`setup: ${ORDERS} orders, ${ORDERS * PARCELS_PER_ORDER} parcels, ${MOMENTS} moments and outbox rows in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);
    for (let index = 0; index < dispatchers; index++) {
      workers.push(
        await forkWithCpu<{ ready: true }>("app/bench/notification-dispatcher-process.ts", {
          ...process.env,
          DATABASE_URL: url,
          BENCH_KEY: KEY,
          BENCH_LINK_KEY: LINK_KEY,
          BENCH_OWNER: `bench-${provider}-${index}`,
        }),
      );
    }
    // The due times, all at once, then the clock starts at the first of them.
    const start = Date.now() + 2000;
    const dueAt = (index: number) => start + Math.floor((index * 1000) / RATE);
    if (provider === "postgres") {
      await db.$executeRawUnsafe(
        `UPDATE "Notification" SET "nextAttemptAt" = to_timestamp(($1::bigint + floor((substr("id", 11)::bigint * 1000) / $2::float8))::float8 / 1000) AT TIME ZONE 'UTC' WHERE "shopDomain" = $3`,
        start,
        RATE,
        SHOP,
      );
    } else {
      // As Prisma writes instants in SQLite (ISO text, `+00:00`): a number would compare below
      // every text value, and every row would be due at once.
      await db.$executeRawUnsafe(
        `UPDATE "Notification" SET "nextAttemptAt" = strftime('%Y-%m-%dT%H:%M:%S', "due" / 1000, 'unixepoch') || '.' || printf('%03d', "due" % 1000) || '+00:00'
         FROM (SELECT "id" AS "rowId", ? + CAST((CAST(substr("id", 11) AS INTEGER) * 1000) / ? AS INTEGER) AS "due" FROM "Notification" WHERE "shopDomain" = ?) AS "plan"
         WHERE "Notification"."id" = "plan"."rowId"`,
        start,
        RATE,
        SHOP,
      );
    }
    const check = await db.notification.findUnique({ where: { id: "bench-row-000001" }, select: { nextAttemptAt: true } });
    if (MOMENTS > 1 && check?.nextAttemptAt.getTime() !== dueAt(1)) throw new Error(`due times not set as planned: ${check?.nextAttemptAt.toISOString()} ≠ ${new Date(dueAt(1)).toISOString()}`);
    const early = await db.notification.count({ where: { shopDomain: SHOP, nextAttemptAt: { lte: new Date() } } });
    if (early > 0) throw new Error(`${early} rows due before the clock started`);
    while (Date.now() < start) await new Promise((resolve) => setTimeout(resolve, 5));
    const cpuBefore = await Promise.all(workers.map((worker) => worker.cpu()));
    const sinkBefore = await sink.cpu();

    // Until every row is settled (or the run is clearly stuck).
    const deadline = start + (MOMENTS / RATE) * 1000 + GRACE_SECONDS * 1000;
    let open = MOMENTS;
    while (open > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      open = await db.notification.count({ where: { shopDomain: SHOP, state: { in: ["pending", "sending"] } } });
    }
    const cpuAfter = await Promise.all(workers.map((worker) => worker.cpu()));
    const sinkMs = cpuTotal(cpuDelta(await sink.cpu(), sinkBefore));
    const dispatcherMs = cpuAfter.reduce((sum: number, after: CpuTime, index) => sum + cpuTotal(cpuDelta(after, cpuBefore[index] as CpuTime)), 0);
    const totals = await Promise.all(
      workers.map(
        (worker) =>
          new Promise<Record<string, number>>((resolve) => {
            if (!worker.child.connected) return resolve({});
            worker.child.once("exit", () => resolve({}));
            worker.child.once("message", (message) => resolve((message as { totals: Record<string, number> }).totals));
            worker.child.send({ stop: true });
          }),
      ),
    );
    const accepted = await sinkAccepted(sink);

    const rows = await db.notification.findMany({ where: { shopDomain: SHOP }, select: { id: true, state: true, carriedBy: true, attempts: true } });
    const latencies: number[] = [];
    let lost = 0;
    let unfinished = 0;
    let lastAccepted = start;
    for (const row of rows) {
      const carrier = row.state === "coalesced" ? row.carriedBy : row.state === "sent" ? row.id : null;
      const times = carrier ? accepted.get(`<${carrier}@notifications.trackline>`) : undefined;
      const index = rowIndex.get(row.id);
      if (row.state === "pending" || row.state === "sending") {
        unfinished += 1;
        continue;
      }
      if (!times || index === undefined) {
        lost += 1;
        continue;
      }
      const first = Math.min(...times);
      lastAccepted = Math.max(lastAccepted, first);
      latencies.push(first - dueAt(index));
    }
    const emails = [...accepted.keys()].filter((id) => id.endsWith("@notifications.trackline>")).length;
    const duplicated = [...accepted.values()].reduce((sum, times) => sum + times.length - 1, 0);
    const sent = rows.filter((row) => row.state === "sent").length;
    const coalesced = rows.filter((row) => row.state === "coalesced").length;
    const retried = rows.filter((row) => row.attempts > 1).length;
    const elapsed = (lastAccepted - start) / 1000;
    const latency = distribution(latencies);
    const passes = totals.reduce((sum, total) => sum + (total.passes ?? 0), 0);
    console.log(
      `emails accepted by SMTP: ${emails} (carrying ${latencies.length} moments; ${coalesced} rode in another moment's email) in ${elapsed.toFixed(1)} s = ${(emails / elapsed).toFixed(1)} emails/s, ${(latencies.length / elapsed).toFixed(1)} moments/s (offered ${RATE}/s)\n` +
        `latency (moment due → accepted by SMTP): ${formatDistribution(latency)}\n` +
        `lost ${lost}, duplicated ${duplicated}, still waiting at the end (${GRACE_SECONDS} s after the last moment fell due) ${unfinished}, rows retried ${retried}, rows in state sent ${sent}, dispatcher passes ${passes}\n` +
        `CPU per email: dispatchers ${(dispatcherMs / Math.max(emails, 1)).toFixed(2)} ms (${(dispatcherMs / 1000 / elapsed).toFixed(2)} cores), SMTP server ${(sinkMs / Math.max(emails, 1)).toFixed(2)} ms (not counted)`,
    );
    return summaryLine("notifications", {
      db: provider,
      dispatchers,
      moments: MOMENTS,
      orders: ORDERS,
      offered_moments_s: RATE,
      emails,
      coalesced,
      throughput_msg_s: emails / elapsed,
      moments_s: latencies.length / elapsed,
      p50_ms: latency.p50,
      p95_ms: latency.p95,
      p99_ms: latency.p99,
      max_ms: latency.max,
      lost,
      duplicated,
      unfinished,
      cpu_ms_per_msg: dispatcherMs / Math.max(emails, 1),
      smtp_cpu_ms_per_msg: sinkMs / Math.max(emails, 1),
    });
  } finally {
    for (const worker of workers) await worker.stop();
    await sink.stop();
    if (provider === "postgres") {
      await db.shipment.deleteMany({ where: { shopDomain: SHOP } });
      await db.shopperContact.deleteMany({ where: { shopDomain: SHOP } });
      await db.shop.deleteMany({ where: { domain: SHOP } });
    }
    await db.$disconnect();
  }
}

const summaries: string[] = [];
if (!process.argv.includes("--postgres-only")) {
  const temp = tempDir("bench-notifications");
  try {
    summaries.push(await runOn("sqlite", `file:${temp.file("bench.sqlite")}`, SQLITE_DISPATCHERS));
  } finally {
    temp.remove();
  }
  console.log(`temp files left: ${fs.existsSync(temp.path) ? "yes" : "none"}`);
}
if (!process.argv.includes("--sqlite-only")) {
  const url = process.env.DATABASE_URL;
  if (url?.startsWith("postgres")) summaries.push(await runOn("postgres", url, PG_DISPATCHERS));
  else {
    const cluster = await startPostgresCluster("trackline_bench_notifications");
    try {
      summaries.push(await runOn("postgres", cluster.url, PG_DISPATCHERS));
    } finally {
      cluster.stop();
    }
  }
}
for (const line of summaries) console.log(line);
