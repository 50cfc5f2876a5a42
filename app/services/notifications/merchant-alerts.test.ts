import { describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { listNotifications, recordMoments } from "~/data/notifications.server";
import { useSmtpShop } from "~/testing/smtp-shop";
import { runNotificationDispatcher } from "./dispatcher.server";
import { createMerchantChannel, localDayAndHour, scheduleMerchantDigests } from "./merchant-alerts.server";
import { dueAtPlanner, plannedShop } from "./moment-planner.server";
import { channelsFor, parseNotificationSettings } from "./settings";

const SHOP = "alerts-shop.myshopify.com";
const HOUR = 3_600_000;
// 09:30 in Paris (08:30 UTC): past the digest hour there.
const MORNING = new Date("2026-12-06T08:30:00Z");

/**
 * Merchant alerts end to end: the digest and immediate exception alerts go through the outbox and
 * the dispatcher to a real SMTP server (read back with mailparser), once, however many workers.
 */
describe("merchant alerts", () => {
  const smtp = useSmtpShop(SHOP);
  const { key: KEY, appUrl: APP_URL } = smtp;
  const channel = () => createMerchantChannel({ db: database().db, key: KEY, appUrl: APP_URL });
  const dispatch = (owner: string, now: Date) => {
    const { db, provider } = database();
    return runNotificationDispatcher({ db, provider, channels: { merchant: channel() }, owner, now: () => now });
  };

  async function shop(digest: object, locales = "en") {
    await smtp.saveShop({ locales, notificationSettings: { digest } });
  }

  async function parcel(index: number, data: { status?: string; late?: boolean; shownEstimateEnd?: Date } = {}) {
    return database().db.shipment.create({
      data: {
        shopDomain: SHOP,
        orderId: `gid://shopify/Order/${2000 + index}`,
        orderName: `#${2000 + index}`,
        fulfillmentId: `gid://shopify/Fulfillment/${7000 + index}`,
        trackingNumber: `1Z999AA1${String(index).padStart(10, "0")}`,
        carrier: "ups",
        status: data.status ?? "in_transit",
        late: data.late ?? false,
        shownEstimateEnd: data.shownEstimateEnd ?? null,
      },
    });
  }

  async function moment(shipment: { id: string; orderId: string; status: string }, name: string, at: Date, reason: string | null = null) {
    const { db } = database();
    const settings = plannedShop((await db.shop.findUnique({ where: { domain: SHOP } })) ?? undefined);
    const record = {
      shopDomain: SHOP,
      subjectKey: shipment.id,
      shipmentId: shipment.id,
      orderId: shipment.orderId,
      moment: name,
      occurredAt: at,
      status: shipment.status,
      reason,
      estimateAt: null,
      channels: channelsFor(name as "exception", settings.settings, settings.available),
    };
    await recordMoments(db, [record], dueAtPlanner(new Map([[SHOP, settings]]), new Map(), at), at);
  }

  it("emails one daily digest per shop and local day, with the last day's counts and links, even with two workers", async () => {
    await shop({ recipients: ["ops@maple.example", "lead@maple.example"], frequency: "daily" });
    const { db } = database();
    const broken = await parcel(1, { status: "exception" });
    const other = await parcel(2, { status: "exception" });
    const stuck = await parcel(3);
    const back = await parcel(4, { status: "returning" });
    await parcel(5, { late: true, shownEstimateEnd: new Date(MORNING.getTime() - 5 * HOUR) });
    await parcel(6, { late: true, shownEstimateEnd: new Date(MORNING.getTime() - 30 * HOUR) });
    await moment(broken, "exception", new Date(MORNING.getTime() - 2 * HOUR), "address_problem");
    await moment(other, "exception", new Date(MORNING.getTime() - 20 * HOUR));
    await moment(stuck, "stalled", new Date(MORNING.getTime() - 3 * HOUR));
    await moment(back, "returning", new Date(MORNING.getTime() - 26 * HOUR));
    // A shopper email that failed for good yesterday.
    const failed = await db.notification.create({
      data: { shopDomain: SHOP, momentId: (await db.shipmentMoment.findFirstOrThrow({ where: { shipmentId: stuck.id } })).id, orderId: stuck.orderId, shipmentId: stuck.id, channel: "email", moment: "stalled", nextAttemptAt: MORNING },
    });
    await db.notification.update({ where: { id: failed.id }, data: { state: "failed", updatedAt: new Date(MORNING.getTime() - HOUR) } });

    // Before the digest hour (07:30 in Paris) nothing is recorded.
    expect(await scheduleMerchantDigests(db, new Date(MORNING.getTime() - 2 * HOUR))).toBe(0);
    // Two workers at once: one digest.
    expect((await Promise.all([scheduleMerchantDigests(db, MORNING), scheduleMerchantDigests(db, MORNING)])).reduce((a, b) => a + b, 0)).toBe(1);
    expect(await scheduleMerchantDigests(db, new Date(MORNING.getTime() + 6 * HOUR))).toBe(0);
    const reports = await Promise.all([dispatch("worker-a", MORNING), dispatch("worker-b", MORNING)]);
    expect(reports.reduce((sum, report) => sum + report.sent, 0)).toBe(1);

    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0];
    expect(mail?.subject).toBe("Maple & Co: tracking digest for Dec 6, 2026");
    expect(mail?.to && !Array.isArray(mail.to) ? mail.to.text : null).toBe("ops@maple.example, lead@maple.example");
    expect(mail?.text?.trim().split("\n")).toEqual([
      "What needs your attention from the last 24 hours:",
      `New exceptions: 2 — Open in Trackline: ${APP_URL}/app/shipments?status=exception`,
      `Newly late parcels: 1 — Open in Trackline: ${APP_URL}/app/shipments?attention=late`,
      `Newly stalled parcels: 1 — Open in Trackline: ${APP_URL}/app/shipments?attention=stalled`,
      `New returns: 0 — Open in Trackline: ${APP_URL}/app/shipments?status=returning`,
      `Failed shopper messages: 1 — Open in Trackline: ${APP_URL}/app/notifications`,
      "",
      "You get this email because your address is listed under Settings → Notifications → Alerts for you.",
    ]);
    expect(mail?.html).toContain(`<a href="${APP_URL}/app/shipments?status=exception">Open in Trackline</a>`);
    expect((await listNotifications(db, { shopDomain: SHOP, channels: ["merchant"] })).map((row) => [row.moment, row.state, row.orderId])).toEqual([
      ["merchant_digest", "sent", "digest:2026-12-06"],
    ]);

    // The next local day gets its own digest.
    expect(await scheduleMerchantDigests(db, new Date(MORNING.getTime() + 24 * HOUR))).toBe(1);
  });

  it("writes the digest in the shop's language", async () => {
    await shop({ recipients: ["ops@maple.example"], frequency: "daily" }, "de,en");
    await scheduleMerchantDigests(database().db, MORNING);
    await dispatch("worker", MORNING);
    expect(smtp.messages.map((mail) => mail.subject)).toEqual(["Maple & Co: Sendungsübersicht vom 06.12.2026"]);
    expect(smtp.messages[0]?.text).toContain("Neue Zustellprobleme: 0");
  });

  it("alerts at once for each exception when the shop chose immediate alerts", async () => {
    await shop({ recipients: ["ops@maple.example"], frequency: "immediate" });
    const broken = await parcel(7, { status: "exception" });
    await moment(broken, "exception", MORNING, "Address incomplete");
    const report = await dispatch("worker", MORNING);
    expect(report).toMatchObject({ claimed: 1, sent: 1, failed: 0 });
    expect(smtp.messages.map((mail) => [mail.subject, mail.to && !Array.isArray(mail.to) ? mail.to.text : null])).toEqual([
      ["Maple & Co: delivery problem on order #2007", "ops@maple.example"],
    ]);
    expect(smtp.messages[0]?.text?.split("\n")[0]).toBe(
      `Parcel 1Z999AA10000000007 (UPS) of order #2007 has a delivery problem: Address incomplete — Open in Trackline: ${APP_URL}/app/shipments/${broken.id}`,
    );
  });

  it("sends nothing when alerts are off, and no immediate alert on the daily setting", async () => {
    await shop({ recipients: ["ops@maple.example"], frequency: "off" });
    const { db } = database();
    expect(await scheduleMerchantDigests(db, MORNING)).toBe(0);
    const settings = parseNotificationSettings(JSON.stringify({ digest: { recipients: ["ops@maple.example"], frequency: "daily" } }));
    expect(channelsFor("exception", settings, { smtp: true, twilio: false, klaviyo: false })).not.toContain("merchant");
    const immediate = parseNotificationSettings(JSON.stringify({ digest: { recipients: ["ops@maple.example"], frequency: "immediate" } }));
    expect(channelsFor("exception", immediate, { smtp: true, twilio: false, klaviyo: false })).toContain("merchant");
    expect(channelsFor("delivered", immediate, { smtp: true, twilio: false, klaviyo: false })).not.toContain("merchant");
    expect(channelsFor("exception", immediate, { smtp: false, twilio: false, klaviyo: false })).not.toContain("merchant");
    expect(parseNotificationSettings(null).digest.frequency).toBe("daily");
    expect(smtp.messages).toEqual([]);
  });

  it("takes the shop's local day and hour", () => {
    expect(localDayAndHour(new Date("2026-12-06T23:30:00Z"), "Asia/Tokyo")).toEqual({ day: "2026-12-07", hour: 8 });
    expect(localDayAndHour(new Date("2026-12-06T23:30:00Z"), "Not/AZone")).toEqual({ day: "2026-12-06", hour: 23 });
  });
});
