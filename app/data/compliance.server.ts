import { decodeStoredText } from "~/domain/storable-text";
import { deleteDaySummaries } from "./day-summaries.server";
import type { DbClient } from "./fulfillments.server";
import type { Db } from "./db.server";
import { deleteInquiriesOfOrders, inquiriesOfOrders } from "./inquiries.server";

/** How a customer is recognised in our data: their orders, or the hashes of their email / phone. */
export interface CustomerKeys {
  orderIds: string[];
  emailHash: string | null;
  phoneHash: string | null;
  /** Shopify's customer id: finds the customer's saved data-request exports. */
  customerId?: string | null;
}

/** Whether a kept body identifies the customer, given the tracking numbers of their parcels. */
export type KeptBodyMatcher = (body: string, topic: string, trackingNumbers: string[]) => boolean;

function customerShipmentWhere(shopDomain: string, keys: CustomerKeys) {
  return {
    shopDomain,
    OR: [
      ...(keys.orderIds.length > 0 ? [{ orderId: { in: keys.orderIds } }] : []),
      ...(keys.emailHash ? [{ customerEmailHash: keys.emailHash }] : []),
      ...(keys.phoneHash ? [{ customerPhoneHash: keys.phoneHash }] : []),
    ],
  };
}

/** Everything we hold about one customer of one shop, as plain data (the data-request export). */
export async function customerDataExport(client: DbClient, shopDomain: string, keys: CustomerKeys) {
  const where = customerShipmentWhere(shopDomain, keys);
  if (where.OR.length === 0) return { shipments: [], trackingPageViews: 0, inquiries: [], notifications: [], contacts: [] };
  const shipments = await client.shipment.findMany({
    where,
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      orderId: true,
      orderName: true,
      fulfillmentId: true,
      trackingNumber: true,
      trackingUrl: true,
      declaredCarrier: true,
      carrier: true,
      status: true,
      destinationCountry: true,
      estimatedDeliveryAt: true,
      deliveredAt: true,
      createdAt: true,
      events: {
        orderBy: { occurredAt: "asc" },
        select: { occurredAt: true, status: true, description: true, city: true, province: true, postalCode: true, country: true },
      },
    },
  });
  const ids = shipments.map((shipment) => shipment.id);
  const trackingPageViews = await client.lookupEvent.count({
    where: { shopDomain, OR: [{ shipmentId: { in: ids } }, ...(keys.orderIds.length ? [{ orderId: { in: keys.orderIds } }] : [])] },
  });
  const orderIds = [...new Set([...keys.orderIds, ...shipments.map((shipment) => shipment.orderId)])];
  const inquiries = await inquiriesOfOrders(client, shopDomain, orderIds);
  // Notifications: the messages about their orders, and their sealed contact rows (opened by the caller).
  const notifications = await client.notification.findMany({
    where: { shopDomain, orderId: { in: orderIds } },
    orderBy: { createdAt: "asc" },
    select: { orderId: true, channel: true, moment: true, state: true, sentAt: true, createdAt: true },
  });
  const contacts = await client.shopperContact.findMany({
    where: {
      shopDomain,
      OR: [
        { orderId: { in: orderIds } },
        ...(keys.emailHash ? [{ emailHash: keys.emailHash }] : []),
        ...(keys.phoneHash ? [{ phoneHash: keys.phoneHash }] : []),
      ],
    },
    select: { orderId: true, sealed: true, locale: true, purgeAfter: true, createdAt: true },
  });
  return { shipments: shipments.map(({ id: _id, ...shipment }) => shipment), trackingPageViews, inquiries, notifications, contacts };
}

export interface ErasedCounts {
  shipments: number;
  trackingEvents: number;
  lookups: number;
  writeBacks: number;
  webhookPayloads: number;
  dataRequestExports: number;
  cancelledOrders: number;
  pendingCarrierPushes: number;
  inquiries: number;
  /** Sealed contact rows, notification outbox rows and opt-outs. */
  notificationContacts?: number;
  notifications?: number;
  optOuts?: number;
  /** Worklist items (with their notes) and disputes about the customer's orders. */
  afterDelivery?: number;
  /** Creation times of the customer's orders (orders/create). */
  ordersPlaced?: number;
}

/**
 * Erases one customer's data: their shipments with every event, lookup and write-back, every
 * kept webhook or carrier-push body that identifies them (by order, email, phone, customer id or
 * tracking number: failed deliveries often never got as far as naming their order), their saved
 * data-request exports, order tombstones and pending pushes. Other customers' rows are untouched.
 */
