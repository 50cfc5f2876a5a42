import { beforeAll, describe, expect, it } from "vitest";
import type { AdminParcelView, OrderTrackingView } from "@trackline/shared";
import { database } from "~/data/client.server";
import { shopperLinkKey } from "~/services/shopper-links/key.server";
import { verifyShopperLinkToken } from "~/services/shopper-links/token.server";
import { resyncShipment, type AdminBlockParcel } from "~/services/tracking-lookup/admin.server";
import { ORDER_ID, SHOP, TRACKING_MOVING, seedTrackingFixtures } from "~/testing/tracking-lookup-shop.server";
import { sessionToken, TEST_APP } from "~/testing/shopify-requests";
import { action as resyncAction } from "./api.admin.shipments.$id.resync";
import { loader } from "./api.admin.order-tracking";

function adminGet(query: Record<string, string>, token = sessionToken()) {
  const request = new Request(`${TEST_APP.appUrl}/api/admin/order-tracking?${new URLSearchParams(query)}`, {
    headers: { Authorization: `Bearer ${token}`, Origin: "https://admin.shopify.com" },
  });
  return loader({ request, params: {}, context: {} }).catch((thrown: Response) => thrown);
}

describe("admin order block endpoints", () => {
  beforeAll(async () => {
    const { db } = database();
    await seedTrackingFixtures(db);
    await db.session.create({
      data: { id: `offline_${SHOP}`, shop: SHOP, state: "installed", isOnline: false, scope: "read_orders", accessToken: "shpat_test" },
    });
  });

  it("lists every parcel with last scan, Shopify write-back state, shopper link and deep link", async () => {
    const response = await adminGet({ orderId: ORDER_ID, locale: "ja" });
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const view = (await response.json()) as OrderTrackingView<AdminParcelView>;
    expect(view.locale).toBe("ja");
    expect(view.summary).toMatchObject({ total: 2, delivered: 1, needsAttention: 1 });
    const [delivered, moving] = view.parcels;
    expect(delivered?.shopify).toMatchObject({ state: "in_sync", status: "DELIVERED" });
    expect(delivered?.statusLabel).toBe("配達完了");
    expect(moving).toMatchObject({
      trackingNumber: TRACKING_MOVING,
      subStatus: "address_problem",
      flags: { stalled: true, late: false, notPickedUp: false },
      shopify: { state: "failed", error: "THROTTLED after 8 attempts" },
      appPath: "/app/shipments/ship_moving",
    });
    expect(moving?.lastScan).toMatchObject({ description: "Addressee unknown", location: "Cambridge, MA, US" });
    const token = new URL(moving?.shopperLink ?? "").searchParams.get("t") ?? "";
    const check = verifyShopperLinkToken(token, shopperLinkKey(), new Date());
    expect(check).toMatchObject({ ok: true, claims: { shop: SHOP, shipmentId: "ship_moving" } });
    expect(await database().db.lookupEvent.count({ where: { shopDomain: SHOP, surface: "admin" } })).toBe(1);
  });

  it("shows each parcel's shopper messages (moment, channel, time, state) in the admin's language, and the dispute evidence once the order is disputed", async () => {
    const { db } = database();
    const before = (await (await adminGet({ orderId: ORDER_ID, locale: "en" })).json()) as OrderTrackingView<AdminBlockParcel>;
    expect(before.parcels.map((parcel) => [parcel.messages, parcel.evidencePath])).toEqual([
      [[], null],
      [[], null],
    ]);
    const moment = await db.shipmentMoment.create({
      data: { shopDomain: SHOP, subjectKey: "ship_moving", shipmentId: "ship_moving", orderId: ORDER_ID, moment: "exception", occurredAt: new Date("2026-11-12T09:00:00Z"), status: "exception" },
    });
    const sentAt = new Date("2026-11-12T09:05:00Z");
    for (const channel of ["email", "sms", "flow", "merchant"]) {
      await db.notification.create({
        data: { shopDomain: SHOP, momentId: moment.id, orderId: ORDER_ID, shipmentId: "ship_moving", channel, moment: "exception", state: channel === "sms" ? "failed" : "sent", nextAttemptAt: sentAt, sentAt: channel === "sms" ? null : sentAt, createdAt: sentAt },
      });
    }
    await db.dispute.create({ data: { shopDomain: SHOP, disputeId: "gid://shopify/ShopifyPaymentsDispute/1", orderId: ORDER_ID, kind: "chargeback", reason: "product_not_received", status: "needs_response", orderKnown: true, evidenceState: "ready" } });

    const response = await adminGet({ orderId: ORDER_ID, locale: "ko" });
    expect(response.status).toBe(200);
    const view = (await response.json()) as OrderTrackingView<AdminBlockParcel>;
    const moving = view.parcels.find((parcel) => parcel.id === "ship_moving");
    expect(moving?.messages.map(({ moment, momentLabel, channel, channelLabel, state, stateLabel, at }) => [moment, momentLabel, channel, channelLabel, state, stateLabel, at])).toEqual([
      ["exception", "배송 문제", "email", "이메일", "sent", "보냄", "2026-11-12T09:05:00.000Z"],
      ["exception", "배송 문제", "sms", "SMS", "failed", "실패", "2026-11-12T09:05:00.000Z"],
    ]);
    expect(moving?.messages[0]?.time).toMatch(/2026/);
    expect(view.parcels.map((parcel) => parcel.evidencePath)).toEqual(["/app/shipments/ship_delivered/evidence", "/app/shipments/ship_moving/evidence"]);
    await db.notification.deleteMany({ where: { shopDomain: SHOP } });
    await db.shipmentMoment.deleteMany({ where: { shopDomain: SHOP } });
    await db.dispute.deleteMany({ where: { shopDomain: SHOP } });
  });

  it("answers 404 for an order it does not track and 400 for a malformed id", async () => {
    expect((await adminGet({ orderId: "gid://shopify/Order/999" })).status).toBe(404);
    expect((await adminGet({ orderId: "999" })).status).toBe(400);
  });

  it("refuses requests without a valid admin token", async () => {
    expect((await adminGet({ orderId: ORDER_ID }, sessionToken({ secret: "forged" }))).status).toBe(401);
  });

  it("does not resync another shop's shipment, whatever its id", async () => {
    const request = new Request(`${TEST_APP.appUrl}/api/admin/shipments/ship_other_shop/resync`, {
      method: "POST",
      headers: { Authorization: `Bearer ${sessionToken()}` },
    });
    const response = await resyncAction({ request, params: { id: "ship_other_shop" }, context: {} });
    expect(response.status).toBe(404);
  });

  it("resyncs through the sync use case and answers the parcel as it is afterwards", async () => {
    const { db } = database();
    const base = { shop: SHOP, locale: "en", timeZone: "UTC", now: new Date(), linkKey: shopperLinkKey() };
    const synced = await resyncShipment(db, { ...base, shipmentId: "ship_moving" }, async (tx, id) => {
      await tx.shipment.update({ where: { id }, data: { status: "out_for_delivery", subStatus: null } });
      return { status: "out_for_delivery", changed: true };
    });
    expect(synced).toMatchObject({ kind: "synced", changed: true, parcel: { status: "out_for_delivery", statusLabel: "Out for delivery", position: 2 } });

    const failed = await resyncShipment(db, { ...base, shipmentId: "ship_moving" }, async () => {
      throw new Error("carrier down");
    });
    expect(failed).toEqual({ kind: "failed", message: "carrier down" });
    const foreign = await resyncShipment(db, { ...base, shipmentId: "ship_other_shop" }, async () => {
      throw new Error("must not run");
    });
    expect(foreign).toEqual({ kind: "not_found" });
  });
});
