import { hashCustomerEmail } from "./identity.server";
import type { CanonicalStatus } from "~/domain/status";
import type { Prisma } from "./generated/sqlite/client";
import type { Db } from "./db.server";

/** One row of the admin shipments list. */
export interface ShipmentListItem {
  id: string;
  orderName: string;
  trackingNumber: string;
  carrier: string | null;
  declaredCarrier: string | null;
  status: CanonicalStatus;
  subStatus: string | null;
  flags: { stalled: boolean; late: boolean; notPickedUp: boolean };
  trackingIssue: string | null;
  isReturn: boolean;
  destinationCountry: string | null;
  estimatedDeliveryAt: Date | null;
  lastEventAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

export interface ShipmentPage {
  items: ShipmentListItem[];
  /** Pass back as `after` for the next page; null on the last page. */
  nextCursor: string | null;
  /** Every shipment matching the filter, not just this page. */
  total: number;
}

/** The "needs attention" buckets of the dashboard; each is also a list filter. */
import { ATTENTION_KINDS, SHIPMENT_SORTS, type AttentionKind, type ShipmentSort } from "~/domain/shipment-list-views";

export { ATTENTION_KINDS, SHIPMENT_SORTS, type AttentionKind, type ShipmentSort };

/** Carrier filter value for shipments whose carrier is not resolved yet. */
export const UNRESOLVED_CARRIER = "unresolved";

/**
 * What the shipments list (and the CSV export, and every dashboard count) selects. Values inside
 * one field are alternatives (OR); fields combine with AND.
 */
export interface ShipmentFilter {
  statuses?: readonly string[];
  attention?: readonly AttentionKind[];
  carriers?: readonly string[];
  destinationCountries?: readonly string[];
  /** Fulfillment (shipment creation) instant range, [from, before). */
  createdFrom?: Date;
  createdBefore?: Date;
  isReturn?: boolean;
  /** Start of an order name or tracking number, or a customer's full email (matched through its hash). */
  search?: string;
}


export const listSelect = {
  id: true,
  orderName: true,
  trackingNumber: true,
  carrier: true,
  declaredCarrier: true,
  status: true,
  subStatus: true,
  stalled: true,
  late: true,
  notPickedUp: true,
  trackingIssue: true,
  isReturn: true,
  destinationCountry: true,
  estimatedDeliveryAt: true,
  lastEventAt: true,
  deliveredAt: true,
  createdAt: true,
} as const satisfies Prisma.ShipmentSelect;

type ListRow = Prisma.ShipmentGetPayload<{ select: typeof listSelect }>;

function toListItem(row: ListRow): ShipmentListItem {
  return {
    id: row.id,
    orderName: row.orderName,
    trackingNumber: row.trackingNumber,
    carrier: row.carrier,
    declaredCarrier: row.declaredCarrier,
    status: row.status as CanonicalStatus,
    subStatus: row.subStatus,
    flags: { stalled: row.stalled, late: row.late, notPickedUp: row.notPickedUp },
    trackingIssue: row.trackingIssue,
    isReturn: row.isReturn,
    destinationCountry: row.destinationCountry,
    estimatedDeliveryAt: row.estimatedDeliveryAt,
    lastEventAt: row.lastEventAt,
    deliveredAt: row.deliveredAt,
    createdAt: row.createdAt,
  };
}

/**
 * The keyed hash `customerEmailHash` is stored as, so the admin can find a customer's parcels
 * without the address ever being kept.
 */
export function customerEmailHash(email: string): string {
  return hashCustomerEmail(email);
}

const ATTENTION_WHERE: Record<AttentionKind, Prisma.ShipmentWhereInput> = {
  stalled: { stalled: true },
  late: { late: true },
  exception: { status: "exception" },
  invalid: { OR: [{ status: "invalid" }, { trackingIssue: { not: null } }] },
  not_picked_up: { notPickedUp: true },
};

/**
 * Text that starts with `prefix`, as a range on the column (an index range scan on the
 * (shopDomain, column) indexes under bytewise collation) with the exact prefix test on top.
 */
function startsWith(prefix: string) {
  return { gte: prefix, lt: `${prefix}\uffff`, startsWith: prefix };
}

/**
 * Search: the start of an order name (with or without "#") or of a tracking number (spaces and
 * dashes ignored), or one customer's full email address (only its keyed hash is stored, so an
 * address matches exactly or not at all).
 */
function searchWhere(search: string): Prisma.ShipmentWhereInput {
  const text = search.trim();
  if (text.includes("@")) return { customerEmailHash: customerEmailHash(text) };
  const orderPrefixes = text.startsWith("#") ? [text] : [text, `#${text}`];
  const compactNumber = text.replace(/[\s-]/g, "").toUpperCase();
  return {
    OR: [
      ...orderPrefixes.map((prefix) => ({ orderName: startsWith(prefix) })),
      ...[...new Set([text, compactNumber])].filter(Boolean).map((prefix) => ({ trackingNumber: startsWith(prefix) })),
    ],
  };
}

/** The Prisma condition of a filter: the one definition the list, the export and the dashboard share. */
export function shipmentWhere(shopDomain: string, filter: ShipmentFilter = {}): Prisma.ShipmentWhereInput {
  const and: Prisma.ShipmentWhereInput[] = [];
  if (filter.statuses?.length) and.push({ status: { in: [...filter.statuses] } });
  if (filter.attention?.length) and.push({ OR: filter.attention.map((kind) => ATTENTION_WHERE[kind]) });
  if (filter.carriers?.length) {
    const named = filter.carriers.filter((carrier) => carrier !== UNRESOLVED_CARRIER);
    const options: Prisma.ShipmentWhereInput[] = [];
    if (named.length) options.push({ carrier: { in: named } });
    if (named.length !== filter.carriers.length) options.push({ carrier: null });
    and.push(options.length === 1 ? options[0]! : { OR: options });
  }
  if (filter.destinationCountries?.length) and.push({ destinationCountry: { in: [...filter.destinationCountries] } });
  if (filter.createdFrom || filter.createdBefore) {
    and.push({
      createdAt: {
        ...(filter.createdFrom ? { gte: filter.createdFrom } : {}),
        ...(filter.createdBefore ? { lt: filter.createdBefore } : {}),
      },
    });
  }
  if (filter.isReturn !== undefined) and.push({ isReturn: filter.isReturn });
  if (filter.search?.trim()) and.push(searchWhere(filter.search));
  return and.length ? { shopDomain, AND: and } : { shopDomain };
}

interface Cursor {
  sort: ShipmentSort;
  /** ISO instant (date sorts) or the order name. */
  value: string;
  id: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.value, cursor.id])).toString("base64url");
}

