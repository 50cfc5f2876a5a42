import AxeBuilder from "@axe-core/playwright";
import fs from "node:fs";
import path from "node:path";
import { chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, demoInBrowser } from "~/testing/demo-browser";

/**
 * The shipments list and shipment page in a real browser against `npm run demo`: keyboard
 * navigation, search, saved views, truthful resync (single and bulk), three locales and axe.
 * Screenshots land in $TRACKLINE_ARTIFACTS_DIR (default: <tmp>/trackline-artifacts/shipments).
 */
const demo = demoInBrowser("shipments");

/** axe-core needs a page of a browser context of its own: one short-lived browser per check. */
async function axeViolations(url: string) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "networkidle" });
    await hydrated(page);
    const result = await new AxeBuilder({ page }).analyze();
    return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(" | ")}`);
  } finally {
    await browser.close();
  }
}

/**
 * Waits until React has hydrated the server-rendered page, so clicks reach React. Remix's router
 * is initialized before React hydrates; the demo layout's effect, which marks Polaris's navigation
 * wrapper as a landmark, runs only once the page has hydrated.
 */
async function hydrated(page: Page) {
  // `__remixRouter` is Remix's own global (declared by @remix-run/react), absent until hydration starts.
  await page.waitForFunction(
    () => "__remixRouter" in window && window.__remixRouter.state.initialized && document.querySelector('#AppFrameNav[role="navigation"]') !== null,
  );
}

describe.skipIf(!fs.existsSync(CHROMIUM))("shipments list and shipment page in Chromium against the demo", { timeout: 120_000 }, () => {
  beforeAll(() => demo.start(), 240_000);
  afterAll(() => demo.stop());

  it("opens a shipment from the list with the keyboard alone: Tab to the row's link, Enter", async () => {
    const page = await demo.open("/app/shipments");
    const firstLink = page.locator('tbody tr a[href^="/app/shipments/"]').first();
    const order = (await firstLink.innerText()).trim();
    const href = await firstLink.getAttribute("href");
    let focused = "";
    for (let presses = 0; presses < 80 && focused !== href; presses++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => (document.activeElement instanceof HTMLAnchorElement ? (document.activeElement.getAttribute("href") ?? "") : ""));
    }
    expect(focused).toBe(href);
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === href);
    await page.getByRole("heading", { name: order }).first().waitFor();
    await page.close();
  });

  it("finds shipments by the start of a tracking number", async () => {
    const page = await demo.open("/app/shipments");
    const tracking = (await page.locator("tbody tr").nth(3).locator("td").nth(2).innerText()).trim();
    const prefix = tracking.slice(0, tracking.length - 3);
    await hydrated(page);
    await page.getByRole("button", { name: "Search and filter results" }).click();
    await page.getByPlaceholder("Order number, tracking number or full customer email").fill(prefix);
    await page.waitForURL((url) => url.searchParams.get("q") === prefix);
    // The list shows the search's rows once the loader has answered.
    await page.waitForFunction(
      (start) => {
        const cells = [...document.querySelectorAll("tbody tr")].map((row) => row.querySelectorAll("td")[2]?.textContent?.trim() ?? "");
        return cells.length > 0 && cells.every((cell) => cell.startsWith(start));
      },
      prefix,
      { timeout: 30_000 },
    );
    const numbers = await page.locator("tbody tr").evaluateAll((rows) => rows.map((row) => row.querySelectorAll("td")[2]?.textContent?.trim() ?? ""));
    expect(numbers).toContain(tracking);
    expect(numbers.every((number) => number.startsWith(prefix))).toBe(true);
    await page.screenshot({ path: path.join(demo.artifacts, "search.png"), fullPage: true });
    await page.close();
  });

  it("opens a built-in view, saves the current filters as a view of its own, and deletes it", async () => {
    // A name of its own per run: the demo database outlives a run that stopped half-way.
    const name = `In transit ${Date.now() % 100_000}`;
    const page = await demo.open("/app/shipments");
    await hydrated(page);
    await page.getByRole("tab", { name: "Late" }).click();
    await page.waitForURL((url) => url.searchParams.get("attention") === "late");
    await page.getByRole("tab", { name: "Returns" }).click();
    await page.waitForURL((url) => url.searchParams.get("return") === "yes" && !url.searchParams.has("attention"));
    await page.goto(demo.url("/app/shipments?status=in_transit"), { waitUntil: "networkidle" });
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await page.getByRole("button", { name: "Create new view" }).click();
    await page.getByRole("dialog").getByLabel("Name").fill(name);
    await page.getByRole("dialog").getByRole("button", { name: "Create view" }).click();
    await page.getByText(`View “${name}” saved`).first().waitFor();
    const tab = page.getByRole("tab", { name });
    await tab.waitFor();
    await page.goto(demo.url("/app/shipments"), { waitUntil: "networkidle" });
    // Hydrated before the click, so the tab navigates in the page (a click before hydration loads
    // a new document, and the screenshot below could then touch it before React owns it).
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await page.getByRole("tab", { name }).click();
    await page.waitForURL((url) => url.searchParams.get("status") === "in_transit");
    await page.screenshot({ path: path.join(demo.artifacts, "saved-view.png"), fullPage: true });
    // The selected tab's menu deletes it (after Polaris's confirmation).
    await page.getByRole("tab", { name }).click();
    await page.getByRole("menuitem", { name: "Delete view" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete view" }).click();
    await page.getByText("View deleted").first().waitFor();
    // The list's data is revalidated after the action; the tab goes with it.
    await expect.poll(() => page.getByRole("tab", { name }).count(), { timeout: 20_000 }).toBe(0);
    await page.close();
  });

  it("reports a resync of a parcel whose carrier has no credentials as a failure, with the reason", async () => {
    const page = await demo.open("/app/shipments?status=in_transit");
    await hydrated(page);
    await page.locator('tbody tr a[href^="/app/shipments/"]').first().click();
    await page.waitForURL(/\/app\/shipments\/[^/?]+$/);
    await page.getByRole("button", { name: "Resync now" }).click();
    const result = page.getByTestId("resync-result");
    await result.waitFor();
    expect(await result.innerText()).toMatch(/^Failed: no .+ credentials configured$/);
    expect(await page.getByText("Synced: no new carrier news").count()).toBe(0);
    await page.screenshot({ path: path.join(demo.artifacts, "resync-failed.png"), fullPage: true });
    await page.close();
  });

  it("runs a bulk resync in the background with a progress bar, then reports each parcel truthfully", async () => {
    const page = await demo.open("/app/shipments?status=in_transit");
    await hydrated(page);
    const rows = page.locator("tbody tr");
    await rows.nth(0).locator('input[type="checkbox"]').check({ force: true });
    await rows.nth(1).locator('input[type="checkbox"]').check({ force: true });
    await page.getByRole("button", { name: "Resync now" }).click();
    await page.getByText("Resyncing parcels: 0 of 2").first().waitFor();
    await expect(page.getByRole("progressbar").count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: path.join(demo.artifacts, "bulk-resync-progress.png"), fullPage: true });
    const title = page.getByText(/^Resync finished:/).first();
    await title.waitFor({ timeout: 60_000 });
    const report = await page.getByTestId("resync-report").locator("li").allInnerTexts();
    expect(report).toHaveLength(2);
    const failed = report.filter((line) => /: (Failed|Not synced): /.test(line)).length;
    const noNews = report.filter((line) => line.endsWith(": Synced: no new carrier news")).length;
    const fresh = report.length - failed - noNews;
    expect(await title.innerText()).toBe(`Resync finished: ${fresh} synced with new events, ${noNews} without news, ${failed} failed`);
    // Leaving and coming back shows the same report.
    await page.goto(demo.url("/app/shipments"), { waitUntil: "networkidle" });
    await page.getByText(/^Resync finished:/).first().waitFor();
    // The screenshot hides the caret with an inline style on every input: only once React owns the page.
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await page.screenshot({ path: path.join(demo.artifacts, "bulk-resync-done.png"), fullPage: true });
    await page.close();
  });

  it("shows the list and the shipment page in Simplified Chinese and Korean", async () => {
    for (const [locale, title, column, timeline] of [
      ["en", "Shipments", "Tracking number", "Timeline"],
      ["zh-CN", "货件", "运单号", "时间线"],
      ["ko", "배송", "운송장 번호", "타임라인"],
    ] as const) {
      const page = await demo.open(`/app/shipments?locale=${locale}`);
      await page.getByRole("heading", { name: title, exact: true }).first().waitFor();
      await page.getByRole("columnheader", { name: column }).first().waitFor();
      const href = await page.locator('tbody tr a[href^="/app/shipments/"]').first().getAttribute("href");
      await page.goto(demo.url(`${href}?locale=${locale}`), { waitUntil: "networkidle" });
      await page.getByRole("heading", { name: timeline, exact: true }).first().waitFor();
      await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
      await page.screenshot({ path: path.join(demo.artifacts, `shipment-${locale}.png`), fullPage: true });
      await page.close();
    }
  });

  it("has no axe-core violations on the list or the shipment page", async () => {
    const page = await demo.open("/app/shipments");
    const href = await page.locator('tbody tr a[href^="/app/shipments/"]').first().getAttribute("href");
    await page.close();
    expect(await axeViolations(demo.url("/app/shipments"))).toEqual([]);
    expect(await axeViolations(demo.url(href ?? ""))).toEqual([]);
  });

  it("logged no console errors and no failed requests", () => {
    expect(demo.consoleErrors).toEqual([]);
  });
});
