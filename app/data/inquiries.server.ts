import type { Db } from "./db.server";
import { boolOf, rawReaderOf, requiredDateOf, textOf, type SqlRow } from "./raw-reads.server";
import type { DbClient } from "./fulfillments.server";
import { chooseInquiryParcel, type OrderParcelState, type ParcelAtInquiry } from "~/domain/wismo/inquiry-parcel";

/**
 * Inquiries ("where is my order?" contacts) and the shop's WISMO settings. Only the order, the
 * reason, the source and the parcel's state at that moment are stored; a message only sealed, and
 * only when the merchant opted in (the service decides; this layer stores what it is given).
 */
export interface NewInquiry {
  shopDomain: string;
  orderId: string | null;
  shipmentId: string | null;
  source: string;
  reason: string;
  externalId: string | null;
  parcelStatus: string | null;
  parcelLate: boolean;
  parcelStalled: boolean;
  carrier: string | null;
  lane: string | null;
  lookedAtTracking: boolean;
  notifiedBefore: boolean;
  messageSealed: string | null;
  createdAt: Date;
}

export interface StoredInquiry extends Omit<NewInquiry, "messageSealed"> {
  id: string;
  messageKept: boolean;
}

/** Stores an inquiry; a helpdesk ticket already stored (same source and ticket id) is not added again. */
export async function insertInquiry(db: Db, inquiry: NewInquiry): Promise<{ id: string; created: boolean }> {
  if (inquiry.externalId !== null) {
    const existing = await db.inquiry.findUnique({
      where: { shopDomain_source_externalId: { shopDomain: inquiry.shopDomain, source: inquiry.source, externalId: inquiry.externalId } },
      select: { id: true },
    });
    if (existing) return { id: existing.id, created: false };
  }
  try {
    const row = await db.inquiry.create({ data: inquiry, select: { id: true } });
    return { id: row.id, created: true };
  } catch (error) {
    // Two deliveries of one ticket at once: the other one stored it.
    if (inquiry.externalId !== null && (error as { code?: string }).code === "P2002") {
      const existing = await db.inquiry.findUnique({
        where: { shopDomain_source_externalId: { shopDomain: inquiry.shopDomain, source: inquiry.source, externalId: inquiry.externalId } },
        select: { id: true },
      });
      if (existing) return { id: existing.id, created: false };
    }
    throw error;
  }
}

const inquirySelect = {
  id: true,
  shopDomain: true,
  orderId: true,
  shipmentId: true,
  source: true,
  reason: true,
  externalId: true,
  parcelStatus: true,
  parcelLate: true,
  parcelStalled: true,
  carrier: true,
  lane: true,
  lookedAtTracking: true,
  notifiedBefore: true,
  messageSealed: true,
  createdAt: true,
} as const;

function toStored(row: NewInquiry & { id: string }): StoredInquiry {
  const { messageSealed, ...rest } = row;
  return { ...rest, messageKept: messageSealed !== null };
}

/** Newest first (the admin's worklist). */
export async function listInquiries(db: Db, shopDomain: string, options: { limit?: number; since?: Date } = {}): Promise<StoredInquiry[]> {
  const rows = await db.inquiry.findMany({
    where: { shopDomain, ...(options.since ? { createdAt: { gte: options.since } } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(options.limit ?? 50, 1), 500),
    select: inquirySelect,
  });
  return rows.map(toStored);
}

/** The sealed message of one inquiry, if kept. */
export async function findInquiryMessage(db: Db, shopDomain: string, id: string): Promise<string | null> {
  const row = await db.inquiry.findFirst({ where: { shopDomain, id }, select: { messageSealed: true } });
  return row?.messageSealed ?? null;
}

/** Every inquiry of the period (the dashboard's raw material), oldest first. */
export async function inquiriesBetween(db: Db, shopDomain: string, from: Date, to: Date): Promise<StoredInquiry[]> {
  const rows = await db.inquiry.findMany({
    where: { shopDomain, createdAt: { gte: from, lt: to } },
    orderBy: { createdAt: "asc" },
    select: inquirySelect,
  });
  return rows.map(toStored);
}

/** Orders whose first parcel left in the period, with when. */
export async function ordersShippedBetween(db: Db, shopDomain: string, from: Date, to: Date): Promise<{ orderId: string; firstShipmentAt: Date }[]> {
  return db.orderSummary.findMany({
    where: { shopDomain, firstShipmentAt: { gte: from, lt: to } },
    select: { orderId: true, firstShipmentAt: true },
    orderBy: { firstShipmentAt: "asc" },
  });
}

/** Of these orders, the ones with at least one inquiry (any time). */
export async function ordersWithInquiries(db: Db, shopDomain: string, orderIds: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < orderIds.length; start += 500) {
    const chunk = orderIds.slice(start, start + 500);
    const rows = await db.inquiry.findMany({ where: { shopDomain, orderId: { in: chunk } }, select: { orderId: true }, distinct: ["orderId"] });
    for (const row of rows) if (row.orderId) found.add(row.orderId);
  }
  return found;
}

