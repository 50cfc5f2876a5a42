import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { isHeldOut } from "~/domain/wismo/holdout";
import { worklistItemAudit } from "~/data/worklist.server";
import { runNotificationDispatcher } from "~/services/notifications/dispatcher.server";
import { createEmailChannel } from "~/services/notifications/email-channel.server";
import { sealContact } from "~/services/notifications/contacts.server";
import { shipmentMessages } from "~/services/notifications/shipment-messages.server";
import { orderIsHeldOut } from "~/services/wismo/settings.server";
import { useSmtpShop } from "~/testing/smtp-shop";
import { emailShopperFromWorklist } from "./shopper-email.server";
import { refreshWorklist } from "./worklist.server";

const SHOP = "worklist-email-shop.myshopify.com";
const OTHER = "worklist-email-other.myshopify.com";
const LINK_KEY = crypto.randomBytes(32);
const NOW = new Date("2026-12-06T09:00:00Z");
const HOUR = 3_600_000;

/**
 * "Email the shopper" from the worklist: queued in the notification outbox, sent by the dispatcher
 * through the email channel to a real SMTP server in the shopper's language, audited, listed
 * with the parcel's messages; refused before anything is queued when it cannot be sent.
 */
describe("email the shopper from the worklist", () => {
  const smtp = useSmtpShop(SHOP);

  async function parcel(shopDomain: string, id: string, data: { status?: string; stalled?: boolean; contact?: { email: string | null; locale: string } } = {}) {
    const { db } = database();
    const orderId = `gid://shopify/Order/${id.replace(/\D/g, "")}`;
    await db.shipment.create({
      data: {
        id,
        shopDomain,
        orderId,
        orderName: `#${id.replace(/\D/g, "")}`,
        fulfillmentId: `gid://shopify/Fulfillment/${id}`,
        trackingNumber: "1Z999AA10123456784",
        carrier: "ups",
        status: data.status ?? "in_transit",
        stalled: data.stalled ?? true,
        lastEventAt: new Date(NOW.getTime() - 60 * HOUR),
      },
    });
    if (data.contact) {
      await db.shopperContact.create({
        data: { shopDomain, orderId, locale: data.contact.locale, sealed: sealContact(smtp.key, shopDomain, orderId, { email: data.contact.email, phone: null, firstName: "Jeanne" }) },
      });
    }
  }

  async function itemOf(shopDomain: string, shipmentId: string) {
    await refreshWorklist(database().db, shopDomain, NOW);
    return database().db.worklistItem.findFirstOrThrow({ where: { shopDomain, subjectId: shipmentId } });
  }

  const email = (itemId: string, template: string, options: { key: string | undefined } = { key: smtp.key }) =>
    emailShopperFromWorklist(database().db, { shopDomain: SHOP, itemId, template, actor: "Staff 42", now: NOW, key: options.key });

  const dispatch = () => {
    const { db, provider } = database();
    const channel = createEmailChannel({ db, key: smtp.key, appUrl: smtp.appUrl, linkKey: LINK_KEY, now: () => NOW });
    return runNotificationDispatcher({ db, provider, channels: { email: channel }, owner: "worker", now: () => NOW });
  };

  it("sends the template in the shopper's language through the outbox, audits it and lists it with the parcel's messages", async () => {
    await smtp.saveShop({ locales: "en" });
    await parcel(SHOP, "s1001", { contact: { email: "jeanne@example.fr", locale: "fr" } });
    const item = await itemOf(SHOP, "s1001");
    expect(item.kind).toBe("stalled");

    // A pickup reminder does not fit a stalled parcel.
    expect(await email(item.id, "pickup_reminder")).toEqual({ ok: false, reason: "wrong_template" });
    expect(await email(item.id, "delay_apology")).toEqual({ ok: true });
    const { db } = database();
    expect(await db.notification.count({ where: { shopDomain: SHOP } })).toBe(1);
    expect(smtp.messages).toEqual([]);

    expect(await dispatch()).toMatchObject({ claimed: 1, sent: 1, failed: 0, skipped: 0 });
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expect(mail.subject).toBe("Désolés pour l’attente de votre commande #1001");
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : null).toBe("jeanne@example.fr");
    expect(mail.headers.get("content-language")).toBe("fr");
    expect(mail.text?.split("\n").slice(0, 4)).toEqual([
      "Bonjour Jeanne,",
      "",
      "Désolés pour l’attente de votre commande #1001",
      "Votre colis met plus de temps que prévu. Nous suivons le dossier avec le transporteur et vous tiendrons informé. Merci de votre patience.",
    ]);
    expect(mail.html).toContain("<h1 style=\"margin:0 0 12px;font-size:22px;line-height:28px;color:#202223;\">Désolés pour l’attente de votre commande #1001</h1>");

    expect((await shipmentMessages(db, SHOP, "s1001")).map((row) => [row.channel, row.moment, row.state])).toEqual([["email", "support_delay_apology", "sent"]]);
    expect((await worklistItemAudit(db, SHOP, item.id)).map((entry) => [entry.actor, entry.action, entry.detailJson])).toEqual([
      ["trackline", "item_create", JSON.stringify({ kind: "stalled" })],
      ["Staff 42", "shopper_emailed", JSON.stringify({ template: "delay_apology" })],
    ]);
    expect((await db.worklistItem.findUniqueOrThrow({ where: { id: item.id } })).shopperEmailedAt).toEqual(NOW);

    // A second apology is a message of its own, never merged with the first.
    expect(await email(item.id, "delay_apology")).toEqual({ ok: true });
    expect(await dispatch()).toMatchObject({ claimed: 1, sent: 1 });
    expect(smtp.messages).toHaveLength(2);
  });

  it("refuses clearly, queueing nothing, without a stored contact, without an email channel, or for another shop's item", async () => {
    await smtp.saveShop({ locales: "en" });
    await parcel(SHOP, "s2001");
    await parcel(SHOP, "s2002", { contact: { email: null, locale: "en" } });
    await parcel(SHOP, "s2003", { contact: { email: "min@example.kr", locale: "ko" } });
    await db().shop.create({ data: { domain: OTHER } });
    await parcel(OTHER, "s2004", { contact: { email: "x@example.com", locale: "en" } });
    const foreign = await itemOf(OTHER, "s2004");

    expect(await email((await itemOf(SHOP, "s2001")).id, "delay_apology")).toEqual({ ok: false, reason: "no_contact" });
    expect(await email((await itemOf(SHOP, "s2002")).id, "delay_apology")).toEqual({ ok: false, reason: "no_contact" });
    const ready = (await itemOf(SHOP, "s2003")).id;
    // No encryption key: neither SMTP settings nor the contact can be opened.
    expect(await email(ready, "delay_apology", { key: undefined })).toEqual({ ok: false, reason: "no_email_channel" });
    expect(await email(foreign.id, "delay_apology")).toEqual({ ok: false, reason: "no_item" });
    await smtp.saveShop({ locales: "en", smtp: false });
    expect(await email(ready, "delay_apology")).toEqual({ ok: false, reason: "no_email_channel" });

    expect(await db().notification.count({})).toBe(0);
    expect(await db().auditEntry.count({ where: { action: "shopper_emailed" } })).toBe(0);
    expect(await dispatch()).toMatchObject({ claimed: 0 });
    expect(smtp.messages).toEqual([]);
  });

  it("still answers a shopper whose order is held out of proactive notices", async () => {
    await smtp.saveShop({ locales: "en" });
    await parcel(SHOP, "s3001", { contact: { email: "sam@example.com", locale: "en" } });
    const { db } = database();
    await db.wismoSettings.create({
      data: { shopDomain: SHOP, holdoutEnabled: true, holdoutPercent: 50, holdoutStartedAt: new Date(NOW.getTime() - 100 * HOUR), holdoutKey: heldOutKey("gid://shopify/Order/3001") },
    });
    // The order really is held out: proactive shopper notices are withheld from it.
    expect(await orderIsHeldOut(db, SHOP, "gid://shopify/Order/3001")).toBe(true);
    expect(await email((await itemOf(SHOP, "s3001")).id, "delay_apology")).toEqual({ ok: true });
    expect(await dispatch()).toMatchObject({ sent: 1, skipped: 0 });
    expect(smtp.messages.map((mail) => mail.subject)).toEqual(["Sorry for the wait on your order #3001"]);
  });
});

const db = () => database().db;

/** A holdout key under which the order is held out (keys tried in order, checked with the real assignment). */
function heldOutKey(orderId: string): string {
  for (let index = 0; ; index += 1) {
    const key = `key-${index}`;
    if (isHeldOut(orderId, { enabled: true, percent: 50, key })) return key;
  }
}
