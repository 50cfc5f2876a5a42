import { isCanonicalStatus, isSubStatus, type CanonicalEvent, type CanonicalStatus, type SubStatus } from "~/domain/status";
import type { Db } from "./db.server";
import { parseStoredPod, type ProofOfDelivery } from "~/domain/proof-of-delivery";

/**
 * Read side of the shopper and support surfaces: a shipment with its carrier events and where its
 * write-back to Shopify stands, found by order, fulfillment, order name or tracking number —
 * always inside one shop.
 */
export interface TrackedShipment {
  id: string;
  shopDomain: string;
  orderId: string;
  orderName: string;
  orderCreatedAt: Date | null;
  fulfillmentId: string;
  fulfillmentCreatedAt: Date | null;
  trackingNumber: string;
  trackingUrl: string | null;
  carrier: string | null;
  declaredCarrier: string | null;
  status: CanonicalStatus;
  subStatus: SubStatus | null;
  flags: { stalled: boolean; late: boolean; notPickedUp: boolean };
  estimatedDeliveryAt: Date | null;
  estimatedDeliveryEnd: Date | null;
  predictedDeliveryAt: Date | null;
  /** Trackline's P10–P90 window and which estimate the shopper is shown (trackline | carrier). */
  predictedDeliveryStart?: Date | null;
  predictedDeliveryEnd?: Date | null;
  estimateSource?: string | null;
  pickedUpAt: Date | null;
  deliveredAt: Date | null;
  lastEventAt: Date | null;
  lastCheckedAt: Date | null;
  originCountry: string | null;
  destinationCountry: string | null;
  trackingStoppedAt: Date | null;
  shopifyStatus: string | null;
  shopifyStatusAt: Date | null;
  events: CanonicalEvent[];
  isReturn: boolean;
  /** Set on a shopper's return parcel (the Shopify Return gid). */
  returnId: string | null;
  /** What the carrier stated at delivery (null when it stated nothing). */
  proofOfDelivery: ProofOfDelivery | null;
  /** The fulfillment's line items (name, quantity, image when known); absent on older rows. */
  lineItems?: { name: string; quantity: number; imageUrl?: string | null }[];
  /** The newest write-back outbox row of the shipment, if any. */
  latestWriteBack: { state: string; status: string; lastError: string | null; updatedAt: Date } | null;
}

/** Proof-of-ownership material for the storefront's order-number lookup (never shown to anyone). */
export interface ShipmentOwnerHashes {
  customerEmailHash: string | null;
  customerPhoneHash: string | null;
}

const shipmentInclude = {
  events: { orderBy: [{ occurredAt: "asc" as const }, { id: "asc" as const }] },
  writeBacks: {
    orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }],
    take: 1,
    select: { state: true, status: true, lastError: true, updatedAt: true },
  },
};

type ShipmentRow = NonNullable<Awaited<ReturnType<typeof loadOne>>>;

function loadOne(db: Db, shopDomain: string, id: string) {
  return db.shipment.findFirst({ where: { id, shopDomain }, include: shipmentInclude });
}

function toEvent(row: ShipmentRow["events"][number]): CanonicalEvent {
  const location = {
    ...(row.city ? { city: row.city } : {}),
    ...(row.province ? { province: row.province } : {}),
    ...(row.postalCode ? { postalCode: row.postalCode } : {}),
    ...(row.country ? { country: row.country } : {}),
  };
  return {
    occurredAt: row.occurredAt.toISOString(),
    ...(row.localTime ? { localTime: row.localTime } : {}),
    status: isCanonicalStatus(row.status) ? row.status : "unknown",
    ...(row.subStatus && isSubStatus(row.subStatus) ? { subStatus: row.subStatus } : {}),
    carrierCode: row.carrierCode,
    description: row.description,
    ...(Object.keys(location).length > 0 ? { location } : {}),
  };
}