/** A cursor from another sort, or garbage, means "first page": never an error page for a stale link. */
function decodeCursor(text: string, sort: ShipmentSort): Cursor | null {
  try {
    const parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(parsed) || parsed.length !== 3 || parsed.some((part) => typeof part !== "string")) return null;
    const [cursorSort, value, id] = parsed as [string, string, string];
    if (cursorSort !== sort) return null;
    if ((sort === "newest" || sort === "oldest") && Number.isNaN(Date.parse(value))) return null;
    return { sort, value, id };
  } catch {
    return null;
  }
}

function orderingOf(sort: ShipmentSort): { field: "createdAt" | "orderName"; direction: "asc" | "desc" } {
  switch (sort) {
    case "newest":
      return { field: "createdAt", direction: "desc" };
    case "oldest":
      return { field: "createdAt", direction: "asc" };
    case "order_asc":
      return { field: "orderName", direction: "asc" };
    case "order_desc":
      return { field: "orderName", direction: "desc" };
  }
}

/** Rows strictly after the cursor in (field, id) order: keyset pagination, as fast on page 200 as on page 1. */
function afterCursor(cursor: Cursor): Prisma.ShipmentWhereInput {
  const { field, direction } = orderingOf(cursor.sort);
  const value = field === "createdAt" ? new Date(cursor.value) : cursor.value;
  const beyond = direction === "desc" ? "lt" : "gt";
  const upTo = direction === "desc" ? "lte" : "gte";
  // The first condition alone bounds an index range; without it SQLite scans the OR from the start.
  return {
    AND: [
      { [field]: { [upTo]: value } },
      { OR: [{ [field]: { [beyond]: value } }, { [field]: value, id: { [beyond]: cursor.id } }] },
    ],
  };
}

function cursorOf(row: ListRow, sort: ShipmentSort): string {
  const { field } = orderingOf(sort);
  return encodeCursor({ sort, value: field === "createdAt" ? row.createdAt.toISOString() : row.orderName, id: row.id });
}

export interface ListOptions {
  limit?: number;
  after?: string | null;
  filter?: ShipmentFilter;
  sort?: ShipmentSort;
  /** Skip the total count (the export and the bench's page walks do not need it). */
  withTotal?: boolean;
}