export type { ParcelAtInquiry };

/** The Shipment columns the inquiry parcel choice reads (chooseInquiryParcel). */
export const ORDER_PARCEL_COLUMNS = ["id", "orderId", "status", "late", "stalled", "carrier", "originCountry", "destinationCountry", "createdAt"];

export function orderParcelStateOf(row: SqlRow): OrderParcelState {
  return {
    id: String(row.id),
    orderId: String(row.orderId),
    status: String(row.status),
    late: boolOf(row.late),
    stalled: boolOf(row.stalled),
    carrier: textOf(row.carrier),
    originCountry: textOf(row.originCountry),
    destinationCountry: textOf(row.destinationCountry),
    createdAt: requiredDateOf(row.createdAt),
  };
}

/** Every parcel of an order, as the inquiry parcel choice reads them (chooseInquiryParcel). */
export async function orderParcelStates(db: Db, shopDomain: string, orderId: string): Promise<OrderParcelState[]> {
  const rows = await rawReaderOf(db).all(
    // Ordered by the choice, not in SQL: an ORDER BY "createdAt" makes SQLite walk the shop's
    // whole (shop, createdAt) index instead of seeking the order's few parcels.
    `SELECT ${ORDER_PARCEL_COLUMNS.map((column) => `"${column}"`).join(", ")} FROM "Shipment" WHERE "shopDomain" = ? AND "orderId" = ?`,
    [shopDomain, orderId],
  );
  return rows.map(orderParcelStateOf);
}

/**
 * The order's parcel the question most likely concerns: the named one, else the first parcel not
 * yet delivered, else the most recent. Null when the order has no parcel here.
 */
export async function parcelForInquiry(db: Db, shopDomain: string, orderId: string, shipmentId: string | null): Promise<ParcelAtInquiry | null> {
  return chooseInquiryParcel(await orderParcelStates(db, shopDomain, orderId), shipmentId);
}

/** Whether the shopper looked the order up (storefront or order status page) before `at`. */
export async function shopperLookedBefore(db: Db, shopDomain: string, orderId: string, at: Date): Promise<boolean> {
  const row = await db.lookupEvent.findFirst({
    where: { shopDomain, orderId, surface: { in: ["storefront", "customer_account"] }, occurredAt: { lte: at } },
    select: { id: true },
  });
  return row !== null;
}

/**
 * Whether a status notice reached the shopper before `at`: a status Trackline wrote to Shopify
 * (Shopify sends its shipping-update emails from those fulfillment events).
 */
export async function noticeSentBefore(db: Db, shopDomain: string, orderId: string, at: Date): Promise<boolean> {
  // A shopper notice Trackline sent itself (email, SMS, Klaviyo), or a status written to Shopify,
  // which sends Shopify's own shipping-update emails.
  const sent = await db.notification.findFirst({
    where: { shopDomain, orderId, state: "sent", channel: { in: ["email", "sms", "klaviyo"] }, sentAt: { lte: at } },
    select: { id: true },
  });
  if (sent) return true;
  const row = await db.writeBack.findFirst({
    where: { shopDomain, state: "done", updatedAt: { lte: at }, shipment: { orderId } },
    select: { id: true },
  });
  return row !== null;
}

/** An order of the shop by its name ("#1001" and variants) or by the customer's email hash (newest). */
export async function findOrderForTicket(
  db: Db,
  shopDomain: string,
  keys: { orderNames: readonly string[]; emailHash: string | null },
): Promise<string | null> {
  if (keys.orderNames.length > 0) {
    const byName = await db.shipment.findFirst({ where: { shopDomain, orderName: { in: [...keys.orderNames] } }, select: { orderId: true } });
    if (byName) return byName.orderId;
  }
  if (keys.emailHash) {
    const byEmail = await db.shipment.findFirst({
      where: { shopDomain, customerEmailHash: keys.emailHash },
      orderBy: { createdAt: "desc" },
      select: { orderId: true },
    });
    if (byEmail) return byEmail.orderId;
  }
  return null;
}

