import { describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { listNotifications } from "~/data/notifications.server";
import { recordInquiry, type InquiryInput } from "~/services/wismo/capture.server";
import { useSmtpShop } from "~/testing/smtp-shop";
import { runNotificationDispatcher } from "./dispatcher.server";
import { createMerchantChannel } from "./merchant-alerts.server";

const SHOP = "inquiry-alerts-shop.myshopify.com";
const AT = new Date("2026-12-06T08:30:00Z");
const ORDER = "gid://shopify/Order/1001";

/**
 * Each new customer inquiry emails the merchant's team once, through the outbox and the
 * dispatcher to a real SMTP server: reason, source, the parcel at the time and a link, never the
 * shopper's message.
 */
describe("inquiry alerts", () => {
  const smtp = useSmtpShop(SHOP);
  const { key: KEY, appUrl: APP_URL } = smtp;
  const dispatch = () => {
    const { db, provider } = database();
    return runNotificationDispatcher({ db, provider, channels: { merchant: createMerchantChannel({ db, key: KEY, appUrl: APP_URL }) }, owner: "worker", now: () => AT });
  };

  async function shop(digest: object, locales = "en") {
    const { db } = database();
    await smtp.saveShop({ locales, notificationSettings: { digest } });
    await db.shipment.create({
      data: {
        shopDomain: SHOP,
        orderId: ORDER,
        orderName: "#1001",
        fulfillmentId: "gid://shopify/Fulfillment/9001",
        trackingNumber: "1Z999AA10123456784",
        carrier: "ups",
        status: "in_transit",
      },
    });
  }

  const ticket = (externalId: string | null, overrides: Partial<InquiryInput> = {}): InquiryInput => ({
    shopDomain: SHOP,
    source: "zendesk",
    reason: "delayed",
    orderId: ORDER,
    shipmentId: null,
    externalId,
    message: "Hi, I am Jane Doe (jane@example.com), where is my parcel?",
    at: AT,
    credentialsKey: KEY,
    ...overrides,
  });

  it("emails the team once per new inquiry, with reason, source, parcel and link but not the shopper's message", async () => {
    await shop({ recipients: ["ops@maple.example", "lead@maple.example"], frequency: "daily" });
    const { db } = database();
    const first = await recordInquiry(db, ticket("ticket-1"));
    expect(first.created).toBe(true);
    // The helpdesk redelivers the same ticket: stored once, alerted once.
    expect(await recordInquiry(db, ticket("ticket-1"))).toEqual({ id: first.id, created: false });

    expect(await dispatch()).toMatchObject({ claimed: 1, sent: 1, failed: 0 });
    expect(await dispatch()).toMatchObject({ claimed: 0, sent: 0 });
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0];
    expect(mail?.subject).toBe("Customer asked about order #1001: Delayed");
    expect(mail?.to && !Array.isArray(mail.to) ? mail.to.text : null).toBe("ops@maple.example, lead@maple.example");
    expect(mail?.text?.trim().split("\n")).toEqual([
      "Reason: Delayed",
      "Came from: Zendesk",
      "Parcel at the time: In transit (UPS)",
      `All inquiries and their reasons — Open in Trackline: ${APP_URL}/app/wismo`,
      "",
      "You get this email because your address is listed under Settings → Notifications → Alerts for you.",
    ]);
    expect(mail?.html).toContain(`<a href="${APP_URL}/app/wismo">Open in Trackline</a>`);
    for (const part of [mail?.text ?? "", mail?.html ?? ""]) {
      expect(part).not.toContain("Jane");
      expect(part).not.toContain("jane@example.com");
      expect(part).not.toContain("where is my parcel");
    }
    expect((await listNotifications(db, { shopDomain: SHOP, channels: ["merchant"] })).map((row) => [row.moment, row.state, row.orderId])).toEqual([
      ["merchant_inquiry", "sent", `inquiry:${first.id}`],
    ]);
  });

  it("writes the alert in the shop's language and names where an unmatched inquiry came from", async () => {
    await shop({ recipients: ["ops@maple.example"], frequency: "immediate" }, "de,en");
    const { db } = database();
    await recordInquiry(db, ticket(null, { source: "tracking_page", reason: "damaged", orderId: null, message: null }));
    expect(await dispatch()).toMatchObject({ sent: 1 });
    expect(smtp.messages.map((mail) => mail.subject)).toEqual(["Kundenanfrage zu einer Bestellung: Beschädigt"]);
    expect(smtp.messages[0]?.text?.trim().split("\n").slice(0, 3)).toEqual([
      "Grund: Beschädigt",
      "Eingegangen über: Sendungsverfolgungsseite",
      "Sendung zu diesem Zeitpunkt: unbekannt",
    ]);
  });

  it("records nothing with inquiry alerts off, alerts off or no recipient", async () => {
    const { db } = database();
    for (const digest of [
      { recipients: ["ops@maple.example"], frequency: "daily", inquiries: false },
      { recipients: ["ops@maple.example"], frequency: "off" },
      { recipients: [], frequency: "immediate" },
    ]) {
      await db.shipment.deleteMany({});
      await db.shop.deleteMany({});
      await shop(digest);
      expect((await recordInquiry(db, ticket("ticket-2"))).created).toBe(true);
      expect(await db.shipmentMoment.count({ where: { shopDomain: SHOP } })).toBe(0);
      expect(await db.notification.count({ where: { shopDomain: SHOP } })).toBe(0);
    }
    expect(await dispatch()).toMatchObject({ claimed: 0, sent: 0 });
    expect(smtp.messages).toEqual([]);
  });
});
