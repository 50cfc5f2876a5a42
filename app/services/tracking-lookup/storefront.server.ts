import type { OrderTrackingView } from "@trackline/shared";
import type { Db } from "~/data/db.server";
import { countFailuresOf, recordLookup, type LookupAttempt } from "~/data/lookups.server";
import {
  findOrderShipmentsForLookup,
  findOrderShipmentsOf,
  findShipmentsByOrderName,
  findShipmentsByTrackingNumber,
  type TrackedShipment,
} from "~/data/tracking-views.server";
import { verifyShopperLinkToken } from "~/services/shopper-links/token.server";
import { hashCustomerEmail, hashCustomerPhone, orderNameCandidates, sameHash } from "~/data/identity.server";
import type { OrderParcelState } from "~/domain/wismo/inquiry-parcel";
import { orderView, positionsOf } from "./order-view";
import { buildStorefrontParcelView, type ViewOptions } from "./parcel-view";
import { DEFAULT_LOOKUP_LIMITS, blockedForCounts, countLookupFailure, lookupLimiter, type LookupClient, type LookupLimiter, type LookupLimits } from "./rate-limit.server";

/** What a shopper asked the storefront tracking page. */
export type StorefrontQuery =
  | { kind: "order"; orderNumber: string; contact: string }
  | { kind: "tracking"; trackingNumber: string }
  | { kind: "link"; token: string; from?: "email" | "sms" };

export type StorefrontOutcome =
  | { kind: "found"; mode: StorefrontQuery["kind"]; view: OrderTrackingView; order?: FoundOrder }
  /** Deliberately one answer for "no such order" and "wrong email": no hint which field was wrong. */
  | { kind: "not_found"; mode: "order" | "tracking" }
  | { kind: "rate_limited"; retryAfterSeconds: number }
  | { kind: "link_expired" }
  | { kind: "link_invalid" };

/**
 * The order of the view's first parcel and every parcel of that order (shop and order id, as
 * orderParcelStates reads them): what the help block needs, so it reads none of it again.
 */
export interface FoundOrder {
  orderId: string;
  parcels: OrderParcelState[];
}

export interface StorefrontLookupInput extends ViewOptions {
  client: LookupClient;
  query: StorefrontQuery;
  now: Date;
  /** Keys: shopper links' HMAC key, and the key IPs are hashed with for the limiter. */
  linkKey: Buffer;
  limits?: LookupLimits;
  /**
   * The failure counts of this attempt's limiter (storefrontLimiter of this same input), when the
   * caller read them with another statement already; read here otherwise.
   */
  failureCounts?: { limiter: LookupLimiter; counts: readonly number[] };
}

/** The limiter of a storefront lookup: its window and counters (see rate-limit.server). */
export function storefrontLimiter(input: Pick<StorefrontLookupInput, "client" | "query" | "now" | "linkKey" | "limits">): LookupLimiter {
  // Order-number lookups are also limited per order number (guessing a known order's contact).
  const orderNumber = input.query.kind === "order" ? input.query.orderNumber : null;
  return lookupLimiter(input.client, input.linkKey, input.now, input.limits ?? DEFAULT_LOOKUP_LIMITS, orderNumber);
}

/**
 * The storefront lookup: by order number + email/phone, by tracking number (no personal data in
 * the answer: no order name, no other parcels), or by a signed shopper link. Failed attempts count
 * against the per-address and per-order-number limits, tightened while the shop is under attack
 * (rate-limit.server.ts); a blocked client learns only when to come back.
 */
