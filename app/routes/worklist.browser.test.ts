import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, demoInBrowser } from "~/testing/demo-browser";

/**
 * The "Needs attention" worklist in a real browser against `npm run demo`: filter, assign, note,
 * resolve, and the dashboard's link to it. Any console error or failed page request fails the
 * test; screenshots land in $TRACKLINE_ARTIFACTS_DIR (default: <tmp>/trackline-artifacts/worklist).
 */
const demo = demoInBrowser("worklist");

describe.skipIf(!fs.existsSync(CHROMIUM))("worklist in Chromium against the demo", () => {
  beforeAll(() => demo.start(), 240_000);
  afterAll(() => demo.stop());

  it("lists the demo's parcels in trouble, filters them, and works one item to resolved", async () => {
    const page = await demo.open("/app/worklist");
    await page.getByRole("heading", { name: "Needs attention" }).first().waitFor();
    const items = page.locator("[data-worklist-item]");
    await items.first().waitFor();
    expect(await items.count()).toBeGreaterThan(0);
    // caret "initial": Playwright's caret hiding would otherwise race React's hydration of inputs.
    await page.screenshot({ path: path.join(demo.artifacts, "worklist.png"), fullPage: true, caret: "initial" });

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
    await page.screenshot({ path: path.join(demo.artifacts, "worklist-item.png"), fullPage: true, caret: "initial" });
    await item.getByRole("button", { name: "Mark resolved" }).click();
    // Resolved items leave the "not resolved" list.
    await item.waitFor({ state: "detached" });

    await page.goto(demo.url("/app/worklist?state=resolved&kind=exception"), { waitUntil: "networkidle" });
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    const resolved = page.locator(`[data-worklist-item="${id}"]`);
    await resolved.waitFor();
    expect(await resolved.getAttribute("data-state")).toBe("resolved");
    await resolved.getByText(/Asked the carrier to re-attempt delivery/).first().waitFor();
    await page.close();
  }, 90_000);

  it("the dashboard links to the worklist with its open count", async () => {
    const page = await demo.open("/app");
    const link = page.locator("a[data-worklist-open]");
    await link.waitFor();
    expect(Number(await link.getAttribute("data-worklist-open"))).toBeGreaterThan(0);
    await link.click();
    await page.waitForURL(/\/app\/worklist$/);
    await page.getByRole("heading", { name: "Needs attention" }).first().waitFor();
    await page.close();
  }, 60_000);

  it("logged no console errors and no failed requests", () => {
    expect(demo.consoleErrors).toEqual([]);
  });
});
