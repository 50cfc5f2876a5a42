import { httpUrlOrNull } from "~/domain/safe-url";
import type { AdminParcelView, ParcelView, ProofOfDeliveryView, ShopifySyncState } from "@trackline/shared";
import { shopperDeliveryNote, type ProofOfDelivery } from "~/domain/proof-of-delivery";
import { returnStatusLine } from "~/domain/returns";
import { detectTrackingNumber } from "~/domain/tracking-number/detect";
import { buildTimeline, type Timeline } from "~/domain/timeline";
import { resolveLocale, type SupportedLocale } from "~/domain/locales/index";
import type { TrackedShipment } from "~/data/tracking-views.server";
import { eventInstant } from "~/domain/events";
import { regionName, zonedDateTimeFormat } from "~/domain/intl-cache";
import { placeName } from "~/domain/place-name";
import { message } from "~/domain/locales/index";

/**
 * Turns stored shipments into the views the surfaces draw. Everything a person reads (status,
 * milestones, times, the delivery estimate) is localized here with the tracking core's catalogues,
 * so the extensions and the storefront page only lay it out.
 */
export interface ViewOptions {
  locale: string;
  timeZone: string;
  /** Now (epoch ms); the clock by default. */
  nowMs?: number;
}

/** A time zone Intl accepts, else the fallback (a shopper's browser can send anything). */
export function safeTimeZone(requested: string | null | undefined, fallback: string): string {
  for (const zone of [requested, fallback]) {
    if (!zone) continue;
    try {
      zonedDateTimeFormat("isoDay", "en", zone);
      return zone;
    } catch {
      // Not a zone this runtime knows: try the next.
    }
  }
  return "UTC";
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

function carrierTrackingUrl(shipment: TrackedShipment): string | null {
  // Only http(s) links reach a page, whatever an older row holds.
  const stored = httpUrlOrNull(shipment.trackingUrl);
  if (stored) return stored;
  const detection = detectTrackingNumber(shipment.trackingNumber, shipment.declaredCarrier ? { hint: shipment.declaredCarrier } : {});
  const candidate = detection.candidates.find((found) => found.carrier === shipment.carrier) ?? detection.candidates[0];
  return candidate?.trackingUrl ?? null;
}

/**
 * The estimate window the shopper sees: the carrier's when the shop's history says it is the more
 * accurate one on this lane (or Trackline has no prediction), Trackline's P10–P90 window otherwise.
 */
export function shownEstimateWindow(shipment: TrackedShipment): { start: string; end: string } | null {
  const carrier = shipment.estimatedDeliveryAt
    ? { start: shipment.estimatedDeliveryAt.toISOString(), end: (shipment.estimatedDeliveryEnd ?? shipment.estimatedDeliveryAt).toISOString() }
    : null;
  const ours =
    shipment.predictedDeliveryStart && shipment.predictedDeliveryEnd
      ? { start: shipment.predictedDeliveryStart.toISOString(), end: shipment.predictedDeliveryEnd.toISOString() }
      : shipment.predictedDeliveryAt
        ? { start: shipment.predictedDeliveryAt.toISOString(), end: shipment.predictedDeliveryAt.toISOString() }
        : null;
  if (shipment.estimateSource === "carrier") return carrier ?? ours;
  return ours ?? carrier;
}

function deliveryEstimate(timeline: Timeline, nowMs: number): ParcelView["estimatedDelivery"] {
  const estimate = timeline.estimatedDelivery;
  if (!estimate) return null;
  // With no date ahead the label says so; "start" is then the earliest it can come: now.
  return {
    label: estimate.label,
    start: estimate.start ?? new Date(nowMs).toISOString(),
    end: estimate.end !== estimate.start ? estimate.end : null,
    ...(estimate.late ? { late: true } : {}),
  };
}

export function buildParcelView(shipment: TrackedShipment, position: number, parcelCount: number, options: ViewOptions): ParcelView {
  const locale = resolveLocale(options.locale);
  const nowMs = options.nowMs ?? Date.now();
  const estimate = shipment.estimatedDeliveryAt ?? shipment.predictedDeliveryAt;
  // Only English phrases exist for the hand-over so far; other languages show no note.
  const deliveryNote = shipment.status === "delivered" && !shipment.returnId ? shopperDeliveryNote(shipment.proofOfDelivery, locale) : null;
  const timeline = buildTimeline(
    {
      state: {
        status: shipment.status,
        subStatus: shipment.subStatus,
        deliveredAt: iso(shipment.deliveredAt),
        pickedUpAt: iso(shipment.pickedUpAt),
      },
      orderedAt: iso(shipment.orderCreatedAt),
      fulfilledAt: iso(shipment.fulfillmentCreatedAt),
      estimateWindow: shownEstimateWindow(shipment),
      late: shipment.flags.late,
      destinationCountry: shipment.destinationCountry,
      international: Boolean(
        shipment.originCountry && shipment.destinationCountry && shipment.originCountry !== shipment.destinationCountry,
      ),
    },
    shipment.events,
    locale,
    { timeZone: options.timeZone, nowMs },
  );
  // A shopper's return reads as one, in the shopper's language.
  const returnLine = shipment.returnId
    ? returnStatusLine(
        shipment.status,
        estimate ? zonedDateTimeFormat("shortDay", locale, options.timeZone).format(estimate) : null,
        locale,
      )
    : null;
  return {
    id: shipment.id,
    trackingNumber: shipment.trackingNumber,
    carrierName: shipment.declaredCarrier ?? (shipment.carrier ? shipment.carrier.toUpperCase() : null),
    trackingUrl: carrierTrackingUrl(shipment),
    status: shipment.status,
    statusLabel: returnLine ?? timeline.statusLabel,
    subStatus: shipment.subStatus,
    milestones: timeline.milestones.map((milestone) => ({
      key: milestone.key,
      label: milestone.label,
      state: milestone.state,
      at: milestone.at,
      time: milestone.time,
      detail: milestone.detail ?? (milestone.key === "delivered" && milestone.state !== "upcoming" ? deliveryNote : null),
    })),
    latestLocation: timeline.latestLocation
      ? { label: timeline.latestLocation.label, at: timeline.latestLocation.at, time: timeline.latestLocation.time }
      : null,
    explanation: timeline.explanation?.text ?? null,
    estimatedDelivery: deliveryEstimate(timeline, nowMs),
    deliveredAt: iso(shipment.deliveredAt),
    position,
    parcelCount,
    ...(deliveryNote ? { deliveryNote } : {}),
    ...(shipment.returnId ? { kind: "return" as const } : {}),
  };
}

/** Everything the carrier stated at delivery, for support agents. */
export function proofOfDeliveryView(pod: ProofOfDelivery | null): ProofOfDeliveryView | null {
  if (!pod) return null;
  const address = pod.address ? [pod.address.street, pod.address.city, pod.address.province, pod.address.postalCode, pod.address.country].filter(Boolean).join(", ") : "";
  return {
    signedBy: pod.signedBy ?? null,
    leftAt: pod.leftAt?.text ?? null,
    localTime: pod.localTime ?? null,
    address: address || null,
    coordinates: pod.coordinates ?? null,
    photoUrls: pod.photoUrls,
    signatureUrl: pod.signatureUrl ?? null,
    documentUrl: pod.documentUrl ?? null,
    imageOnFile: pod.imageOnFile ?? false,
  };
}

/**
 * Whether Shopify shows what we know: the newest outbox row decides (pending/sending → on its
 * way, failed → stuck with the error, skipped → deliberately not written), else the status last
 * written; never written at all reads "never".
 */
function shopifySyncState(shipment: TrackedShipment): AdminParcelView["shopify"] {
  const row = shipment.latestWriteBack;
  let state: ShopifySyncState;
  if (row && (row.state === "pending" || row.state === "sending")) state = "pending";
  else if (row && row.state === "failed") state = "failed";
  else if (row && row.state === "skipped") state = "skipped";
  else state = shipment.shopifyStatus ? "in_sync" : "never";
  return {
    state,
    status: shipment.shopifyStatus,
    at: iso(shipment.shopifyStatusAt),
    error: state === "failed" ? (row?.lastError ?? null) : null,
  };
}

function lastScan(shipment: TrackedShipment, locale: SupportedLocale, timeZone: string): AdminParcelView["lastScan"] {
  const event = shipment.events.at(-1);
  if (!event) return null;
  const at = new Date(event.occurredAt);
  const place = event.location ? [event.location.city, event.location.province, event.location.country].filter(Boolean).join(", ") : "";
  return {
    at: at.toISOString(),
    time: zonedDateTimeFormat("moment", locale, timeZone).format(at),
    description: event.description,
    location: place || null,
  };
}

export function buildAdminParcelView(
  shipment: TrackedShipment,
  position: number,
  parcelCount: number,
  options: ViewOptions & { shopperLink: string },
): AdminParcelView {
  const locale = resolveLocale(options.locale);
  return {
    ...buildParcelView(shipment, position, parcelCount, options),
    flags: shipment.flags,
    lastScan: lastScan(shipment, locale, options.timeZone),
    shopify: shopifySyncState(shipment),
    shopperLink: options.shopperLink,
    appPath: `/app/shipments/${encodeURIComponent(shipment.id)}`,
    lastCheckedAt: iso(shipment.lastCheckedAt),
    trackingStopped: shipment.trackingStoppedAt !== null,
    ...(shipment.proofOfDelivery ? { proofOfDelivery: proofOfDeliveryView(shipment.proofOfDelivery) } : {}),
  };
}

/** One carrier scan as the storefront page lists it: newest first, time with its zone, place in normal case. */
export interface ScanLine {
  at: string;
  time: string;
  description: string;
  place: string | null;
}

/** One product in the parcel (names and quantities only; the image when Shopify has one). */
export interface LineItemView {
  name: string;
  quantity: number;
  imageUrl: string | null;
}

/** The storefront page's parcel: the shared view plus every scan and the parcel's contents. */
export type StorefrontParcelView = ParcelView & { scans: ScanLine[]; items: LineItemView[] };

export function scanLines(shipment: Pick<TrackedShipment, "events">, locale: SupportedLocale, timeZone: string): ScanLine[] {
  const time = zonedDateTimeFormat("scan", locale, timeZone);
  const regions = (code: string) => regionName(locale, code);
  return shipment.events
    .map((event) => ({ event, ms: eventInstant(event) }))
    .sort((a, b) => b.ms - a.ms)
    .map(({ event, ms }) => ({
      at: new Date(ms).toISOString(),
      time: time.format(ms),
      description: event.description.trim(),
      place: placeName(event.location, regions) || null,
    }));
}

export function buildStorefrontParcelView(shipment: TrackedShipment, position: number, parcelCount: number, options: ViewOptions): StorefrontParcelView {
  const locale = resolveLocale(options.locale);
  const view = buildParcelView(shipment, position, parcelCount, options);
  const scans = scanLines(shipment, locale, options.timeZone);
  // "Last seen in" names the newest located scan's place in normal case, like the scan list.
  const newestPlace = scans.find((scan) => scan.place && scan.at === view.latestLocation?.at)?.place;
  return {
    ...view,
    ...(view.latestLocation && newestPlace ? { latestLocation: { ...view.latestLocation, label: message(locale, "location.latest", { location: newestPlace }) } } : {}),
    scans,
    items: (shipment.lineItems ?? []).map((item) => ({ name: item.name, quantity: item.quantity, imageUrl: httpUrlOrNull(item.imageUrl ?? null)?.startsWith("https://") ? item.imageUrl ?? null : null })),
  };
}

/** The extras of a storefront parcel view (none on a view built for another surface). */
export function storefrontExtras(parcel: ParcelView): { scans: ScanLine[]; items: LineItemView[] } {
  const extended = parcel as Partial<StorefrontParcelView>;
  return { scans: extended.scans ?? [], items: extended.items ?? [] };
}
