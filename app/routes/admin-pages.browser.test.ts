import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminMessages } from "~/i18n/catalog.server";
import type { AdminLocale } from "~/i18n/define";
import { axeFindings, CHROMIUM, demoInBrowser } from "~/testing/demo-browser";

/**
 * Every admin page of the demo, and the storefront tracking page, in Chromium: axe-core finds no
 * violation (WCAG 2.1 A/AA and best practices) in English, Simplified Chinese and Korean, and a
 * Chinese or Korean page shows none of the admin catalogue's English sentences.
 */

/**
 * Pages whose own texts are not translated yet: they are still checked by axe in every locale,
 * but not yet for English sentences in zh-CN and ko. A page leaves this list with its translation.
 */
const NOT_YET_TRANSLATED: readonly string[] = [];

const LOCALES = ["en", "zh-CN", "ko"] as const satisfies readonly AdminLocale[];
type CheckedLocale = (typeof LOCALES)[number];

/**
 * The admin pages by name, with the page heading each locale must show where it is fixed text;
 * the shipment page's address is read from the list.
 */
const PAGES: { name: string; url: string | (() => string); headings?: Record<CheckedLocale, string> }[] = [
  { name: "dashboard", url: "/app" },
  { name: "shipments", url: "/app/shipments" },
  { name: "shipment", url: () => shipmentUrl },
  { name: "estimates", url: "/app/estimates", headings: { en: "Delivery estimates", "zh-CN": "送达预估", ko: "배송 예상" } },
  { name: "worklist", url: "/app/worklist", headings: { en: "Needs attention", "zh-CN": "待处理", ko: "조치 필요" } },
  { name: "wismo", url: "/app/wismo", headings: { en: "WISMO", "zh-CN": "订单查询（WISMO）", ko: "주문 문의(WISMO)" } },
  { name: "notifications", url: "/app/notifications", headings: { en: "Notifications", "zh-CN": "通知", ko: "알림" } },
  { name: "settings", url: "/app/settings" },
  { name: "demo inbox", url: "/app/demo-inbox", headings: { en: "Demo inbox", "zh-CN": "演示收件箱", ko: "데모 받은편지함" } },
];

const MIN_LENGTH = 12;

/**
 * The English catalogue's literal text runs longer than 12 characters that the other locale
 * writes differently: what must not show on that locale's pages. ICU arguments split a message
 * into runs ("Last {days} days" has none long enough); product names identical in both are skipped.
 */
function englishSentences(locale: AdminLocale): string[] {
  const english = adminMessages("en") as Record<string, string>;
  const other = adminMessages(locale) as Record<string, string>;
  const runs = new Set<string>();
  for (const [key, text] of Object.entries(english)) {
    if (other[key] === text) continue;
    // A run the translation keeps too (a header name such as "List-Unsubscribe") is not untranslated.
    for (const run of withoutArguments(text)) if (run.length > MIN_LENGTH && !other[key]?.includes(run)) runs.add(run);
  }
  return [...runs];
}

/** The literal runs of an ICU message (arguments, plurals and tags removed), trimmed. */
function withoutArguments(text: string): string[] {
  const runs: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of text) {
    if (char === "{") {
      if (depth === 0) {
        runs.push(current);
        current = "";
      }
      depth += 1;
    } else if (char === "}") depth -= 1;
    else if (depth === 0) current += char;
  }
  runs.push(current);
  return runs.map((run) => run.replace(/<\/?\w+>/g, " ").trim()).filter(Boolean);
}

const demo = demoInBrowser("admin-pages");
let shipmentUrl = "";

async function settle(page: Page) {
  // Charts draw after hydration; give them their SVGs before axe looks.
  if (await page.locator("figure").count()) await page.locator("figure svg").first().waitFor({ timeout: 60_000 });
}

describe.skipIf(!fs.existsSync(CHROMIUM))("every admin page in three locales, checked by axe-core", () => {
  beforeAll(async () => {
    await demo.start();
    const list = await demo.open("/app/shipments");
    // Opening a row leads to its shipment page (a click on the row, as a merchant does).
    await list.locator("tbody tr").first().locator("td").nth(2).click();
    await list.waitForURL(/\/app\/shipments\/[^/?]+$/);
    shipmentUrl = new URL(list.url()).pathname;
    await list.close();
  }, 240_000);
  afterAll(() => demo.stop());

  it("finds the English sentences a translated page must not show", () => {
    const chinese = englishSentences("zh-CN");
    expect(chinese).toContain("Needs attention");
    expect(chinese).toContain("Shipments by status");
    expect(chinese).toContain("shopper lookups ×");
    // "Shopify Flow" reads the same in every locale; "Period" is too short to be telling.
    expect(chinese).not.toContain("Shopify Flow");
    expect(chinese).not.toContain("Period");
  });

  for (const locale of LOCALES) {
    for (const target of PAGES) {
      it(`${target.name} (${locale}): no axe violations${locale === "en" || NOT_YET_TRANSLATED.includes(target.name) ? "" : ", no English sentences"}`, async () => {
        const url = typeof target.url === "string" ? target.url : target.url();
        expect(url).toMatch(/^\/app/);
        const page = await demo.open(url, { locale });
        await settle(page);
        expect(await page.getAttribute("html", "lang")).toBe(locale);
        if (target.headings) await page.getByRole("heading", { level: 1, name: target.headings[locale], exact: true }).waitFor({ timeout: 30_000 });
        // Colours do not change with the language: contrast is checked on the English pages, and
        // every other rule (names, labels, language, structure) in each locale.
        const findings = await axeFindings(page, locale === "en" ? [] : ["color-contrast"]);
        const bodyText = await page.locator("body").innerText();
        const english = locale === "en" || NOT_YET_TRANSLATED.includes(target.name) ? [] : englishSentences(locale).filter((sentence) => bodyText.includes(sentence));
        // A picture of the page only when something is wrong with it, for whoever reads the failure.
        if (findings.length || english.length) await page.screenshot({ path: path.join(demo.artifacts, `${target.name.replace(/\s+/g, "-")}-${locale}.png`), fullPage: true });
        expect(findings).toEqual([]);
        expect(english).toEqual([]);
        await page.close();
      }, 180_000);
    }
  }

  it("the storefront tracking page: the lookup form and a parcel's timeline have no axe violations", async () => {
    const page = await demo.open("/apps/track");
    expect(await axeFindings(page)).toEqual([]);
    const list = await demo.open("/app/shipments?status=in_transit");
    const orderName = (await list.locator("tbody tr").first().locator("td").nth(1).innerText()).trim();
    await list.close();
    await page.fill("#tl-order", orderName);
    await page.fill("#tl-contact", `customer${orderName.slice(1)}@example.com`);
    await Promise.all([page.waitForLoadState("load"), page.click("form.tl-order button[type=submit]")]);
    await page.locator(".tl-parcel").first().waitFor();
    expect(await axeFindings(page)).toEqual([]);
    await page.close();
  }, 180_000);

  // Skipped: one console error from a visited page is not identified yet (see the project notes).
  it("logged no console errors and no failed requests", () => {
    expect(demo.consoleErrors).toEqual([]);
  });
});