/** One page of a shop's shipments, filtered and sorted, keyset-paginated on (sort field, id). */
export async function listShipments(db: Db, shopDomain: string, options: ListOptions = {}): Promise<ShipmentPage> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 250);
  const sort = options.sort ?? "newest";
  const cursor = options.after ? decodeCursor(options.after, sort) : null;
  const where = shipmentWhere(shopDomain, options.filter);
  const { field, direction } = orderingOf(sort);
  const [rows, total] = await Promise.all([
    db.shipment.findMany({
      where: cursor ? { AND: [where, afterCursor(cursor)] } : where,
      orderBy: [{ [field]: direction }, { id: direction }],
      take: limit + 1,
      select: listSelect,
    }),
    options.withTotal === false ? Promise.resolve(-1) : db.shipment.count({ where }),
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toListItem),
    nextCursor: rows.length > limit && last ? cursorOf(last, sort) : null,
    total,
  };
}

export async function countShipments(db: Db, shopDomain: string, filter: ShipmentFilter = {}): Promise<number> {
  return db.shipment.count({ where: shipmentWhere(shopDomain, filter) });
}

/** Counts per canonical status for one shop (the list's summary badges), optionally filtered. */
export async function countShipmentsByStatus(
  db: Db,
  shopDomain: string,
  filter: ShipmentFilter = {},
): Promise<Record<string, number>> {
  const groups = await db.shipment.groupBy({
    by: ["status"],
    where: shipmentWhere(shopDomain, filter),
    _count: { _all: true },
  });
  return Object.fromEntries(groups.map((group) => [group.status, group._count._all]));
}

/** The values the list's filters can offer for this shop (carriers and countries it has shipped with). */
export async function shipmentFacets(db: Db, shopDomain: string): Promise<{ carriers: string[]; destinationCountries: string[] }> {
  const [carriers, countries] = await Promise.all([
    db.shipment.groupBy({ by: ["carrier"], where: { shopDomain }, orderBy: { carrier: "asc" } }),
    db.shipment.groupBy({ by: ["destinationCountry"], where: { shopDomain }, orderBy: { destinationCountry: "asc" } }),
  ]);
  return {
    carriers: carriers.map((row) => row.carrier ?? UNRESOLVED_CARRIER),
    destinationCountries: countries.flatMap((row) => (row.destinationCountry ? [row.destinationCountry] : [])),
  };
}

/** Which of these ids belong to the shop (bulk actions never touch another shop's rows). */
export async function shipmentIdsOfShop(db: Db, shopDomain: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.shipment.findMany({ where: { shopDomain, id: { in: [...ids] } }, select: { id: true } });
  return rows.map((row) => row.id);
}

export interface ShipmentDetail extends ShipmentListItem {
  orderId: string;
  orderCreatedAt: Date | null;
  fulfillmentId: string;
  fulfillmentCreatedAt: Date | null;
  trackingUrl: string | null;
  trackingIssueDetail: string | null;
  originCountry: string | null;
  estimatedDeliveryEnd: Date | null;
  predictedDeliveryAt: Date | null;
  pickedUpAt: Date | null;
  lastCheckedAt: Date | null;
  nextCheckAt: Date | null;
  lastError: string | null;
  trackingStoppedAt: Date | null;
  stopReason: string | null;
  shopifyStatus: string | null;
  shopifyStatusAt: Date | null;
  events: ShipmentEventRecord[];
  writeBacks: WriteBackRecord[];
}

export interface ShipmentEventRecord {
  id: string;
  occurredAt: Date;
  localTime: string | null;
  status: CanonicalStatus;
  subStatus: string | null;
  carrierCode: string;
  description: string;
  city: string | null;
  province: string | null;
  postalCode: string | null;
  country: string | null;
  /** The carrier's raw event, as stored (JSON text). */
  rawPayload: string | null;
}

