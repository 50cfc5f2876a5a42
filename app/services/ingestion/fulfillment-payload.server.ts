import { z } from "zod";
import type { FulfillmentRecord } from "~/data/fulfillments.server";
import { postalPrefix } from "~/domain/eta/model";
import type { CarrierNameMapping } from "~/domain/tracking-number/carrier-names";
import { hashCustomerEmail, hashCustomerPhone } from "~/data/identity.server";
import { pairTrackingNumbers, resolveShipmentTracking } from "./tracking-resolution";

/**
 * What Trackline needs from a fulfillment, whichever way Shopify told us about it (a
 * `fulfillments/*` webhook or the backfill's GraphQL pages / bulk JSONL).
 */
export interface FulfillmentSnapshot {
  fulfillmentId: string;
  orderId: string;
  orderName: string;
  orderCreatedAt: Date | null;
  createdAt: Date | null;
  updatedAt: Date;
  /** Shopify's fulfillment status (success, cancelled, error, failure, open, pending). */
  status: string;
  trackingCompany: string | null;
  tracking: { number: string; url: string | null }[];
  destinationCountry: string | null;
  originCountry: string | null;
  /** Finer lanes for delivery estimates: subdivision codes and the destination's postal prefix (never the whole code). */
  originRegion?: string | null;
  destinationRegion?: string | null;
  destinationPostalPrefix?: string | null;
  lineItemCount: number | null;
  /** What the parcel holds, for the shopper's tracking page (names and quantities: no personal data). */
  lineItems?: StoredLineItem[] | null;
  customerEmail: string | null;
  customerPhone: string | null;
}

const id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String);
const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const optionalText = z.string().nullish().transform((value) => (value?.trim() ? value.trim() : null));
const address = z
  .object({ country_code: z.string().nullish(), province_code: z.string().nullish(), zip: z.string().nullish(), phone: z.string().nullish() })
  .passthrough()
  .nullish();

/** The parts of an address a parcel's lane is made of, however Shopify spelled them. */
export interface LaneAddress {
  countryCode?: string | null;
  provinceCode?: string | null;
  zip?: string | null;
}

export type LaneColumns = Pick<FulfillmentSnapshot, "originCountry" | "originRegion" | "destinationCountry" | "destinationRegion" | "destinationPostalPrefix">;

const countryOf = (value: LaneAddress | null | undefined) => (value?.countryCode?.trim() ? value.countryCode.trim().toUpperCase() : null);
const regionOf = (value: LaneAddress | null | undefined) => (value?.provinceCode?.trim() ? value.provinceCode.trim().toUpperCase() : null);
const postalPrefixOf = (value: LaneAddress | null | undefined) => (value?.zip ? postalPrefix(value.zip) || null : null);

/**
 * A fulfillment's lane for delivery estimates: countries and subdivision codes of origin and
 * destination, and the destination's postal prefix (never the whole code). The webhooks and the
 * backfill both store exactly this.
 */
export function laneColumns(origin: LaneAddress | null | undefined, destination: LaneAddress | null | undefined): LaneColumns {
  return {
    originCountry: countryOf(origin),
    originRegion: regionOf(origin),
    destinationCountry: countryOf(destination),
    destinationRegion: regionOf(destination),
    destinationPostalPrefix: postalPrefixOf(destination),
  };
}

/** A webhook address (REST field names) as lane parts. */
const restAddress = (value: z.infer<typeof address>): LaneAddress | null =>
  value ? { countryCode: value.country_code, provinceCode: value.province_code, zip: value.zip } : null;

/** The REST-shaped payload of `fulfillments/create` and `fulfillments/update` (API 2026-10). */
export const fulfillmentWebhookSchema = z
  .object({
    id,
    order_id: id,
    admin_graphql_api_id: z.string().startsWith("gid://shopify/Fulfillment/").optional(),
    name: z.string().min(1),
    status: z.string().min(1),
    created_at: instant.nullish(),
    updated_at: instant,
    tracking_company: optionalText,
    tracking_number: optionalText,
    tracking_numbers: z.array(z.string()).nullish(),
    tracking_url: optionalText,
    tracking_urls: z.array(z.string()).nullish(),
    destination: address,
    origin_address: address,
    line_items: z.array(z.unknown()).nullish(),
    email: optionalText,
  })
  .passthrough();

export type FulfillmentWebhookPayload = z.infer<typeof fulfillmentWebhookSchema>;

const parsedPayloads = new WeakMap<object, ReturnType<typeof fulfillmentWebhookSchema.safeParse>>();

/**
 * The schema's safeParse, once per payload object: a delivery's payload is read by the batch's
 * read-ahead, its handler and the kept-push check, and parsing it is a visible share of a
 * delivery's cost. The parsed data is never changed by its readers.
 */
export const fulfillmentWebhookParser = {
  safeParse(payload: unknown): ReturnType<typeof fulfillmentWebhookSchema.safeParse> {
    if (typeof payload !== "object" || payload === null) return fulfillmentWebhookSchema.safeParse(payload);
    let parsed = parsedPayloads.get(payload);
    if (!parsed) {
      parsed = fulfillmentWebhookSchema.safeParse(payload);
      parsedPayloads.set(payload, parsed);
    }
    return parsed;
  },
};

export interface StoredLineItem {
  name: string;
  quantity: number;
  /** The order line's Admin API id, to find its product image later (the webhook carries none). */
  lineItemId?: string | null;
  imageUrl?: string | null;
}

const lineItem = z
  .object({
    id: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).nullish(),
    admin_graphql_api_id: z.string().nullish(),
    name: z.string().nullish(),
    title: z.string().nullish(),
    quantity: z.number().int().positive().nullish(),
  })
  .passthrough();

