import { isCanonicalStatus, isSubStatus, type CanonicalEvent, type CanonicalStatus, type SubStatus } from "~/domain/status";
import type { Db } from "./db.server";
import type { OrderParcelState } from "~/domain/wismo/inquiry-parcel";
import { ORDER_PARCEL_COLUMNS, orderParcelStateOf } from "./inquiries.server";
import { recordedLookupsRead, type LookupAttempt } from "./lookups.server";
import { boolOf, dateOf, intOf, placeholders, rawReaderOf, requiredDateOf, textOf, type OrderedRead, type SqlRow, type SqlValue } from "./raw-reads.server";
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
  /** When Trackline first stored the parcel (the order of an order's parcels for inquiries). */
  createdAt: Date;
  /** The newest write-back outbox row of the shipment, if any. */
  latestWriteBack: { state: string; status: string; lastError: string | null; updatedAt: Date } | null;
}

/** Proof-of-ownership material for the storefront's order-number lookup (never shown to anyone). */
export interface ShipmentOwnerHashes {
  customerEmailHash: string | null;
  customerPhoneHash: string | null;
}

const SHIPMENT_COLUMN_NAMES = [
  "id", "shopDomain", "orderId", "orderName", "orderCreatedAt", "fulfillmentId", "fulfillmentCreatedAt", "trackingNumber", "trackingUrl",
  "carrier", "declaredCarrier", "status", "subStatus", "stalled", "late", "notPickedUp", "estimatedDeliveryAt", "estimatedDeliveryEnd",
  "predictedDeliveryAt", "predictedDeliveryStart", "predictedDeliveryEnd", "estimateSource", "pickedUpAt", "deliveredAt", "lastEventAt",
  "lastCheckedAt", "originCountry", "destinationCountry", "trackingStoppedAt", "shopifyStatus", "shopifyStatusAt", "isReturn", "returnId",
  "proofOfDeliveryJson", "lineItemsJson", "createdAt",
];
const WRITE_BACK_COLUMN_NAMES = ["shipmentId", "state", "status", "lastError", "updatedAt"];
const EVENT_COLUMN_NAMES = ["shipmentId", "occurredAt", "localTime", "status", "subStatus", "carrierCode", "description", "city", "province", "postalCode", "country"];
/** First shipped first (Prisma's order before: fulfillment time, creation, id; nulls as each database orders them). */
const PARCEL_ORDER_TERMS = `"fulfillmentCreatedAt" ASC, "createdAt" ASC, "id" ASC`;

function toEvent(row: SqlRow): CanonicalEvent {
  const city = textOf(row.city);
  const province = textOf(row.province);
  const postalCode = textOf(row.postalCode);
  const country = textOf(row.country);
  const location = {
    ...(city ? { city } : {}),
    ...(province ? { province } : {}),
    ...(postalCode ? { postalCode } : {}),
    ...(country ? { country } : {}),
  };
  const status = String(row.status);
  const subStatus = textOf(row.subStatus);
  const localTime = textOf(row.localTime);
  return {
    occurredAt: requiredDateOf(row.occurredAt).toISOString(),
    ...(localTime ? { localTime } : {}),
    status: isCanonicalStatus(status) ? status : "unknown",
    ...(subStatus && isSubStatus(subStatus) ? { subStatus } : {}),
    carrierCode: String(row.carrierCode),
    description: String(row.description),
    ...(Object.keys(location).length > 0 ? { location } : {}),
  };
}