function toTrackedShipment(row: ShipmentRow): TrackedShipment {
  const writeBack = row.writeBacks[0];
  return {
    id: row.id,
    shopDomain: row.shopDomain,
    orderId: row.orderId,
    orderName: row.orderName,
    orderCreatedAt: row.orderCreatedAt,
    fulfillmentId: row.fulfillmentId,
    fulfillmentCreatedAt: row.fulfillmentCreatedAt,
    trackingNumber: row.trackingNumber,
    trackingUrl: row.trackingUrl,
    carrier: row.carrier,
    declaredCarrier: row.declaredCarrier,
    status: isCanonicalStatus(row.status) ? row.status : "unknown",
    subStatus: row.subStatus && isSubStatus(row.subStatus) ? row.subStatus : null,
    flags: { stalled: row.stalled, late: row.late, notPickedUp: row.notPickedUp },
    estimatedDeliveryAt: row.estimatedDeliveryAt,
    estimatedDeliveryEnd: row.estimatedDeliveryEnd,
    predictedDeliveryAt: row.predictedDeliveryAt,
    predictedDeliveryStart: row.predictedDeliveryStart,
    predictedDeliveryEnd: row.predictedDeliveryEnd,
    estimateSource: row.estimateSource,
    pickedUpAt: row.pickedUpAt,
    deliveredAt: row.deliveredAt,
    lastEventAt: row.lastEventAt,
    lastCheckedAt: row.lastCheckedAt,
    originCountry: row.originCountry,
    destinationCountry: row.destinationCountry,
    trackingStoppedAt: row.trackingStoppedAt,
    shopifyStatus: row.shopifyStatus,
    shopifyStatusAt: row.shopifyStatusAt,
    events: row.events.map(toEvent),
    isReturn: row.isReturn,
    returnId: row.returnId,
    proofOfDelivery: parseStoredPod(row.proofOfDeliveryJson),
    lineItems: parseStoredLineItems(row.lineItemsJson),
    latestWriteBack: writeBack
      ? { state: writeBack.state, status: writeBack.status, lastError: writeBack.lastError, updatedAt: writeBack.updatedAt }
      : null,
  };
}

/** Stored line items, read leniently: anything unreadable is left out. */
function parseStoredLineItems(json: string | null): { name: string; quantity: number; imageUrl: string | null }[] {
  if (!json) return [];
  try {
    const value = JSON.parse(json) as unknown;
    if (!Array.isArray(value)) return [];
    return value.flatMap((item: unknown) => {
      const record = item as { name?: unknown; quantity?: unknown; imageUrl?: unknown };
      if (typeof record?.name !== "string" || typeof record.quantity !== "number") return [];
      return [{ name: record.name, quantity: record.quantity, imageUrl: typeof record.imageUrl === "string" ? record.imageUrl : null }];
    });
  } catch {
    return [];
  }
}

const parcelOrder = [{ fulfillmentCreatedAt: "asc" as const }, { createdAt: "asc" as const }, { id: "asc" as const }];

/** Every parcel of one order, first shipped first. */
export async function findOrderShipments(db: Db, shopDomain: string, orderId: string): Promise<TrackedShipment[]> {
  const rows = await db.shipment.findMany({ where: { shopDomain, orderId }, include: shipmentInclude, orderBy: parcelOrder });
  return rows.map(toTrackedShipment);
}

export async function findShipment(db: Db, shopDomain: string, id: string): Promise<TrackedShipment | null> {
  const row = await loadOne(db, shopDomain, id);
  return row ? toTrackedShipment(row) : null;
}

/**
 * The order's shipments with the hashes that prove a shopper owns it, for the order-number
 * lookup. `orderNames` lists the spellings to try ("1001" and "#1001").
 */
export async function findShipmentsByOrderName(
  db: Db,
  shopDomain: string,
  orderNames: readonly string[],
): Promise<{ orderId: string; owner: ShipmentOwnerHashes }[]> {
  const rows = await db.shipment.findMany({
    where: { shopDomain, orderName: { in: [...orderNames] } },
    select: { orderId: true, customerEmailHash: true, customerPhoneHash: true },
    orderBy: parcelOrder,
  });
  return rows.map((row) => ({
    orderId: row.orderId,
    owner: { customerEmailHash: row.customerEmailHash, customerPhoneHash: row.customerPhoneHash },
  }));
}

/** Shipments carrying this tracking number (any of the given spellings) in the shop; normally one. */
export async function findShipmentsByTrackingNumber(
  db: Db,
  shopDomain: string,
  spellings: readonly string[],
): Promise<TrackedShipment[]> {
  const rows = await db.shipment.findMany({
    where: { shopDomain, trackingNumber: { in: [...spellings] } },
    include: shipmentInclude,
    orderBy: parcelOrder,
  });
  return rows.map(toTrackedShipment);
}

/** The shop's shopper-facing settings: name, time zone, branding and offered languages. */
export interface ShopPresentation {
  domain: string;
  name: string | null;
  timezone: string;
  brandAccentColor: string | null;
  brandLogoUrl: string | null;
  locales: string[];
}

export async function findShopPresentation(db: Db, domain: string): Promise<ShopPresentation | null> {
  const shop = await db.shop.findUnique({
    where: { domain },
    select: { domain: true, name: true, timezone: true, brandAccentColor: true, brandLogoUrl: true, locales: true, uninstalledAt: true },
  });
  if (!shop || shop.uninstalledAt) return null;
  return {
    domain: shop.domain,
    name: shop.name,
    timezone: shop.timezone,
    brandAccentColor: shop.brandAccentColor,
    brandLogoUrl: shop.brandLogoUrl,
    locales: shop.locales.split(",").map((locale) => locale.trim()).filter(Boolean),
  };
}