/** The webhook's `line_items` as name, quantity and line id (it carries no image); unreadable entries are left out. */
export function lineItemsOf(items: readonly unknown[] | null | undefined): StoredLineItem[] | null {
  if (!items) return null;
  return items.slice(0, 50).flatMap((item) => {
    const parsed = lineItem.safeParse(item);
    if (!parsed.success) return [];
    const name = (parsed.data.name ?? parsed.data.title ?? "").trim().slice(0, 200);
    const { id, admin_graphql_api_id: gid } = parsed.data;
    const lineItemId = gid && /^gid:\/\/shopify\/LineItem\/\d+$/.test(gid) ? gid : id !== null && id !== undefined ? `gid://shopify/LineItem/${id}` : null;
    return name ? [{ name, quantity: parsed.data.quantity ?? 1, ...(lineItemId ? { lineItemId } : {}) }] : [];
  });
}

/** "#1001.2" → "#1001": Shopify names a fulfillment after its order plus a sequence number. */
export function orderNameOf(fulfillmentName: string): string {
  return fulfillmentName.replace(/\.\d+$/, "");
}

export function snapshotFromWebhook(payload: FulfillmentWebhookPayload): FulfillmentSnapshot {
  const numbers = payload.tracking_numbers?.length ? payload.tracking_numbers : payload.tracking_number ? [payload.tracking_number] : [];
  const urls = payload.tracking_urls?.length ? payload.tracking_urls : payload.tracking_url ? [payload.tracking_url] : [];
  return {
    fulfillmentId: payload.admin_graphql_api_id ?? `gid://shopify/Fulfillment/${payload.id}`,
    orderId: `gid://shopify/Order/${payload.order_id}`,
    orderName: orderNameOf(payload.name),
    orderCreatedAt: null,
    createdAt: payload.created_at ?? null,
    updatedAt: payload.updated_at,
    status: payload.status,
    trackingCompany: payload.tracking_company,
    tracking: pairTrackingNumbers(numbers, urls),
    ...laneColumns(restAddress(payload.origin_address), restAddress(payload.destination)),
    lineItemCount: payload.line_items ? payload.line_items.length : null,
    lineItems: lineItemsOf(payload.line_items),
    customerEmail: payload.email,
    customerPhone: payload.destination?.phone?.trim() || null,
  };
}

const snapshots = new WeakMap<FulfillmentWebhookPayload, Readonly<FulfillmentSnapshot>>();

/**
 * snapshotFromWebhook once per parsed payload (see fulfillmentWebhookParser): the batch's
 * read-ahead, the handler and the kept-push check all read a delivery's snapshot. It is frozen,
 * its lists and their entries too, so no reader can change what the next one reads.
 */
export function webhookSnapshot(payload: FulfillmentWebhookPayload): Readonly<FulfillmentSnapshot> {
  let snapshot = snapshots.get(payload);
  if (!snapshot) {
    const built = snapshotFromWebhook(payload);
    for (const entry of built.tracking) Object.freeze(entry);
    Object.freeze(built.tracking);
    for (const item of built.lineItems ?? []) Object.freeze(item);
    if (built.lineItems) Object.freeze(built.lineItems);
    snapshot = Object.freeze(built);
    snapshots.set(payload, snapshot);
  }
  return snapshot;
}

/** Resolves every number's carrier and problems, giving the record the data layer stores. */
export function fulfillmentRecord(shopDomain: string, snapshot: FulfillmentSnapshot, mappings: readonly CarrierNameMapping[]): FulfillmentRecord {
  return {
    shopDomain,
    fulfillmentId: snapshot.fulfillmentId,
    orderId: snapshot.orderId,
    orderName: snapshot.orderName,
    orderCreatedAt: snapshot.orderCreatedAt,
    fulfillmentCreatedAt: snapshot.createdAt,
    updatedAt: snapshot.updatedAt,
    cancelled: snapshot.status.toLowerCase() === "cancelled",
    destinationCountry: snapshot.destinationCountry,
    originCountry: snapshot.originCountry,
    originRegion: snapshot.originRegion ?? null,
    destinationRegion: snapshot.destinationRegion ?? null,
    destinationPostalPrefix: snapshot.destinationPostalPrefix ?? null,
    lineItemCount: snapshot.lineItemCount,
    lineItems: snapshot.lineItems ?? null,
    // Hashed with the storefront lookup's own functions, so a shopper's proof matches.
    customerEmailHash: snapshot.customerEmail ? hashCustomerEmail(snapshot.customerEmail) : null,
    customerPhoneHash: snapshot.customerPhone ? hashCustomerPhone(snapshot.customerPhone) : null,
    shipments: snapshot.tracking.map((entry) => resolveShipmentTracking(entry.number, entry.url, snapshot.trackingCompany, mappings)),
  };
}

/** `orders/cancelled`: which order, and when (the cancellation orders later fulfillment payloads). */
export const orderCancelledSchema = z
  .object({
    id,
    admin_graphql_api_id: z.string().startsWith("gid://shopify/Order/").optional(),
    name: z.string().optional(),
    cancelled_at: instant.nullish(),
    updated_at: instant.nullish(),
  })
  .passthrough();

/**
 * `orders/create`: which order, and when it was created; the rest of the order (customer,
 * addresses, line items) is never read. Without a usable `created_at` the payload is unusable
 * (kept for replay like any other).
 */
export const orderCreatedSchema = z
  .object({
    id,
    admin_graphql_api_id: z.string().startsWith("gid://shopify/Order/").optional(),
    created_at: instant,
  })
  .passthrough();
