import { beforeEach, describe, expect, it } from "vitest";
import { database } from "./client.server";
import { eraseCustomerData, eraseShopData } from "./compliance.server";

const shop = "erasure-shop.myshopify.com";
const mine = "gid://shopify/Order/1";
const theirs = "gid://shopify/Order/2";

async function seedOrder(orderId: string, suffix: string) {
  const { db } = database();
  const shipment = await db.shipment.create({
    data: {
      shopDomain: shop,
      orderId,
      orderName: `#${suffix}`,
      fulfillmentId: `gid://shopify/Fulfillment/${suffix}`,
      trackingNumber: `1Z${suffix}`,
      status: "delivered",
      proofOfDeliveryJson: JSON.stringify({ carrier: "ups", signedBy: "MARIA LEE", photoUrls: [], address: { street: "12 Peachtree St" } }),
    },
  });
  const item = await db.worklistItem.create({ data: { shopDomain: shop, kind: "dispute_open", subjectId: `d${suffix}`, orderId, openedAt: new Date() } });
  await db.worklistNote.create({ data: { itemId: item.id, shopDomain: shop, author: "Staff 1", body: "Called the shopper" } });
  await db.auditEntry.create({ data: { shopDomain: shop, actor: "Staff 1", action: "note_added", subjectType: "worklist_item", subjectId: item.id } });
  await db.dispute.create({ data: { shopDomain: shop, disputeId: `gid://shopify/ShopifyPaymentsDispute/${suffix}`, orderId, kind: "chargeback", reason: "fraudulent", status: "needs_response" } });
  await db.returnRecord.create({ data: { shopDomain: shop, returnId: `gid://shopify/Return/${suffix}`, orderId, trackingNumber: "1ZRET" } });
  return shipment;
}

describe("erasure of after-delivery data", () => {
  beforeEach(async () => {
    const { db } = database();
    await db.shop.deleteMany({ where: { domain: shop } });
    await db.worklistItem.deleteMany({});
    await db.auditEntry.deleteMany({});
    await db.dispute.deleteMany({});
    await db.returnRecord.deleteMany({});
    await db.shop.create({ data: { domain: shop } });
    await seedOrder(mine, "1");
    await seedOrder(theirs, "2");
  });

  it("customers/redact removes the customer's proof of delivery, worklist notes, disputes and returns, nobody else's", async () => {
    const { db } = database();
    const erased = await eraseCustomerData(db, shop, { orderIds: [mine], emailHash: null, phoneHash: null }, () => false);
    expect(erased).toMatchObject({ shipments: 1, afterDelivery: 4 });
    expect(await db.shipment.count({ where: { orderId: mine } })).toBe(0);
    for (const table of [db.worklistItem, db.dispute, db.returnRecord] as const) {
      expect(await (table as typeof db.dispute).count({ where: { orderId: mine } })).toBe(0);
      expect(await (table as typeof db.dispute).count({ where: { orderId: theirs } })).toBe(1);
    }
    expect(await db.worklistNote.count({ where: { shopDomain: shop } })).toBe(1);
    expect(await db.auditEntry.count({ where: { shopDomain: shop } })).toBe(1);
  });

  it("shop/redact removes all of it", async () => {
    const { db } = database();
    const counts = await eraseShopData(db, shop);
    expect(counts).toMatchObject({ worklistItems: 2, auditEntries: 2, disputes: 2, returns: 2, shipments: 2 });
    expect(await db.worklistNote.count({ where: { shopDomain: shop } })).toBe(0);
  });
});
