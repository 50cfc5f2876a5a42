import crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { listNotifications, recordMoments } from "~/data/notifications.server";
import { startFakeKlaviyo, type FakeKlaviyo } from "~/testing/fake-klaviyo";
import { captureShopperContact } from "./contacts.server";
import { runNotificationDispatcher } from "./dispatcher.server";
import { createKlaviyoChannel, KLAVIYO_REVISION, sealKlaviyoKey } from "./klaviyo-channel.server";

const SHOP = "klaviyo-shop.myshopify.com";
const KEY = crypto.randomBytes(32).toString("base64");
const PRIVATE_KEY = "pk_test_0123456789abcdef";
const MINUTE = 60_000;

describe("Klaviyo events", () => {
  let klaviyo: FakeKlaviyo;
  let clock = Date.now();
  const now = () => new Date(clock);
  const dispatch = () => {
    const { db, provider } = database();
    return runNotificationDispatcher({ db, provider, now, channels: { klaviyo: createKlaviyoChannel({ key: KEY, baseUrl: klaviyo.url }) } });
  };

  beforeAll(async () => {
    klaviyo = await startFakeKlaviyo(PRIVATE_KEY);
  });
  afterAll(() => klaviyo.close());

  beforeEach(async () => {
    clock = Date.now();
    const { db } = database();
    await db.notification.deleteMany({});
    await db.shipmentMoment.deleteMany({});
    await db.shipment.deleteMany({});
    await db.shop.deleteMany({});
    klaviyo.events.length = 0;
    await db.shop.create({
      data: { domain: SHOP, notificationSettingsJson: JSON.stringify({ klaviyo: { enabled: true } }), klaviyoKeySealed: sealKlaviyoKey(KEY, SHOP, PRIVATE_KEY) },
    });
    const shipment = await db.shipment.create({
      data: { shopDomain: SHOP, orderId: "gid://shopify/Order/77", orderName: "#1077", fulfillmentId: "gid://shopify/Fulfillment/77", trackingNumber: "1Z999AA10123456784", carrier: "ups", status: "delivered" },
    });
    await captureShopperContact(db, SHOP, shipment.orderId, { email: "ivy@example.com", phone: null, firstName: "Ivy", locale: "en" }, KEY, now());
    await recordMoments(
      db,
      [{ shopDomain: SHOP, subjectKey: shipment.id, shipmentId: shipment.id, orderId: shipment.orderId, moment: "delivered", occurredAt: new Date(clock - MINUTE), status: "delivered", reason: null, estimateAt: null, channels: ["klaviyo"] }],
      () => now(),
      now(),
    );
  });

  it("posts one event per moment on the shopper's profile, with the current revision and the sealed private key", async () => {
    const shop = await database().db.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    expect(shop.klaviyoKeySealed).not.toContain(PRIVATE_KEY);
    expect(await dispatch()).toMatchObject({ sent: 1 });
    expect(klaviyo.events).toEqual([
      {
        metric: "Trackline Delivered",
        email: "ivy@example.com",
        revision: KLAVIYO_REVISION,
        uniqueId: expect.any(String),
        properties: expect.objectContaining({ moment: "delivered", order_name: "#1077", tracking_number: "1Z999AA10123456784", carrier: "ups", status: "delivered" }),
      },
    ]);
  });

  it("waits out a 429 for its Retry-After, then sends once", async () => {
    klaviyo.fail(429);
    expect(await dispatch()).toMatchObject({ retried: 1 });
    const [row] = await listNotifications(database().db, { shopDomain: SHOP });
    expect(row?.lastError).toMatch(/^Klaviyo 429/);
    // Backoff: at least a minute (longer than Retry-After: 3 s).
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(clock + MINUTE);
    clock += 2 * MINUTE;
    expect(await dispatch()).toMatchObject({ sent: 1 });
    expect(klaviyo.events).toHaveLength(1);
  });
});
