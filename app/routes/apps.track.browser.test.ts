import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Response as PageResponse } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDatabase } from "~/testing/demo-database";
import { spawnTrackPageServer } from "~/testing/track-page-server";
import { createDb } from "~/data/db.server";

/**
 * The demo storefront tracking page in a real browser (Debian's Chromium): look a seeded order up,
 * read the timeline, switch language, keyboard and label checks, and the page's weight. The
 * screenshot and weight report land in $TRACKLINE_ARTIFACTS_DIR (CI keeps it) or the temp folder.
 */
const artifacts = process.env.TRACKLINE_ARTIFACTS_DIR ?? path.join(os.tmpdir(), "trackline-artifacts");

describe("storefront tracking page in a browser (demo mode)", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof spawnTrackPageServer>>;
  let database: ReturnType<typeof demoDatabase>;
  let order: { orderName: string; email: string };

  beforeAll(async () => {
    database = demoDatabase("browser-track-page");
    const { db } = createDb(database.url);
    const shipment = await db.shipment.findFirstOrThrow({
      where: { status: { in: ["in_transit", "out_for_delivery", "delivered"] } },
      orderBy: { orderName: "asc" },
      select: { orderName: true },
    });
    await db.$disconnect();
    order = { orderName: shipment.orderName, email: `customer${shipment.orderName.slice(1)}@example.com` };
    server = await spawnTrackPageServer(database.url);
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    });
    fs.mkdirSync(artifacts, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    server?.stop();
    database?.remove();
  });

  it("looks up a seeded order, shows its timeline, switches language, and weighs almost nothing", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const responses: PageResponse[] = [];
    page.on("response", (response) => responses.push(response));

    await page.goto(`${server.url}/apps/track`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Track your order");
    // Keyboard first: the first Tab lands in the order number field, every input has a label.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("tl-order");
    const unlabeled = await page.evaluate(
      () => [...document.querySelectorAll("input:not([type=hidden])")].filter((input) => !document.querySelector(`label[for="${input.id}"]`)).length,
    );
    expect(unlabeled).toBe(0);

    await page.fill("#tl-order", order.orderName);
    await page.fill("#tl-contact", order.email);
    await Promise.all([page.waitForLoadState("load"), page.click("form.tl-order button[type=submit]")]);
    const body = await page.locator(".tl").innerText();
    expect(body).toContain(`Order ${order.orderName}`);
    expect(await page.locator(".tl-parcel ol li").count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('.tl-parcel li[aria-current="step"], .tl-parcel li.tl-done').count()).toBeGreaterThan(0);

    await Promise.all([page.waitForLoadState("load"), page.click('.tl-languages button[value="de"]')]);
    expect(await page.getAttribute(".tl", "lang")).toBe("de");
    expect(await page.locator("h1").textContent()).toBe("Bestellung verfolgen");
    expect(await page.locator(".tl").innerText()).toContain(`Bestellung ${order.orderName}`);
    await page.screenshot({ path: path.join(artifacts, "tracking-page-de.png"), fullPage: true });

    // Weight, Lighthouse-style: every request the page made, by kind.
    const origin = new URL(server.url).origin;
    const weight = { requests: responses.length, thirdParty: 0, documentBytes: 0, scriptBytes: 0, stylesheetBytes: 0, otherBytes: 0 };
    for (const response of responses) {
      if (new URL(response.url()).origin !== origin) weight.thirdParty += 1;
      const bytes = (await response.body().catch(() => Buffer.alloc(0))).length;
      const type = response.request().resourceType();
      if (type === "document") weight.documentBytes += bytes;
      else if (type === "script") weight.scriptBytes += bytes;
      else if (type === "stylesheet") weight.stylesheetBytes += bytes;
      else weight.otherBytes += bytes;
    }
    fs.writeFileSync(path.join(artifacts, "tracking-page-weight.json"), `${JSON.stringify(weight, null, 2)}\n`);
    // Three navigations (open, look up, switch language), one request each: no script, no
    // stylesheet, no third party.
    expect(weight).toMatchObject({ requests: 3, thirdParty: 0, scriptBytes: 0, stylesheetBytes: 0, otherBytes: 0 });
    expect(weight.documentBytes / 3).toBeLessThan(40_000);
    await page.close();
  }, 120_000);
});
