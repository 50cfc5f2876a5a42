import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, demoInBrowser } from "../testing/demo-browser";

/**
 * The admin in a real browser against `npm run demo`: dashboard, filtered shipments list, a
 * shipment page and a settings change. Any console error or failed page request fails the test;
 * screenshots land in $TRACKLINE_ARTIFACTS_DIR (default: <tmp>/trackline-artifacts/admin).
 */
const demo = demoInBrowser("admin");

describe.skipIf(!fs.existsSync(CHROMIUM))("admin in Chromium against the demo", () => {
  beforeAll(() => demo.start(), 240_000);
  afterAll(() => demo.stop());

  // Each page is used only once hydrated (app/testing/demo-browser.ts), which a busy machine delays.
  it("opens the dashboard with charts and attention counts, and follows a count to the list", { timeout: 120_000 }, async () => {
    const page = await demo.open("/app?period=90");
    await expect(page.getByRole("heading", { name: "Dashboard" }).first().isVisible()).resolves.toBe(true);
    await page.getByText("Needs attention").first().waitFor();
    // Charts are drawn after hydration as SVG.
    await page.locator('[role="figure"] svg').first().waitFor({ timeout: 15_000 });
    const stalled = page.locator('a[data-attention="stalled"]');
    const count = Number((await stalled.innerText()).replace(/\D+/g, ""));
    await page.screenshot({ path: path.join(demo.artifacts, "dashboard.png"), fullPage: true });
    await stalled.click();
    await page.waitForURL(/\/app\/shipments\?attention=stalled/);
    await page.getByText(`${count} matching`).first().waitFor();
    await page.close();
  });

  it("filters shipments and opens one", { timeout: 120_000 }, async () => {
    const page = await demo.open("/app/shipments?status=delivered");
    await page.getByText("Status: Delivered").first().waitFor();
    const rows = page.locator("tbody tr");
    expect(await rows.count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(demo.artifacts, "shipments-delivered.png"), fullPage: true });
    const order = (await rows.first().locator("td").nth(1).innerText()).trim();
    await rows.first().locator("td").nth(2).click();
    await page.waitForURL(/\/app\/shipments\/[^/?]+$/);
    await page.getByRole("heading", { name: order }).first().waitFor();
    await page.getByText("Timeline").first().waitFor();
    await page.getByText("Show raw carrier event").first().click();
    await page.locator("pre").first().waitFor();
    await page.screenshot({ path: path.join(demo.artifacts, "shipment.png"), fullPage: true });
    await page.close();
  });

  it("changes a setting, rejects a bad one with a clear message, and keeps it after reload", { timeout: 120_000 }, async () => {
    const page = await demo.open("/app/settings");
    const minutes = page.getByLabel("Support minutes per inquiry");
    // The contextual save bar's Save (shown once a field changed).
    const save = page.getByRole("button", { name: "Save", exact: true });
    const before = await minutes.inputValue();
    const next = before === "7" ? "8" : "7";
    await minutes.fill("0");
    await save.click();
    await page.getByText("At least 1 minute").first().waitFor();
    await minutes.fill(next);
    await save.click();
    await page.getByText("Settings saved").first().waitFor();
    await page.screenshot({ path: path.join(demo.artifacts, "settings.png"), fullPage: true });
    await page.reload({ waitUntil: "networkidle" });
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    expect(await page.getByLabel("Support minutes per inquiry").inputValue()).toBe(next);
    // Leave the demo as it was.
    await page.getByLabel("Support minutes per inquiry").fill(before);
    await save.click();
    await page.getByText("Settings saved").first().waitFor();
    await page.close();
  });

  it("logged no console errors and no failed requests", () => {
    expect(demo.consoleErrors).toEqual([]);
  });
});
