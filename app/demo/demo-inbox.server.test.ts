import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { recordMoments } from "~/data/notifications.server";
import { notificationDuties } from "~/services/notifications/notification-worker.server";
import { demoInboxStore, prepareDemoNotifications, startDemoMailServer } from "./demo-inbox.server";
import { DEMO_SHOP } from "~/config/demo-mode.server";
import { DEMO_TWILIO, demoSmsStore, startDemoSmsServer } from "./demo-sms.server";

const KEY = crypto.randomBytes(32).toString("base64");

describe("demo inbox", () => {
  let mail: Awaited<ReturnType<typeof startDemoMailServer>>;
  beforeAll(async () => {
    mail = await startDemoMailServer();
  });
  afterAll(() => mail.close());

  it("receives the demo's shopper emails on a local SMTP server, in English, Simplified Chinese and Korean", async () => {
    const { db, provider } = database();
    await db.shop.create({ data: { domain: DEMO_SHOP, name: "Demo store" } });
    for (let index = 0; index < 3; index++) {
      await db.shipment.create({
        data: {
          shopDomain: DEMO_SHOP,
          orderId: `gid://shopify/Order/${index + 1}`,
          orderName: `#${1001 + index}`,
          fulfillmentId: `gid://shopify/Fulfillment/${index + 1}`,
          trackingNumber: `DEMO${index}`,
          carrier: "ups",
          status: "out_for_delivery",
        },
      });
    }
    expect(await prepareDemoNotifications(db, { key: KEY, port: mail.port, now: new Date() })).toBe(3);
    const shipments = await db.shipment.findMany({ where: { shopDomain: DEMO_SHOP }, orderBy: { orderName: "asc" } });
    const now = new Date();
    await recordMoments(
      db,
      shipments.map((shipment) => ({
        shopDomain: DEMO_SHOP,
        subjectKey: shipment.id,
        shipmentId: shipment.id,
        orderId: shipment.orderId,
        moment: "out_for_delivery",
        occurredAt: now,
        status: "out_for_delivery",
        reason: null,
        estimateAt: null,
        channels: ["email"],
      })),
      () => now,
      now,
    );
    const duties = notificationDuties({ db, provider, owner: "demo", key: KEY, appUrl: "http://127.0.0.1:3000", linkKey: crypto.randomBytes(32) });
    expect(await duties.dispatch()).toMatchObject({ sent: 3 });
    duties.close();
    const mails = demoInboxStore().mails;
    expect(mails.map((entry) => [entry.locale, entry.subject]).sort()).toEqual([
      ["en", "Your order #1001 is out for delivery"],
      ["ko", "주문 #1003 이(가) 배달 중입니다"],
      ["zh-CN", "您的订单 #1002 正在派送"],
    ]);
    expect(mails.every((entry) => entry.to.endsWith("@demo-shoppers.example") && entry.html.includes("<html"))).toBe(true);
    expect(mails[0]?.listUnsubscribe).toMatch(/^<http:\/\/127\.0\.0\.1:3000\/notifications\/unsubscribe\?t=/);
  });
  it("sends the demo's texts to its local Twilio, which lists them", async () => {
    const sms = await startDemoSmsServer();
    try {
      const { db, provider } = database();
      const shipments = await db.shipment.findMany({ where: { shopDomain: DEMO_SHOP }, orderBy: { orderName: "asc" } });
      const now = new Date();
      await recordMoments(
        db,
        shipments.map((shipment) => ({
          shopDomain: DEMO_SHOP,
          subjectKey: shipment.id,
          shipmentId: shipment.id,
          orderId: shipment.orderId,
          moment: "delivered",
          occurredAt: now,
          status: "delivered",
          reason: null,
          estimateAt: null,
          channels: ["sms"],
        })),
        () => now,
        now,
      );
      const duties = notificationDuties({ db, provider, owner: "demo", key: KEY, appUrl: "http://127.0.0.1:3000", linkKey: crypto.randomBytes(32), twilioBaseUrl: sms.url });
      expect(await duties.dispatch()).toMatchObject({ sent: 3, failed: 0 });
      duties.close();
      const texts = demoSmsStore().texts;
      expect(texts).toHaveLength(3);
      expect(texts.every((text) => /^\+4477009000\d\d$/.test(text.to) && text.from === DEMO_TWILIO.sender && text.body.includes("/apps/track?t="))).toBe(true);
      expect(texts.map((text) => text.body.split(": ")[0])).toEqual(["Demo store", "Demo store", "Demo store"]);
    } finally {
      await sms.close();
    }
  });
});
