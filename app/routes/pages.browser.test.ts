import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type AxeCore from "axe-core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, demoInBrowser } from "~/testing/demo-browser";

declare global {
  interface Window {
    /** axe-core, once its script was evaluated in the page. */
    axe?: typeof AxeCore;
  }
}

/**
 * The estimates, notifications, worklist, WISMO and demo inbox pages in a real browser against
 * `npm run demo`, in English, Simplified Chinese and Korean (Shopify's `?locale=`): each shows its
 * translated heading and has no axe-core accessibility violation. Console errors fail the run.
 */
const demo = demoInBrowser("pages");

/**
 * axe-core's violations on a page. `@axe-core/playwright`'s AxeBuilder refuses pages opened with
 * `browser.newPage()` (the shared demo helper's), so the same axe-core engine is injected directly.
 */
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
async function axeViolations(page: Page): Promise<string[]> {
  // (Scoped to <main>: the demo layout's frame has a "region" finding of its own, outside these pages;
  // the inside of polaris-viz charts has an "aria-required-children" finding of the library's.)
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = window.axe;
    if (!axe) throw new Error("axe-core did not load into the page");
    // The page's own content (Polaris's <main>); the shared layout around it is not these pages'.
    // Charts are drawn by @shopify/polaris-viz inside a labelled figure; its SVG's internal roles are its own.
    const result = await axe.run({ include: [["main"]], exclude: [['[role="figure"] > *']] }, { resultTypes: ["violations"] });
    return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.map(String).join(" ")).join(", ")}`);
  });
}

const PAGES: { path: string; headings: Record<"en" | "zh-CN" | "ko", string> }[] = [
  { path: "/app/estimates", headings: { en: "Delivery estimates", "zh-CN": "送达预估", ko: "배송 예상" } },
  { path: "/app/notifications", headings: { en: "Notifications", "zh-CN": "通知", ko: "알림" } },
  { path: "/app/worklist", headings: { en: "Needs attention", "zh-CN": "待处理", ko: "조치 필요" } },
  { path: "/app/wismo", headings: { en: "WISMO", "zh-CN": "订单查询（WISMO）", ko: "주문 문의(WISMO)" } },
  { path: "/app/demo-inbox", headings: { en: "Demo inbox", "zh-CN": "演示收件箱", ko: "데모 받은편지함" } },
];

describe.skipIf(!fs.existsSync(CHROMIUM))("translated admin pages in Chromium against the demo", () => {
  beforeAll(() => demo.start(), 240_000);
  afterAll(() => demo.stop());

  for (const entry of PAGES) {
    it(`${entry.path}: translated heading in en, zh-CN and ko, and no accessibility violation`, { timeout: 240_000 }, async () => {
      for (const locale of ["en", "zh-CN", "ko"] as const) {
        const page = await demo.open(`${entry.path}?locale=${locale}`);
        await page.getByRole("heading", { level: 1, name: entry.headings[locale], exact: true }).waitFor({ timeout: 30_000 });
        expect(await page.locator("html").getAttribute("lang")).toBe(locale);
        expect(await axeViolations(page)).toEqual([]);
        await page.screenshot({ path: path.join(demo.artifacts, `${entry.path.slice(5)}-${locale}.png`), fullPage: true, caret: "initial" });
        await page.close();
      }
    });
  }

  it("logged no console errors and no failed requests", () => {
    expect(demo.consoleErrors).toEqual([]);
  });
});
