import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "~/config/database-target.server";

/**
 * The WISMO page in a real browser against `npm run demo` (seeded inquiries and a running
 * holdout): the figures, the holdout estimate with its interval, the worklist, the chart after
 * hydration, and no console error or failed request.
 */
const CHROMIUM = "/usr/bin/chromium";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

describe.skipIf(!fs.existsSync(CHROMIUM))("WISMO page in Chromium against the demo", () => {
  let demo: ChildProcess;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), NODE_ENV: "development" };
    for (const name of ["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "SHOPIFY_APP_URL", "SCOPES", "DATABASE_URL", "TRACKLINE_DEMO"]) delete env[name];
    demo = spawn(path.join(projectRoot, "node_modules/.bin/tsx"), ["app/demo/run-demo.ts"], { cwd: projectRoot, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`demo did not start:\n${output}`)), 170_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("listening on")) {
          clearTimeout(timer);
          resolve();
        }
      };
      demo.stdout?.on("data", onData);
      demo.stderr?.on("data", onData);
      demo.on("exit", (code) => reject(new Error(`demo exited (${code}):\n${output}`)));
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (demo?.pid && demo.exitCode === null && demo.signalCode === null) process.kill(-demo.pid, "SIGTERM");
  });

  it("shows inquiries per 100 orders, the holdout with its interval, reasons and the worklist", { timeout: 120_000 }, async () => {
    const errors: string[] = [];
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("response", (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${base}/app/wismo?period=90`, { waitUntil: "networkidle" });
    await page.getByRole("heading", { name: "WISMO" }).first().waitFor();
    await page.getByText("Inquiries per 100 orders").first().waitFor();
    await page.getByText("Inquiries avoided per 100 orders").first().waitFor();
    const text = await page.locator("body").innerText();
    expect(text).toMatch(/95% CI -?\d+\.\d to \d+\.\d/);
    expect(text).toContain("Upper bound, not a measurement");
    expect(text).toContain("Delivered but not received");
    const worklist = page.locator("table", { has: page.locator("th", { hasText: "Message" }) });
    expect(await worklist.locator("tbody tr").count()).toBeGreaterThan(5);
    await page.locator("figure svg").first().waitFor({ timeout: 60_000 });
    expect(errors).toEqual([]);
    await page.close();
  });
});
