import { assertSupportedNode } from "~/config/node-version";
assertSupportedNode();

import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { projectRoot } from "~/config/database-target.server";
import { demoInBrowser } from "./demo-browser";

/**
 * `npm run screenshots`: starts the demo, photographs the dashboard, the shipments list, a
 * shipment, settings and the storefront tracking page in Chromium into .readme/screenshots/, and
 * stops everything. The README shows these files, so they follow the app as it changes.
 */
const OUT = path.join(projectRoot, ".readme/screenshots");

async function shoot(page: Page, name: string) {
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  console.log(`  ${path.relative(projectRoot, file)}`);
  await page.close();
}

async function main() {
  const demo = demoInBrowser("screenshots");
  fs.mkdirSync(OUT, { recursive: true });
  console.log("Starting the demo…");
  await demo.start();
  try {
    const dashboard = await demo.open("/app?period=30", { viewport: { width: 1440, height: 1600 } });
    await dashboard.locator("figure svg").first().waitFor({ timeout: 20_000 });
    // polaris-viz animates its bars in: let them land.
    await dashboard.waitForTimeout(1500);
    await shoot(dashboard, "dashboard");

    const list = await demo.open("/app/shipments", { viewport: { width: 1440, height: 1000 } });
    await shoot(list, "shipments");

    const inTransit = await demo.open("/app/shipments?status=in_transit", { viewport: { width: 1440, height: 1000 } });
    const firstRow = inTransit.locator("tbody tr").first();
    const orderName = (await firstRow.locator("td").nth(1).innerText()).trim();
    // Opening a row leads to its shipment page.
    await firstRow.locator("td").nth(2).click();
    await inTransit.waitForURL(/\/app\/shipments\/[^/?]+$/);
    const shipmentPath = new URL(inTransit.url()).pathname;
    await inTransit.close();
    const shipment = await demo.open(shipmentPath, { viewport: { width: 1440, height: 1400 } });
    await shoot(shipment, "shipment");

    const settings = await demo.open("/app/settings", { viewport: { width: 1440, height: 1400 } });
    await shoot(settings, "settings");

    const track = await demo.open("/apps/track", { viewport: { width: 1280, height: 1400 } });
    await track.fill("#tl-order", orderName);
    await track.fill("#tl-contact", `customer${orderName.slice(1)}@example.com`);
    await Promise.all([track.waitForLoadState("load"), track.click("form.tl-order button[type=submit]")]);
    await track.locator(".tl-parcel").first().waitFor();
    await shoot(track, "tracking-page");
    // The pictures are taken either way; what the pages logged is worth knowing.
    for (const error of demo.consoleErrors) console.warn(`warning: ${error.split("\n")[0]}`);
  } finally {
    await demo.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
