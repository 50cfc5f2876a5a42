import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../data/database-target";

/**
 * The "Needs attention" worklist in a real browser against `npm run demo`: filter, assign, note,
 * resolve, and the dashboard's link to it. Any console error or failed page request fails the
 * test; screenshots land in $TRACKLINE_ARTIFACTS_DIR (default: <tmp>/trackline-artifacts/worklist).
 */
const CHROMIUM = "/usr/bin/chromium";
const artifacts = path.join(process.env.TRACKLINE_ARTIFACTS_DIR ?? path.join(os.tmpdir(), "trackline-artifacts"), "worklist");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

describe.skipIf(!fs.existsSync(CHROMIUM))("worklist in Chromium against the demo", () => {
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

  it("lists the demo's parcels in trouble, filters them, and works one item to resolved", async () => {
    const page = await open("/app/worklist");
    await page.getByRole("heading", { name: "Needs attention" }).first().waitFor();
    const items = page.locator("[data-worklist-item]");
    await items.first().waitFor();
    expect(await items.count()).toBeGreaterThan(0);
    // caret "initial": Playwright's caret hiding would otherwise race React's hydration of inputs.
    await page.screenshot({ path: path.join(artifacts, "worklist.png"), fullPage: true, caret: "initial" });

    await page.getByLabel("Problem").selectOption("exception");
    await page.getByRole("button", { name: "Filter", exact: true }).click();
    await page.waitForURL(/kind=exception/);
    // The filtered list replaces the full one once its loader answers.
    await page.locator('[data-worklist-item]:not([data-kind="exception"])').first().waitFor({ state: "detached" });
    await page.locator('[data-worklist-item][data-kind="exception"]').first().waitFor();
    expect(await page.locator('[data-worklist-item]:not([data-kind="exception"])').count()).toBe(0);

    const id = await page.locator("[data-worklist-item]", { has: page.getByRole("button", { name: "Assign to me" }) }).first().getAttribute("data-worklist-item");
    const item = page.locator(`[data-worklist-item="${id}"]`);
    await item.getByRole("button", { name: "Assign to me" }).click();
    await item.getByText("Assigned to Demo staff", { exact: true }).first().waitFor();
    await item.getByPlaceholder("Add a note").fill("Asked the carrier to re-attempt delivery");
    await item.getByRole("button", { name: "Add note" }).click();
    await item.getByText(/Demo staff: Asked the carrier to re-attempt delivery/).first().waitFor();
    await page.screenshot({ path: path.join(artifacts, "worklist-item.png"), fullPage: true, caret: "initial" });
    await item.getByRole("button", { name: "Mark resolved" }).click();
    // Resolved items leave the "not resolved" list.
    await item.waitFor({ state: "detached" });

    await page.goto(`${base}/app/worklist?state=resolved&kind=exception`, { waitUntil: "networkidle" });
    const resolved = page.locator(`[data-worklist-item="${id}"]`);
    await resolved.waitFor();
    expect(await resolved.getAttribute("data-state")).toBe("resolved");
    await resolved.getByText(/Asked the carrier to re-attempt delivery/).first().waitFor();
    await page.close();
  }, 90_000);

  it("the dashboard links to the worklist with its open count", async () => {
    const page = await open("/app");
    const link = page.locator("a[data-worklist-open]");
    await link.waitFor();
    expect(Number(await link.getAttribute("data-worklist-open"))).toBeGreaterThan(0);
    await link.click();
    await page.waitForURL(/\/app\/worklist$/);
    await page.getByRole("heading", { name: "Needs attention" }).first().waitFor();
    await page.close();
  }, 60_000);

  it("logged no console errors and no failed requests", () => {
    expect(consoleErrors).toEqual([]);
  });
});
