import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, demoInBrowser } from "~/testing/demo-browser";

/**
 * The WISMO page in a real browser against `npm run demo` (seeded inquiries and a running
 * holdout): the figures, the holdout estimate with its interval, the worklist, the chart after
 * hydration, and no console error or failed request.
 */
describe.skipIf(!fs.existsSync(CHROMIUM))("WISMO page in Chromium against the demo", () => {
  const demo = demoInBrowser("wismo");

  beforeAll(() => demo.start(), 240_000);
  afterAll(() => demo.stop());

  it("shows inquiries per 100 orders, the holdout with its interval, reasons and the worklist", { timeout: 120_000 }, async () => {
    const page = await demo.open("/app/wismo?period=90");
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
    expect(demo.consoleErrors).toEqual([]);
    await page.close();
  });
});
