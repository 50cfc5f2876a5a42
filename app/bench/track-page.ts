/**
 * `npm run bench:track-page`: the storefront tracking page as shoppers reach it, through the
 * production server as `npm start` runs it (the bundle build/server.js of app/server/main.ts, with
 * plain `node`: the storefront fast path in front of Express, signature check, the tracking route's
 * function from the Remix production build, compression) in its own process, with real app-proxy requests
 * signed the way Shopify signs them (not demo mode), on a temp copy of the demo shop's data.
 *
 * What is timed: open-loop load at fixed rates from a separate process (request i is due at
 * i/rate s whatever the server does); a request's latency runs from its due time to the last byte
 * of its (gzip-compressed Liquid) response, client side. The mix: page open (GET), order number +
 * email (POST), tracking number (POST), in turn. Server CPU per request is the server process's
 * own process.cpuUsage() (user + system) across a step, divided by the requests answered in it.
 * Before anything is counted, the server is brought to its steady state: --warmup requests
 * (default 3000) at --warmup-rate (default 200 req/s, under saturation). A server runs for days, and
 * a freshly started one is still compiling its hot functions for thousands of requests: with
 * V8's --trace-opt, 366 optimisations completed during a 10 s fixed step after the 150 requests
 * this warm-up used to be, 93 after 3,000.
 * First a fixed step (--rate, default 100 req/s, for --seconds, default 10), then the saturation
 * search: steps of --step-seconds (default 5) from --start (default 50) req/s, ×1.5 each, until a
 * step's p99 reaches 100 ms (or a request fails); the saturation point is the last rate that passed.
 * Then a step at 80 % of it (--seconds long), after an uncounted --settle-seconds (default 5) at the
 * same rate: the search's last step overloads the server on purpose, leaving a heap of answered
 * requests to collect and queues to drain, and what is measured is the steady state at 80 %, not
 * the recovery from that overload.
 * Last, the platform's floor, counted the same way: the fixed step's rate and mix sent to a bare
 * Node HTTP server started like the production server (app/bench/platform-floor-server.ts), which
 * answers every request with one fixed gzip body the size of a real lookup page; its CPU per
 * request is what Node's HTTP and sockets cost before the app does anything.
 * Then the handler alone, after the servers have stopped: the lookup's own function
 * (`answerTrackingPage`, from the same Remix build) called in this process on the same data and
 * mix, with no HTTP at all, first back to back (`handler_hot_cpu_ms`), then one call every
 * 1000/--rate ms for --seconds (`handler_paced_cpu_ms`), each this process's CPU per call (the
 * requests are signed beforehand). The two differ only in the pause between calls, so their gap
 * is what the machine charges for caches gone cold between requests arriving that far apart.
 * Prints one SUMMARY line, with the server's CPU per request both at the fixed step
 * (`cpu_ms_per_req`) and at 80 % of saturation (`cpu_ms_per_req_at_80pct`). Targets: ≤ 1 ms CPU per
 * request; p99 < 50 ms at 80 % of saturation.
 *
 * Options: --rate N, --seconds N, --warmup N, --warmup-rate N, --start N, --max N (default 3000), --step-seconds N, --settle-seconds N,
 * --no-search (fixed step only), --cpu-prof DIR (the server's V8 CPU profile lands there).
 */
import fs from "node:fs";
import { createDb } from "~/data/db.server";
import { TEST_AND_DEMO_IDENTITY_HASH_KEY } from "~/config/env.server";
import { DEMO_SHOP } from "~/config/demo-mode.server";
import { demoDatabase } from "~/testing/demo-database";
import path from "node:path";
import { pathToFileURL } from "node:url";
import zlib from "node:zlib";
import type { StorefrontProxyAnswer, StorefrontProxyCall } from "~/services/tracking-lookup/storefront-proxy.server";
import trackPageScenario, { signedProxyPath } from "./track-page-scenario";
import { tempDir } from "./kit/temp";
import { describeStep, ensureProductionBuild, findSaturation, flag, formatDistribution, freePort, measureStep, numberOption, startServer, stringOption, summaryLine } from "./kit";

