import crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { listNotifications, recordMoments, smsSegmentsUsed } from "~/data/notifications.server";
import { countSmsSegments } from "~/domain/sms/segments";
import type { ShipmentMoment } from "~/domain/shipment-moments";
import { freePort } from "~/testing/free-port";
import { startFakeTwilio, type FakeTwilio } from "~/testing/fake-twilio";
import { verifyShopperLinkToken } from "~/services/shopper-links/token.server";
import { captureShopperContact } from "./contacts.server";
import { runNotificationDispatcher } from "./dispatcher.server";
import { createSmsChannel, openTwilioSettings, sealTwilioSettings, segmentDay } from "./sms-channel.server";

const SHOP = "sms-shop.myshopify.com";
const KEY = crypto.randomBytes(32).toString("base64");
const LINK_KEY = crypto.randomBytes(32);
const ACCOUNT_SID = `AC${"a1".repeat(16)}`;
const AUTH_TOKEN = "f".repeat(32);
const SENDER = "+15005550006";
const MINUTE = 60_000;

describe("shopper SMS through Twilio's Messages API", () => {
  let twilio: FakeTwilio;
  let clock = Date.now();
  const now = () => new Date(clock);
  let orderCounter = 0;
  const dispatch = (extra: { owner?: string; limit?: number } = {}) => {
    const { db, provider } = database();
    return runNotificationDispatcher({ db, provider, now, channels: { sms: createSmsChannel({ db, key: KEY, linkKey: LINK_KEY, baseUrl: twilio.url, now }) }, ...extra });
  };

  async function shop(settings: Record<string, unknown>, credentials = { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, sender: SENDER }, timezone: string | null = null) {
    const { db } = database();
    await db.shop.create({
      data: {
        domain: SHOP,
        ...(timezone ? { timezone } : {}),
        name: "Maple Goods",
        locales: "en,fr",
        notificationSettingsJson: JSON.stringify({ sms: { enabled: true, moments: ["out_for_delivery", "exception"], ...settings } }),
        twilioSealed: sealTwilioSettings(KEY, SHOP, credentials),
      },
    });
  }

  async function order(options: { phone: string | null; country?: string; locale?: string; moments?: ShipmentMoment[] }) {
    const { db } = database();
    orderCounter += 1;
    const shipment = await db.shipment.create({
      data: {
        shopDomain: SHOP,
        orderId: `gid://shopify/Order/${orderCounter}`,
        orderName: `#${1000 + orderCounter}`,
        fulfillmentId: `gid://shopify/Fulfillment/${orderCounter}`,
        trackingNumber: `1Z999AA1012345678${orderCounter}`,
        carrier: "ups",
        status: "out_for_delivery",
        destinationCountry: options.country ?? "GB",
      },
    });
    await captureShopperContact(db, SHOP, shipment.orderId, { email: null, phone: options.phone, firstName: "Ivy", locale: options.locale ?? "en" }, KEY, now());
    await recordMoments(
      db,
      (options.moments ?? ["out_for_delivery"]).map((moment) => ({
        shopDomain: SHOP,
        subjectKey: shipment.id,
        shipmentId: shipment.id,
        orderId: shipment.orderId,
        moment,
        occurredAt: new Date(clock - MINUTE),
        status: "out_for_delivery",
        reason: null,
        estimateAt: null,
        channels: ["sms" as const],
      })),
      () => now(),
      now(),
    );
    return shipment;
  }

  beforeAll(async () => {
    twilio = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  });
  afterAll(() => twilio.close());

  beforeEach(async () => {
    clock = Date.now();
    const { db } = database();
    await db.notification.deleteMany({});
    await db.shipmentMoment.deleteMany({});
    await db.shopperContact.deleteMany({});
    await db.shipment.deleteMany({});
    await db.shop.deleteMany({});
    twilio.messages.length = 0;
  });

  it("texts the national shipping phone in E.164 form, in the shopper's language, with the signed tracking link", async () => {
    await shop({});
    const shipment = await order({ phone: "07700 900123", country: "GB", locale: "fr" });
    const stored = await database().db.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    expect(stored.twilioSealed).not.toContain(AUTH_TOKEN);
    expect(openTwilioSettings(KEY, SHOP, stored.twilioSealed!).authToken).toBe(AUTH_TOKEN);

    expect(await dispatch()).toMatchObject({ sent: 1, failed: 0 });
    expect(twilio.messages).toHaveLength(1);
    const [sms] = twilio.messages;
    expect(sms).toMatchObject({ to: "+447700900123", from: SENDER, messagingServiceSid: null });
    expect(sms!.body).toMatch(/^Maple Goods: .*#1001/);
    expect(sms!.body).toContain("livraison");
    const token = /\?t=([^&\s]+)&src=sms/.exec(sms!.body)?.[1];
    expect(verifyShopperLinkToken(decodeURIComponent(token ?? ""), LINK_KEY, now())).toMatchObject({ ok: true });

    const [row] = await listNotifications(database().db, { shopDomain: SHOP, channels: ["sms"] });
    expect(row).toMatchObject({ state: "sent", shipmentId: shipment.id });
    expect(row!.providerId).toBe(sms!.sid);
    const stored2 = await database().db.notification.findUniqueOrThrow({ where: { id: row!.id }, select: { segments: true } });
    expect(stored2.segments).toBe(countSmsSegments(sms!.body).segments);
  });

  it("uses a Messaging Service SID as MessagingServiceSid instead of From", async () => {
    const service = `MG${"0b".repeat(16)}`;
    await shop({}, { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, sender: service });
    await order({ phone: "+1 (613) 555-0123", country: "CA" });
    expect(await dispatch()).toMatchObject({ sent: 1 });
    expect(twilio.messages[0]).toMatchObject({ to: "+16135550123", from: null, messagingServiceSid: service });
  });

  it("sends nothing for moments the merchant did not enable for SMS", async () => {
    await shop({ moments: ["exception"] });
    await order({ phone: "+447700900123", moments: ["out_for_delivery"] });
    expect(await dispatch()).toMatchObject({ sent: 0, skipped: 1 });
    expect(twilio.messages).toHaveLength(0);
    const [row] = await listNotifications(database().db, { shopDomain: SHOP });
    expect(row?.lastError).toMatch(/turned off/);
  });

  it("skips and records a phone that cannot be written in E.164 form, without asking Twilio", async () => {
    await shop({});
    await order({ phone: "12", country: "GB" });
    const before = twilio.requests;
    expect(await dispatch()).toMatchObject({ skipped: 1 });
    expect(twilio.requests).toBe(before);
    const [row] = await listNotifications(database().db, { shopDomain: SHOP });
    expect(row).toMatchObject({ state: "skipped", lastError: expect.stringMatching(/E\.164/) });
  });

  it("skips and records Twilio's recipient errors: 21610 unsubscribed", async () => {
    await shop({});
    twilio.unsubscribe("+447700900124");
    await order({ phone: "+44 7700 900124" });
    expect(await dispatch()).toMatchObject({ skipped: 1 });
    const [row] = await listNotifications(database().db, { shopDomain: SHOP });
    expect(row).toMatchObject({ state: "skipped", lastError: expect.stringMatching(/unsubscribed.*21610/) });
  });

  it("stops at the shop's daily segment cap, counted by the shop's local day, and records why", async () => {
    // 23:30 in Auckland (UTC+13 in December): the shop's day ends in half an hour, UTC's in 13.5 hours.
    clock = Date.parse("2026-12-06T10:30:00Z");
    await shop({}, undefined, "Pacific/Auckland");
    await order({ phone: "+447700900125" });
    expect(await dispatch()).toMatchObject({ sent: 1 });
    const perText = countSmsSegments(twilio.messages[0]!.body).segments;
    expect(perText).toBeGreaterThanOrEqual(1);
    const { db } = database();
    expect(await smsSegmentsUsed(db, SHOP, "2026-12-06")).toBe(perText);
    // Room for exactly one more text today.
    await db.shop.update({
      where: { domain: SHOP },
      data: { notificationSettingsJson: JSON.stringify({ sms: { enabled: true, moments: ["out_for_delivery"], dailySegmentCap: 2 * perText } }) },
    });
    await order({ phone: "+447700900126" });
    await order({ phone: "+447700900127" });
    expect(await dispatch()).toMatchObject({ sent: 1, skipped: 1 });
    expect(twilio.messages).toHaveLength(2);
    const skipped = await listNotifications(db, { shopDomain: SHOP, states: ["skipped"] });
    expect(skipped[0]?.lastError).toBe(`daily SMS cap reached (${2 * perText} of ${2 * perText} segments used today, this text needs ${perText})`);
    // Midnight in Auckland (still 6 December in UTC) brings a new budget.
    clock = Date.parse("2026-12-06T11:01:00Z");
    await order({ phone: "+447700900131" });
    expect(await dispatch()).toMatchObject({ sent: 1 });
    expect(await smsSegmentsUsed(db, SHOP, "2026-12-07")).toBe(perText);
    expect(await smsSegmentsUsed(db, SHOP, "2026-12-06")).toBe(2 * perText);
  });

  it("never overshoots the cap with two dispatchers racing for the last segments, and gives back what Twilio refused", async () => {
    await shop({});
    await order({ phone: "+447700900140" });
    expect(await dispatch()).toMatchObject({ sent: 1 });
    const perText = countSmsSegments(twilio.messages[0]!.body).segments;
    const { db } = database();
    // Room for exactly three more texts today.
    await db.shop.update({
      where: { domain: SHOP },
      data: { notificationSettingsJson: JSON.stringify({ sms: { enabled: true, moments: ["out_for_delivery"], dailySegmentCap: 4 * perText } }) },
    });
    for (let index = 0; index < 8; index++) await order({ phone: `+4477009001${50 + index}` });
    // Two dispatchers at once, each sending its texts in parallel; then whatever neither took.
    const reports = await Promise.all([dispatch({ owner: "a", limit: 4 }), dispatch({ owner: "b", limit: 4 })]);
    reports.push(await dispatch({ owner: "c" }));
    expect(reports.reduce((sum, report) => sum + report.claimed, 0)).toBe(8);
    expect(reports.reduce((sum, report) => sum + report.sent, 0)).toBe(3);
    expect(reports.reduce((sum, report) => sum + report.skipped, 0)).toBe(5);
    expect(twilio.messages).toHaveLength(4);
    const day = segmentDay(now(), null);
    expect(await smsSegmentsUsed(db, SHOP, day)).toBe(4 * perText);
    const skipped = await listNotifications(db, { shopDomain: SHOP, states: ["skipped"] });
    expect(skipped.map((row) => row.lastError)).toEqual(Array.from({ length: 5 }, () => `daily SMS cap reached (${4 * perText} of ${4 * perText} segments used today, this text needs ${perText})`));

    // A text Twilio refuses (not sent) gives its segments back.
    await db.smsSegmentDay.update({ where: { shopDomain_day: { shopDomain: SHOP, day } }, data: { used: 3 * perText } });
    twilio.unsubscribe("+447700900170");
    await order({ phone: "+447700900170" });
    expect(await dispatch()).toMatchObject({ skipped: 1 });
    expect(await smsSegmentsUsed(db, SHOP, day)).toBe(3 * perText);
  });

  it("waits out a 429 (Retry-After) and a 5xx, then sends once", async () => {
    await shop({});
    await order({ phone: "+447700900128" });
    twilio.fail(429);
    expect(await dispatch()).toMatchObject({ retried: 1 });
    let [row] = await listNotifications(database().db, { shopDomain: SHOP });
    expect(row?.lastError).toMatch(/^Twilio 429 \(20429\)/);
    clock += 2 * MINUTE;
    twilio.fail(503);
    expect(await dispatch()).toMatchObject({ retried: 1 });
    [row] = await listNotifications(database().db, { shopDomain: SHOP });
    expect(row?.lastError).toMatch(/^Twilio 503/);
    clock += 10 * MINUTE;
    expect(await dispatch()).toMatchObject({ sent: 1 });
    expect(twilio.messages).toHaveLength(1);
  });

  it("fails with a clear error when Twilio refuses the credentials (20003)", async () => {
    await shop({}, { accountSid: ACCOUNT_SID, authToken: "0".repeat(32), sender: SENDER });
    await order({ phone: "+447700900129" });
    expect(await dispatch()).toMatchObject({ failed: 1 });
    const [row] = await listNotifications(database().db, { shopDomain: SHOP });
    expect(row).toMatchObject({ state: "failed", lastError: expect.stringMatching(/refused the account SID and auth token \(20003/) });
  });

  it("retries when Twilio cannot be reached", async () => {
    await shop({});
    await order({ phone: "+447700900130" });
    const { db, provider } = database();
    const closed = await freePort();
    const report = await runNotificationDispatcher({
      db,
      provider,
      now,
      channels: { sms: createSmsChannel({ db, key: KEY, linkKey: LINK_KEY, baseUrl: `http://127.0.0.1:${closed}`, now }) },
    });
    expect(report).toMatchObject({ retried: 1, possibleDuplicates: 0 });
  });
  it("fails (recorded) when the sealed Twilio settings cannot be opened with this key", async () => {
    const { db } = database();
    await shop({});
    await db.shop.update({
      where: { domain: SHOP },
      data: { twilioSealed: sealTwilioSettings(crypto.randomBytes(32).toString("base64"), SHOP, { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, sender: SENDER }) },
    });
    await order({ phone: "+447700900132" });
    expect(await dispatch()).toMatchObject({ failed: 1 });
    expect(twilio.messages).toHaveLength(0);
    const [row] = await listNotifications(db, { shopDomain: SHOP });
    expect(row?.lastError).toMatch(/sealed Twilio settings cannot be opened/);
  });
});
