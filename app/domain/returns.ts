import { message, type SupportedLocale } from "./locales";
import type { CanonicalStatus } from "./status";

/**
 * Shopper returns: how a return parcel reads to the shopper, and the "return delivered" moment
 * other code (notifications, Flow triggers: refund, restock) acts on. Pure.
 */

/** "Your return is on its way back — expected to arrive Tue, Dec 8" / "We received your return", in the shopper's language. */
export function returnStatusLine(status: CanonicalStatus, expected: string | null, locale: SupportedLocale = "en"): string | null {
  if (status === "delivered") return message(locale, "return.received");
  if (status === "cancelled" || status === "expired" || status === "invalid") return null;
  if (status === "pending" || status === "info_received") return message(locale, "return.label_ready");
  return expected ? message(locale, "return.on_its_way_expected", { date: expected }) : message(locale, "return.on_its_way");
}

export interface ReturnDeliveredMoment {
  kind: "return_delivered";
  shopDomain: string;
  shipmentId: string;
  returnId: string;
  orderId: string;
  deliveredAt: string;
}

/**
 * The moment a shopper's return reaches the merchant: only on the transition into delivered (a
 * re-sync of an already delivered return yields nothing), only for return parcels.
 */
export function returnDeliveredMoment(
  shipment: { id: string; shopDomain: string; orderId: string; returnId: string | null; previousStatus: CanonicalStatus },
  status: CanonicalStatus,
  deliveredAt: string | null,
): ReturnDeliveredMoment | null {
  if (!shipment.returnId || status !== "delivered" || shipment.previousStatus === "delivered") return null;
  return {
    kind: "return_delivered",
    shopDomain: shipment.shopDomain,
    shipmentId: shipment.id,
    returnId: shipment.returnId,
    orderId: shipment.orderId,
    deliveredAt: deliveredAt ?? "",
  };
}

/** One return parcel delivered back to the merchant, for transit times. */
export interface ReturnTransitSample {
  carrier: string | null;
  originCountry: string | null;
  destinationCountry: string | null;
  /** The carrier's pickup scan, or when the label was attached if the carrier never scanned a pickup. */
  startedAt: Date;
  deliveredAt: Date;
}

export interface ReturnTransitFigure {
  /** Carrier code or lane "origin>destination" ("?" for an unknown country); "" for all returns. */
  key: string;
  returns: number;
  /** Calendar days, one decimal, nearest rank (every figure is one that occurred). */
  p50Days: number;
  p90Days: number;
}

const DAY = 86_400_000;

function transitFigure(key: string, days: number[]): ReturnTransitFigure {
  const sorted = [...days].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1]!;
  return { key, returns: sorted.length, p50Days: at(0.5), p90Days: at(0.9) };
}

/**
 * Return transit times: calendar days from the pickup scan (or the label, without one) to the
 * delivery back to the merchant, P50 and P90 by nearest rank, overall, by carrier and by lane
 * (the shopper's country > the merchant's), most returns first. Negative spans count as 0.
 */
export function returnTransitTimes(samples: readonly ReturnTransitSample[]): {
  overall: ReturnTransitFigure | null;
  byCarrier: ReturnTransitFigure[];
  byLane: ReturnTransitFigure[];
} {
  const days = (sample: ReturnTransitSample) => Math.round(Math.max(0, sample.deliveredAt.getTime() - sample.startedAt.getTime()) / (DAY / 10)) / 10;
  const group = (keyOf: (sample: ReturnTransitSample) => string) => {
    const groups = new Map<string, number[]>();
    for (const sample of samples) groups.set(keyOf(sample), [...(groups.get(keyOf(sample)) ?? []), days(sample)]);
    return [...groups]
      .map(([key, values]) => transitFigure(key, values))
      .sort((a, b) => b.returns - a.returns || a.key.localeCompare(b.key));
  };
  return {
    overall: samples.length ? transitFigure("", samples.map(days)) : null,
    byCarrier: group((sample) => sample.carrier ?? "unknown"),
    byLane: group((sample) => `${sample.originCountry ?? "?"}>${sample.destinationCountry ?? "?"}`),
  };
}