function toTrackedShipment(row: SqlRow, events: CanonicalEvent[], writeBack: SqlRow | undefined): TrackedShipment {
  const status = String(row.status);
  const subStatus = textOf(row.subStatus);
  return {
    id: String(row.id),
    shopDomain: String(row.shopDomain),
    orderId: String(row.orderId),
    orderName: String(row.orderName),
    orderCreatedAt: dateOf(row.orderCreatedAt),
    fulfillmentId: String(row.fulfillmentId),
    fulfillmentCreatedAt: dateOf(row.fulfillmentCreatedAt),
    trackingNumber: String(row.trackingNumber),
    trackingUrl: textOf(row.trackingUrl),
    carrier: textOf(row.carrier),
    declaredCarrier: textOf(row.declaredCarrier),
    status: isCanonicalStatus(status) ? status : "unknown",
    subStatus: subStatus && isSubStatus(subStatus) ? subStatus : null,
    flags: { stalled: boolOf(row.stalled), late: boolOf(row.late), notPickedUp: boolOf(row.notPickedUp) },
    estimatedDeliveryAt: dateOf(row.estimatedDeliveryAt),
    estimatedDeliveryEnd: dateOf(row.estimatedDeliveryEnd),
    predictedDeliveryAt: dateOf(row.predictedDeliveryAt),
    predictedDeliveryStart: dateOf(row.predictedDeliveryStart),
    predictedDeliveryEnd: dateOf(row.predictedDeliveryEnd),
    estimateSource: textOf(row.estimateSource),
    pickedUpAt: dateOf(row.pickedUpAt),
    deliveredAt: dateOf(row.deliveredAt),
    lastEventAt: dateOf(row.lastEventAt),
    lastCheckedAt: dateOf(row.lastCheckedAt),
    originCountry: textOf(row.originCountry),
    destinationCountry: textOf(row.destinationCountry),
    trackingStoppedAt: dateOf(row.trackingStoppedAt),
    shopifyStatus: textOf(row.shopifyStatus),
    shopifyStatusAt: dateOf(row.shopifyStatusAt),
    events,
    isReturn: boolOf(row.isReturn),
    returnId: textOf(row.returnId),
    proofOfDelivery: parseStoredPod(textOf(row.proofOfDeliveryJson)),
    lineItems: parseStoredLineItems(textOf(row.lineItemsJson)),
    createdAt: requiredDateOf(row.createdAt),
    latestWriteBack: writeBack
      ? { state: String(writeBack.state), status: String(writeBack.status), lastError: textOf(writeBack.lastError), updatedAt: requiredDateOf(writeBack.updatedAt) }
      : null,
  };
}

/** What a parcel read gives: the shipments, and the rows of any further sets asked for. */
interface TrackedRead {
  shipments: TrackedShipment[];
  extra: SqlRow[][];
}

/**
 * Shipments of one shop matched by `where` (SQL over the Shipment table, `?` placeholders), each
 * with its events (oldest first) and newest write-back: one statement on SQLite (the events and
 * write-backs are found by the same `where`, so nothing waits for the shipments' ids), with any
 * `extra` ordered reads of the caller in the same statement.
 */
