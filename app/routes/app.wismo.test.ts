import { beforeAll, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { holdoutBucket } from "~/domain/wismo/holdout";
import { loadWismoSettings } from "~/services/wismo/settings.server";
import { TEST_APP } from "~/testing/shopify-requests";
import { adminRequest, installTestShop } from "./__fixtures__/admin-requests";

const KEY = Buffer.alloc(32, 9).toString("base64");
process.env.CREDENTIALS_KEY = KEY;
const { action, loader } = await import("./app.wismo");

const shop = TEST_APP.shop;
const post = (form: Record<string, string>) => action({ request: adminRequest("/app/wismo", { form }), params: {}, context: {} });

describe("WISMO page", () => {
  beforeAll(async () => {
    const { db } = database();
    await installTestShop(db);
    await db.shop.create({ data: { domain: "other-shop.myshopify.com" } });
    const day = (offset: number) => new Date(Date.now() - offset * 86_400_000);
    for (let i = 0; i < 8; i++) {
      await db.shipment.create({
        data: {
          shopDomain: shop,
          orderId: `gid://shopify/Order/${i}`,
          orderName: `#${1000 + i}`,
          fulfillmentId: `gid://shopify/Fulfillment/${i}`,
          trackingNumber: `TN${i}`,
          carrier: i < 4 ? "ups" : "dhl",
          originCountry: "US",
          destinationCountry: i < 6 ? "US" : "DE",
          status: "in_transit",
          late: i === 1,
          createdAt: day(2),
        },
      });
    }
    const inquiry = (orderId: string | null, reason: string, extra: Record<string, unknown> = {}) =>
      db.inquiry.create({ data: { shopDomain: shop, orderId, source: "tracking_page", reason, createdAt: day(1), ...extra } });
    await inquiry("gid://shopify/Order/1", "delayed", { parcelStatus: "in_transit", parcelLate: true, carrier: "ups", lane: "US>US", lookedAtTracking: true });
    await inquiry("gid://shopify/Order/6", "where_is_my_order", { parcelStatus: "in_transit", carrier: "dhl", lane: "US>DE", source: "zendesk" });
    await inquiry(null, "damaged", { source: "gorgias" });
    // Another shop's inquiry never shows.
    await db.inquiry.create({ data: { shopDomain: "other-shop.myshopify.com", source: "api", reason: "damaged" } });
  });

  it("shows inquiries per 100 orders, reasons, parcel state, carriers and lanes of the shop", async () => {
    const data = await loader({ request: adminRequest("/app/wismo?period=7"), params: {}, context: {} });
    const { report, recent } = data.dashboard;
    expect([report.orders, report.inquiries, report.per100]).toEqual([8, 3, 37.5]);
    expect(report.byReason).toEqual([{ key: "damaged", count: 1 }, { key: "delayed", count: 1 }, { key: "where_is_my_order", count: 1 }]);
    expect(report.bySituation).toEqual([{ key: "late", count: 1 }, { key: "on_time", count: 1 }, { key: "unknown", count: 1 }]);
    expect(report.byCarrier).toEqual([{ key: "dhl", count: 1 }, { key: "unknown", count: 1 }, { key: "ups", count: 1 }]);
    expect(report.byLane).toEqual([{ key: "unknown", count: 1 }, { key: "US>DE", count: 1 }, { key: "US>US", count: 1 }]);
    expect(report.lookedFirst).toBeCloseTo(1 / 3, 10);
    expect(report.holdout).toEqual({ enabled: false, percent: 10, estimate: null });
    expect(report.timeSaved.measuredMinutes).toBeNull();
    expect(recent.map((row) => row.source).sort()).toEqual(["gorgias", "tracking_page", "zendesk"]);
    expect(data.credentialsAvailable).toBe(true);
  });

  it("turns the holdout on with a percentage, and says when there is not enough data", async () => {
    const bad = await post({ intent: "measurement", holdoutEnabled: "on", holdoutPercent: "80" });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { holdoutPercent: "At most 50 %" } });
    const saved = await post({ intent: "measurement", holdoutEnabled: "on", holdoutPercent: "20", keepMessages: "on" });
    expect(saved.ok).toBe(true);
    const settings = await loadWismoSettings(database().db, shop);
    expect([settings.holdoutEnabled, settings.holdoutPercent, settings.keepMessages, settings.holdoutStartedAt !== null]).toEqual([true, 20, true, true]);
    expect(holdoutBucket("gid://shopify/Order/1", settings.holdoutKey)).toBeGreaterThanOrEqual(0);
    const data = await loader({ request: adminRequest("/app/wismo"), params: {}, context: {} });
    // Orders shipped before the holdout started are not in the experiment.
    expect(data.dashboard.report.holdout.estimate).toMatchObject({ kind: "insufficient", reason: "0 treated orders so far; 50 needed in each group" });
  });

  it("shows kept messages in the worklist; generates a helpdesk secret once and stores it sealed", async () => {
    // With messages kept (previous test), the worklist shows a shopper's message, opened for the merchant.
    const { recordInquiry } = await import("~/services/wismo/capture.server");
    await recordInquiry(database().db, { shopDomain: shop, source: "tracking_page", reason: "damaged", orderId: "gid://shopify/Order/3", shipmentId: null, externalId: null, message: "Lid cracked", at: new Date(), credentialsKey: KEY });
    const page = await loader({ request: adminRequest("/app/wismo"), params: {}, context: {} });
    expect(page.dashboard.recent[0]).toMatchObject({ reason: "damaged", messageKept: true, message: "Lid cracked" });
    expect(page.dashboard.recent.filter((row) => row.message !== null)).toHaveLength(1);

    const result = await post({ intent: "helpdesk-secret", kind: "gorgias", secret: "" });
    expect(result.ok).toBe(true);
    expect(result.secret).toMatch(/^[0-9a-f]{64}$/);
    const stored = await database().db.wismoSettings.findUniqueOrThrow({ where: { shopDomain: shop } });
    expect(stored.gorgiasSecretSealed).toMatch(/^v1\./);
    expect(stored.gorgiasSecretSealed).not.toContain(result.secret);
    const pasted = await post({ intent: "helpdesk-secret", kind: "zendesk", secret: "zendesk-signing-secret-abc" });
    expect(pasted).toEqual({ intent: "helpdesk-secret", ok: true, message: "Zendesk secret saved", fieldErrors: {} });
    expect(await post({ intent: "helpdesk-secret", kind: "zendesk", secret: "" })).toMatchObject({ ok: false, fieldErrors: { secret: "Required" } });
  });
});
