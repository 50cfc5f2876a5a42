/**
 * Webhook ingestion benchmark: `npm run bench:webhooks` (tsx app/bench/webhooks.ts).
 *
 * Starts the real server as `npm start` runs it (the bundle build/server.js, plain `node`, on the
 * Remix build) against a fresh SQLite
 * database (or DATABASE_URL when given), then a second process fires signed
 * `fulfillments/create` deliveries at a fixed rate — distinct webhook ids plus a share of exact
 * redeliveries of earlier ones — and records each ACK's latency. Prints p50/p95/p99,
 * throughput, and verifies the rows against what the sender was told:
 *   - refused: attempts answered other than 2xx (5xx, no answer within Shopify's 5 s timeout,
 *     connection failed). Shopify redelivers those, and so does the sender, after the timed run,
 *     for up to 5 rounds with backoff;
 *   - lost: webhook ids answered 2xx but with no receipt stored (Shopify will not send them again);
 *   - never accepted: ids still refused after every redelivery;
 *   - not processed: receipts kept as failed or ignored (none are expected: every delivery is valid);
 *   - duplicated: a delivery stored twice (receipts or shipments).
 * The run passes only when all of these are 0.
 *
 * What is timed: a delivery's latency runs from the moment it was due (open loop: delivery i is
 * due at i/rate s whatever the server does) to the end of the ACK's body, in the sending process.
 * Only 2xx answers of the timed run have a latency. Server CPU per delivery is the server
 * process's own process.cpuUsage() across the run and the redeliveries divided by every attempt (it includes background work the deliveries cause: group commits, WAL
 * checkpoints). Ends with one SUMMARY line.
 *
 * With --updates F, that share of the distinct deliveries are `fulfillments/update` of an earlier
 * fulfillment instead (a new tracking URL and `updated_at` for the same parcel): no new shipment,
 * the stored parcel updated; the verdict then expects one shipment per created fulfillment.
 *
 * Options: --rate N (requests/s, default 200), --seconds N (default 30), --duplicates F (default 0.1),
 * --updates F (default 0), --cpu-prof DIR (writes the server's CPU profile there, for finding where
 * a delivery's time goes).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { generateSampleNumber, seededRandom } from "~/domain/tracking-number/sample-numbers";
import { fulfillmentWebhookPayload, signWebhookDelivery, type SignedDelivery } from "~/services/ingestion/fulfillment-webhook-builder.server";
import { TEST_AND_DEMO_IDENTITY_HASH_KEY } from "~/config/env.server";
import { projectRoot as root } from "~/config/database-target.server";
import { bin, cpuDelta, cpuTotal, distribution, ensureProductionBuild, freePort, numberOption as option, percentile, startServer, stringOption, summaryLine, tempDir, type LoadResult } from "./kit";

const SECRET = "bench-webhook-secret";
const SHOP = "bench-shop.myshopify.com";

/** The load generator (second process): fires the plan at a fixed rate, prints latencies as JSON. */
async function fire(url: string, rate: number, seconds: number, duplicateShare: number, updateShare: number): Promise<void> {
  const random = seededRandom(4242);
  const total = Math.round(rate * seconds);
  const distinct: SignedDelivery[] = [];
  const plan: SignedDelivery[] = [];
  const numbers = new Set<string>();
  /** The created fulfillments, by their number among them (1-based), with their tracking number. */
  const created: string[] = [];
  const payloadOf = (id: number, number: string, updated: boolean) =>
    fulfillmentWebhookPayload({
      fulfillmentId: 6_000_000 + id,
      orderId: 5_000_000 + id,
      orderName: `#${10_000 + id}`,
      createdAt: new Date(Date.now() - 3_600_000),
      ...(updated ? { updatedAt: new Date(), trackingUrls: [`https://www.ups.com/track?tracknum=${number}`] } : {}),
      trackingCompany: "UPS",
      trackingNumbers: [number],
      destinationCountry: "US",
      lineItemCount: 1 + (id % 3),
      email: `bench${id}@example.com`,
    });
  for (let index = 0; index < total; index++) {
    if (distinct.length > 10 && random() < duplicateShare) {
      // Shopify redelivers the exact same delivery (same id, body and signature).
      plan.push(distinct[Math.floor(random() * distinct.length)]!);
      continue;
    }
    let delivery: SignedDelivery;
    if (created.length > 10 && random() < updateShare) {
      // An update of one of the last hundred fulfillments: same parcel, a tracking URL added.
      const id = created.length - Math.floor(random() * Math.min(100, created.length));
      delivery = signWebhookDelivery({ topic: "fulfillments/update", shopDomain: SHOP, secret: SECRET, payload: payloadOf(id, created[id - 1]!, true), webhookId: `bench-update-${distinct.length + 1}` });
    } else {
      let number = generateSampleNumber("ups_1z", random).number;
      while (numbers.has(number)) number = generateSampleNumber("ups_1z", random).number;
      numbers.add(number);
      created.push(number);
      delivery = signWebhookDelivery({ topic: "fulfillments/create", shopDomain: SHOP, secret: SECRET, payload: payloadOf(created.length, number, false) });
    }
    distinct.push(delivery);
    plan.push(delivery);
  }
  // Warm this process's HTTP client (the first fetch loads and connects it), outside the clock.
  await Promise.all(Array.from({ length: 8 }, () => fetch(`${url}/healthz`).then((response) => response.arrayBuffer())));
  const latencies: number[] = [];
  /** [seconds since start when due, latency] — shows whether the server keeps up or falls behind. */
  const timeline: [number, number][] = [];
  const statuses: Record<string, number> = {};
  /** Webhook ids Shopify would consider delivered: answered 2xx at least once. */
  const acknowledged = new Set<string>();
  /** Per webhook id, each attempt's status ("r" marks a redelivery after the run), for the verdict's examples. */
  const attemptsOf = new Map<string, string[]>();
  const note = (delivery: SignedDelivery, status: string) => attemptsOf.set(webhookIdOf(delivery), [...(attemptsOf.get(webhookIdOf(delivery)) ?? []), status]);
  let refused = 0;
  const started = performance.now();
  await Promise.all(
    plan.map(async (delivery, index) => {
      const due = started + (index * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const status = await send(url, delivery);
      note(delivery, status);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (isAcknowledged(status)) {
        acknowledged.add(webhookIdOf(delivery));
        latencies.push(performance.now() - due);
        timeline.push([(due - started) / 1000, performance.now() - due]);
      } else refused++;
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  // Shopify redelivers a delivery that was not answered 2xx within its timeout (it retries for
  // hours). Here: up to REDELIVERY_ROUNDS rounds after the timed run, a few at a time.
  const redeliveryStatuses: Record<string, number> = {};
  let redelivered = 0;
  for (let round = 0; round < REDELIVERY_ROUNDS; round++) {
    const pending = distinct.filter((delivery) => !acknowledged.has(webhookIdOf(delivery)));
    if (pending.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** round));
    for (let start = 0; start < pending.length; start += 8) {
      await Promise.all(
        pending.slice(start, start + 8).map(async (delivery) => {
          redelivered++;
          const status = await send(url, delivery);
          note(delivery, `r${status}`);
          redeliveryStatuses[status] = (redeliveryStatuses[status] ?? 0) + 1;
          if (isAcknowledged(status)) acknowledged.add(webhookIdOf(delivery));
        }),
      );
    }
  }
  const result: FireResult = {
    latencies,
    timeline,
    statuses,
    elapsed,
    sent: plan.length,
    distinct: distinct.length,
    created: created.length,
    refused,
    redelivered,
    redeliveryStatuses,
    acknowledged: [...acknowledged],
    neverAcknowledged: distinct.map(webhookIdOf).filter((id) => !acknowledged.has(id)),
    attempts: Object.fromEntries(attemptsOf),
  };
  process.stdout.write(JSON.stringify(result));
}

/** Shopify's own limit: a delivery not answered within 5 s counts as failed and is retried. */
const SHOPIFY_TIMEOUT_MS = 5_000;
const REDELIVERY_ROUNDS = 5;

/** The timed run's latencies, timeline and statuses as the kit's load generator counts them ("error" = no answer). */
interface FireResult extends Pick<LoadResult, "latencies" | "timeline" | "statuses" | "sent"> {
  elapsed: number;
  distinct: number;
  /** Distinct deliveries that create a fulfillment (the others update one). */
  created: number;
  /** Attempts of the timed run answered other than 2xx (5xx, timeout, connection error). */
  refused: number;
  /** Redelivery attempts after the timed run, and their statuses. */
  redelivered: number;
  redeliveryStatuses: Record<string, number>;
  /** Distinct webhook ids answered 2xx at least once (the run or a redelivery). */
  acknowledged: string[];
  /** Distinct webhook ids never answered 2xx, even after every redelivery. */
  neverAcknowledged: string[];
  /** Statuses of every attempt, by webhook id. */
  attempts: Record<string, string[]>;
}

const webhookIdOf = (delivery: SignedDelivery) => delivery.headers["X-Shopify-Webhook-Id"] ?? "";
const isAcknowledged = (status: string) => status.startsWith("2");

/** One attempt; the status as text, or "error" when no answer came within Shopify's timeout. */
async function send(url: string, delivery: SignedDelivery): Promise<string> {
  try {
    const response = await fetch(`${url}/webhooks/${delivery.headers["X-Shopify-Topic"]}`, {
      method: "POST",
      headers: delivery.headers,
      body: delivery.body,
      signal: AbortSignal.timeout(SHOPIFY_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    return String(response.status);
  } catch {
    return "error";
  }
}

async function main() {
  const rate = option("rate", 200);
  const seconds = option("seconds", 30);
  const duplicates = Math.min(option("duplicates", 0.1), 0.9);
  const updates = Math.min(option("updates", 0), 0.9);
  const temp = tempDir("bench-webhooks");
  const databaseUrl = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : `file:${temp.file("bench.sqlite")}`;
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    HOST: "127.0.0.1",
    PORT: String(port),
    SHOPIFY_API_KEY: "bench-api-key",
    SHOPIFY_API_SECRET: SECRET,
    SHOPIFY_APP_URL: `http://127.0.0.1:${port}`,
    SCOPES: "read_orders,read_fulfillments,write_fulfillments",
    TRACKLINE_DEMO: "0",
    IDENTITY_HASH_KEY: process.env.IDENTITY_HASH_KEY ?? TEST_AND_DEMO_IDENTITY_HASH_KEY,
    // One server process unless asked otherwise, so CPU per delivery is that of one process.
    WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? "1",
  };
  ensureProductionBuild();
  console.log(`▸ migrating ${databaseUrl.startsWith("file:") ? "a fresh SQLite database" : "DATABASE_URL"}`);
  const migrated = spawnSync(bin("tsx"), ["app/data/migrate.ts"], { cwd: root, env, stdio: "ignore" });
  if (migrated.status !== 0) throw new Error("migrations failed");

  console.log(`▸ starting the server on 127.0.0.1:${port}`);
  const server = await startServer({ port, env, cpuProfileDir: stringOption("cpu-prof") });
  try {
    const url = server.url;
    // Warm-up (another shop, not counted): route modules, Prisma's query compiler, the session
    // storage and the batched commit path initialise on first use, as on any server that has
    // been up a while. Bursts, so batches of every size occur.
    const warm = (index: number) =>
      signWebhookDelivery({
        topic: "fulfillments/create",
        shopDomain: "bench-warm-up.myshopify.com",
        secret: SECRET,
        payload: fulfillmentWebhookPayload({
          fulfillmentId: index + 1,
          orderId: index + 1,
          orderName: `#${index + 1}`,
          createdAt: new Date(),
          trackingCompany: "UPS",
          trackingNumbers: [generateSampleNumber("ups_1z", seededRandom(index)).number],
          destinationCountry: "US",
          lineItemCount: 1,
        }),
      });
    for (let burst = 0; burst < 20; burst++) {
      await Promise.all(
        Array.from({ length: burst + 1 }, (_, index) => {
          const delivery = warm(burst * 100 + index);
          return fetch(`${url}/webhooks/fulfillments/create`, { method: "POST", headers: delivery.headers, body: delivery.body }).then((response) => response.arrayBuffer());
        }),
      );
    }

    const cpuBefore = await server.cpu();
    console.log(
      `▸ firing signed fulfillments/create${updates > 0 ? ` and fulfillments/update (${Math.round(updates * 100)}% of distinct deliveries)` : ""} at ${rate} req/s for ${seconds} s (${Math.round(duplicates * 100)}% redeliveries) from a second process`,
    );
    const generator = spawnSync(bin("tsx"), [fileURLToPath(import.meta.url), "--fire", url, "--rate", String(rate), "--seconds", String(seconds), "--duplicates", String(duplicates), "--updates", String(updates)], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    if (generator.status !== 0) throw new Error(`load generator failed: ${generator.stderr}`);
    const serverCpuMs = cpuTotal(cpuDelta(await server.cpu(), cpuBefore));
    const result = JSON.parse(generator.stdout) as FireResult;
    const attempts = result.sent + result.redelivered;
    const sorted = [...result.latencies].sort((a, b) => a - b);

    process.env.DATABASE_URL = databaseUrl;
    const { database, closeDatabase } = await import("~/data/client.server");
    const { db } = database();
    const [shipments, receiptRows, distinctNumbers] = await Promise.all([
      db.shipment.count({ where: { shopDomain: SHOP } }),
      db.webhookReceipt.findMany({ where: { shopDomain: SHOP }, select: { webhookId: true, outcome: true, error: true } }),
      db.shipment.groupBy({ by: ["trackingNumber"], where: { shopDomain: SHOP } }).then((groups) => groups.length),
    ]);
    // Counted again after a pause: a receipt that appears only now was answered before its commit.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const receiptsLater = await db.webhookReceipt.count({ where: { shopDomain: SHOP } });
    await closeDatabase();
    const stored = new Map(receiptRows.map((row) => [row.webhookId, row]));
    const receipts = receiptRows.length;
    const processed = receiptRows.filter((row) => row.outcome === "processed").length;
    // Lost: answered 2xx (Shopify will not send it again) but no receipt stored.
    const lostIds = result.acknowledged.filter((id) => !stored.has(id));
    const lost = lostIds.length;
    const lostPatterns = new Map<string, number>();
    for (const id of lostIds) lostPatterns.set(result.attempts[id]?.join(",") ?? "", (lostPatterns.get(result.attempts[id]?.join(",") ?? "") ?? 0) + 1);
    // Refused to the end: never answered 2xx, even after every redelivery (Shopify would keep trying).
    const unaccepted = result.neverAcknowledged.length;
    // Stored, but not as processed (kept as failed for replay, or ignored): with these distinct, valid deliveries, none should be.
    const notProcessed = receiptRows.filter((row) => row.outcome !== "processed");
    const reasons = new Map<string, number>();
    for (const row of notProcessed) reasons.set(`${row.outcome}: ${(row.error ?? "").slice(0, 120)}`, (reasons.get(`${row.outcome}: ${(row.error ?? "").slice(0, 120)}`) ?? 0) + 1);
    const duplicated = shipments - distinctNumbers + (receipts - stored.size);
    const correct = lost === 0 && unaccepted === 0 && notProcessed.length === 0 && duplicated === 0 && shipments === result.created;
    const statusText = (statuses: Record<string, number>) => Object.entries(statuses).map(([status, count]) => `${status}×${count}`).join(" ") || "none";
    console.log(`
requests      ${result.sent} (${result.distinct} distinct: ${result.created} creates, ${result.distinct - result.created} updates; ${result.sent - result.distinct} redeliveries) in ${result.elapsed.toFixed(1)} s
throughput    ${(result.sent / result.elapsed).toFixed(1)} req/s
statuses      ${statusText(result.statuses)}   ("error": no answer within 5 s or connection failed)
refused       ${result.refused} attempts answered non-2xx (Shopify redelivers): redelivered ${result.redelivered} times after the run, ${statusText(result.redeliveryStatuses)}
ACK latency   p50 ${percentile(sorted, 50).toFixed(1)} ms   p95 ${percentile(sorted, 95).toFixed(1)} ms   p99 ${percentile(sorted, 99).toFixed(1)} ms   max ${(sorted.at(-1) ?? 0).toFixed(1)} ms (2xx answers of the timed run)
server CPU    ${(serverCpuMs / attempts).toFixed(2)} ms per delivery attempt (${attempts} attempts; ${(serverCpuMs / 1000 / result.elapsed).toFixed(2)} cores)
rows          ${shipments} shipments, ${receipts} webhook receipts (${processed} processed); ${receiptsLater} receipts 3 s later${[...reasons].map(([reason, count]) => `\n              ${count}× ${reason}`).join("")}
${lost > 0 ? `lost ids' attempts (status per attempt, r = redelivery): ${[...lostPatterns].map(([pattern, count]) => `${count}× [${pattern}]`).join("  ")}\n` : ""}verdict       ${lost} lost (answered 2xx, not stored), ${unaccepted} never accepted, ${notProcessed.length} not processed, ${duplicated} duplicated${correct ? " ✓" : " ✗"}
`);
    const windows = new Map<number, number[]>();
    for (const [at, latency] of result.timeline) {
      const window = Math.floor(at / 5) * 5;
      windows.set(window, [...(windows.get(window) ?? []), latency]);
    }
    console.log(
      `p99 per 5 s   ${[...windows.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([window, values]) => `${window}s:${percentile(values.sort((a, b) => a - b), 99).toFixed(0)}`)
        .join("  ")} (ms)\n`,
    );
    const ack = distribution(result.latencies);
    console.log(
      summaryLine("webhooks", {
        rate,
        updates,
        p50_ms: ack.p50,
        p95_ms: ack.p95,
        p99_ms: ack.p99,
        cpu_ms_per_req: serverCpuMs / attempts,
        throughput: result.sent / result.elapsed,
        refused: result.refused,
        lost,
        unaccepted,
        not_processed: notProcessed.length,
        duplicated,
      }),
    );
    process.exitCode = correct ? 0 : 1;
  } finally {
    await server.stop();
    temp.remove();
  }
}

const fireIndex = process.argv.indexOf("--fire");
if (fireIndex >= 0) {
  await fire(process.argv[fireIndex + 1] ?? "", option("rate", 200), option("seconds", 30), Math.min(option("duplicates", 0.1), 0.9), Math.min(option("updates", 0), 0.9));
} else {
  await main();
}
