import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { database } from "~/data/client.server";
import { parseNotificationSettings } from "~/services/notifications/settings";
import { startTestSmtpServer, type TestSmtpServer } from "~/testing/smtp-server";
import { adminRequest, installTestShop } from "./__fixtures__/admin-requests";
import { action, loader } from "./app.notifications";
import { createElement } from "react";
import { FlowTriggerUseTable } from "~/components/NotificationsPage";
import { recordFlowTriggerUse } from "~/data/flow-trigger-uses.server";
import { renderAdminPage } from "~/testing/render-admin-page";
import { TEST_APP } from "~/testing/shopify-requests";

// SMTP settings are sealed: the key must be in the environment before the app first reads it.
vi.hoisted(() => {
  process.env.CREDENTIALS_KEY = Buffer.from("notification-settings-test-key!!").toString("base64");
});

const post = (form: Record<string, string>) => action({ request: adminRequest("/app/notifications", { form }), params: {}, context: {} });
const load = (path = "/app/notifications") => loader({ request: adminRequest(path), params: {}, context: {} });

describe("Settings → Notifications", () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    await installTestShop(database().db);
    smtp = await startTestSmtpServer({ users: { mailer: "secret" } });
  });
  afterAll(() => smtp.close());

  it("shows Trackline sending only what Shopify does not, by default, and previews each email in each locale", async () => {
    const { settings, preview } = await load("/app/notifications?preview=customs_hold&previewLocale=zh-CN");
    const who = Object.fromEntries(settings.moments.map((entry) => [entry.moment, entry.email]));
    expect(who).toMatchObject({ out_for_delivery: "shopify", delivered: "shopify", shipped: "shopify", exception: "trackline", customs_hold: "trackline", in_transit: "off" });
    expect(preview.subject).toBe("您的订单 #1001 正在清关");
    expect(preview.html).toContain('lang="zh-CN"');
    expect((await load("/app/notifications?preview=delivered&previewLocale=ko")).preview.subject).toBe("주문 #1001 이(가) 배달 완료되었습니다");
  });

  it("saves who sends each moment, sender and timing, and rejects bad values", async () => {
    const base = {
      intent: "settings",
      emailEnabled: "on",
      "sender.delivered": "trackline",
      "sender.exception": "off",
      senderName: "Maple",
      senderAddress: "orders@maple.example",
      replyTo: "",
      quietStartHour: "22",
      quietEndHour: "7",
      coalesceMinutes: "10",
      contactRetentionDays: "30",
      digestRecipients: "ops@maple.example, boss@maple.example",
      digestFrequency: "daily",
    };
    expect(await post({ ...base, senderAddress: "not-an-address" })).toMatchObject({ ok: false, fieldErrors: { "email.senderAddress": expect.any(String) } });
    expect(await post(base)).toEqual({ intent: "settings", ok: true, message: "Notification settings saved", fieldErrors: {} });
    const shop = await database().db.shop.findUniqueOrThrow({ where: { domain: TEST_APP.shop } });
    const saved = parseNotificationSettings(shop.notificationSettingsJson);
    expect(saved.email.senders).toMatchObject({ delivered: "trackline", exception: "off", customs_hold: "trackline" });
    expect(saved).toMatchObject({ quietHours: { startHour: 22, endHour: 7 }, coalesceMinutes: 10, contactRetentionDays: 30, flow: { enabled: false } });
    expect(saved.digest.recipients).toEqual(["ops@maple.example", "boss@maple.example"]);
    // Inquiry alerts are on by default; a form without the box keeps them, the page's box decides.
    expect(saved.digest.inquiries).toBe(true);
    expect((await load()).settings.digestInquiries).toBe(true);
    await post({ ...base, digestInquiriesShown: "1" });
    expect((await load()).settings.digestInquiries).toBe(false);
    await post(base);
    expect((await load()).settings.digestInquiries).toBe(false);
    await post({ ...base, digestInquiriesShown: "1", digestInquiries: "on" });
    expect((await load()).settings.digestInquiries).toBe(true);
  });

  it("stores SMTP settings sealed, sends a test, and says clearly when the login is wrong", async () => {
    const smtpForm = { intent: "smtp", host: "127.0.0.1", port: String(smtp.port), security: "none", user: "mailer", password: "wrong" };
    expect(await post(smtpForm)).toMatchObject({ ok: true });
    const shop = await database().db.shop.findUniqueOrThrow({ where: { domain: TEST_APP.shop } });
    expect(shop.smtpSealed).toMatch(/^v1\./);
    expect(shop.smtpSealed).not.toContain("wrong");
    const refused = await post({ intent: "test", testAddress: "me@maple.example" });
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/^The test email was not sent: SMTP login refused — check the user name and password/);

    await post({ ...smtpForm, password: "secret" });
    // A blank password keeps the stored one.
    await post({ ...smtpForm, password: "" });
    expect((await load()).settings.smtp).toEqual({ host: "127.0.0.1", port: smtp.port, security: "none", user: "mailer", hasPassword: true });
    expect(await post({ intent: "test", testAddress: "me@maple.example" })).toMatchObject({ ok: true, message: "Test email sent to me@maple.example" });
    expect(smtp.messages.map((mail) => mail.subject)).toEqual(["[Test] Your order #1001 is out for delivery"]);
    expect(smtp.messages[0]?.from?.text).toBe('"Maple" <orders@maple.example>');
  });

  it("stores the Klaviyo private key sealed, and refuses what is not one", async () => {
    expect(await post({ intent: "klaviyo", klaviyoKey: "hello" })).toMatchObject({ ok: false, fieldErrors: { klaviyoKey: "Private keys start with pk_" } });
    expect(await post({ intent: "klaviyo", klaviyoKey: "pk_live_abcdef123456" })).toMatchObject({ ok: true, message: "Klaviyo key saved (encrypted)" });
    const shop = await database().db.shop.findUniqueOrThrow({ where: { domain: TEST_APP.shop } });
    expect(shop.klaviyoKeySealed).toMatch(/^v1\./);
    expect(shop.klaviyoKeySealed).not.toContain("pk_live");
    expect((await load()).settings.hasKlaviyoKey).toBe(true);
  });
  it("stores the Twilio account sealed (a blank token keeps the stored one), and saves SMS moments and the daily cap", async () => {
    const accountSid = `AC${"3c".repeat(16)}`;
    const authToken = "9".repeat(32);
    expect(await post({ intent: "twilio", accountSid: "nope", authToken, smsSender: "+15005550006" })).toMatchObject({ ok: false, fieldErrors: { accountSid: expect.any(String) } });
    expect(await post({ intent: "twilio", accountSid, authToken, smsSender: "+15005550006" })).toMatchObject({ ok: true, message: "Twilio account saved (encrypted)" });
    expect(await post({ intent: "twilio", accountSid, authToken: "", smsSender: "MapleGoods" })).toMatchObject({ ok: true });
    const shop = await database().db.shop.findUniqueOrThrow({ where: { domain: TEST_APP.shop } });
    expect(shop.twilioSealed).toMatch(/^v1\./);
    expect(shop.twilioSealed).not.toContain(authToken);
    expect(shop.twilioSealed).not.toContain(accountSid);
    expect((await load()).settings.twilio).toEqual({ accountSid, sender: "MapleGoods", hasAuthToken: true });

    const form = {
      intent: "settings",
      emailEnabled: "on",
      senderName: "",
      senderAddress: "",
      replyTo: "",
      quietStartHour: "21",
      quietEndHour: "8",
      coalesceMinutes: "5",
      contactRetentionDays: "60",
      digestRecipients: "",
      digestFrequency: "off",
      smsEnabled: "on",
      smsMomentsShown: "1",
      "sms.out_for_delivery": "on",
      "sms.delivered": "on",
      smsDailySegmentCap: "120",
    };
    expect(await post({ ...form, smsDailySegmentCap: "-1" })).toMatchObject({ ok: false, fieldErrors: { "sms.dailySegmentCap": expect.any(String) } });
    expect(await post(form)).toMatchObject({ ok: true });
    const { settings, preview } = await load("/app/notifications?preview=out_for_delivery&previewLocale=ja");
    expect(settings).toMatchObject({ smsEnabled: true, smsDailySegmentCap: 120 });
    expect(settings.moments.filter((entry) => entry.sms).map((entry) => entry.moment)).toEqual(["out_for_delivery", "delivered"]);
    // The SMS preview says what a real text costs: Japanese needs UCS-2.
    expect(preview.sms).toMatchObject({ encoding: "UCS-2", segments: expect.any(Number) });
    expect(preview.sms.text).toContain("/apps/track?t=v1.");

    expect(await post({ intent: "twilio", accountSid: "", authToken: "", smsSender: "" })).toMatchObject({ ok: true, message: "Twilio account removed" });
    expect((await load()).settings.twilio).toBeNull();
  });

  it("shows which Flow triggers an enabled workflow uses, as Flow's lifecycle callback reported", async () => {
    const { db } = database();
    await db.flowTriggerUse.deleteMany({});
    await recordFlowTriggerUse(db, { shopDomain: TEST_APP.shop, triggerHandle: "trackline-shipment-delivered", hasEnabledFlow: true, reportedAt: new Date("2026-12-06T10:00:00Z") });
    await recordFlowTriggerUse(db, { shopDomain: TEST_APP.shop, triggerHandle: "trackline-shipment-stalled", hasEnabledFlow: false, reportedAt: new Date("2026-12-06T11:30:00Z") });
    await recordFlowTriggerUse(db, { shopDomain: "other-shop.myshopify.com", triggerHandle: "trackline-status-changed", hasEnabledFlow: false, reportedAt: new Date("2026-12-06T11:30:00Z") });
    const data = await load();
    expect(data.flowTriggers).toEqual([
      { handle: "trackline-status-changed", moment: null, inUse: null, reportedAt: null },
      { handle: "trackline-shipment-exception", moment: "exception", inUse: null, reportedAt: null },
      { handle: "trackline-shipment-stalled", moment: "stalled", inUse: false, reportedAt: "2026-12-06T11:30:00.000Z" },
      { handle: "trackline-shipment-delayed", moment: "delayed", inUse: null, reportedAt: null },
      { handle: "trackline-out-for-delivery", moment: "out_for_delivery", inUse: null, reportedAt: null },
      { handle: "trackline-shipment-delivered", moment: "delivered", inUse: true, reportedAt: "2026-12-06T10:00:00.000Z" },
      { handle: "trackline-all-delivered", moment: "all_delivered", inUse: null, reportedAt: null },
      { handle: "trackline-estimate-changed", moment: "estimate_changed", inUse: null, reportedAt: null },
      { handle: "trackline-return-delivered", moment: "returned", inUse: null, reportedAt: null },
    ]);
    const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    const en = text(renderAdminPage(createElement(FlowTriggerUseTable, { flowTriggers: data.flowTriggers })));
    expect(en).toContain("Flow workflows using these triggers");
    expect(en).toContain("Delivered trackline-shipment-delivered An enabled workflow uses it Dec 6, 2026, 10:00 AM UTC");
    expect(en).toContain("Stalled trackline-shipment-stalled No enabled workflow (not fired) Dec 6, 2026, 11:30 AM UTC");
    expect(en).toContain("Shipment status changed (every other moment) trackline-status-changed Not reported by Flow yet (fired)");
    const ko = text(renderAdminPage(createElement(FlowTriggerUseTable, { flowTriggers: data.flowTriggers }), "ko"));
    expect(ko).toContain("trackline-shipment-delivered 활성화된 워크플로가 사용 중");
    expect(ko).toContain("trackline-shipment-stalled 활성화된 워크플로 없음(실행 안 함)");
  });
});
