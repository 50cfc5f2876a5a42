import { beforeAll, describe, expect, it } from "vitest";
import { database } from "../data/client.server";
import { sessionToken, TEST_APP } from "../testing/shopify-requests";
import { loader } from "./app._index";

function adminRequest(token: string, search = "") {
  return new Request(`${TEST_APP.appUrl}/app${search}`, { headers: { Authorization: `Bearer ${token}` } });
}

describe("shipments index loader", () => {
  beforeAll(async () => {
    const { db } = database();
    await db.shop.create({ data: { domain: TEST_APP.shop } });
    // An installed shop has an offline session; with it, no token exchange reaches Shopify.
    await db.session.create({
      data: {
        id: `offline_${TEST_APP.shop}`,
        shop: TEST_APP.shop,
        state: "installed",
        isOnline: false,
        scope: "read_orders,write_fulfillments",
        accessToken: "shpat_test",
      },
    });
    await db.shop.create({ data: { domain: "other-shop.myshopify.com" } });
    for (let index = 0; index < 60; index++) {
      await db.shipment.create({
        data: {
          shopDomain: TEST_APP.shop,
          orderId: `gid://shopify/Order/${index}`,
          orderName: `#${1000 + index}`,
          fulfillmentId: `gid://shopify/Fulfillment/${index}`,
          trackingNumber: `TN${index}`,
          status: index % 3 === 0 ? "delivered" : "in_transit",
          createdAt: new Date(Date.UTC(2026, 10, 1, 0, index)),
        },
      });
    }
    await db.shipment.create({
      data: {
        shopDomain: "other-shop.myshopify.com",
        orderId: "gid://shopify/Order/x",
        orderName: "#OTHER",
        fulfillmentId: "gid://shopify/Fulfillment/x",
        trackingNumber: "OTHER",
      },
    });
  });

  it("lists the authenticated shop's shipments, newest first, in keyset pages", async () => {
    const first = await loader({ request: adminRequest(sessionToken()), params: {}, context: {} });
    expect(first.shop).toBe(TEST_APP.shop);
    expect(first.total).toBe(60);
    expect(first.shipments).toHaveLength(50);
    expect(first.shipments[0]?.orderName).toBe("#1059");
    expect(first.shipments.some((shipment) => shipment.orderName === "#OTHER")).toBe(false);
    expect(first.statusCounts).toEqual({ delivered: 20, in_transit: 40 });
    expect(first.nextCursor).not.toBeNull();

    const second = await loader({
      request: adminRequest(sessionToken(), `?after=${first.nextCursor}`),
      params: {},
      context: {},
    });
    expect(second.shipments.map((shipment) => shipment.orderName)).toEqual(
      Array.from({ length: 10 }, (_, index) => `#${1009 - index}`),
    );
    expect(second.nextCursor).toBeNull();
  });

  it("rejects a session token signed with another secret", async () => {
    const thrown = await loader({
      request: adminRequest(sessionToken({ secret: "forged" })),
      params: {},
      context: {},
    }).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(401);
  });
});
