import { describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { applySetupIntent, isSetupIntent, loadSetupGuide, themeEditorLink } from "./setup-guide.server";

const NOW = new Date("2026-12-01T10:00:00Z");
const API_KEY = "trackline-test-api-key";
const EDITOR = "https://setup-shop.myshopify.com/admin/themes/current/editor?template=page&addAppBlockId=trackline-test-api-key%2Forder-tracking&target=newAppsSection";

const summary = (guide: Awaited<ReturnType<typeof loadSetupGuide>>) => guide && guide.steps.map((step) => [step.id, step.state]);

describe("setup guide", () => {
  it("links to the theme editor with the tracking block ready to add", () => {
    expect(themeEditorLink("setup-shop.myshopify.com", API_KEY)).toBe(EDITOR);
  });

  it("checks each step from the shop's real state, from install to done", async () => {
    const { db } = database();
    const shop = "setup-shop.myshopify.com";
    await db.shop.create({ data: { domain: shop } });

    // Just installed: write-back is on by default, everything else is still to do.
    const fresh = await loadSetupGuide(db, shop, API_KEY);
    expect(fresh?.steps).toEqual([
      { id: "themeBlock", state: "todo", selfReported: true, url: EDITOR },
      { id: "carriers", state: "todo", selfReported: false, url: "/app/settings" },
      { id: "notifications", state: "todo", selfReported: false, url: "/app/notifications" },
      { id: "writeBack", state: "done", selfReported: false, url: "/app/settings" },
      { id: "import", state: "todo", selfReported: false, url: "/app/shipments", progress: { imported: 0, total: null } },
    ]);
    expect(fresh).toMatchObject({ done: 1, total: 5, complete: false, visible: true });

    // The import runs, a carrier account is connected, write-back is switched off.
    await db.shop.update({ where: { domain: shop }, data: { backfillStatus: "running", backfillImported: 40, backfillTotal: 120, writeBackEnabled: false } });
    await db.carrierAccount.create({ data: { shopDomain: shop, carrier: "fedex", credentialsEncrypted: "sealed", maskedHint: "••42" } });
    const running = await loadSetupGuide(db, shop, API_KEY);
    expect(summary(running)).toEqual([
      ["themeBlock", "todo"],
      ["carriers", "done"],
      ["notifications", "todo"],
      ["writeBack", "todo"],
      ["import", "in_progress"],
    ]);
    expect(running?.steps[4]?.progress).toEqual({ imported: 40, total: 120 });

    // The import pauses on an error: the step asks for attention.
    await db.shop.update({ where: { domain: shop }, data: { backfillStatus: "failed" } });
    expect((await loadSetupGuide(db, shop, API_KEY))?.steps[4]?.state).toBe("attention");

    // Notification settings saved once count as reviewed; the theme block is confirmed by hand.
    await db.shop.update({ where: { domain: shop }, data: { notificationSettingsJson: '{"sender":"trackline"}', writeBackEnabled: true, backfillStatus: "done", backfillImported: 120 } });
    expect(await applySetupIntent(db, shop, "confirmThemeBlock", NOW)).toBe(true);
    const complete = await loadSetupGuide(db, shop, API_KEY);
    expect(summary(complete)).toEqual([
      ["themeBlock", "done"],
      ["carriers", "done"],
      ["notifications", "done"],
      ["writeBack", "done"],
      ["import", "done"],
    ]);
    // Done, but shown until the merchant dismisses it.
    expect(complete).toMatchObject({ done: 5, complete: true, visible: true });
    expect(await applySetupIntent(db, shop, "hideGuide", NOW)).toBe(true);
    expect(await loadSetupGuide(db, shop, API_KEY)).toMatchObject({ complete: true, visible: false });
    const row = await db.shop.findUniqueOrThrow({ where: { domain: shop }, select: { setupThemeBlockConfirmedAt: true, setupGuideHiddenAt: true, setupNotificationsReviewedAt: true } });
    expect(row).toEqual({ setupThemeBlockConfirmedAt: NOW, setupGuideHiddenAt: NOW, setupNotificationsReviewedAt: null });
  });

  it("counts the chosen aggregator as connected carriers, and a review mark as reviewed notifications", async () => {
    const { db } = database();
    const shop = "aggregator-shop.myshopify.com";
    await db.shop.create({ data: { domain: shop, longTailAggregator: "seventeen_track" } });
    expect(await applySetupIntent(db, shop, "notificationsReviewed", NOW)).toBe(true);
    const guide = await loadSetupGuide(db, shop, API_KEY);
    expect(summary(guide)).toEqual([
      ["themeBlock", "todo"],
      ["carriers", "done"],
      ["notifications", "done"],
      ["writeBack", "done"],
      ["import", "todo"],
    ]);
    // A hidden guide comes back when asked.
    await applySetupIntent(db, shop, "hideGuide", NOW);
    expect((await loadSetupGuide(db, shop, API_KEY))?.visible).toBe(false);
    await applySetupIntent(db, shop, "showGuide", NOW);
    expect((await loadSetupGuide(db, shop, API_KEY))?.visible).toBe(true);
  });

  it("has nothing for an unknown shop and accepts only its own intents", async () => {
    const { db } = database();
    expect(await loadSetupGuide(db, "nobody.myshopify.com", API_KEY)).toBeNull();
    expect(await applySetupIntent(db, "nobody.myshopify.com", "hideGuide", NOW)).toBe(false);
    expect(["confirmThemeBlock", "notificationsReviewed", "hideGuide", "showGuide", "toString", "deleteShop", 3].map(isSetupIntent)).toEqual([true, true, true, true, false, false, false]);
  });
});
