import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tinyPng } from "~/domain/branding/image.fixture";
import { CHROMIUM, demoInBrowser } from "~/testing/demo-browser";

/**
 * The Settings page in Chromium against `npm run demo`: the contextual save bar, Discard, Save,
 * the live preview, three languages and axe-core on Settings and on the tracking page. Screenshots
 * land in $TRACKLINE_ARTIFACTS_DIR (default: <tmp>/trackline-artifacts/settings).
 */
const demo = demoInBrowser("settings");

async function settled(page: Page): Promise<void> {
  await page.getByRole("heading", { name: "Branding" }).first().waitFor();
  // Hydrated: the preview is drawn by the same renderer as the storefront page.
  await page.frameLocator('[data-testid="tracking-preview"]').locator("h1").waitFor();
}

describe.skipIf(!fs.existsSync(CHROMIUM))("settings in Chromium against the demo", () => {
  beforeAll(() => demo.start(), 240_000);
  afterAll(() => demo.stop());

  it("shows the save bar when a field changes, and Discard restores the saved value", async () => {
    const page = await demo.open("/app/settings");
    await settled(page);
    const minutes = page.getByLabel("Support minutes per inquiry");
    const before = await minutes.inputValue();
    await expect(page.getByText("Unsaved changes").count()).resolves.toBe(0);
    await minutes.fill(before === "7" ? "8" : "7");
    await page.getByText("Unsaved changes").first().waitFor();
    await page.screenshot({ path: path.join(demo.artifacts, "save-bar.png"), fullPage: true });
    await page.getByRole("button", { name: "Discard" }).click();
    await expect(minutes.inputValue()).resolves.toBe(before);
    await page.getByText("Unsaved changes").waitFor({ state: "detached" });
    await page.close();
  }, 120_000);

  it("shows a field error in place, then saves and keeps the value after a reload", async () => {
    const page = await demo.open("/app/settings");
    await settled(page);
    const minutes = page.getByLabel("Support minutes per inquiry");
    const next = (await minutes.inputValue()) === "9" ? "10" : "9";
    await minutes.fill("0");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("At least 1 minute").first().waitFor();
    await minutes.fill(next);
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Settings saved").first().waitFor();
    await page.getByText("Unsaved changes").waitFor({ state: "detached" });
    await page.reload({ waitUntil: "networkidle" });
    await settled(page);
    await expect(page.getByLabel("Support minutes per inquiry").inputValue()).resolves.toBe(next);
    await page.close();
  }, 120_000);

  it("re-renders the live preview as the heading and the accent colour change", async () => {
    const page = await demo.open("/app/settings");
    await settled(page);
    const preview = page.frameLocator('[data-testid="tracking-preview"]');
    await expect(preview.locator("h1").innerText()).resolves.toBe("Track your order");
    await page.getByLabel("Heading").fill("Where is my parcel, Maple?");
    await preview.getByRole("heading", { name: "Where is my parcel, Maple?" }).waitFor();
    await page.getByLabel("Hex code").first().fill("#aa3300");
    await expect
      .poll(async () => preview.locator("button").first().evaluate((element) => getComputedStyle(element).backgroundColor), { timeout: 5_000 })
      .toBe("rgb(170, 51, 0)");
    // Every scan, normal-case places and the parcel's items come from the storefront renderer.
    await preview.getByText("Winston-Salem, NC, United States").first().waitFor();
    await preview.getByText("2 × Linen shirt").first().waitFor();
    await page.getByRole("button", { name: "Mobile" }).click();
    await expect(page.locator('[data-testid="tracking-preview"]').evaluate((element) => (element as HTMLElement).offsetWidth)).resolves.toBe(375);
    await page.screenshot({ path: path.join(demo.artifacts, "preview.png"), fullPage: true });
    await page.getByRole("button", { name: "Discard" }).click();
    await page.close();
  }, 120_000);

  it("keeps a new or removed logo for the save bar: previewed, discarded, then saved and removed", async () => {
    const page = await demo.open("/app/settings");
    await settled(page);
    const preview = page.frameLocator('[data-testid="tracking-preview"]');
    const thumbnail = page.getByRole("img", { name: "Current logo" });
    const pick = () => page.locator('input[type="file"]').first().setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from(tinyPng(240, 80)) });
    const savedBefore = (await thumbnail.count()) > 0;
    // Picked: shown from its bytes, in the field and the preview, and nothing is stored yet.
    await pick();
    await page.getByText("Unsaved changes").first().waitFor();
    await expect(thumbnail.getAttribute("src")).resolves.toMatch(/^data:image\/png;base64,/);
    await expect.poll(() => preview.locator("img").first().getAttribute("src"), { timeout: 5_000 }).toMatch(/^data:image\/png;base64,/);
    await page.getByRole("button", { name: "Discard" }).click();
    await page.getByText("Unsaved changes").waitFor({ state: "detached" });
    await expect(thumbnail.count()).resolves.toBe(savedBefore ? 1 : 0);
    const minutes = page.getByLabel("Support minutes per inquiry");
    // Refused by the server (too small): its reason shows, and every edit stays unsaved.
    await page.locator('input[type="file"]').first().setInputFiles({ name: "dot.png", mimeType: "image/png", buffer: Buffer.from(tinyPng(8, 8)) });
    const minutesBefore = await minutes.inputValue();
    await minutes.fill(minutesBefore === "13" ? "14" : "13");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Use an image between 16 and 4000 pixels on each side.").first().waitFor();
    await page.getByText("Unsaved changes").first().waitFor();
    await page.getByRole("button", { name: "Discard" }).click();
    await expect(minutes.inputValue()).resolves.toBe(minutesBefore);
    // Picked with another edit, then saved: the logo is stored, then the rest.
    await pick();
    const next = (await minutes.inputValue()) === "11" ? "12" : "11";
    await minutes.fill(next);
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Logo saved").first().waitFor();
    await page.getByText("Settings saved").first().waitFor();
    await page.getByText("Unsaved changes").waitFor({ state: "detached" });
    await page.reload({ waitUntil: "networkidle" });
    await settled(page);
    await expect(thumbnail.getAttribute("src")).resolves.toMatch(/\/brand-logo\/[^/]+\/[0-9a-f]{64}\.png$/);
    await expect(minutes.inputValue()).resolves.toBe(next);
    // Removed: gone from view at once, stored only on Save.
    await page.getByRole("button", { name: "Remove logo" }).click();
    await page.getByText("Unsaved changes").first().waitFor();
    await expect(thumbnail.count()).resolves.toBe(0);
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Logo removed").first().waitFor();
    await page.getByText("Unsaved changes").waitFor({ state: "detached" });
    await page.reload({ waitUntil: "networkidle" });
    await settled(page);
    await expect(thumbnail.count()).resolves.toBe(0);
    await page.close();
  }, 120_000);

  it("reads in Simplified Chinese and Korean", async () => {
    for (const [locale, title, save] of [
      ["zh-CN", "设置", "实时预览"],
      ["ko", "설정", "실시간 미리보기"],
    ] as const) {
      const page = await demo.open(`/app/settings?locale=${locale}`);
      await page.getByRole("heading", { name: title, exact: true }).first().waitFor();
      await page.getByText(save).first().waitFor();
      await page.screenshot({ path: path.join(demo.artifacts, `settings-${locale}.png`), fullPage: true });
      await page.close();
    }
    // The cookie remembers the last choice: back to English for the other tests.
    const page = await demo.open("/app/settings?locale=en");
    await page.close();
  }, 120_000);

  // axe-core on Settings (en, zh-CN, ko) and on the tracking page runs in admin-pages.browser.test.ts.
});
