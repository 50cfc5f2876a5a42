import type { Db } from "~/data/db.server";
import { hashCustomerEmail, hashCustomerPhone } from "~/data/identity.server";

/** Test fixtures: a shop with a two-parcel order and a look-alike order in another shop. */
export const SHOP = "test-shop.myshopify.com";
export const OTHER_SHOP = "other-shop.myshopify.com";
export const ORDER_ID = "gid://shopify/Order/5100000001";
export const FULFILLMENT_1 = "gid://shopify/Fulfillment/4200000001";
export const FULFILLMENT_2 = "gid://shopify/Fulfillment/4200000002";
export const CUSTOMER_EMAIL = "jane.doe@example.com";
export const CUSTOMER_PHONE = "+1 613 555 0123";
export const TRACKING_DELIVERED = "1Z999AA10123456784";
export const TRACKING_MOVING = "9400111899223817000000";

export async function seedTrackingFixtures(db: Db): Promise<void> {
  await db.shop.create({ data: { domain: SHOP, name: "Test Shop", timezone: "America/New_York", locales: "en,de,fr" } });
  await db.shop.create({ data: { domain: OTHER_SHOP, name: "Other Shop" } });
  const common = {
    shopDomain: SHOP,
    orderId: ORDER_ID,
    orderName: "#1001",
    orderCreatedAt: new Date("2026-11-10T15:00:00Z"),
    destinationCountry: "US",
    originCountry: "US",
    customerEmailHash: hashCustomerEmail(CUSTOMER_EMAIL),
    customerPhoneHash: hashCustomerPhone(CUSTOMER_PHONE),
  };
  await db.shipment.create({
    data: {
      ...common,
      id: "ship_delivered",
      fulfillmentId: FULFILLMENT_1,
      fulfillmentCreatedAt: new Date("2026-11-11T15:00:00Z"),
      trackingNumber: TRACKING_DELIVERED,
      declaredCarrier: "UPS",
      carrier: "ups",
      status: "delivered",
      subStatus: "left_at_door",
      pickedUpAt: new Date("2026-11-11T20:00:00Z"),
      deliveredAt: new Date("2026-11-14T17:00:00Z"),
      lastEventAt: new Date("2026-11-14T17:00:00Z"),
      shopifyStatus: "DELIVERED",
      shopifyStatusAt: new Date("2026-11-14T17:05:00Z"),
      events: {
        create: [
          { occurredAt: new Date("2026-11-11T20:00:00Z"), status: "picked_up", carrierCode: "P", description: "Pickup scan", city: "Atlanta", province: "GA", country: "US", dedupeKey: "a" },
          { occurredAt: new Date("2026-11-12T08:00:00Z"), status: "in_transit", carrierCode: "I", description: "Departed facility", city: "Louisville", province: "KY", country: "US", dedupeKey: "b" },
          { occurredAt: new Date("2026-11-14T09:00:00Z"), status: "out_for_delivery", carrierCode: "O", description: "Out for delivery", city: "Boston", province: "MA", country: "US", dedupeKey: "c" },
          { occurredAt: new Date("2026-11-14T17:00:00Z"), status: "delivered", subStatus: "left_at_door", carrierCode: "D", description: "Delivered, front door", city: "Boston", province: "MA", country: "US", dedupeKey: "d" },
        ],
      },
    },
  });
  await db.shipment.create({
    data: {
      ...common,
      id: "ship_moving",
      fulfillmentId: FULFILLMENT_2,
      fulfillmentCreatedAt: new Date("2026-11-12T15:00:00Z"),
      trackingNumber: TRACKING_MOVING,
      declaredCarrier: "USPS",
      carrier: "usps",
      status: "exception",
      subStatus: "address_problem",
      stalled: true,
      estimatedDeliveryAt: new Date("2026-11-24T15:00:00Z"),
      estimatedDeliveryEnd: new Date("2026-11-26T23:00:00Z"),
      pickedUpAt: new Date("2026-11-12T22:00:00Z"),
      lastEventAt: new Date("2026-11-15T10:00:00Z"),
      events: {
        create: [
          { occurredAt: new Date("2026-11-12T22:00:00Z"), status: "picked_up", carrierCode: "03", description: "Accepted at USPS origin facility", city: "Denver", province: "CO", country: "US", dedupeKey: "e" },
          { occurredAt: new Date("2026-11-15T10:00:00Z"), status: "exception", subStatus: "address_problem", carrierCode: "04", description: "Addressee unknown", city: "Cambridge", province: "MA", country: "US", dedupeKey: "f" },
        ],
      },
      writeBacks: {
        create: [
          {
            shopDomain: SHOP,
            fulfillmentId: FULFILLMENT_2,
            status: "exception",
            shopifyStatus: "FAILURE",
            happenedAt: new Date("2026-11-15T10:00:00Z"),
            state: "failed",
            lastError: "THROTTLED after 8 attempts",
          },
        ],
      },
    },
  });
  // Same order name and email in another shop: must never be reachable from SHOP.
  await db.shipment.create({
    data: {
      ...common,
      id: "ship_other_shop",
      shopDomain: OTHER_SHOP,
      orderId: "gid://shopify/Order/999",
      fulfillmentId: "gid://shopify/Fulfillment/999",
      trackingNumber: "OTHERSHOP123",
      status: "in_transit",
    },
  });
}