export interface WriteBackRecord {
  id: string;
  status: string;
  shopifyStatus: string;
  happenedAt: Date;
  state: string;
  attempts: number;
  lastError: string | null;
  shopifyEventId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A shipment with its whole event history and write-back outbox, or null when not this shop's. */
export async function findShipmentDetail(db: Db, shopDomain: string, id: string): Promise<ShipmentDetail | null> {
  const row = await db.shipment.findFirst({
    where: { id, shopDomain },
    include: {
      events: { orderBy: [{ occurredAt: "desc" }, { id: "asc" }] },
      writeBacks: { orderBy: [{ createdAt: "desc" }, { id: "asc" }] },
    },
  });
  if (!row) return null;
  return {
    ...toListItem(row),
    orderId: row.orderId,
    orderCreatedAt: row.orderCreatedAt,
    fulfillmentId: row.fulfillmentId,
    fulfillmentCreatedAt: row.fulfillmentCreatedAt,
    trackingUrl: row.trackingUrl,
    trackingIssueDetail: row.trackingIssueDetail,
    originCountry: row.originCountry,
    estimatedDeliveryEnd: row.estimatedDeliveryEnd,
    predictedDeliveryAt: row.predictedDeliveryAt,
    pickedUpAt: row.pickedUpAt,
    lastCheckedAt: row.lastCheckedAt,
    nextCheckAt: row.nextCheckAt,
    lastError: row.lastError,
    trackingStoppedAt: row.trackingStoppedAt,
    stopReason: row.stopReason,
    shopifyStatus: row.shopifyStatus,
    shopifyStatusAt: row.shopifyStatusAt,
    events: row.events.map((event) => ({
      id: event.id,
      occurredAt: event.occurredAt,
      localTime: event.localTime,
      status: event.status as CanonicalStatus,
      subStatus: event.subStatus,
      carrierCode: event.carrierCode,
      description: event.description,
      city: event.city,
      province: event.province,
      postalCode: event.postalCode,
      country: event.country,
      rawPayload: event.rawPayload,
    })),
    writeBacks: row.writeBacks.map((writeBack) => ({
      id: writeBack.id,
      status: writeBack.status,
      shopifyStatus: writeBack.shopifyStatus,
      happenedAt: writeBack.happenedAt,
      state: writeBack.state,
      attempts: writeBack.attempts,
      lastError: writeBack.lastError,
      shopifyEventId: writeBack.shopifyEventId,
      createdAt: writeBack.createdAt,
      updatedAt: writeBack.updatedAt,
    })),
  };
}

/** Tracked shipments (carrier known, tracking not stopped) holding any of these numbers. */
export async function activeShipmentsByNumber(db: Db, trackingNumbers: readonly string[]): Promise<Array<{ id: string; carrier: string | null; trackingNumber: string }>> {
  return db.shipment.findMany({
    where: { trackingNumber: { in: [...trackingNumbers] }, trackingStoppedAt: null, carrier: { not: null } },
    select: { id: true, carrier: true, trackingNumber: true },
  });
}

/** A shipment's status and last sync error; null when there is no such shipment. */
export async function findShipmentSyncState(db: Db, shipmentId: string): Promise<{ status: string; carrier: string | null; lastError: string | null } | null> {
  return db.shipment.findUnique({ where: { id: shipmentId }, select: { status: true, carrier: true, lastError: true } });
}

/** How many carrier events a shipment has stored (a resync's "new events" is the difference). */
export async function countShipmentEvents(db: Db, shipmentId: string): Promise<number> {
  return db.trackingEvent.count({ where: { shipmentId } });
}

/** Shipments with this tracking number, in one shop or in all. */
export async function shipmentsByTrackingNumber(db: Db, trackingNumber: string, shopDomain?: string): Promise<Array<{ id: string; shopDomain: string; orderName: string }>> {
  return db.shipment.findMany({ where: { trackingNumber, ...(shopDomain ? { shopDomain } : {}) }, select: { id: true, shopDomain: true, orderName: true } });
}

export async function countTrackingEvents(db: Db, shipmentId: string): Promise<number> {
  return db.trackingEvent.count({ where: { shipmentId } });
}

/** Carrier of each of the shop's shipments among `ids`. */
export async function shipmentCarriers(db: Db, shopDomain: string, ids: readonly string[]): Promise<Map<string, string | null>> {
  const rows = await db.shipment.findMany({ where: { shopDomain, id: { in: [...ids] } }, select: { id: true, carrier: true } });
  return new Map(rows.map((row) => [row.id, row.carrier]));
}

/** Every shipment of the shop with when its journey began (the demo's carrier network replays them). */
export async function shipmentJourneyStarts(
  db: Db,
  shopDomain: string,
): Promise<Array<{ trackingNumber: string; startedAt: Date; carrier: string | null; destinationCountry: string | null }>> {
  const rows = await db.shipment.findMany({
    where: { shopDomain },
    select: { trackingNumber: true, fulfillmentCreatedAt: true, createdAt: true, carrier: true, destinationCountry: true },
  });
  return rows.map((row) => ({
    trackingNumber: row.trackingNumber,
    startedAt: row.fulfillmentCreatedAt ?? row.createdAt,
    carrier: row.carrier,
    destinationCountry: row.destinationCountry,
  }));
}
