import { AppProvider } from "@shopify/polaris/build/esm/components/AppProvider/AppProvider.js";
import englishTranslations from "@shopify/polaris/locales/en.json";
import { renderToStaticMarkup } from "react-dom/server";
import { IntlProvider } from "react-intl";
import { adminMessages } from "~/i18n/catalog.server";
import { beforeEach, describe, expect, it } from "vitest";
import { BackfillBannerContent } from "~/components/BackfillBanner";
import { failBackfill, saveBackfillProgress } from "~/data/backfill.server";
import { database } from "~/data/client.server";
import { backfillBanner, type BackfillBannerData } from "./banner.server";

const SHOP = "banner-shop.myshopify.com";
const render = (progress: BackfillBannerData) =>
  renderToStaticMarkup(
    <AppProvider i18n={englishTranslations}>
      <IntlProvider locale="en" messages={adminMessages("en")}>
        <BackfillBannerContent progress={progress} />
      </IntlProvider>
    </AppProvider>,
  ).replace(/<[^>]+>/g, " ");

describe("backfill banner", () => {
  beforeEach(async () => {
    const { db } = database();
    await db.session.deleteMany({});
    await db.shop.deleteMany({});
  });

  it("queues the install backfill on the first admin visit and reports progress with counts", async () => {
    const now = new Date("2026-11-20T12:00:00Z");
    const queued = await backfillBanner(SHOP, now);
    expect(queued).toMatchObject({ status: "queued", imported: 0, days: 60 });
    expect(render(queued!)).toContain("the last 60 days");

    const { db } = database();
    await saveBackfillProgress(db, SHOP, { status: "running", total: 240, importedDelta: 90 });
    const running = await backfillBanner(SHOP, now);
    expect(render(running!)).toContain("90 of 240 orders imported");

    await failBackfill(db, SHOP, "Shopify Admin API error (HTTP 503)", now);
    expect(render((await backfillBanner(SHOP, now))!)).toMatch(/90 of 240 orders imported so far.*HTTP 503/);
  });

  it("confirms a finished import for a day, then disappears", async () => {
    const { db } = database();
    const finishedAt = new Date("2026-11-20T10:00:00Z");
    await db.shop.create({
      data: { domain: SHOP, backfillStatus: "done", backfillImported: 12, backfillTotal: 12, backfillSince: new Date("2026-09-21T00:00:00Z"), backfillFinishedAt: finishedAt },
    });
    expect(render((await backfillBanner(SHOP, new Date("2026-11-20T12:00:00Z")))!)).toContain("12 of 12 orders");
    expect(await backfillBanner(SHOP, new Date("2026-11-22T12:00:00Z"))).toBeNull();
  });
});