export async function lookupForStorefront(db: Db, input: StorefrontLookupInput): Promise<StorefrontOutcome> {
  const { client, query, now } = input;
  const limits = input.limits ?? DEFAULT_LOOKUP_LIMITS;
  const limiter = input.failureCounts?.limiter ?? storefrontLimiter(input);
  const counts = input.failureCounts?.counts ?? (await countFailuresOf(db, limiter.names, limiter.windowStart));
  const blockedFor = blockedForCounts(limiter, counts, now, limits);
  if (blockedFor > 0) return { kind: "rate_limited", retryAfterSeconds: blockedFor };

  // A found parcel's lookup is recorded once per order, surface and window: the parcel read also
  // tells whether one is already recorded. A signed link opened from a Trackline email or text
  // counts as a lookup from that message.
  const attempt: LookupAttempt = { shopDomain: client.shop, surface: query.kind === "link" && query.from ? query.from : "storefront", at: now };

  const fail = async <T>(outcome: T): Promise<T> => {
    await countLookupFailure(db, limiter);
    return outcome;
  };

  if (query.kind === "link") {
    const check = verifyShopperLinkToken(query.token, input.linkKey, now);
    if (!check.ok) return check.reason === "expired" ? { kind: "link_expired" } : fail({ kind: "link_invalid" as const });
    // A link signed for another shop is no link here. The linked parcel comes with its order's.
    const { shipments: parcels, lookupRecorded } =
      check.claims.shop === client.shop ? await findOrderShipmentsOf(db, client.shop, check.claims.shipmentId, attempt) : { shipments: [], lookupRecorded: undefined };
    const shipment = parcels.find((parcel) => parcel.id === check.claims.shipmentId);
    if (!shipment) return fail({ kind: "link_invalid" as const });
    return found(db, input, "link", shipment.orderName, parcels, parcels, parcels.map(parcelStateOf), attempt, lookupRecorded);
  }

  if (query.kind === "tracking") {
    const typed = query.trackingNumber.replace(/\s+/g, "");
    const { shipments, orderParcels, lookupRecorded } = typed
      ? await findShipmentsByTrackingNumber(db, client.shop, [typed, typed.toUpperCase()], attempt)
      : { shipments: [], orderParcels: [], lookupRecorded: undefined };
    if (shipments.length === 0) return fail({ kind: "not_found" as const, mode: "tracking" as const });
    const orderId = shipments[0]?.orderId;
    return found(db, input, "tracking", "", shipments, shipments, orderParcels.filter((parcel) => parcel.orderId === orderId), attempt, lookupRecorded);
  }

  const candidates = orderNameCandidates(query.orderNumber);
  const contact = query.contact.trim();
  const emailHash = contact.includes("@") ? hashCustomerEmail(contact) : null;
  const phoneHash = emailHash === null ? hashCustomerPhone(contact) : null;
  const orders = candidates.length > 0 ? await findShipmentsByOrderName(db, client.shop, candidates) : [];
  // Every candidate parcel is compared (no early exit), so timing does not reveal a near miss.
  let matchedOrderId: string | null = null;
  for (const order of orders) {
    const emailMatches = sameHash(order.owner.customerEmailHash, emailHash);
    const phoneMatches = sameHash(order.owner.customerPhoneHash, phoneHash);
    if ((emailMatches || phoneMatches) && matchedOrderId === null) matchedOrderId = order.orderId;
  }
  if (orders.length === 0) sameHash(null, emailHash ?? phoneHash);
  if (matchedOrderId === null) return fail({ kind: "not_found" as const, mode: "order" as const });
  const { shipments: parcels, lookupRecorded } = await findOrderShipmentsForLookup(db, client.shop, matchedOrderId, attempt);
  return found(db, input, "order", parcels[0]?.orderName ?? "", parcels, parcels, parcels.map(parcelStateOf), attempt, lookupRecorded);
}

async function found(
  db: Db,
  input: StorefrontLookupInput,
  mode: StorefrontQuery["kind"],
  orderName: string,
  shown: TrackedShipment[],
  orderShipments: TrackedShipment[],
  /** Every parcel of the first shown parcel's order, for the help block. */
  orderParcels: OrderParcelState[],
  attempt: LookupAttempt,
  /** Whether an order's lookup is already recorded in the window, as the parcel read found. */
  lookupRecorded: ((orderId: string) => boolean) | undefined,
): Promise<StorefrontOutcome> {
  const first = shown[0];
  if (!first) return { kind: "not_found", mode: mode === "tracking" ? "tracking" : "order" };
  const positions = positionsOf(orderShipments);
  const parcels = shown.map((shipment, index) =>
    // Tracking-number answers stand alone: the order's other parcels are nobody else's business.
    mode === "tracking"
      ? buildStorefrontParcelView(shipment, index + 1, shown.length, input)
      : buildStorefrontParcelView(shipment, positions.get(shipment.id) ?? index + 1, orderShipments.length, input),
  );
  await recordLookup(db, { ...attempt, orderId: first.orderId, shipmentId: first.id }, undefined, lookupRecorded?.(first.orderId));
  const order: FoundOrder = { orderId: first.orderId, parcels: orderParcels };
  return { kind: "found", mode, view: orderView(orderName, input.locale, parcels), order };
}

function parcelStateOf(shipment: TrackedShipment): OrderParcelState {
  return {
    id: shipment.id,
    orderId: shipment.orderId,
    status: shipment.status,
    late: shipment.flags.late,
    stalled: shipment.flags.stalled,
    carrier: shipment.carrier,
    originCountry: shipment.originCountry,
    destinationCountry: shipment.destinationCountry,
    createdAt: shipment.createdAt,
  };
}
