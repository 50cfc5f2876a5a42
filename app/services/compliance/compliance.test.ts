import { beforeEach, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { listComplianceRequests } from "~/data/compliance.server";
import { listFailedReceipts } from "~/data/webhook-receipts.server";
import { action as dataRequest } from "~/routes/webhooks.customers.data_request";
import { action as customerRedact } from "~/routes/webhooks.customers.redact";
import { action as fulfillmentCreated } from "~/routes/webhooks.fulfillments.create";
import { action as orderCreated } from "~/routes/webhooks.orders.create";
import { action as shopRedact } from "~/routes/webhooks.shop.redact";
import { signedWebhookRequest, TEST_APP } from "~/testing/shopify-requests";
import { fulfillmentWebhookPayload } from "~/services/ingestion/fulfillment-webhook-builder.server";

const OTHER_SHOP = "other-shop.myshopify.com";

async function post(route: typeof dataRequest, topic: string, body: unknown, options: { secret?: string; shop?: string; webhookId?: string } = {}) {
  const request = signedWebhookRequest({ topic, body, ...options });
  return route({ request, params: {}, context: {} }).catch((error: unknown) => {
    if (error instanceof Response) return error;
    throw error;
  });
}

/** Two customers of the test shop and one of another shop, seeded through the webhook path. */
async function seed() {
  const customers = [
    { shop: TEST_APP.shop, order: 1, email: "ada@example.com", phone: "+1 613 555 0101", number: "1Z999AA10123456784" },
    { shop: TEST_APP.shop, order: 2, email: "bob@example.com", phone: null, number: "132529281114" },
    { shop: OTHER_SHOP, order: 3, email: "ada@example.com", phone: null, number: "1Z02ZPIE0325721754" },
  ];
  for (const customer of customers) {
    const body = fulfillmentWebhookPayload({
      fulfillmentId: 700 + customer.order,
      orderId: 900 + customer.order,
      orderName: `#10${customer.order}`,
      createdAt: new Date("2026-11-20T10:00:00Z"),
      trackingCompany: null,
      trackingNumbers: [customer.number],
      destinationCountry: "US",
      lineItemCount: 1,
      email: customer.email,
      phone: customer.phone,
    });
    expect((await post(fulfillmentCreated, "fulfillments/create", body, { shop: customer.shop })).status).toBe(200);
  }
  const { db } = database();
  for (const shipment of await db.shipment.findMany()) {
    await db.trackingEvent.create({
      data: { shipmentId: shipment.id, occurredAt: new Date(), status: "in_transit", carrierCode: "X", description: "Arrived", city: "Ottawa", dedupeKey: "e1" },
    });
    await db.lookupEvent.create({ data: { shopDomain: shipment.shopDomain, shipmentId: shipment.id, orderId: shipment.orderId, surface: "storefront" } });
  }
}

const customer = (id: number, email: string, orders: number[]) => ({
  shop_id: 1,
  shop_domain: TEST_APP.shop,
  customer: { id, email, phone: null },
  orders_requested: orders,
  data_request: { id: 77 },
});

describe("compliance webhooks", () => {
  beforeEach(async () => {
    const { db } = database();
    await db.shipment.deleteMany({});
    await db.lookupEvent.deleteMany({});
    await db.webhookReceipt.deleteMany({});
    await db.complianceRequest.deleteMany({});
    await db.cancelledOrder.deleteMany({});
    await db.session.deleteMany({});
    await db.shop.deleteMany({});
    await seed();
  });

  it("exports exactly what we hold about the customer (found by order or by email hash)", async () => {
    const response = await post(dataRequest, "customers/data_request", customer(11, "ADA@example.com", []));
    expect(response.status).toBe(200);
    const [request] = await listComplianceRequests(database().db, { shopDomain: TEST_APP.shop });
    const result = request?.result as { dataRequestId: string; shipments: { orderName: string; trackingNumber: string; events: { city: string }[] }[]; trackingPageViews: number };
    expect(request?.customerId).toBe("11");
    expect(result.dataRequestId).toBe("77");
    expect(result.shipments.map((shipment) => shipment.trackingNumber)).toEqual(["1Z999AA10123456784"]);
    expect(result.shipments[0]?.events[0]?.city).toBe("Ottawa");
    expect(result.trackingPageViews).toBe(1);
  });

  it("erases one customer's shipments, events, lookups and kept payloads, and nothing else", async () => {
    const { db } = database();
    await db.webhookReceipt.updateMany({ where: { orderId: "gid://shopify/Order/901" }, data: { payload: '{"email":"ada@example.com"}' } });
    const body = { shop_id: 1, shop_domain: TEST_APP.shop, customer: { id: 11, email: "ada@example.com", phone: null }, orders_to_redact: [901] };
    expect((await post(customerRedact, "customers/redact", body)).status).toBe(200);
    const left = await db.shipment.findMany({ select: { shopDomain: true, orderName: true } });
    expect(left).toEqual(
      expect.arrayContaining([
        { shopDomain: TEST_APP.shop, orderName: "#102" },
        { shopDomain: OTHER_SHOP, orderName: "#103" },
      ]),
    );
    expect(left).toHaveLength(2);
    expect(await db.trackingEvent.count()).toBe(2);
    expect(await db.lookupEvent.count({ where: { shopDomain: TEST_APP.shop } })).toBe(1);
    expect(await db.webhookReceipt.count({ where: { orderId: "gid://shopify/Order/901" } })).toBe(0);
  });

  it("customers/redact erases the creation times of the customer's orders (orders/create) and no other", async () => {
    const { db } = database();
    for (const order of [901, 902]) {
      const body = { id: order, admin_graphql_api_id: `gid://shopify/Order/${order}`, created_at: "2026-11-19T10:00:00Z" };
      expect((await post(orderCreated, "orders/create", body)).status).toBe(200);
    }
    const body = { shop_id: 1, shop_domain: TEST_APP.shop, customer: { id: 11, email: "ada@example.com", phone: null }, orders_to_redact: [901] };
    expect((await post(customerRedact, "customers/redact", body, { webhookId: "redact-ada-orders" })).status).toBe(200);
    expect((await db.orderPlaced.findMany()).map((row) => row.orderId)).toEqual(["gid://shopify/Order/902"]);
    const [redaction] = await listComplianceRequests(db, { shopDomain: TEST_APP.shop, limit: 1 });
    expect((redaction?.result as { erased: Record<string, number> }).erased.ordersPlaced).toBe(1);
  });

  it("erases everything of the shop on shop/redact and keeps other shops", async () => {
    const { db } = database();
    await db.session.create({ data: { id: `offline_${TEST_APP.shop}`, shop: TEST_APP.shop, state: "s", accessToken: "t" } });
    await db.flowTriggerUse.create({ data: { shopDomain: TEST_APP.shop, triggerHandle: "trackline-shipment-delivered", hasEnabledFlow: true, reportedAt: new Date() } });
    await db.flowTriggerUse.create({ data: { shopDomain: OTHER_SHOP, triggerHandle: "trackline-shipment-delivered", hasEnabledFlow: false, reportedAt: new Date() } });
    expect((await post(shopRedact, "shop/redact", { shop_id: 1, shop_domain: TEST_APP.shop })).status).toBe(200);
    expect((await db.flowTriggerUse.findMany()).map((row) => row.shopDomain)).toEqual([OTHER_SHOP]);
    expect(await db.shop.findUnique({ where: { domain: TEST_APP.shop } })).toBeNull();
    expect(await db.shipment.count({ where: { shopDomain: TEST_APP.shop } })).toBe(0);
    expect(await db.lookupEvent.count({ where: { shopDomain: TEST_APP.shop } })).toBe(0);
    expect(await db.session.count({ where: { shop: TEST_APP.shop } })).toBe(0);
    expect(await db.shipment.count({ where: { shopDomain: OTHER_SHOP } })).toBe(1);
    const [record] = await listComplianceRequests(db, { shopDomain: TEST_APP.shop });
    expect(record?.topic).toBe("shop/redact");
    expect((record?.result as { erased: { shipments: number } }).erased.shipments).toBe(2);
  });

  it("shop/redact erases the shop's order creation times (orders/create) and keeps other shops'", async () => {
    const { db } = database();
    const order = { id: 904, admin_graphql_api_id: "gid://shopify/Order/904", created_at: "2026-11-19T10:00:00Z" };
    expect((await post(orderCreated, "orders/create", order)).status).toBe(200);
    expect((await post(orderCreated, "orders/create", order, { shop: OTHER_SHOP })).status).toBe(200);
    expect((await post(shopRedact, "shop/redact", { shop_id: 1, shop_domain: TEST_APP.shop })).status).toBe(200);
    expect((await db.orderPlaced.findMany()).map((row) => [row.shopDomain, row.orderId])).toEqual([[OTHER_SHOP, "gid://shopify/Order/904"]]);
    const [record] = await listComplianceRequests(db, { shopDomain: TEST_APP.shop });
    expect((record?.result as { erased: Record<string, number> }).erased.ordersPlaced).toBe(1);
  });

  it.each([
    ["customers/data_request", dataRequest],
    ["customers/redact", customerRedact],
    ["shop/redact", shopRedact],
  ] as const)("%s answers 401 on an invalid HMAC and erases nothing", async (topic, route) => {
    const response = await post(route, topic, customer(11, "ada@example.com", [901]), { secret: "forged" });
    expect(response.status).toBe(401);
    expect(await database().db.shipment.count()).toBe(3);
  });

  it.each([
    ["shop/redact", shopRedact, { shop_id: 1, shop_domain: OTHER_SHOP }],
    ["customers/redact", customerRedact, { shop_id: 1, shop_domain: OTHER_SHOP, customer: { id: 13, email: "ada@example.com", phone: null }, orders_to_redact: [903] }],
  ] as const)("refuses a signed %s body replayed with another shop's header: kept as failed, answered 200, nothing erased", async (topic, route, body) => {
    const { db } = database();
    // A body Shopify signed for the other shop, replayed with this shop's header and a fresh webhook id.
    const response = await post(route, topic, body, { shop: TEST_APP.shop, webhookId: `replay-${topic}` });
    expect(response.status).toBe(200);
    expect(await db.shipment.count({ where: { shopDomain: TEST_APP.shop } })).toBe(2);
    expect(await db.shipment.count({ where: { shopDomain: OTHER_SHOP } })).toBe(1);
    expect(await db.shop.count()).toBe(2);
    expect(await db.complianceRequest.count()).toBe(0);
    const [failed] = await listFailedReceipts(db);
    expect(failed).toMatchObject({ webhookId: `replay-${topic}`, topic, shopDomain: TEST_APP.shop, outcome: "failed" });
    expect(failed?.error).toBe(
      `shop_domain in the signed body (${OTHER_SHOP}) does not match the X-Shopify-Shop-Domain header (${TEST_APP.shop}); nothing done`,
    );
  });

  it("customers/redact erases failed deliveries kept for replay that identify the customer, and their saved data-request exports", async () => {
    const { db } = database();
    // What production keeps: deliveries whose payload failed validation, stored whole for replay
    // and without an order id (they never got that far).
    const broken = (fulfillmentId: number, orderId: number, email: string, number: string) => ({
      ...fulfillmentWebhookPayload({
        fulfillmentId,
        orderId,
        orderName: `#${orderId}`,
        createdAt: new Date("2026-11-21T10:00:00Z"),
        trackingCompany: null,
        trackingNumbers: [number],
        destinationCountry: "US",
        lineItemCount: 1,
        email,
      }),
      updated_at: "not a date",
    });
    expect((await post(fulfillmentCreated, "fulfillments/create", broken(801, 950, "Ada@Example.com", "1Z999AA10123456784"), { webhookId: "ada-broken" })).status).toBe(200);
    expect((await post(fulfillmentCreated, "fulfillments/create", broken(802, 951, "bob@example.com", "132529281114"), { webhookId: "bob-broken" })).status).toBe(200);
    expect((await post(fulfillmentCreated, "fulfillments/create", '{"email": "ada@example.com", "id": ', { webhookId: "ada-unreadable" })).status).toBe(200);
    expect((await listFailedReceipts(db)).map((receipt) => [receipt.webhookId, receipt.orderId]).sort()).toEqual([
      ["ada-broken", null],
      ["ada-unreadable", null],
      ["bob-broken", null],
    ]);
    expect((await post(dataRequest, "customers/data_request", customer(11, "ada@example.com", [901]))).status).toBe(200);
    expect((await post(dataRequest, "customers/data_request", customer(12, "bob@example.com", [902]))).status).toBe(200);

    const body = { shop_id: 1, shop_domain: TEST_APP.shop, customer: { id: 11, email: "ada@example.com", phone: "+1 613 555 0101" }, orders_to_redact: [901] };
    expect((await post(customerRedact, "customers/redact", body, { webhookId: "redact-ada" })).status).toBe(200);

    expect((await listFailedReceipts(db)).map((receipt) => receipt.webhookId)).toEqual(["bob-broken"]);
    const requests = await db.complianceRequest.findMany({ where: { shopDomain: TEST_APP.shop }, orderBy: { customerId: "asc" } });
    expect(requests.map((request) => [request.topic, request.customerId])).toEqual([
      ["customers/redact", "11"],
      ["customers/data_request", "12"],
    ]);
    const [redaction] = await listComplianceRequests(db, { shopDomain: TEST_APP.shop, limit: 1 });
    expect((redaction?.result as { erased: Record<string, number> }).erased).toEqual({
      shipments: 1,
      trackingEvents: 1,
      lookups: 1,
      writeBacks: 0,
      webhookPayloads: 3,
      dataRequestExports: 1,
      cancelledOrders: 0,
      pendingCarrierPushes: 0,
      inquiries: 0,
      notificationContacts: 0,
      notifications: 0,
      optOuts: 0,
    });
    // Nothing left anywhere mentions her.
    const everything = JSON.stringify([await db.webhookReceipt.findMany(), await db.complianceRequest.findMany({ where: { topic: "customers/data_request" } })]);
    expect(everything.toLowerCase()).not.toContain("ada@example.com");
    expect(await db.shipment.count({ where: { shopDomain: TEST_APP.shop } })).toBe(1);
  });
});
