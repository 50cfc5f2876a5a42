import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, demoInBrowser } from "~/testing/demo-browser";

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
    // Charts are drawn after hydration as SVG, each named after its figure.
    await page.locator("figure svg").first().waitFor({ timeout: 15_000 });
    const unnamed = await page.locator("figure svg").evaluateAll((svgs) => svgs.filter((svg) => !svg.getAttribute("aria-label")).length);
    expect(unnamed).toBe(0);
    // The selected period is the pressed button, and only it.
    await expect(page.getByRole("button", { name: "Last 90 days", pressed: true }).count()).resolves.toBe(1);
    await expect(page.getByRole("button", { name: "Last 30 days", pressed: false }).count()).resolves.toBe(1);
    // The funnel's first stage is every fulfilled shipment: the same number as the description.
    const fulfilled = Number((await page.locator("a", { hasText: /^Fulfilled: / }).first().innerText()).replace(/\D+/g, ""));
    await page.getByText(`${fulfilled.toLocaleString("en-US")} shipments fulfilled in this period`).first().waitFor();
    // The demo's holdout measures time saved: that figure leads, the upper bound is named beside it.
    await page.getByText("Support time saved (measured)").first().waitFor();
    await page.getByText(/\d+ inquiries avoided \(holdout experiment\) × \d+ min per inquiry; upper bound/).first().waitFor();
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
    const rows = page.locator("tbody tr");
    await rows.first().waitFor();
    // Every row of the filtered list carries the Delivered badge.
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    expect(await rows.filter({ hasText: "Delivered" }).count()).toBe(count);
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

  it("shows the setup guide, whose steps check themselves, and hides it on request", async () => {
    const page = await demo.open("/app");
    await page.getByRole("heading", { name: "Set up Trackline" }).waitFor();
    // The demo shop imported its orders and writes back to Shopify; the theme block is the merchant's to confirm.
    expect(await page.locator('[data-setup-step="import"]').getAttribute("data-setup-state")).toBe("done");
    expect(await page.locator('[data-setup-step="writeBack"]').getAttribute("data-setup-state")).toBe("done");
    expect(await page.locator('[data-setup-step="themeBlock"]').getAttribute("data-setup-state")).toBe("todo");
    const editor = await page.getByRole("link", { name: "Open the theme editor" }).getAttribute("href");
    expect(editor).toBe("https://trackline-demo.myshopify.com/admin/themes/current/editor?template=page&addAppBlockId=trackline-demo-api-key%2Forder-tracking&target=newAppsSection");
    await page.screenshot({ path: path.join(demo.artifacts, "setup-guide.png"), fullPage: true });
    await page.getByRole("button", { name: "Hide setup guide" }).click();
    await page.getByRole("button", { name: "Show setup guide" }).waitFor();
    expect(await page.getByRole("heading", { name: "Set up Trackline" }).count()).toBe(0);
    // Leave the demo as it was.
    await page.getByRole("button", { name: "Show setup guide" }).click();
    await page.getByRole("heading", { name: "Set up Trackline" }).waitFor();
    await page.close();
  });

  it("logged no console errors and no failed requests", () => {
    expect(demo.consoleErrors).toEqual([]);
  });
});
