import { beforeEach, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { customerDataExport, eraseCustomerData, eraseShopData } from "~/data/compliance.server";
import { findInquiryMessage, listInquiries } from "~/data/inquiries.server";
import { action as helpdesk } from "~/routes/webhooks.helpdesk.$kind.$shop";
import { hashCustomerEmail } from "~/data/identity.server";
import { recordInquiry } from "./capture.server";
import { loadWismoDashboard } from "./dashboard.server";
import { apiSignature, zendeskSignature } from "./helpdesk-tickets.server";
import { loadWismoSettings, openMessage, saveHelpdeskSecret, saveMeasurementSettings } from "./settings.server";

/**
 * Inquiry capture, the helpdesk endpoints (signatures accepted and refused) and the compliance
 * erasure of inquiries, run once on SQLite and once on Postgres. The test files set
 * CREDENTIALS_KEY before loading this module.
 */
export const SHOP = "wismo-shop.myshopify.com";
export const OTHER = "wismo-other.myshopify.com";
const ORDER = "gid://shopify/Order/7001";
const OTHER_ORDER = "gid://shopify/Order/7002";
const EMAIL = "Jane.Doe@example.com";
const AT = new Date("2026-11-20T12:00:00Z");

async function seed() {
  const { db } = database();
  await db.inquiry.deleteMany({});
  await db.wismoSettings.deleteMany({});
  await db.writeBack.deleteMany({});
  await db.lookupEvent.deleteMany({});
  await db.shipment.deleteMany({});
  await db.shop.deleteMany({});
  for (const domain of [SHOP, OTHER]) await db.shop.create({ data: { domain } });
  const base = { shopDomain: SHOP, orderCreatedAt: new Date("2026-11-10T00:00:00Z"), originCountry: "US", destinationCountry: "CA" };
  await db.shipment.create({
    data: { ...base, id: "w-delivered", orderId: ORDER, orderName: "#1001", fulfillmentId: "f1", trackingNumber: "T1", carrier: "ups", status: "delivered", customerEmailHash: hashCustomerEmail(EMAIL), createdAt: new Date("2026-11-11T00:00:00Z") },
  });
  await db.shipment.create({
    data: { ...base, id: "w-late", orderId: ORDER, orderName: "#1001", fulfillmentId: "f2", trackingNumber: "T2", carrier: "fedex", status: "in_transit", late: true, customerEmailHash: hashCustomerEmail(EMAIL), createdAt: new Date("2026-11-12T00:00:00Z") },
  });
  await db.shipment.create({
    data: { ...base, id: "w-other", orderId: OTHER_ORDER, orderName: "#1002", fulfillmentId: "f3", trackingNumber: "T3", carrier: "usps", status: "in_transit", stalled: true, createdAt: new Date("2026-11-13T00:00:00Z") },
  });
  await db.lookupEvent.create({ data: { shopDomain: SHOP, orderId: ORDER, shipmentId: "w-late", surface: "storefront", occurredAt: new Date("2026-11-19T00:00:00Z") } });
  await db.writeBack.create({
    data: { shopDomain: SHOP, shipmentId: "w-other", fulfillmentId: "f3", status: "in_transit", shopifyStatus: "IN_TRANSIT", happenedAt: new Date("2026-11-14T00:00:00Z"), state: "done", updatedAt: new Date("2026-11-14T00:05:00Z") },
  });
}

function post(kind: string, shop: string, body: string, headers: Record<string, string>) {
  const request = new Request(`https://trackline.test/webhooks/helpdesk/${kind}/${shop}`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
  return helpdesk({ request, params: { kind, shop }, context: {} });
}

export function wismoContract(expectedProvider: "sqlite" | "postgres", credentialsKey: string) {
  describe(`WISMO inquiries on ${expectedProvider}`, () => {
    beforeEach(async () => {
      expect(database().provider).toBe(expectedProvider);
      await seed();
    });

    it("records the parcel's state at the time, what the shopper saw before, and no message unless opted in", async () => {
      const { db } = database();
      const saved = await recordInquiry(db, { shopDomain: SHOP, source: "tracking_page", reason: "delayed", orderId: ORDER, shipmentId: null, externalId: null, message: "Where is it?", at: AT, credentialsKey });
      expect(saved.created).toBe(true);
      await recordInquiry(db, { shopDomain: SHOP, source: "order_status_extension", reason: "where_is_my_order", orderId: OTHER_ORDER, shipmentId: "w-other", externalId: null, message: null, at: AT, credentialsKey });
      const rows = await listInquiries(db, SHOP);
      const byOrder = rows.map(({ id: _id, createdAt, ...row }) => ({ ...row, createdAt: createdAt.toISOString() })).sort((a, b) => (a.orderId ?? "").localeCompare(b.orderId ?? ""));
      expect(byOrder).toEqual([
        { shopDomain: SHOP, orderId: OTHER_ORDER, shipmentId: "w-other", source: "order_status_extension", reason: "where_is_my_order", externalId: null, parcelStatus: "in_transit", parcelLate: false, parcelStalled: true, carrier: "usps", lane: "US>CA", lookedAtTracking: false, notifiedBefore: true, messageKept: false, createdAt: AT.toISOString() },
        { shopDomain: SHOP, orderId: ORDER, shipmentId: "w-late", source: "tracking_page", reason: "delayed", externalId: null, parcelStatus: "in_transit", parcelLate: true, parcelStalled: false, carrier: "fedex", lane: "US>CA", lookedAtTracking: true, notifiedBefore: false, messageKept: false, createdAt: AT.toISOString() },
      ].reverse());
      expect(await db.inquiry.count({ where: { messageSealed: { not: null } } })).toBe(0);
    });

    it("counts a shopper email Trackline sent before the inquiry as notified, and one still pending as not", async () => {
      const { db } = database();
      const moment = await db.shipmentMoment.create({
        data: { shopDomain: SHOP, subjectKey: "shipment:w-late", shipmentId: "w-late", orderId: ORDER, moment: "delayed", occurredAt: new Date("2026-11-18T00:00:00Z"), status: "in_transit" },
      });
      const notification = await db.notification.create({
        data: { shopDomain: SHOP, momentId: moment.id, orderId: ORDER, shipmentId: "w-late", channel: "email", moment: "delayed", state: "pending", nextAttemptAt: new Date("2026-11-18T00:00:00Z") },
      });
      const before = await recordInquiry(db, { shopDomain: SHOP, source: "api", reason: "delayed", orderId: ORDER, shipmentId: null, externalId: "n-1", message: null, at: AT, credentialsKey });
      await db.notification.update({ where: { id: notification.id }, data: { state: "sent", sentAt: new Date("2026-11-18T00:01:00Z") } });
      const after = await recordInquiry(db, { shopDomain: SHOP, source: "api", reason: "delayed", orderId: ORDER, shipmentId: null, externalId: "n-2", message: null, at: AT, credentialsKey });
      const rows = await db.inquiry.findMany({ where: { id: { in: [before.id, after.id] } }, select: { externalId: true, notifiedBefore: true }, orderBy: { externalId: "asc" } });
      expect(rows).toEqual([
        { externalId: "n-1", notifiedBefore: false },
        { externalId: "n-2", notifiedBefore: true },
      ]);
    });

    it("keeps the message sealed when the merchant opted in", async () => {
      const { db } = database();
      await saveMeasurementSettings(db, SHOP, { holdoutEnabled: false, holdoutPercent: 10, keepMessages: true }, { credentialsKey, now: AT });
      const saved = await recordInquiry(db, { shopDomain: SHOP, source: "tracking_page", reason: "damaged", orderId: ORDER, shipmentId: "w-delivered", externalId: null, message: "  The lid is cracked  ", at: AT, credentialsKey });
      const sealed = await findInquiryMessage(db, SHOP, saved.id);
      expect(sealed).toMatch(/^v1\./);
      expect(sealed).not.toContain("cracked");
      expect(openMessage(sealed ?? "", credentialsKey, SHOP)).toBe("The lid is cracked");
      expect(() => openMessage(sealed ?? "", credentialsKey, OTHER)).toThrow();
    });

    it("accepts a Zendesk webhook signed with the shop's secret and refuses a bad signature", async () => {
      const { db } = database();
      await saveHelpdeskSecret(db, SHOP, { kind: "zendesk", secret: "zendesk-signing-secret-123", credentialsKey });
      const body = JSON.stringify({ ticket: { id: 501, title: "Order #1001", description: "It says delivered but I never received it", tags: "vip", requester: { email: "jane.doe@EXAMPLE.com" } } });
      // Zendesk's signing time, ISO 8601 to the second, a moment ago.
      const timestamp = new Date(Date.now() - 2000).toISOString().replace(/\.\d{3}Z$/, "Z");
      const bad = await post("zendesk", SHOP, body, { "X-Zendesk-Webhook-Signature": zendeskSignature("wrong-secret-000000", timestamp, body), "X-Zendesk-Webhook-Signature-Timestamp": timestamp });
      expect(bad.status).toBe(401);
      const tampered = await post("zendesk", SHOP, body.replace("501", "502"), { "X-Zendesk-Webhook-Signature": zendeskSignature("zendesk-signing-secret-123", timestamp, body), "X-Zendesk-Webhook-Signature-Timestamp": timestamp });
      expect(tampered.status).toBe(401);
      expect(await db.inquiry.count()).toBe(0);
      const headers = { "X-Zendesk-Webhook-Signature": zendeskSignature("zendesk-signing-secret-123", timestamp, body), "X-Zendesk-Webhook-Signature-Timestamp": timestamp };
      const good = await post("zendesk", SHOP, body, headers);
      expect(good.status).toBe(200);
      expect(await good.json()).toEqual({ stored: true, duplicate: false, reason: "delivered_not_received", orderMatched: true });
      const again = await post("zendesk", SHOP, body, headers);
      expect(await again.json()).toEqual({ stored: false, duplicate: true, reason: "delivered_not_received", orderMatched: true });
      const rows = await db.inquiry.findMany({ select: { shopDomain: true, orderId: true, source: true, reason: true, externalId: true, shipmentId: true, messageSealed: true } });
      expect(rows).toEqual([{ shopDomain: SHOP, orderId: ORDER, source: "zendesk", reason: "delivered_not_received", externalId: "501", shipmentId: "w-late", messageSealed: null }]);
      // The same signature is worthless for another shop.
      expect((await post("zendesk", OTHER, body, headers)).status).toBe(401);
    });

    it("refuses a correctly signed Zendesk request made more than five minutes ago, or ahead of the clock beyond skew", async () => {
      const { db } = database();
      await saveHelpdeskSecret(db, SHOP, { kind: "zendesk", secret: "zendesk-signing-secret-123", credentialsKey });
      const body = JSON.stringify({ ticket: { id: 601, title: "Order #1001", description: "Where is my order?", tags: "", requester: { email: "jane.doe@example.com" } } });
      const signedAt = (offsetMs: number) => {
        const timestamp = new Date(Date.now() + offsetMs).toISOString().replace(/\.\d{3}Z$/, "Z");
        return { "X-Zendesk-Webhook-Signature": zendeskSignature("zendesk-signing-secret-123", timestamp, body), "X-Zendesk-Webhook-Signature-Timestamp": timestamp };
      };
      const replayed = await post("zendesk", SHOP, body, signedAt(-6 * 60_000));
      expect(replayed.status).toBe(401);
      expect(await replayed.json()).toEqual({ error: "stale signature" });
      const ahead = await post("zendesk", SHOP, body, signedAt(5 * 60_000));
      expect(ahead.status).toBe(401);
      expect(await ahead.json()).toEqual({ error: "stale signature" });
      // Unix seconds are read as well, and judged by the same window.
      const seconds = String(Math.floor((Date.now() - 10 * 60_000) / 1000));
      const oldSeconds = await post("zendesk", SHOP, body, { "X-Zendesk-Webhook-Signature": zendeskSignature("zendesk-signing-secret-123", seconds, body), "X-Zendesk-Webhook-Signature-Timestamp": seconds });
      expect(oldSeconds.status).toBe(401);
      expect(await db.inquiry.count()).toBe(0);
      // Inside the window (four minutes old, or a little ahead): accepted.
      expect((await post("zendesk", SHOP, body, signedAt(-4 * 60_000))).status).toBe(200);
      expect((await post("zendesk", SHOP, body.replace("601", "602"), signedAt(0))).status).toBe(401);
      const fresh = body.replace("601", "602");
      const aheadWithinSkew = new Date(Date.now() + 30_000).toISOString().replace(/\.\d{3}Z$/, "Z");
      const accepted = await post("zendesk", SHOP, fresh, { "X-Zendesk-Webhook-Signature": zendeskSignature("zendesk-signing-secret-123", aheadWithinSkew, fresh), "X-Zendesk-Webhook-Signature-Timestamp": aheadWithinSkew });
      expect(accepted.status).toBe(200);
      expect((await db.inquiry.findMany({ select: { externalId: true }, orderBy: { externalId: "asc" } })).map((row) => row.externalId)).toEqual(["601", "602"]);
    });

    it("accepts a Gorgias HTTP integration carrying the shop's secret header, mapping by email hash", async () => {
      const { db } = database();
      const secret = await saveHelpdeskSecret(db, SHOP, { kind: "gorgias", secret: "", credentialsKey });
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      const body = JSON.stringify({
        ticket: {
          id: 9001,
          subject: "Question",
          tags: [{ name: "urgent" }],
          customer: { email: EMAIL },
          messages: [
            { body_text: "¿Dónde está mi pedido?", from_agent: false },
            { body_text: "We are checking the damaged box policy", from_agent: true },
          ],
        },
      });
      expect((await post("gorgias", SHOP, body, { "X-Trackline-Secret": "nope" })).status).toBe(401);
      expect((await post("gorgias", SHOP, body, {})).status).toBe(401);
      const good = await post("gorgias", SHOP, body, { "X-Trackline-Secret": secret });
      expect(await good.json()).toEqual({ stored: true, duplicate: false, reason: "where_is_my_order", orderMatched: true });
      expect(await db.inquiry.findMany({ select: { orderId: true, source: true, reason: true, externalId: true } })).toEqual([
        { orderId: ORDER, source: "gorgias", reason: "where_is_my_order", externalId: "9001" },
      ]);
      const unrelated = await post("gorgias", SHOP, JSON.stringify({ id: 9002, subject: "Gift cards?", messages: [{ body_text: "Do you sell gift cards?" }] }), { "X-Trackline-Secret": secret });
      expect(await unrelated.json()).toEqual({ stored: false, duplicate: false, reason: "other", orderMatched: false });
      expect((await post("gorgias", SHOP, "{not json", { "X-Trackline-Secret": secret })).status).toBe(400);
      expect(await db.inquiry.count()).toBe(1);
    });

    it("accepts the generic endpoint's hex HMAC of the body and refuses others", async () => {
      const { db } = database();
      await saveHelpdeskSecret(db, SHOP, { kind: "api", secret: "generic-endpoint-secret-0001", credentialsKey });
      const body = JSON.stringify({ ticket_id: "A-1", order_number: "1002", message: "Mein Paket ist verspätet", tags: [] });
      expect((await post("api", SHOP, body, { "X-Trackline-Signature": apiSignature("generic-endpoint-secret-0002", body) })).status).toBe(401);
      expect((await post("api", SHOP, body, { "X-Trackline-Signature": "zz" })).status).toBe(401);
      const good = await post("api", SHOP, body, { "X-Trackline-Signature": `sha256=${apiSignature("generic-endpoint-secret-0001", body)}` });
      expect(await good.json()).toEqual({ stored: true, duplicate: false, reason: "delayed", orderMatched: true });
      expect(await db.inquiry.findMany({ select: { orderId: true, source: true, reason: true, parcelStatus: true, parcelStalled: true, notifiedBefore: true } })).toEqual([
        { orderId: OTHER_ORDER, source: "api", reason: "delayed", parcelStatus: "in_transit", parcelStalled: true, notifiedBefore: true },
      ]);
      // No secret configured for Zendesk: refused, whatever is sent.
      expect((await post("zendesk", SHOP, body, { "X-Zendesk-Webhook-Signature": "x", "X-Zendesk-Webhook-Signature-Timestamp": "1" })).status).toBe(401);
      expect((await post("api", "unknown-shop.myshopify.com", body, { "X-Trackline-Signature": apiSignature("generic-endpoint-secret-0001", body) })).status).toBe(401);
    });

    it("reports the period's inquiries per 100 orders and their breakdowns from the stored rows", async () => {
      const { db } = database();
      await recordInquiry(db, { shopDomain: SHOP, source: "tracking_page", reason: "delayed", orderId: ORDER, shipmentId: null, externalId: null, message: null, at: AT, credentialsKey });
      await recordInquiry(db, { shopDomain: SHOP, source: "zendesk", reason: "where_is_my_order", orderId: OTHER_ORDER, shipmentId: null, externalId: "z1", message: null, at: AT, credentialsKey });
      await recordInquiry(db, { shopDomain: SHOP, source: "gorgias", reason: "damaged", orderId: null, shipmentId: null, externalId: "g1", message: null, at: new Date("2026-12-20T00:00:00Z"), credentialsKey });
      const dashboard = await loadWismoDashboard(db, SHOP, { search: new URLSearchParams({ period: "custom", from: "2026-11-01", to: "2026-11-30" }), now: AT });
      const { report } = dashboard;
      expect([report.orders, report.inquiries, report.per100]).toEqual([2, 2, 100]);
      expect(report.days.find((day) => day.date === "2026-11-20")).toEqual({ date: "2026-11-20", orders: 0, inquiries: 2, per100: null });
      expect(report.bySituation).toEqual([{ key: "late", count: 1 }, { key: "stalled", count: 1 }]);
      expect(report.byCarrier).toEqual([{ key: "fedex", count: 1 }, { key: "usps", count: 1 }]);
      expect([report.lookedFirst, report.notifiedFirst]).toEqual([0.5, 0.5]);
      // The worklist: newest first, whatever the period.
      expect(dashboard.recent[0]?.source).toBe("gorgias");
      expect(dashboard.recent.slice(1).map((row) => row.source).sort()).toEqual(["tracking_page", "zendesk"]);
    });

    it("lists a customer's inquiries on a data request and erases them on redaction; shop/redact erases all", async () => {
      const { db } = database();
      for (const [orderId, source] of [[ORDER, "tracking_page"], [OTHER_ORDER, "api"]] as const) {
        await recordInquiry(db, { shopDomain: SHOP, source, reason: "where_is_my_order", orderId, shipmentId: null, externalId: null, message: null, at: AT, credentialsKey });
      }
      const keys = { orderIds: [], emailHash: hashCustomerEmail(EMAIL), phoneHash: null };
      const exported = await customerDataExport(db, SHOP, keys);
      expect(exported.inquiries).toEqual([{ orderId: ORDER, source: "tracking_page", reason: "where_is_my_order", parcelStatus: "in_transit", carrier: "fedex", createdAt: AT, messageKept: false }]);
      const erased = await eraseCustomerData(db, SHOP, keys, () => false);
      expect(erased.inquiries).toBe(1);
      expect(await db.inquiry.findMany({ select: { orderId: true } })).toEqual([{ orderId: OTHER_ORDER }]);
      await loadWismoSettings(db, SHOP);
      const counts = await eraseShopData(db, SHOP);
      expect([counts.inquiries, counts.wismoSettings]).toEqual([1, 1]);
      expect(await db.inquiry.count()).toBe(0);
    });
  });
}