const SECRET = "bench-app-proxy-secret";
const rate = numberOption("rate", 100);
const seconds = numberOption("seconds", 10);
const warmupRate = numberOption("warmup-rate", 200);
/** The warm-up step (uncounted) that brings a freshly started server to its steady state. */
const warmup = { rate: warmupRate, seconds: numberOption("warmup", 3000) / warmupRate };
const scenario = new URL("./track-page-scenario.ts", import.meta.url).pathname;

ensureProductionBuild();
const database = demoDatabase("bench-track-page");
const { db } = createDb(database.url);
const shipments = await db.shipment.findMany({
  where: { shopDomain: DEMO_SHOP, status: { notIn: ["invalid", "pending"] } },
  select: { orderName: true, trackingNumber: true },
  take: 200,
});
await db.$disconnect();
const port = await freePort();
const serverEnv = {
  NODE_ENV: "production",
  DATABASE_URL: database.url,
  TRACKLINE_DEMO: "0",
  // The demo data's shopper emails are hashed with this key.
  IDENTITY_HASH_KEY: TEST_AND_DEMO_IDENTITY_HASH_KEY,
  SHOPIFY_API_KEY: "bench-api-key",
  SHOPIFY_API_SECRET: SECRET,
  SHOPIFY_APP_URL: `http://127.0.0.1:${port}`,
  SCOPES: "read_orders,read_fulfillments,write_fulfillments",
  WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? "1",
} as const;
const server = await startServer({ port, cpuProfileDir: stringOption("cpu-prof"), env: { ...process.env, ...serverEnv } });
let floorBytes = 0;
/** The fixed step again, against the platform's floor (see the header), with a real lookup page's size. */
async function platformFloor(url: string, plan: Omit<Parameters<typeof measureStep>[1], "firstIndex">) {
  const shipment = shipments[0]!;
  const page = await fetch(`${url}${signedProxyPath("/apps/track", DEMO_SHOP, SECRET)}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ tracking: shipment.trackingNumber }).toString(),
  });
  if (page.status !== 200) throw new Error(`the lookup page answered ${page.status}`);
  const dir = tempDir("bench-track-page-floor");
  const body = zlib.gzipSync(Buffer.from(await page.text()), { level: 1 });
  floorBytes = body.length;
  fs.writeFileSync(dir.file("body.gz"), body);
  const floorServer = await startServer({
    port: await freePort(),
    script: "app/bench/platform-floor-server.ts",
    env: { ...process.env, FLOOR_BODY_FILE: dir.file("body.gz") },
  });
  try {
    await measureStep(floorServer, { ...plan, ...warmup, firstIndex: 2_000_000 });
    return await measureStep(floorServer, plan);
  } finally {
    await floorServer.stop();
    dir.remove();
  }
}

/** CPU per call of the lookup's own function in this process: back to back, then paced at `rate` (see the header). */
async function handlerAlone(): Promise<{ hot: number; paced: number }> {
  // The build reads its settings from the environment when it loads: the server's, on the same data.
  Object.assign(process.env, serverEnv);
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as {
    routes: Record<string, { module: { answerTrackingPage?: (call: StorefrontProxyCall) => Promise<StorefrontProxyAnswer> } }>;
  };
  const answer = build.routes["routes/apps.track"]?.module.answerTrackingPage;
  if (!answer) throw new Error("the build has no answerTrackingPage in routes/apps.track");
  const next = trackPageScenario({ shop: DEMO_SHOP, secret: SECRET, shipments });
  const calls = (count: number, first: number): StorefrontProxyCall[] =>
    Array.from({ length: count }, (_, offset) => {
      const spec = next(first + offset);
      return {
        url: new URL(`http://127.0.0.1:${port}${spec.path}`),
        method: spec.method ?? "GET",
        form: spec.body ? new URLSearchParams(spec.body) : null,
        acceptLanguage: spec.headers?.["Accept-Language"] ?? null,
        clientAddress: spec.headers?.["X-Forwarded-For"] ?? null,
      };
    });
  const cpuPerCall = async (batch: StorefrontProxyCall[], pauseMs: number) => {
    const before = process.cpuUsage();
    for (const call of batch) {
      const answered = await answer(call);
      if (answered.status !== 200) throw new Error(`the lookup answered ${answered.status}`);
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000 / batch.length;
  };
  await cpuPerCall(calls(Math.round(warmup.rate * warmup.seconds), 3_000_000), 0);
  const hot = await cpuPerCall(calls(3000, 3_100_000), 0);
  const paced = await cpuPerCall(calls(Math.max(1, Math.round(rate * seconds)), 3_200_000), 1000 / rate);
  return { hot, paced };
}

