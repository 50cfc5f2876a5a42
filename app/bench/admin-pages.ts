import { spawn, spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { createDb } from "~/data/db.server";
import { projectRoot } from "~/config/database-target.server";
import { DEMO_SHOP } from "~/config/demo-mode.server";
import { demoDatabase } from "~/testing/demo-database";
import { freePort, numberOption, percentile, summaryLine } from "./kit";

/**
 * `npm run bench:admin-pages`: the merchant admin's pages in Chromium, served exactly as `npm run
 * demo` serves them (the production server on the production Remix build, minified and gzip-
 * compressed, demo mode, the seeded demo shop with its sync loop) from a temp copy of the demo data
 * on a free loopback port. Desktop viewport 1280×800. Two profiles:
 *
 * - unthrottled: per page, a cold load (fresh browser context, empty cache) and a warm one (reload:
 *   fingerprinted assets from cache); Largest Contentful Paint p50/p95, time to first byte, and page
 *   weight (every request, decoded bytes by kind). Target: LCP p95 < 1.2 s.
 * - throttled (slow 4G and a slow phone's CPU, set through the Chrome DevTools Protocol on each
 *   page before it navigates): `Network.emulateNetworkConditions` with 150 ms round trip, 1.6 Mbps
 *   down, 750 kbps up, and `Emulation.setCPUThrottlingRate` rate 4. Cold loads only; LCP p50/p75.
 *   Target: LCP p75 < 1.5 s.
 *
 * LCP is the last `largest-contentful-paint` entry Chromium reports after the load event, from
 * navigation start. "JS compressed" is what a page's scripts cost over the wire on a cold load: the
 * sum of the `transferSize` (gzip body plus headers) of every script response, counted once the
 * page's charts (if any) have drawn and the network has then been idle for 500 ms, so chunks
 * fetched on demand after the load event count too (printed apart as "after load"). Target:
 * ≤ 200 KB per page. The last line is `SUMMARY admin-pages …` with the worst page's JS
 * and throttled LCP p75, each against its target; the exit code is 1 when any target is missed.
 * The temp database is removed at the end; the build is written where `npm run build` writes it.
 *
 * Options: --runs N (loads per page and profile, default 5); --no-build to serve the existing
 * build/ instead of building the current sources first.
 */
const RUNS = Math.max(1, Math.round(numberOption("runs", 5)));
const TARGET_LCP_MS = 1200;
const TARGET_THROTTLED_LCP_P75_MS = 1500;
const TARGET_JS_KB = 200;
/** Lighthouse's slow 4G: 150 ms round trip, 1.6 Mbps down, 750 kbps up (CDP takes bytes per second); 4× slower CPU. */
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const CPU_SLOWDOWN = 4;

interface Load {
  lcpMs: number;
  ttfbMs: number;
  requests: number;
  /** Bytes over the wire (encoded bodies + headers as Chromium counts them), and decoded body bytes by kind. */
  transferBytes: number;
  documentBytes: number;
  scriptBytes: number;
  stylesheetBytes: number;
  otherBytes: number;
  /** Script responses over the wire (transferSize: compressed body plus headers), lazy chunks included. */
  scriptTransferBytes: number;
  /** The part of scriptTransferBytes fetched after the load event (chunks loaded on demand). */
  lateScriptTransferBytes: number;
}

/** The production server in demo mode on `databaseUrl`, as `npm run demo` starts it; resolves once it listens. */
async function startDemoServer(databaseUrl: string, port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(path.join(projectRoot, "node_modules/.bin/tsx"), ["app/server/main.ts"], {
    cwd: projectRoot,
    env: {
      ...process.env,
      TRACKLINE_DEMO: "1",
      NODE_ENV: "development",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      SHOPIFY_API_KEY: "",
      SHOPIFY_API_SECRET: "",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      output += chunk;
      if (output.includes(`listening on ${url}`)) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the demo server exited (${code}) before serving:\n${output}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Set in every page before its scripts run: the latest Largest Contentful Paint candidate (ms). */
declare global {
  interface Window {
    largestContentfulPaintMs?: number;
  }
}

function observeLargestContentfulPaint() {
  window.largestContentfulPaintMs = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.largestContentfulPaintMs = Math.max(window.largestContentfulPaintMs ?? 0, entry.startTime);
  }).observe({ type: "largest-contentful-paint", buffered: true });
}

/** LCP (once Chromium has reported a candidate) and weight from the browser's own performance entries. */
async function measure(page: Page): Promise<Load> {
  await page.waitForFunction(() => (window.largestContentfulPaintMs ?? 0) > 0, undefined, { timeout: 30_000 });
  // Scripts fetched after the load event (lazy chunks: the charts' code once they draw) are part
  // of what the page costs: wait until every chart has drawn and the network is quiet again.
  await page.waitForLoadState("networkidle");
  if ((await page.locator("figure").count()) > 0) await page.locator("figure svg").first().waitFor({ timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  return page.evaluate(() => {
    const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
    const load: Load = {
      lcpMs: window.largestContentfulPaintMs ?? 0,
      ttfbMs: navigation.responseStart - navigation.startTime,
      requests: 1 + resources.length,
      transferBytes: navigation.transferSize + resources.reduce((sum, entry) => sum + entry.transferSize, 0),
      documentBytes: navigation.decodedBodySize,
      scriptBytes: 0,
      stylesheetBytes: 0,
      otherBytes: 0,
      scriptTransferBytes: 0,
      lateScriptTransferBytes: 0,
    };
    for (const entry of resources) {
      if (entry.initiatorType === "script" || /\.m?js(\?|$)/.test(entry.name)) {
        load.scriptBytes += entry.decodedBodySize;
        load.scriptTransferBytes += entry.transferSize;
        if (entry.startTime > navigation.loadEventEnd) load.lateScriptTransferBytes += entry.transferSize;
      } else if (/\.css(\?|$)/.test(entry.name)) load.stylesheetBytes += entry.decodedBodySize;
      else load.otherBytes += entry.decodedBodySize;
    }
    return load;
  });
}

type Profile = "unthrottled" | "throttled";

/** One cold load in a fresh context (and, unthrottled, a warm reload after it). */
async function loadPage(browser: Browser, url: string, profile: Profile): Promise<{ cold: Load; warm: Load | null }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await context.addInitScript(observeLargestContentfulPaint);
    const page = await context.newPage();
    if (profile === "throttled") {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    }
    const response = await page.goto(url, { waitUntil: "load", timeout: 60_000 });
    if (!response?.ok()) throw new Error(`${url} answered ${response?.status()}`);
    const cold = await measure(page);
    if (profile === "throttled") return { cold, warm: null };
    await page.reload({ waitUntil: "load" });
    const warm = await measure(page);
    return { cold, warm };
  } finally {
    await context.close();
  }
}

const percentileOf = (values: number[], p: number) => percentile([...values].sort((a, b) => a - b), p);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const loadAverage = () => os.loadavg().map((value) => value.toFixed(2)).join(", ");

if (!process.argv.includes("--no-build")) {
  const build = spawnSync(path.join(projectRoot, "node_modules/.bin/remix"), ["build"], { cwd: projectRoot, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NODE_ENV: "production" } });
  if (build.status !== 0) throw new Error(`remix build failed (exit ${build.status})`);
}
const database = demoDatabase("bench-admin-pages");
const demo = await startDemoServer(database.url, await freePort());
let browser: Browser | null = null;
let missed = false;
try {
  const { db } = createDb(database.url);
  const shipment = await db.shipment.findFirstOrThrow({
    where: { shopDomain: DEMO_SHOP, status: "in_transit" },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  await db.$disconnect();
  const pages = [
    { name: "dashboard", path: "/app" },
    { name: "shipments list", path: "/app/shipments" },
    { name: "shipment page", path: `/app/shipments/${shipment.id}` },
    { name: "settings", path: "/app/settings" },
  ];
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  await loadPage(browser, `${demo.url}${pages[0]!.path}`, "unthrottled"); // warm-up: server JIT, first compile of each route module
  const loadBefore = loadAverage();
  const unthrottled: string[] = [];
  const throttled: string[] = [];
  let worstJs = { page: "", bytes: 0 };
  let worstLcp = { page: "", ms: 0 };
  for (const { name, path: pagePath } of pages) {
    const loads: { cold: Load; warm: Load | null }[] = [];
    for (let run = 0; run < RUNS; run++) loads.push(await loadPage(browser, `${demo.url}${pagePath}`, "unthrottled"));
    for (const kind of ["cold", "warm"] as const) {
      const samples = loads.map((load) => load[kind]!);
      const lcp95 = percentileOf(samples.map((load) => load.lcpMs), 95);
      if (lcp95 >= TARGET_LCP_MS) missed = true;
      const last = samples.at(-1)!;
      unthrottled.push(
        `${`${name} (${kind})`.padEnd(24)} LCP p50 ${percentileOf(samples.map((load) => load.lcpMs), 50).toFixed(0).padStart(5)} ms  p95 ${lcp95.toFixed(0).padStart(5)} ms` +
          `  TTFB p50 ${percentileOf(samples.map((load) => load.ttfbMs), 50).toFixed(0).padStart(4)} ms` +
          `  ${String(last.requests).padStart(3)} requests, ${kb(last.transferBytes).padStart(7)} transferred` +
          ` (document ${kb(last.documentBytes)}, JS ${kb(last.scriptBytes)} = ${kb(last.scriptTransferBytes)} compressed, CSS ${kb(last.stylesheetBytes)}, other ${kb(last.otherBytes)})` +
          `  ${lcp95 < TARGET_LCP_MS ? "ok" : `MISSED (target LCP < ${TARGET_LCP_MS} ms)`}`,
      );
      console.log(unthrottled.at(-1));
    }
    const slow: Load[] = [];
    for (let run = 0; run < RUNS; run++) slow.push((await loadPage(browser, `${demo.url}${pagePath}`, "throttled")).cold);
    const lcp75 = percentileOf(slow.map((load) => load.lcpMs), 75);
    const js = Math.max(...slow.map((load) => load.scriptTransferBytes));
    if (js > worstJs.bytes) worstJs = { page: name, bytes: js };
    if (lcp75 > worstLcp.ms) worstLcp = { page: name, ms: lcp75 };
    throttled.push(
      `${`${name} (cold)`.padEnd(24)} LCP p50 ${percentileOf(slow.map((load) => load.lcpMs), 50).toFixed(0).padStart(5)} ms  p75 ${lcp75.toFixed(0).padStart(5)} ms` +
        `  TTFB p50 ${percentileOf(slow.map((load) => load.ttfbMs), 50).toFixed(0).padStart(4)} ms  JS ${kb(js).padStart(6)} compressed (${kb(slow.at(-1)!.lateScriptTransferBytes)} of it after load; ${kb(slow.at(-1)!.scriptBytes)} decoded)` +
        `  LCP ${lcp75 < TARGET_THROTTLED_LCP_P75_MS ? "ok" : `MISSED (target p75 < ${TARGET_THROTTLED_LCP_P75_MS} ms)`}` +
        `, JS ${js <= TARGET_JS_KB * 1024 ? "ok" : `MISSED (target ≤ ${TARGET_JS_KB} KB)`}`,
    );
    console.log(throttled.at(-1));
  }
  const jsOk = worstJs.bytes <= TARGET_JS_KB * 1024;
  const lcpOk = worstLcp.ms < TARGET_THROTTLED_LCP_P75_MS;
  if (!jsOk || !lcpOk) missed = true;
  console.log(`\nadmin pages in Chromium from the production build, demo shop, desktop 1280×800; load average ${loadBefore} before, ${loadAverage()} after`);
  console.log(`unthrottled, ${RUNS} cold + ${RUNS} warm loads each:\n${unthrottled.join("\n")}`);
  console.log(`throttled (slow 4G: 150 ms RTT, 1.6 Mbps down, 750 kbps up; CPU ${CPU_SLOWDOWN}× slower), ${RUNS} cold loads each:\n${throttled.join("\n")}`);
  console.log(
    summaryLine("admin-pages", {
      worst_js_kb: Number((worstJs.bytes / 1024).toFixed(1)),
      worst_js_page: JSON.stringify(worstJs.page),
      js_target_kb: TARGET_JS_KB,
      js_ok: jsOk,
      worst_throttled_lcp_p75_ms: Math.round(worstLcp.ms),
      worst_lcp_page: JSON.stringify(worstLcp.page),
      lcp_target_ms: TARGET_THROTTLED_LCP_P75_MS,
      lcp_ok: lcpOk,
      runs: RUNS,
    }),
  );
} finally {
  await browser?.close();
  await demo.stop();
  database.remove();
}
process.exitCode = missed ? 1 : 0;
