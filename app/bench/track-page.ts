import { demoDatabase } from "./demo-database";
import { spawnTrackPageServer } from "./track-page-server";

/**
 * `npm run bench:track-page`: server time of the storefront tracking route on the demo shop at a
 * steady 100 requests/s for 30 s (open loop: requests leave on schedule whether or not earlier
 * ones finished). The mix is what shoppers do: open the page, look an order up by number + email,
 * look a parcel up by tracking number. Target: p95 < 30 ms. `--seconds N` / `--rate N` to vary.
 */
const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const seconds = argument("seconds", 30);
const rate = argument("rate", 100);

const database = demoDatabase("bench-track-page");
// The route runs in its own process (demo mode) so the load generator does not steal its time.
const server = await spawnTrackPageServer(database.url);
process.env.DATABASE_URL = database.url;
const { database: openDatabase, closeDatabase } = await import("../data/client.server");
const { db } = openDatabase();
const shipments = await db.shipment.findMany({
  where: { status: { notIn: ["invalid", "pending"] } },
  select: { orderName: true, trackingNumber: true },
  take: 200,
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function nextRequest(index: number): Promise<Response> {
  const shipment = shipments[index % shipments.length]!;
  const kind = index % 3;
  if (kind === 0) return fetch(`${server.url}/apps/track`);
  const body =
    kind === 1
      ? new URLSearchParams({ order: shipment.orderName, contact: `customer${shipment.orderName.slice(1)}@example.com` })
      : new URLSearchParams({ tracking: shipment.trackingNumber });
  return fetch(`${server.url}/apps/track`, { method: "POST", body, headers: { "X-Forwarded-For": `192.0.2.${index % 250}` } });
}

// Warm-up: JIT, prepared statements.
for (let index = 0; index < 90; index++) await (await nextRequest(index)).arrayBuffer();
const warmUp = (await server.report()).length;

const total = seconds * rate;
const clientTimes: number[] = [];
const statuses = new Map<number, number>();
const started = performance.now();
const inFlight: Promise<void>[] = [];
for (let index = 0; index < total; index++) {
  const due = started + (index * 1000) / rate;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const sent = performance.now();
  inFlight.push(
    nextRequest(index).then(async (response) => {
      await response.arrayBuffer();
      clientTimes.push(performance.now() - sent);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }),
  );
}
await Promise.all(inFlight);
const elapsed = (performance.now() - started) / 1000;
const serverTimes = (await server.report()).slice(warmUp);
server.stop();
await closeDatabase();
database.remove();

const serverSorted = [...serverTimes].sort((a, b) => a - b);
const clientSorted = [...clientTimes].sort((a, b) => a - b);
const fmt = (value: number) => `${value.toFixed(1)} ms`;
console.log(`tracking page: ${total} requests in ${elapsed.toFixed(1)} s (${(total / elapsed).toFixed(1)} req/s), statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
console.log(`server time  p50 ${fmt(percentile(serverSorted, 50))}  p95 ${fmt(percentile(serverSorted, 95))}  p99 ${fmt(percentile(serverSorted, 99))}  max ${fmt(serverSorted.at(-1) ?? NaN)}`);
console.log(`client time  p50 ${fmt(percentile(clientSorted, 50))}  p95 ${fmt(percentile(clientSorted, 95))}  p99 ${fmt(percentile(clientSorted, 99))}`);
const p95 = percentile(serverSorted, 95);
console.log(p95 < 30 ? "target met: server p95 < 30 ms" : "TARGET MISSED: server p95 >= 30 ms");
process.exitCode = p95 < 30 && (statuses.get(200) ?? 0) === total ? 0 : 1;