try {
  const plan = { scenario, scenarioOptions: { shop: DEMO_SHOP, secret: SECRET, shipments } };
  // Warm-up (not counted): route modules, prepared statements, JIT.
  await measureStep(server, { ...plan, ...warmup, firstIndex: 1_000_000 });
  console.log(`tracking page via the production server, signed app-proxy requests, ${shipments.length} parcels`);
  const fixed = await measureStep(server, { ...plan, rate, seconds });
  console.log(`fixed step   ${describeStep(fixed)}`);
  console.log(`             content-encoding of responses: ${JSON.stringify(fixed.result.encodings)}`);
  let saturation: number | null = null;
  if (!flag("no-search")) {
    const search = await findSaturation(server, { ...plan, firstIndex: fixed.result.sent }, {
      start: numberOption("start", 50),
      factor: 1.5,
      max: numberOption("max", 3000),
      stepSeconds: numberOption("step-seconds", 5),
      onStep: (step) => console.log(`search       ${describeStep(step)}`),
    });
    saturation = search.saturationRate;
  }
  let at80: string | null = null;
  let cpuAt80: number | null = null;
  if (saturation) {
    const at80Rate = Math.round(saturation * 0.8);
    // Uncounted: the search's last step overloaded the server on purpose (see the header).
    await measureStep(server, { ...plan, rate: at80Rate, seconds: numberOption("settle-seconds", 5), firstIndex: 4_000_000 });
    const step = await measureStep(server, { ...plan, rate: at80Rate, seconds });
    console.log(`80 % of sat ${describeStep(step)}`);
    at80 = formatDistribution(step.latency);
    cpuAt80 = step.cpuMsPerRequest;
  }
  const floor = await platformFloor(server.url, { ...plan, rate, seconds });
  console.log(`floor        ${describeStep(floor)}  (bare Node HTTP server, fixed ${floorBytes} B gzip answer)`);
  await server.stop();
  const handler = await handlerAlone();
  console.log(`handler      back to back ${handler.hot.toFixed(3)} ms CPU per call; one call every ${(1000 / rate).toFixed(1)} ms ${handler.paced.toFixed(3)} ms  (answerTrackingPage in this process, no HTTP)`);
  const ok = fixed.result.failed === 0 && (fixed.result.statuses[200] ?? 0) === fixed.result.latencies.length;
  console.log(
    summaryLine("track-page", {
      rate,
      p50_ms: fixed.latency.p50,
      p95_ms: fixed.latency.p95,
      p99_ms: fixed.latency.p99,
      cpu_ms_per_req: fixed.cpuMsPerRequest,
      floor_cpu_ms_per_req: floor.cpuMsPerRequest,
      handler_hot_cpu_ms: handler.hot,
      handler_paced_cpu_ms: handler.paced,
      saturation_req_s: saturation,
      p99_at_80pct_ms: at80 ? Number(at80.split("p99 ")[1]?.split(" ")[0]) : null,
      cpu_ms_per_req_at_80pct: cpuAt80,
      gzip: (fixed.result.encodings.gzip ?? 0) === fixed.result.latencies.length,
      all_200: ok,
    }),
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  await server.stop();
  database.remove();
}