export interface WismoSettingsRecord {
  shopDomain: string;
  holdoutEnabled: boolean;
  holdoutPercent: number;
  holdoutKey: string;
  holdoutStartedAt: Date | null;
  keepMessages: boolean;
  gorgiasSecretSealed: string | null;
  zendeskSecretSealed: string | null;
  apiSecretSealed: string | null;
}

const settingsSelect = {
  shopDomain: true,
  holdoutEnabled: true,
  holdoutPercent: true,
  holdoutKey: true,
  holdoutStartedAt: true,
  keepMessages: true,
  gorgiasSecretSealed: true,
  zendeskSecretSealed: true,
  apiSecretSealed: true,
} as const;

/**
 * The shop's WISMO settings, created with defaults (holdout off, messages not kept) on first read.
 * Two first reads at once (racing dispatchers) both try to create: the loser reads the winner's row.
 */
export async function findWismoSettings(db: Db, shopDomain: string, newHoldoutKey: () => string): Promise<WismoSettingsRecord> {
  const existing = await db.wismoSettings.findUnique({ where: { shopDomain }, select: settingsSelect });
  if (existing) return existing;
  try {
    await db.shop.upsert({ where: { domain: shopDomain }, create: { domain: shopDomain }, update: {} });
    return await db.wismoSettings.upsert({
      where: { shopDomain },
      create: { shopDomain, holdoutKey: newHoldoutKey() },
      update: {},
      select: settingsSelect,
    });
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    return db.wismoSettings.findUniqueOrThrow({ where: { shopDomain }, select: settingsSelect });
  }
}

export type WismoSettingsUpdate = Partial<Omit<WismoSettingsRecord, "shopDomain" | "holdoutKey">>;

export async function updateWismoSettings(db: Db, shopDomain: string, update: WismoSettingsUpdate, newHoldoutKey: () => string): Promise<WismoSettingsRecord> {
  await findWismoSettings(db, shopDomain, newHoldoutKey);
  return db.wismoSettings.update({ where: { shopDomain }, data: update, select: settingsSelect });
}

/** For compliance: the inquiries about these orders. */
export async function inquiriesOfOrders(client: DbClient, shopDomain: string, orderIds: readonly string[]) {
  if (orderIds.length === 0) return [];
  const rows = await client.inquiry.findMany({
    where: { shopDomain, orderId: { in: [...orderIds] } },
    orderBy: { createdAt: "asc" },
    select: { orderId: true, source: true, reason: true, parcelStatus: true, carrier: true, createdAt: true, messageSealed: true },
  });
  return rows.map(({ messageSealed, ...row }) => ({ ...row, messageKept: messageSealed !== null }));
}

export async function deleteInquiriesOfOrders(client: DbClient, shopDomain: string, orderIds: readonly string[]): Promise<number> {
  if (orderIds.length === 0) return 0;
  return (await client.inquiry.deleteMany({ where: { shopDomain, orderId: { in: [...orderIds] } } })).count;
}

/** The order a shipment of the shop belongs to. */
export async function orderIdOfShipment(db: Db, shopDomain: string, shipmentId: string): Promise<string | null> {
  const row = await rawReaderOf(db).first(`SELECT "orderId" FROM "Shipment" WHERE "shopDomain" = ? AND "id" = ? LIMIT 1`, [shopDomain, shipmentId]);
  return row ? String(row.orderId) : null;
}

/** Inquiries about an order from one source since an instant (the per-order cap of shopper messages). */
export async function countInquiriesSince(db: Db, shopDomain: string, orderId: string, sources: readonly string[], since: Date): Promise<number> {
  return db.inquiry.count({ where: { shopDomain, orderId, source: { in: [...sources] }, createdAt: { gte: since } } });
}

/** Shopper lookups (storefront and order status page, not admin views) in [from, to). */
export async function countShopperLookups(db: Db, shopDomain: string, from: Date, to: Date): Promise<number> {
  return db.lookupEvent.count({ where: { shopDomain, surface: { in: ["storefront", "customer_account"] }, occurredAt: { gte: from, lt: to } } });
}

/** The sealed messages of these inquiries of the shop (only those kept). */
export async function sealedMessagesOf(db: Db, shopDomain: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.inquiry.findMany({ where: { shopDomain, id: { in: [...ids] }, messageSealed: { not: null } }, select: { id: true, messageSealed: true } });
  return new Map(rows.flatMap((row) => (row.messageSealed ? [[row.id, row.messageSealed] as const] : [])));
}
