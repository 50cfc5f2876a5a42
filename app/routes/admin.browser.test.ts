import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../data/database-target";

/**
 * The admin in a real browser against `npm run demo`: dashboard, filtered shipments list, a
 * shipment page and a settings change. Any console error or failed page request fails the test;
 * screenshots land in $TRACKLINE_ARTIFACTS_DIR (default: <tmp>/trackline-artifacts/admin).
 */
const CHROMIUM = "/usr/bin/chromium";
const artifacts = path.join(process.env.TRACKLINE_ARTIFACTS_DIR ?? path.join(os.tmpdir(), "trackline-artifacts"), "admin");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

describe.skipIf(!fs.existsSync(CHROMIUM))("admin in Chromium against the demo", () => {
  let demo: ChildProcess;
  let browser: Browser;
  let base: string;
  const consoleErrors: string[] = [];

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
    fs.mkdirSync(artifacts, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    // The demo runs in its own process group: stop it and the server it started.
    // (It may already have exited, e.g. when it failed to start: that error is the one to report.)
    if (demo?.pid && demo.exitCode === null && demo.signalCode === null) process.kill(-demo.pid, "SIGTERM");
  });

  async function open(url: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(`${url}: ${message.text()}`);
    });
    page.on("pageerror", (error) => consoleErrors.push(`${url}: ${error.message}`));
    page.on("response", (response) => {
      if (response.status() >= 400) consoleErrors.push(`${url}: ${response.status()} ${response.url()}`);
    });
    await page.goto(`${base}${url}`, { waitUntil: "networkidle" });
    return page;
  }

  it("opens the dashboard with charts and attention counts, and follows a count to the list", async () => {
    const page = await open("/app?period=90");
    await expect(page.getByRole("heading", { name: "Dashboard" }).first().isVisible()).resolves.toBe(true);
    await page.getByText("Needs attention").first().waitFor();
    // Charts are drawn after hydration as SVG.
    await page.locator('[role="figure"] svg').first().waitFor({ timeout: 15_000 });
    const stalled = page.locator('a[data-attention="stalled"]');
    const count = Number((await stalled.innerText()).replace(/\D+/g, ""));
    await page.screenshot({ path: path.join(artifacts, "dashboard.png"), fullPage: true });
    await stalled.click();
    await page.waitForURL(/\/app\/shipments\?attention=stalled/);
    await page.getByText(`${count} matching`).first().waitFor();
    await page.close();
  });

  it("filters shipments and opens one", async () => {
    const page = await open("/app/shipments?status=delivered");
    await page.getByText("Status: Delivered").first().waitFor();
    const rows = page.locator("tbody tr");
    expect(await rows.count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(artifacts, "shipments-delivered.png"), fullPage: true });
    const order = (await rows.first().locator("td").nth(1).innerText()).trim();
    await rows.first().locator("td").nth(2).click();
    await page.waitForURL(/\/app\/shipments\/[^/?]+$/);
    await page.getByRole("heading", { name: order }).first().waitFor();
    await page.getByText("Timeline").first().waitFor();
    await page.getByText("Show raw carrier event").first().click();
    await page.locator("pre").first().waitFor();
    await page.screenshot({ path: path.join(artifacts, "shipment.png"), fullPage: true });
    await page.close();
  });

  it("changes a setting, rejects a bad one with a clear message, and keeps it after reload", async () => {
    const page = await open("/app/settings");
    const minutes = page.getByLabel("Support minutes per inquiry");
    // The general card's own Save (the carriers card has one too).
    const save = page.locator("form").filter({ has: minutes }).getByRole("button", { name: "Save", exact: true });
    const before = await minutes.inputValue();
    const next = before === "7" ? "8" : "7";
    await minutes.fill("0");
    await save.click();
    await page.getByText("At least 1 minute").first().waitFor();
    await minutes.fill(next);
    await save.click();
    await page.getByText("Settings saved").first().waitFor();
    await page.screenshot({ path: path.join(artifacts, "settings.png"), fullPage: true });
    await page.reload({ waitUntil: "networkidle" });
    expect(await page.getByLabel("Support minutes per inquiry").inputValue()).toBe(next);
    // Leave the demo as it was.
    await page.getByLabel("Support minutes per inquiry").fill(before);
    await page.locator("form").filter({ has: page.getByLabel("Support minutes per inquiry") }).getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Settings saved").first().waitFor();
    await page.close();
  });

  it("logged no console errors and no failed requests", () => {
    expect(consoleErrors).toEqual([]);
  });
});
