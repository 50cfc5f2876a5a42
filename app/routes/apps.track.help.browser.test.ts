import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDatabase } from "~/testing/demo-database";
import { spawnTrackPageServer } from "~/testing/track-page-server";
import { createDb } from "~/data/db.server";

/**
 * "Still need help?" in a real browser (Debian's Chromium) on the demo tracking page: look an
 * order up, read the answer from the parcel's state, pick a reason, send, and find the inquiry
 * recorded with the parcel's state — all with plain form posts, no script.
 */
describe("Still need help? in a browser (demo mode)", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof spawnTrackPageServer>>;
  let database: ReturnType<typeof demoDatabase>;
  let order: { orderId: string; orderName: string; email: string; status: string };

  beforeAll(async () => {
    database = demoDatabase("browser-help");
    const { db } = createDb(database.url);
    const shipment = await db.shipment.findFirstOrThrow({
      where: { status: "in_transit", late: false, stalled: false },
      orderBy: { orderName: "desc" },
      select: { orderId: true, orderName: true, status: true },
    });
    await db.inquiry.deleteMany({ where: { orderId: shipment.orderId } });
    await db.$disconnect();
    order = { ...shipment, email: `customer${shipment.orderName.slice(1)}@example.com` };
    server = await spawnTrackPageServer(database.url);
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    server?.stop();
    database?.remove();
  });

  it("answers from the parcel first, then sends the shopper's reason to the shop", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    let scripts = 0;
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts += 1;
    });
    await page.goto(`${server.url}/apps/track`);
    await page.fill("#tl-order", order.orderName);
    await page.fill("#tl-contact", order.email);
    await Promise.all([page.waitForLoadState("load"), page.click("form.tl-order button[type=submit]")]);

    const help = page.locator("section.tl-help");
    await expect(help.locator("h2").textContent()).resolves.toBe("Still need help?");
    // The answer from the parcel's state comes before the form.
    const helpText = await help.innerText();
    expect(helpText.indexOf("Your parcel is on its way and on schedule.")).toBeGreaterThanOrEqual(0);
    expect(helpText.indexOf("on schedule")).toBeLessThan(helpText.indexOf("What do you need help with?"));
    // Every control is labelled.
    const unlabeled = await page.evaluate(
      () => [...document.querySelectorAll(".tl-help select, .tl-help textarea")].filter((control) => !document.querySelector(`label[for="${control.id}"]`)).length,
    );
    expect(unlabeled).toBe(0);

    await page.selectOption("#tl-help-reason", "delayed");
    await page.fill("#tl-help-message", "My parcel has not moved since Monday");
    await Promise.all([page.waitForLoadState("load"), page.click("section.tl-help button[type=submit]")]);
    await expect(page.locator(".tl-help .tl-notice").innerText()).resolves.toBe(
      "Thank you. Your message reached the shop, which will contact you about your order.",
    );
    // The order's timeline is still there after sending.
    expect(await page.locator(".tl").innerText()).toContain(`Order ${order.orderName}`);
    expect(scripts).toBe(0);

    const { db } = createDb(database.url);
    const rows = await db.inquiry.findMany({
      where: { orderId: order.orderId },
      select: { source: true, reason: true, parcelStatus: true, parcelLate: true, parcelStalled: true, lookedAtTracking: true, messageSealed: true },
    });
    await db.$disconnect();
    expect(rows).toEqual([
      { source: "tracking_page", reason: "delayed", parcelStatus: "in_transit", parcelLate: false, parcelStalled: false, lookedAtTracking: true, messageSealed: null },
    ]);
  });
});
