import { beforeEach, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { auditTrail } from "~/data/disputes.server";
import { buildProofOfDelivery } from "~/domain/proof-of-delivery";
import { createAdminGraphqlClient } from "~/shopify/graphql/admin-client";
import { createFakeAdminApi, type FakeAdminApi, type FakeDispute } from "~/testing/fake-admin-api";
import { pdfText } from "~/testing/pdf-text";
import { attachPendingEvidence, shipmentEvidence } from "./evidence.server";

const shop = "evidence-shop.myshopify.com";
const now = new Date("2026-12-02T12:00:00Z");
const disputeGid = "gid://shopify/ShopifyPaymentsDispute/4242";
const evidenceGid = "gid://shopify/ShopifyPaymentsDisputeEvidence/9001";
const orderId = "gid://shopify/Order/5150";

function fakeDispute(overrides: Partial<FakeDispute> = {}): FakeDispute {
  return {
    id: disputeGid,
    status: "needs_response",
    evidenceId: evidenceGid,
    evidenceDueBy: "2026-12-20",
    order: {
      id: orderId,
      name: "#5150",
      createdAt: "2026-11-14T09:00:00Z",
      shippingAddress: { address1: "12 Peachtree St", address2: null, city: "Atlanta", provinceCode: "GA", zip: "30303", countryCodeV2: "US" },
    },
    ...overrides,
  };
}

async function seed(mode: string) {
  const { db } = database();
  await db.dispute.deleteMany({});
  await db.auditEntry.deleteMany({});
  await db.lookupEvent.deleteMany({});
  await db.shipment.deleteMany({});
  await db.shop.upsert({ where: { domain: shop }, create: { domain: shop, name: "Evidence Shop", timezone: "America/New_York", disputeEvidenceMode: mode }, update: { disputeEvidenceMode: mode } });
  const shipment = await db.shipment.create({
    data: {
      shopDomain: shop,
      orderId,
      orderName: "#5150",
      orderCreatedAt: new Date("2026-11-14T09:00:00Z"),
      fulfillmentId: "gid://shopify/Fulfillment/5150",
      fulfillmentCreatedAt: new Date("2026-11-15T12:00:00Z"),
      trackingNumber: "1Z999AA10123456784",
      carrier: "ups",
      status: "delivered",
      deliveredAt: new Date("2026-11-18T19:02:00Z"),
      proofOfDeliveryJson: JSON.stringify(
        buildProofOfDelivery({ carrier: "ups", signedBy: "MARIA LEE", location: "Front Door", address: { city: "ATLANTA", province: "GA", postalCode: "30303", country: "US" } }),
      ),
      events: {
        create: [
          { occurredAt: new Date("2026-11-15T20:00:00Z"), status: "picked_up", carrierCode: "P", description: "Picked up", city: "LOUISVILLE", dedupeKey: "a" },
          { occurredAt: new Date("2026-11-18T19:02:00Z"), status: "delivered", carrierCode: "D", description: "Delivered", city: "ATLANTA", dedupeKey: "b" },
        ],
      },
    },
  });
  await db.lookupEvent.create({ data: { shopDomain: shop, shipmentId: shipment.id, orderId, surface: "customer_account", occurredAt: new Date("2026-11-18T22:15:00Z") } });
  const dispute = await db.dispute.create({
    data: {
      shopDomain: shop,
      disputeId: disputeGid,
      orderId,
      kind: "chargeback",
      reason: "product_not_received",
      status: "needs_response",
      amount: "89.00",
      currency: "USD",
      orderKnown: true,
      evidenceState: mode === "download" ? "ready" : "pending_attach",
    },
  });
  return { shipment, dispute };
}

function clientOf(fake: FakeAdminApi) {
  return async (shopDomain: string) => createAdminGraphqlClient({ shop: shopDomain, accessToken: "shpat_test", fetch: fake.fetch, sleep: async () => {}, now: () => now.getTime() });
}

/** The dispute evidence flow against the fake Admin API, the same on SQLite and Postgres. */
export function evidenceContract(provider: "sqlite" | "postgres") {
  describe(`dispute evidence against the Admin API (${provider})`, () => {
    let fake: FakeAdminApi;
    beforeEach(() => {
      expect(database().provider).toBe(provider);
      fake = createFakeAdminApi({ now: () => now.getTime(), disputes: [fakeDispute()] });
    });

    it("opt-in: uploads the PDF and attaches file, activity log, text and address, without submitting", async () => {
      const { dispute } = await seed("attach");
      const report = await attachPendingEvidence(database().db, clientOf(fake), fake.fetch, now);
      expect(report).toEqual({ attached: 1, submitted: 0, failed: 0, retryLater: 0 });
      expect(fake.calls).toEqual(["TracklineDispute", "TracklineStagedUploadsCreate", "TracklineDisputeEvidenceUpdate"]);
      const sent = fake.evidence.get(evidenceGid)!;
      expect(sent.submitEvidence).toBe(false);
      expect(sent.shippingAddress).toEqual({ address1: "12 Peachtree St", city: "Atlanta", provinceCode: "GA", zip: "30303", countryCode: "US" });
      expect(sent.accessActivityLog).toBe("Shopper views of the order's tracking after delivery:\nNov 18, 2026, 5:15 PM EST (2026-11-18T22:15:00Z) — order status page (customer account)");
      expect(String(sent.uncategorizedText)).toContain("Signed by: MARIA LEE");
      const fileId = (sent.shippingDocumentationFile as { id: string }).id;
      const upload = fake.uploads.get(fileId)!;
      expect(upload.contentType).toBe("application/pdf");
      expect(upload.filename).toBe("delivery-evidence-5150.pdf");
      const pdf = await pdfText(upload.bytes);
      expect(pdf.text).toContain("Delivery evidence for order #5150");
      expect(pdf.text).toContain("Shipping address: 12 Peachtree St, Atlanta, GA, 30303, US");
      expect(pdf.text).toContain("Shipping address vs delivery location: MATCH");
      const row = await database().db.dispute.findUniqueOrThrow({ where: { id: dispute.id } });
      expect(row.evidenceState).toBe("attached");
      expect(row.evidenceAttachedAt?.toISOString()).toBe(now.toISOString());
      expect((await auditTrail(database().db, shop, "dispute", dispute.id)).map((entry) => [entry.actor, entry.action])).toEqual([["trackline", "evidence_attached"]]);
    });

    it("submits only when the merchant chose attach and submit", async () => {
      const { dispute } = await seed("attach_and_submit");
      expect(await attachPendingEvidence(database().db, clientOf(fake), fake.fetch, now)).toEqual({ attached: 0, submitted: 1, failed: 0, retryLater: 0 });
      expect(fake.evidence.get(evidenceGid)?.submitEvidence).toBe(true);
      expect((await database().db.dispute.findUniqueOrThrow({ where: { id: dispute.id } })).evidenceState).toBe("submitted");
    });

    it("opt-out: nothing is sent to Shopify; the pack is a download", async () => {
      const { shipment } = await seed("download");
      expect(await attachPendingEvidence(database().db, clientOf(fake), fake.fetch, now)).toEqual({ attached: 0, submitted: 0, failed: 0, retryLater: 0 });
      expect(fake.calls).toEqual([]);
      const assembled = await shipmentEvidence(database().db, shop, shipment.id, { admin: await clientOf(fake)(shop), now });
      expect(assembled?.filename).toBe("delivery-evidence-5150.pdf");
      expect(fake.calls).toEqual(["TracklineDispute"]);
      expect(fake.evidence.size).toBe(0);
      expect((await pdfText(assembled!.pdf)).text).toContain("Dispute: chargeback for 89.00 USD, reason \"product_not_received\"");
    });

    it("a user error from Shopify (past the due date) fails the row with Shopify's code and message", async () => {
      fake = createFakeAdminApi({ now: () => now.getTime(), disputes: [fakeDispute({ evidenceDueBy: "2026-12-01" })] });
      const { dispute } = await seed("attach");
      expect(await attachPendingEvidence(database().db, clientOf(fake), fake.fetch, now)).toEqual({ attached: 0, submitted: 0, failed: 1, retryLater: 0 });
      const row = await database().db.dispute.findUniqueOrThrow({ where: { id: dispute.id } });
      expect(row.evidenceState).toBe("failed");
      expect(row.evidenceError).toBe("EVIDENCE_PAST_DUE_DATE: Evidence can no longer be submitted: the due date has passed");
    });

    it("Shopify unavailable: the pack stays pending for the next pass", async () => {
      const { dispute } = await seed("attach");
      fake.fail("TracklineDispute", "http_500", "http_500", "http_500", "http_500", "http_500");
      const client = async (shopDomain: string) =>
        createAdminGraphqlClient({ shop: shopDomain, accessToken: "shpat_test", fetch: fake.fetch, sleep: async () => {}, serverRetries: 0 });
      expect(await attachPendingEvidence(database().db, client, fake.fetch, now)).toEqual({ attached: 0, submitted: 0, failed: 0, retryLater: 1 });
      expect((await database().db.dispute.findUniqueOrThrow({ where: { id: dispute.id } })).evidenceState).toBe("pending_attach");
    });
  });
}
