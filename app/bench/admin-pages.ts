import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { createDb } from "~/data/db.server";
import { projectRoot } from "~/config/database-target.server";
import { DEMO_SHOP } from "~/config/demo-mode.server";
import { demoDatabase } from "~/testing/demo-database";
import { freePort, numberOption, percentile } from "./kit";

/**
 * `npm run bench:admin-pages`: the merchant admin's pages in Chromium, served exactly as `npm run
 * demo` serves them (the production server on the Remix build, demo mode, the seeded demo shop with
 * its sync loop) from a temp copy of the demo data on a free loopback port. For each page: Largest
 * Contentful Paint, time to first byte and page weight (every request the page made, by kind), on
 * a cold load (fresh browser context, empty cache) and a warm one (reload: fingerprinted assets from
 * cache). Desktop viewport, no network or CPU throttling. Target: LCP p95 < 1.2 s.
 *
 * Options: --runs N (cold + warm loads per page, default 5); --no-build to serve the existing
 * build/ instead of building the current sources first.
 */
const RUNS = Math.max(1, Math.round(numberOption("runs", 5)));
const TARGET_LCP_MS = 1200;

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
  await page.waitForFunction(() => (window.largestContentfulPaintMs ?? 0) > 0, undefined, { timeout: 10_000 });
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
    };
    for (const entry of resources) {
      if (entry.initiatorType === "script" || /\.m?js(\?|$)/.test(entry.name)) load.scriptBytes += entry.decodedBodySize;
      else if (/\.css(\?|$)/.test(entry.name)) load.stylesheetBytes += entry.decodedBodySize;
      else load.otherBytes += entry.decodedBodySize;
    }
    return load;
  });
}

async function loadPage(browser: Browser, url: string): Promise<{ cold: Load; warm: Load }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await context.addInitScript(observeLargestContentfulPaint);
    const page = await context.newPage();
    const response = await page.goto(url, { waitUntil: "load" });
    if (!response?.ok()) throw new Error(`${url} answered ${response?.status()}`);
    const cold = await measure(page);
    await page.reload({ waitUntil: "load" });
    const warm = await measure(page);
    return { cold, warm };
  } finally {
    await context.close();
  }
}

const percentileOf = (values: number[], p: number) => percentile([...values].sort((a, b) => a - b), p);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

if (!process.argv.includes("--no-build")) {
  const build = spawnSync(path.join(projectRoot, "node_modules/.bin/remix"), ["build"], { cwd: projectRoot, stdio: ["ignore", "ignore", "inherit"] });
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
  await loadPage(browser, `${demo.url}${pages[0]!.path}`); // warm-up: server JIT, first compile of each route module
  const lines: string[] = [];
  for (const { name, path: pagePath } of pages) {
    const loads: { cold: Load; warm: Load }[] = [];
    for (let run = 0; run < RUNS; run++) loads.push(await loadPage(browser, `${demo.url}${pagePath}`));
    for (const kind of ["cold", "warm"] as const) {
      const samples = loads.map((load) => load[kind]);
      const lcp95 = percentileOf(samples.map((load) => load.lcpMs), 95);
      if (lcp95 >= TARGET_LCP_MS) missed = true;
      const last = samples.at(-1)!;
      lines.push(
        `${`${name} (${kind})`.padEnd(24)} LCP p50 ${percentileOf(samples.map((load) => load.lcpMs), 50).toFixed(0).padStart(5)} ms  p95 ${lcp95.toFixed(0).padStart(5)} ms` +
          `  TTFB p50 ${percentileOf(samples.map((load) => load.ttfbMs), 50).toFixed(0).padStart(4)} ms` +
          `  ${String(last.requests).padStart(3)} requests, ${kb(last.transferBytes).padStart(7)} transferred` +
          ` (document ${kb(last.documentBytes)}, JS ${kb(last.scriptBytes)}, CSS ${kb(last.stylesheetBytes)}, other ${kb(last.otherBytes)})` +
          `  ${lcp95 < TARGET_LCP_MS ? "ok" : `MISSED (target LCP < ${TARGET_LCP_MS} ms)`}`,
      );
      console.log(lines.at(-1));
    }
  }
  console.log(`\nadmin pages in Chromium, ${RUNS} cold + ${RUNS} warm loads each (desktop 1280×800, unthrottled, demo shop)\n${lines.join("\n")}`);
} finally {
  await browser?.close();
  await demo.stop();
  database.remove();
}
process.exitCode = missed ? 1 : 0;
