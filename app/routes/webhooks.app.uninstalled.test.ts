import { beforeEach, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { signedWebhookRequest, TEST_APP } from "~/testing/shopify-requests";
import { action } from "./webhooks.app.uninstalled";

const args = (request: Request) => ({ request, params: {}, context: {} });

describe("app/uninstalled webhook", () => {
  beforeEach(async () => {
    const { db } = database();
    await db.shop.upsert({ where: { domain: TEST_APP.shop }, create: { domain: TEST_APP.shop }, update: { uninstalledAt: null } });
    await db.session.upsert({
      where: { id: `offline_${TEST_APP.shop}` },
      create: { id: `offline_${TEST_APP.shop}`, shop: TEST_APP.shop, state: "x", accessToken: "shpat_x" },
      update: {},
    });
    await db.shipment.deleteMany({});
    await db.shipment.create({
      data: {
        shopDomain: TEST_APP.shop,
        orderId: "gid://shopify/Order/1",
        orderName: "#1001",
        fulfillmentId: "gid://shopify/Fulfillment/1",
        trackingNumber: "1Z999AA10123456784",
        nextCheckAt: new Date(),
      },
    });
  });

  it("verifies the HMAC, deletes sessions and stops tracking", async () => {
    const response = await action(args(signedWebhookRequest({ topic: "app/uninstalled", body: { id: 1 } })));
    expect(response.status).toBe(200);
    const { db } = database();
    expect(await db.session.count({ where: { shop: TEST_APP.shop } })).toBe(0);
    expect((await db.shop.findUniqueOrThrow({ where: { domain: TEST_APP.shop } })).uninstalledAt).toBeInstanceOf(Date);
    const shipment = await db.shipment.findFirstOrThrow({ where: { shopDomain: TEST_APP.shop } });
    expect(shipment.nextCheckAt).toBeNull();
    expect(shipment.stopReason).toBe("shop_uninstalled");
  });

  it.each([
    ["a forged signature", { secret: "not-the-app-secret" }],
    ["a tampered body", { tamper: (raw: string) => raw.replace("1", "2") }],
  ])("rejects %s with 401 and changes nothing", async (_name, forged) => {
    const thrown = await action(args(signedWebhookRequest({ topic: "app/uninstalled", body: { id: 1 }, ...forged }))).catch(
      (error: unknown) => error,
    );
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(401);
    const { db } = database();
    expect(await db.session.count({ where: { shop: TEST_APP.shop } })).toBe(1);
  });
});
