import { beforeEach, describe, expect, it, vi } from "vitest";
import { database } from "~/data/client.server";
import { listComplianceRequests } from "~/data/compliance.server";
import { purgeExpiredContacts, schedulePurges } from "~/data/notifications.server";
import { action as dataRequest } from "~/routes/webhooks.customers.data_request";
import { action as customerRedact } from "~/routes/webhooks.customers.redact";
import { action as fulfillmentCreated } from "~/routes/webhooks.fulfillments.create";
import { action as shopRedact } from "~/routes/webhooks.shop.redact";
import { signedWebhookRequest, TEST_APP } from "~/testing/shopify-requests";
import { fulfillmentWebhookPayload } from "~/services/ingestion/fulfillment-webhook-builder.server";
import { contactFromFulfillmentPayload, openContact } from "./contacts.server";

// The sealing key must be in the environment before the app first reads it (imports run first).
vi.hoisted(() => {
  process.env.CREDENTIALS_KEY = Buffer.from("notification-contacts-test-key!!").toString("base64");
});

const DAY = 86_400_000;

async function post(route: typeof dataRequest, topic: string, body: unknown) {
  const request = signedWebhookRequest({ topic, body });
  return route({ request, params: {}, context: {} }).catch((error: unknown) => {
    if (error instanceof Response) return error;
    throw error;
  });
}

async function fulfil(order: number, email: string, firstName: string) {
  const body = {
    ...fulfillmentWebhookPayload({
      fulfillmentId: 800 + order,
      orderId: 900 + order,
      orderName: `#20${order}`,
      createdAt: new Date("2026-11-20T10:00:00Z"),
      trackingCompany: null,
      trackingNumbers: [order === 1 ? "1Z999AA10123456784" : "132529281114"],
      destinationCountry: "JP",
      lineItemCount: 2,
      email,
      phone: "+81 90 1234 5678",
    }),
    customer_locale: "ja",
  } as Record<string, unknown>;
  body.destination = { ...(body.destination as object), first_name: firstName };
  expect((await post(fulfillmentCreated, "fulfillments/create", body)).status).toBe(200);
}

describe("shopper contacts for notifications", () => {
  beforeEach(async () => {
    const { db } = database();
    await db.shopperContact.deleteMany({});
    await db.shipment.deleteMany({});
    await db.complianceRequest.deleteMany({});
  });

  it("are captured sealed from the fulfillment webhook, never in plain text", async () => {
    const log = vi.spyOn(console, "log");
    await fulfil(1, "hana@example.jp", "Hana");
    const [row] = await database().db.shopperContact.findMany();
    expect(row).toMatchObject({ shopDomain: TEST_APP.shop, orderId: "gid://shopify/Order/901", locale: "ja" });
    expect(row?.sealed).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain("hana@example.jp");
    expect(JSON.stringify(row)).not.toContain("Hana");
    expect(openContact(process.env.CREDENTIALS_KEY as string, TEST_APP.shop, "gid://shopify/Order/901", row!.sealed)).toEqual({
      email: "hana@example.jp",
      phone: "+81 90 1234 5678",
      firstName: "Hana",
    });
    // Bound to its order: the same box on another order does not open.
    expect(() => openContact(process.env.CREDENTIALS_KEY as string, TEST_APP.shop, "gid://shopify/Order/902", row!.sealed)).toThrow(/cannot be opened/);
    expect(log.mock.calls.flat().join(" ")).not.toContain("hana@example.jp");
  });

  it("reads first name, phone and locale from the payload, and nothing without an address", () => {
    expect(contactFromFulfillmentPayload({ email: "a@b.co", destination: { first_name: " Ana ", phone: "+33 6 12 34 56 78" }, customer_locale: "fr-CA" })).toEqual({
      email: "a@b.co",
      phone: "+33 6 12 34 56 78",
      firstName: "Ana",
      locale: "fr-CA",
    });
    expect(contactFromFulfillmentPayload({ email: null, destination: { first_name: "Ana" } })).toBeNull();
  });

  it("are listed in the data request export, erased by customers/redact and shop/redact", async () => {
    await fulfil(1, "hana@example.jp", "Hana");
    await fulfil(2, "ken@example.jp", "Ken");
    const request = { shop_id: 1, shop_domain: TEST_APP.shop, customer: { id: 5, email: "hana@example.jp", phone: null }, orders_requested: [901], data_request: { id: 9 } };
    expect((await post(dataRequest, "customers/data_request", request)).status).toBe(200);
    const [exported] = await listComplianceRequests(database().db, { shopDomain: TEST_APP.shop });
    const listed = (exported?.result as { notificationContacts: { sealed: string }[] }).notificationContacts;
    expect(listed).toEqual([{ orderId: "gid://shopify/Order/901", locale: "ja", keptUntil: null, fields: ["email", "phone", "firstName"], sealed: expect.any(String) }]);
    // Listed sealed (the stored export is no plaintext copy); the key opens it for the merchant.
    expect(JSON.stringify(exported?.result)).not.toContain("hana@example.jp");
    expect(openContact(process.env.CREDENTIALS_KEY as string, TEST_APP.shop, "gid://shopify/Order/901", listed[0]!.sealed)).toEqual({
      email: "hana@example.jp",
      phone: "+81 90 1234 5678",
      firstName: "Hana",
    });

    const redact = { shop_id: 1, shop_domain: TEST_APP.shop, customer: { id: 5, email: "hana@example.jp", phone: null }, orders_to_redact: [901] };
    expect((await post(customerRedact, "customers/redact", redact)).status).toBe(200);
    expect((await database().db.shopperContact.findMany()).map((row) => row.orderId)).toEqual(["gid://shopify/Order/902"]);

    expect((await post(shopRedact, "shop/redact", { shop_id: 1, shop_domain: TEST_APP.shop })).status).toBe(200);
    expect(await database().db.shopperContact.count()).toBe(0);
  });

  it("are kept until N days after the order's last delivery, then purged", async () => {
    await fulfil(1, "hana@example.jp", "Hana");
    const { db } = database();
    const now = new Date("2026-12-01T00:00:00Z");
    // Still travelling: no purge date.
    expect(await schedulePurges(db, now, () => 60 * DAY)).toBe(0);
    const deliveredAt = new Date("2026-11-25T00:00:00Z");
    await db.shipment.updateMany({ data: { status: "delivered", deliveredAt } });
    expect(await schedulePurges(db, now, () => 60 * DAY)).toBe(1);
    expect((await db.shopperContact.findFirstOrThrow()).purgeAfter).toEqual(new Date(deliveredAt.getTime() + 60 * DAY));
    expect(await purgeExpiredContacts(db, new Date(deliveredAt.getTime() + 59 * DAY))).toBe(0);
    expect(await purgeExpiredContacts(db, new Date(deliveredAt.getTime() + 60 * DAY))).toBe(1);
    expect(await db.shopperContact.count()).toBe(0);
  });
});
