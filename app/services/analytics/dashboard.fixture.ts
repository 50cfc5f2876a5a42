import type { Db } from "~/data/db.server";
import { customerEmailHash } from "~/data/shipments.server";

/**
 * A small hand-checked shop for the analytics tests: every number the dashboard shows for
 * 2026-11-01 … 2026-11-20 (UTC shop) is worked out in dashboard.contract.ts from these rows.
 */
export const FIXTURE_SHOP = "fixture-shop.myshopify.com";
export const FIXTURE_OTHER_SHOP = "fixture-other.myshopify.com";
export const FIXTURE_NOW = new Date("2026-11-20T12:00:00Z");
export const FIXTURE_PERIOD = new URLSearchParams({ period: "custom", from: "2026-11-01", to: "2026-11-20" });

const at = (iso: string) => new Date(iso);

interface Row {
  id: string;
  order: string;
  carrier: string | null;
  status: string;
  createdAt: string;
  origin?: string;
  destination?: string;
  subStatus?: string;
  orderCreatedAt?: string;
  deliveredAt?: string;
  estimatedDeliveryAt?: string;
  predictedDeliveryAt?: string;
  stalled?: boolean;
  late?: boolean;
  notPickedUp?: boolean;
  trackingIssue?: string;
  email?: string;
}

const ROWS: Row[] = [
  { id: "s1", order: "O1", carrier: "ups", status: "delivered", origin: "US", destination: "US", createdAt: "2026-11-02T10:00:00Z", orderCreatedAt: "2026-11-01T10:00:00Z", deliveredAt: "2026-11-05T15:00:00Z", estimatedDeliveryAt: "2026-11-05T20:00:00Z", email: "ada@example.com" },
  { id: "s2", order: "O2", carrier: "ups", status: "delivered", origin: "US", destination: "CA", createdAt: "2026-11-06T10:00:00Z", orderCreatedAt: "2026-11-05T10:00:00Z", deliveredAt: "2026-11-13T10:00:00Z", estimatedDeliveryAt: "2026-11-11T12:00:00Z" },
  { id: "s3", order: "O3", carrier: "fedex", status: "delivered", origin: "US", destination: "US", createdAt: "2026-11-03T10:00:00Z", deliveredAt: "2026-11-04T10:00:00Z", predictedDeliveryAt: "2026-11-04T09:00:00Z" },
  { id: "s4", order: "O4", carrier: "fedex", status: "in_transit", origin: "US", destination: "US", createdAt: "2026-11-10T10:00:00Z", stalled: true },
  { id: "s5", order: "O5", carrier: "fedex", status: "exception", subStatus: "customs_hold", origin: "US", destination: "GB", createdAt: "2026-11-11T10:00:00Z" },
  { id: "s6", order: "O6", carrier: null, status: "invalid", createdAt: "2026-11-12T10:00:00Z", trackingIssue: "invalid_number" },
  { id: "s7", order: "O7", carrier: "usps", status: "pending", createdAt: "2026-11-12T11:00:00Z", notPickedUp: true, trackingIssue: "carrier_mismatch" },
  { id: "s8", order: "O8", carrier: "usps", status: "attempt_failed", subStatus: "recipient_unavailable", createdAt: "2026-11-14T10:00:00Z", late: true },
  { id: "s9", order: "O8", carrier: "ups", status: "out_for_delivery", createdAt: "2026-11-15T10:00:00Z" },
  // Created before the period, delivered inside it: counts for delivery times, not for volume.
  { id: "s10", order: "O10", carrier: "ups", status: "delivered", origin: "US", destination: "GB", createdAt: "2026-10-20T10:00:00Z", deliveredAt: "2026-11-03T10:00:00Z" },
  // After the period.
  { id: "s11", order: "O11", carrier: "ups", status: "info_received", createdAt: "2026-11-21T10:00:00Z" },
];

const LOOKUPS: { order: string; shipment: string; surface: string; at: string }[] = [
  { order: "O1", shipment: "s1", surface: "storefront", at: "2026-11-06T12:00:00Z" },
  { order: "O1", shipment: "s1", surface: "storefront", at: "2026-11-07T12:00:00Z" },
  { order: "O2", shipment: "s2", surface: "customer_account", at: "2026-11-07T13:00:00Z" },
  { order: "O4", shipment: "s4", surface: "admin", at: "2026-11-10T12:00:00Z" },
  { order: "O10", shipment: "s10", surface: "storefront", at: "2026-11-02T12:00:00Z" },
  { order: "O1", shipment: "s1", surface: "storefront", at: "2026-10-30T12:00:00Z" },
];

export async function seedAnalyticsFixture(db: Db): Promise<void> {
  await db.shop.createMany({ data: [{ domain: FIXTURE_SHOP, timezone: "UTC" }, { domain: FIXTURE_OTHER_SHOP, timezone: "UTC" }] });
  await db.shipment.createMany({
    data: ROWS.map((row) => ({
      id: row.id,
      shopDomain: FIXTURE_SHOP,
      orderId: `gid://shopify/Order/${row.order}`,
      orderName: `#${1000 + Number(row.id.slice(1))}`,
      orderCreatedAt: row.orderCreatedAt ? at(row.orderCreatedAt) : null,
      fulfillmentId: `gid://shopify/Fulfillment/${row.id}`,
      fulfillmentCreatedAt: at(row.createdAt),
      trackingNumber: `1Z${row.id.toUpperCase()}`,
      carrier: row.carrier,
      status: row.status,
      subStatus: row.subStatus ?? null,
      originCountry: row.origin ?? null,
      destinationCountry: row.destination ?? null,
      deliveredAt: row.deliveredAt ? at(row.deliveredAt) : null,
      estimatedDeliveryAt: row.estimatedDeliveryAt ? at(row.estimatedDeliveryAt) : null,
      predictedDeliveryAt: row.predictedDeliveryAt ? at(row.predictedDeliveryAt) : null,
      stalled: row.stalled ?? false,
      late: row.late ?? false,
      notPickedUp: row.notPickedUp ?? false,
      trackingIssue: row.trackingIssue ?? null,
      customerEmailHash: row.email ? customerEmailHash(row.email) : null,
      createdAt: at(row.createdAt),
    })),
  });
  await db.lookupEvent.createMany({
    data: LOOKUPS.map((lookup) => ({
      shopDomain: FIXTURE_SHOP,
      orderId: `gid://shopify/Order/${lookup.order}`,
      shipmentId: lookup.shipment,
      surface: lookup.surface,
      occurredAt: at(lookup.at),
    })),
  });
  // The other shop: same orders' ids, a delivery and lookups that must never leak into the first.
  await db.shipment.create({
    data: {
      id: "other1",
      shopDomain: FIXTURE_OTHER_SHOP,
      orderId: "gid://shopify/Order/O1",
      orderName: "#1001",
      fulfillmentId: "gid://shopify/Fulfillment/other1",
      trackingNumber: "1ZS1",
      carrier: "ups",
      status: "exception",
      stalled: true,
      createdAt: at("2026-11-05T10:00:00Z"),
      deliveredAt: at("2026-11-06T10:00:00Z"),
    },
  });
  await db.lookupEvent.create({
    data: { shopDomain: FIXTURE_OTHER_SHOP, orderId: "gid://shopify/Order/O1", shipmentId: "other1", surface: "storefront", occurredAt: at("2026-11-06T12:00:00Z") },
  });
}