export async function eraseCustomerData(client: DbClient, shopDomain: string, keys: CustomerKeys, keptBodyMatches: KeptBodyMatcher): Promise<ErasedCounts> {
  const where = customerShipmentWhere(shopDomain, keys);
  const shipments = where.OR.length === 0 ? [] : await client.shipment.findMany({ where, select: { id: true, orderId: true, trackingNumber: true } });
  const ids = shipments.map((shipment) => shipment.id);
  const trackingNumbers = [...new Set(shipments.map((shipment) => shipment.trackingNumber))];
  const contactWhere = {
    shopDomain,
    OR: [
      ...(keys.orderIds.length ? [{ orderId: { in: keys.orderIds } }] : []),
      ...(ids.length ? [{ orderId: { in: shipments.map((shipment) => shipment.orderId) } }] : []),
      ...(keys.emailHash ? [{ emailHash: keys.emailHash }] : []),
      ...(keys.phoneHash ? [{ phoneHash: keys.phoneHash }] : []),
    ],
  };
  const contactOrders = contactWhere.OR.length ? (await client.shopperContact.findMany({ where: contactWhere, select: { orderId: true } })).map((row) => row.orderId) : [];
  const orderIds = [...new Set([...keys.orderIds, ...shipments.map((shipment) => shipment.orderId), ...contactOrders])];
  const notificationContacts = contactWhere.OR.length ? (await client.shopperContact.deleteMany({ where: contactWhere })).count : 0;
  const optOuts = keys.emailHash ? (await client.notificationOptOut.deleteMany({ where: { shopDomain, emailHash: keys.emailHash } })).count : 0;
  const notifications = (await client.notification.deleteMany({ where: { shopDomain, orderId: { in: orderIds } } })).count;
  await client.shipmentMoment.deleteMany({ where: { shopDomain, orderId: { in: orderIds } } });
  const trackingEvents = await client.trackingEvent.deleteMany({ where: { shipmentId: { in: ids } } });
  const writeBacks = await client.writeBack.deleteMany({ where: { shipmentId: { in: ids } } });
  const lookups = await client.lookupEvent.deleteMany({
    where: { shopDomain, OR: [{ shipmentId: { in: ids } }, { orderId: { in: orderIds } }] },
  });
  const inquiries = await deleteInquiriesOfOrders(client, shopDomain, orderIds);
  const deleted = await client.shipment.deleteMany({ where: { id: { in: ids } } });
  const byOrder = await client.webhookReceipt.deleteMany({ where: { shopDomain, orderId: { in: orderIds } } });
  // Every other kept body of the shop (and unattributed carrier pushes), read in pages.
  const mentioning: string[] = [];
  for (let cursor: string | undefined; ; ) {
    const page = await client.webhookReceipt.findMany({
      where: { payload: { not: null }, OR: [{ shopDomain }, { shopDomain: "", topic: { startsWith: "carrier/" } }] },
      select: { id: true, topic: true, payload: true, payloadEncoding: true },
      orderBy: { id: "asc" },
      take: 500,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    for (const row of page) {
      const body = decodeStoredText(row.payload ?? "", row.payloadEncoding);
      const text = typeof body === "string" ? body : new TextDecoder().decode(body);
      if (keptBodyMatches(text, row.topic, trackingNumbers)) mentioning.push(row.id);
    }
    if (page.length < 500) break;
    cursor = page[page.length - 1]?.id;
  }
  const byContent = await client.webhookReceipt.deleteMany({ where: { id: { in: mentioning } } });
  const dataRequestExports = keys.customerId
    ? await client.complianceRequest.deleteMany({ where: { shopDomain, topic: "customers/data_request", customerId: keys.customerId } })
    : { count: 0 };
  const cancelledOrders = await client.cancelledOrder.deleteMany({ where: { shopDomain, orderId: { in: orderIds } } });
  const ordersPlaced = (await client.orderPlaced.deleteMany({ where: { shopDomain, orderId: { in: orderIds } } })).count;
  const pendingCarrierPushes = await client.pendingCarrierPush.deleteMany({ where: { trackingNumber: { in: trackingNumbers } } });
  const afterDelivery = await eraseAfterDeliveryOfOrders(client, shopDomain, ids, orderIds);
  return {
    shipments: deleted.count,
    trackingEvents: trackingEvents.count,
    lookups: lookups.count,
    writeBacks: writeBacks.count,
    webhookPayloads: byOrder.count + byContent.count,
    dataRequestExports: dataRequestExports.count,
    cancelledOrders: cancelledOrders.count,
    pendingCarrierPushes: pendingCarrierPushes.count,
    inquiries,
    notificationContacts,
    notifications,
    optOuts,
    ...(afterDelivery > 0 ? { afterDelivery } : {}),
    ...(ordersPlaced > 0 ? { ordersPlaced } : {}),
  };
}

/** Worklist items (notes cascade), their audit trail and disputes about these shipments/orders. */
async function eraseAfterDeliveryOfOrders(client: DbClient, shopDomain: string, shipmentIds: string[], orderIds: string[]): Promise<number> {
  const items = await client.worklistItem.findMany({
    where: { shopDomain, OR: [{ shipmentId: { in: shipmentIds } }, { orderId: { in: orderIds } }] },
    select: { id: true },
  });
  const itemIds = items.map((item) => item.id);
  const audits = await client.auditEntry.deleteMany({ where: { shopDomain, subjectId: { in: itemIds } } });
  const worklist = await client.worklistItem.deleteMany({ where: { id: { in: itemIds } } });
  const disputes = await client.dispute.deleteMany({ where: { shopDomain, orderId: { in: orderIds } } });
  const returns = await client.returnRecord.deleteMany({ where: { shopDomain, orderId: { in: orderIds } } });
  return audits.count + worklist.count + disputes.count + returns.count;
}

/**
 * shop/redact (48 hours after uninstall): everything of the shop goes — shipments and their
 * events, lookups, carrier accounts, mappings, sessions, kept webhooks and earlier compliance
 * exports. Only the record of this redaction itself remains, without personal data.
 */
export async function eraseShopData(client: DbClient, shopDomain: string): Promise<Record<string, number>> {
  const shipmentIds = (await client.shipment.findMany({ where: { shopDomain }, select: { id: true } })).map((row) => row.id);
  const counts: Record<string, number> = {};
  counts.trackingEvents = (await client.trackingEvent.deleteMany({ where: { shipmentId: { in: shipmentIds } } })).count;
  counts.writeBacks = (await client.writeBack.deleteMany({ where: { shopDomain } })).count;
  counts.notifications = (await client.notification.deleteMany({ where: { shopDomain } })).count;
  counts.shipmentMoments = (await client.shipmentMoment.deleteMany({ where: { shopDomain } })).count;
  counts.notificationContacts = (await client.shopperContact.deleteMany({ where: { shopDomain } })).count;
  counts.optOuts = (await client.notificationOptOut.deleteMany({ where: { shopDomain } })).count;
  counts.flowTriggerUses = (await client.flowTriggerUse.deleteMany({ where: { shopDomain } })).count;
  counts.lookups = (await client.lookupEvent.deleteMany({ where: { shopDomain } })).count;
  counts.shipments = (await client.shipment.deleteMany({ where: { shopDomain } })).count;
  counts.dashboardSummaries = await deleteDaySummaries(client, shopDomain);
  counts.inquiries = (await client.inquiry.deleteMany({ where: { shopDomain } })).count;
  counts.wismoSettings = (await client.wismoSettings.deleteMany({ where: { shopDomain } })).count;
  counts.carrierAccounts = (await client.carrierAccount.deleteMany({ where: { shopDomain } })).count;
  counts.carrierNameMappings = (await client.carrierNameMapping.deleteMany({ where: { shopDomain } })).count;
  counts.logos = (await client.shopLogo.deleteMany({ where: { shopDomain } })).count;
  counts.sessions = (await client.session.deleteMany({ where: { shop: shopDomain } })).count;
  counts.webhookReceipts = (await client.webhookReceipt.deleteMany({ where: { shopDomain } })).count;
  counts.complianceRequests = (await client.complianceRequest.deleteMany({ where: { shopDomain } })).count;
  counts.cancelledOrders = (await client.cancelledOrder.deleteMany({ where: { shopDomain } })).count;
  counts.ordersPlaced = (await client.orderPlaced.deleteMany({ where: { shopDomain } })).count;
  counts.worklistItems = (await client.worklistItem.deleteMany({ where: { shopDomain } })).count;
  counts.auditEntries = (await client.auditEntry.deleteMany({ where: { shopDomain } })).count;
  counts.disputes = (await client.dispute.deleteMany({ where: { shopDomain } })).count;
  counts.returns = (await client.returnRecord.deleteMany({ where: { shopDomain } })).count;
  counts.shipmentJobs = (await client.shipmentJob.deleteMany({ where: { shopDomain } })).count;
  counts.shipmentSavedViews = (await client.shipmentSavedView.deleteMany({ where: { shopDomain } })).count;
  counts.shops = (await client.shop.deleteMany({ where: { domain: shopDomain } })).count;
  return counts;
}

export async function recordComplianceRequest(
  client: DbClient,
  request: { shopDomain: string; topic: string; webhookId: string; customerId: string | null; result: unknown },
  now: Date,
): Promise<void> {
  await client.complianceRequest.create({
    data: {
      shopDomain: request.shopDomain,
      topic: request.topic,
      webhookId: request.webhookId,
      customerId: request.customerId,
      receivedAt: now,
      completedAt: now,
      resultJson: JSON.stringify(request.result),
    },
  });
}

export interface StoredComplianceRequest {
  id: string;
  shopDomain: string;
  topic: string;
  customerId: string | null;
  receivedAt: Date;
  completedAt: Date | null;
  result: unknown;
}

/** Recent compliance requests (the data-request exports the merchant hands to the customer). */
export async function listComplianceRequests(db: Db, options: { shopDomain?: string; limit?: number } = {}): Promise<StoredComplianceRequest[]> {
  const rows = await db.complianceRequest.findMany({
    where: options.shopDomain ? { shopDomain: options.shopDomain } : {},
    orderBy: { receivedAt: "desc" },
    take: Math.min(Math.max(options.limit ?? 20, 1), 500),
  });
  return rows.map(({ resultJson, webhookId: _webhookId, ...row }) => ({ ...row, result: resultJson ? (JSON.parse(resultJson) as unknown) : null }));
}