async function loadTracked(
  db: Db,
  where: string,
  args: readonly SqlValue[],
  options: { extra?: readonly OrderedRead[] } = {},
): Promise<TrackedRead> {
  const matched = `SELECT "id" FROM "Shipment" WHERE ${where}`;
  const [rows = [], eventRows = [], writeBackRows = [], ...extra] = await rawReaderOf(db).allOrderedSets([
    { columns: SHIPMENT_COLUMN_NAMES, from: `FROM "Shipment" WHERE ${where}`, orderBy: PARCEL_ORDER_TERMS, args },
    { columns: EVENT_COLUMN_NAMES, from: `FROM "TrackingEvent" WHERE "shipmentId" IN (${matched})`, orderBy: `"occurredAt" ASC, "id" ASC`, args },
    { columns: WRITE_BACK_COLUMN_NAMES, from: `FROM "WriteBack" WHERE "shipmentId" IN (${matched})`, orderBy: `"createdAt" DESC, "id" DESC`, args },
    ...(options.extra ?? []),
  ]);
  if (rows.length === 0) return { shipments: [], extra };
  const events = new Map<string, CanonicalEvent[]>();
  for (const row of rows) events.set(String(row.id), []);
  for (const row of eventRows) events.get(String(row.shipmentId))?.push(toEvent(row));
  const latest = new Map<string, SqlRow>();
  for (const row of writeBackRows) if (!latest.has(String(row.shipmentId))) latest.set(String(row.shipmentId), row);
  return { shipments: rows.map((row) => toTrackedShipment(row, events.get(String(row.id)) ?? [], latest.get(String(row.id)))), extra };
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

/** Every parcel of one order, first shipped first. */
export async function findOrderShipments(db: Db, shopDomain: string, orderId: string): Promise<TrackedShipment[]> {
  return (await loadTracked(db, `"shopDomain" = ? AND "orderId" = ?`, [shopDomain, orderId])).shipments;
}

export async function findShipment(db: Db, shopDomain: string, id: string): Promise<TrackedShipment | null> {
  const [shipment] = (await loadTracked(db, `"id" = ? AND "shopDomain" = ?`, [id, shopDomain])).shipments;
  return shipment ?? null;
}

/**
 * Every parcel of the order the shipment belongs to, first shipped first (empty when the shop has
 * no such shipment): a signed link's parcel and its order in one statement.
 */
export async function findOrderShipmentsOf(
  db: Db,
  shopDomain: string,
  shipmentId: string,
  attempt?: LookupAttempt,
): Promise<{ shipments: TrackedShipment[] } & LookupsRecorded> {
  const where = `"shopDomain" = ? AND "orderId" IN (SELECT "orderId" FROM "Shipment" WHERE "id" = ? AND "shopDomain" = ?)`;
  const args = [shopDomain, shipmentId, shopDomain];
  const read = await loadTracked(db, where, args, { extra: recordedRead(attempt, where, args) });
  return { shipments: read.shipments, ...recordedOf(attempt, read.extra[0]) };
}

/**
 * Every parcel of one order, first shipped first (as findOrderShipments), and whether the order's
 * lookup is already recorded in the attempt's window, in one statement: the order-number lookup's
 * read once it matched an order.
 */
export async function findOrderShipmentsForLookup(
  db: Db,
  shopDomain: string,
  orderId: string,
  attempt: LookupAttempt,
): Promise<{ shipments: TrackedShipment[] } & LookupsRecorded> {
  const read = await loadTracked(db, `"shopDomain" = ? AND "orderId" = ?`, [shopDomain, orderId], { extra: [recordedLookupsRead(attempt, "?", [orderId])] });
  return { shipments: read.shipments, ...recordedOf(attempt, read.extra[0]) };
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
  if (orderNames.length === 0) return [];
  const rows = await rawReaderOf(db).all(
    `SELECT "orderId", "customerEmailHash", "customerPhoneHash" FROM "Shipment" WHERE "shopDomain" = ? AND "orderName" IN (${placeholders(orderNames.length)}) ORDER BY ${PARCEL_ORDER_TERMS}`,
    [shopDomain, ...orderNames],
  );
  return rows.map((row) => ({
    orderId: String(row.orderId),
    owner: { customerEmailHash: textOf(row.customerEmailHash), customerPhoneHash: textOf(row.customerPhoneHash) },
  }));
}

/**
 * Shipments carrying this tracking number (any of the given spellings) in the shop, normally one;
 * with every parcel of their orders as the help block's parcel choice reads them
 * (orderParcelStates), in the same statement.
 */
export async function findShipmentsByTrackingNumber(
  db: Db,
  shopDomain: string,
  spellings: readonly string[],
  attempt?: LookupAttempt,
): Promise<{ shipments: TrackedShipment[]; orderParcels: OrderParcelState[] } & LookupsRecorded> {
  if (spellings.length === 0) return { shipments: [], orderParcels: [], ...recordedOf(attempt, []) };
  const where = `"shopDomain" = ? AND "trackingNumber" IN (${placeholders(spellings.length)})`;
  const args = [shopDomain, ...spellings];
  const { shipments, extra } = await loadTracked(db, where, args, {
    extra: [
      {
        columns: ORDER_PARCEL_COLUMNS,
        from: `FROM "Shipment" WHERE "shopDomain" = ? AND "orderId" IN (SELECT "orderId" FROM "Shipment" WHERE ${where})`,
        orderBy: `"createdAt" ASC, "id" ASC`,
        args: [shopDomain, ...args],
      },
      ...recordedRead(attempt, where, args),
    ],
  });
  return { shipments, orderParcels: (extra[0] ?? []).map(orderParcelStateOf), ...recordedOf(attempt, extra[1]) };
}

/**
 * Asked with a lookup attempt, the parcel reads of the storefront also say which of the found
 * orders already have a lookup recorded in its dedupe window (recordLookup's `recorded`), in the
 * same statement; undefined when not asked.
 */
export interface LookupsRecorded {
  lookupRecorded?: (orderId: string) => boolean;
}

/** The recorded-lookups read over the orders of the shipments `where` matches, when asked. */
function recordedRead(attempt: LookupAttempt | undefined, where: string, args: readonly SqlValue[]): OrderedRead[] {
  return attempt ? [recordedLookupsRead(attempt, `SELECT "orderId" FROM "Shipment" WHERE ${where}`, args)] : [];
}

function recordedOf(attempt: LookupAttempt | undefined, rows: SqlRow[] | undefined): LookupsRecorded {
  if (!attempt) return {};
  const recorded = new Set((rows ?? []).map((row) => String(row.orderId)));
  return { lookupRecorded: (orderId) => recorded.has(orderId) };
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

const PRESENTATION_COLUMNS = `s."domain", s."name", s."timezone", s."brandAccentColor", s."brandLogoUrl", s."locales", s."uninstalledAt"`;

function toPresentation(shop: SqlRow | undefined): ShopPresentation | null {
  if (!shop || shop.uninstalledAt !== null) return null;
  return {
    domain: String(shop.domain),
    name: textOf(shop.name),
    timezone: String(shop.timezone),
    brandAccentColor: textOf(shop.brandAccentColor),
    brandLogoUrl: textOf(shop.brandLogoUrl),
    locales: String(shop.locales).split(",").map((locale) => locale.trim()).filter(Boolean),
  };
}

export async function findShopPresentation(db: Db, domain: string): Promise<ShopPresentation | null> {
  const shop = await rawReaderOf(db).first(`SELECT ${PRESENTATION_COLUMNS} FROM "Shop" s WHERE s."domain" = ?`, [domain]);
  return toPresentation(shop);
}

/** The storefront tracking page's own settings beyond the presentation: branding JSON and uploaded logo. */
export interface TrackingPageSettings {
  trackingPageJson: string;
  logo: { sha256: string; contentType: string } | null;
}

/**
 * Everything the tracking page reads of the shop, in one statement: its presentation and page
 * settings (null for a shop not installed here, as findShopPresentation), and when asked the
 * failure counts of a lookup's limiter keys in their window (as countFailuresOf gives them).
 */
export async function findTrackingPageShop(
  db: Db,
  domain: string,
  failures?: { keys: readonly string[]; windowStart: Date },
): Promise<{ presentation: ShopPresentation; page: TrackingPageSettings; failureCounts: number[] | null } | null> {
  const keys = failures?.keys ?? [];
  const counts = keys.map((_, index) => `, (SELECT "count" FROM "RateLimitWindow" WHERE "key" = ? AND "windowStart" = ?) AS "f${index}"`).join("");
  const row = await rawReaderOf(db).first(
    `SELECT ${PRESENTATION_COLUMNS}, s."trackingPageJson", l."sha256", l."contentType"${counts} FROM "Shop" s LEFT JOIN "ShopLogo" l ON l."shopDomain" = s."domain" WHERE s."domain" = ?`,
    [...keys.flatMap((key) => [key, failures!.windowStart]), domain],
  );
  const presentation = toPresentation(row);
  if (!row || !presentation) return null;
  const failureCounts = failures ? keys.map((_, index) => (row[`f${index}`] === null || row[`f${index}`] === undefined ? 0 : intOf(row[`f${index}`]))) : null;
  return { presentation, page: trackingPageSettingsOf(row), failureCounts };
}

/** A row with `trackingPageJson` and the logo's `sha256` and `contentType` (null without a logo). */
export function trackingPageSettingsOf(row: SqlRow): TrackingPageSettings {
  const logo = row.sha256 === null || row.sha256 === undefined ? null : { sha256: String(row.sha256), contentType: String(row.contentType) };
  return { trackingPageJson: String(row.trackingPageJson), logo };
}
