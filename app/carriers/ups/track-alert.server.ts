import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { CarrierEta, DeliveryDetails, ParsedTracking } from "~/carriers/adapter";
import { ParseNotes, clean, describeIssues, foundResult } from "~/carriers/mapping";
import { clockTime, compactDate, formatOffset, localToUtc, parseOffset } from "~/carriers/time";
import { obj, text } from "~/carriers/wire-kit";
import { parseUpsResponse } from "./parse";

/**
 * UPS Track Alert API (push): after a subscription (`POST /api/track/v1/subscription/standard/package`),
 * UPS POSTs one JSON message per package event to the subscriber's URL for 14 days. Source: UPS
 * OpenAPI spec `UPSTrackAlert.yaml` (github.com/UPS-API/api-documentation), webhook `TrackingEvent`:
 *
 * - header `credential`: the opaque string we sent as `destination.credential` when subscribing
 *   ("meant for client authentication") — compared verbatim, there is no body signature;
 * - header `User-Agent: UPSPubSubTrackingService` (informational only; trivially spoofed).
 *
 * NOTE: the v2 / "enhanced" subscription (`UPSTrackAlertEnhanced.yaml`) no longer carries a
 * `destination.credential`; it authenticates with an OAuth token minted by *our* token endpoint
 * (plus `x-api-key`). Only the v1 `credential` header is verified here. The body shape is the same
 * in both; the enhanced fields (`gmtOffset`, `receivedBy`, `deliveryPhoto`, `alternateTrackingNumber`)
 * are read when present.
 */
export const UPS_TRACK_ALERT_CREDENTIAL_HEADER = "credential";
export const UPS_TRACK_ALERT_USER_AGENT = "UPSPubSubTrackingService";

/** Constant-time check of the `credential` header; false when either side is missing or empty. */
export function verifyUpsTrackAlertCredential(headerValue: string | null | undefined, expected: string | null | undefined): boolean {
  if (typeof headerValue !== "string" || typeof expected !== "string" || headerValue === "" || expected === "") return false;
  // Hash both sides so the comparison is fixed-length and doesn't leak the credential's length.
  const given = createHash("sha256").update(headerValue, "utf8").digest();
  const want = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(given, want);
}

/**
 * `TrackingEventRequest`. Every field is optional in practice: UPS sends "" for fields that have no
 * value yet ("Not every field will have a value for every message"), dates as YYYYMMDD and times as
 * HHMMSS — both local and GMT.
 */
export const UpsTrackAlertEvent = z.looseObject({
  trackingNumber: text,
  localActivityDate: text,
  localActivityTime: text,
  gmtActivityDate: text,
  gmtActivityTime: text,
  /** Enhanced only: "(-/+)HH.MM", e.g. "-04.00". */
  gmtOffset: text,
  activityLocation: obj(z.looseObject({ city: text, stateProvince: text, postalCode: text, country: text })),
  activityStatus: obj(z.looseObject({ type: text, code: text, description: text, descriptionCode: text })),
  /** "Original scheduled delivery date" (may be updated), YYYYMMDD, destination-local. */
  scheduledDeliveryDate: text,
  actualDeliveryDate: text,
  actualDeliveryTime: text,
  deliveryStartTime: text,
  /** End of the window, or the commit time, or (on delivery) the delivered time. */
  deliveryEndTime: text,
  deliveryTimeDescription: text,
  /** Enhanced only: base64 image. */
  deliveryPhoto: text,
  /** Enhanced only: "Clarified signature provided with delivery". */
  receivedBy: text,
  alternateTrackingNumber: text,
});
export type UpsTrackAlertEvent = z.infer<typeof UpsTrackAlertEvent>;

export type UpsTrackAlertPush = { kind: "updated"; item: ParsedTracking } | { kind: "invalid"; message: string };

/**
 * Pure: a verified Track Alert body (already JSON-parsed) → one tracking item with (at most) one
 * event. Never throws. The item carries no `latest`: a push is one scan, and pushes can arrive out
 * of order, so the merged history decides the current status.
 */
export function parseUpsTrackAlert(json: unknown): UpsTrackAlertPush {
  try {
    return parse(json);
  } catch (error) {
    return { kind: "invalid", message: `UPS Track Alert parser failed: ${String(error)}` };
  }
}

function parse(json: unknown): UpsTrackAlertPush {
  const parsed = UpsTrackAlertEvent.safeParse(json);
  if (!parsed.success) return { kind: "invalid", message: describeIssues(parsed.error.issues) };
  const body = parsed.data;
  const trackingNumber = clean(body.trackingNumber);
  if (!trackingNumber) return { kind: "invalid", message: "trackingNumber: missing" };

  const notes = new ParseNotes();
  const localDate = compactDate(body.localActivityDate);
  const localClock = clockTime(padTime(body.localActivityTime));
  const gmtDate = compactDate(body.gmtActivityDate);
  const gmtClock = clockTime(padTime(body.gmtActivityTime));
  const offset = offsetMinutes(body.gmtOffset, localDate, localClock, gmtDate, gmtClock);

  // The activity → event mapping (status table lookup incl. code overrides, UTC conversion,
  // location) is parse.ts's; it isn't exported on its own, so the push is handed to it as a
  // one-activity Track API response. Only the field renaming lives here.
  const activity = compactObject({
    // Normalised when readable; otherwise the value as sent, so parse.ts's warning quotes it.
    date: localDate?.replaceAll("-", "") ?? body.localActivityDate,
    time: localClock?.replaceAll(":", "") ?? body.localActivityTime,
    gmtDate: gmtDate?.replaceAll("-", "") ?? body.gmtActivityDate,
    gmtTime: gmtClock ?? body.gmtActivityTime,
    gmtOffset: offset === undefined ? undefined : formatOffset(offset),
    status: body.activityStatus,
    location: body.activityLocation
      ? {
          address: {
            city: body.activityLocation.city,
            stateProvince: body.activityLocation.stateProvince,
            postalCode: body.activityLocation.postalCode,
            countryCode: body.activityLocation.country,
          },
        }
      : undefined,
  });
  const result = parseUpsResponse({ trackResponse: { shipment: [{ inquiryNumber: trackingNumber, package: [{ trackingNumber, activity: [activity] }] }] } });
  const sub = result.ok ? result.items[0] : undefined;
  if (!sub || sub.kind !== "found") {
    return { kind: "invalid", message: result.ok ? "UPS Track Alert event could not be read" : result.error.message };
  }
  for (const code of sub.unmappedCodes) notes.unmappedCode(code);
  for (const warning of sub.warnings) notes.warn(warning);

  const raw = withoutPhoto(json);
  const events = sub.events.map((e) => ({ ...e, raw }));
  const delivery = deliveryDetails(body, offset, notes);
  const item = foundResult(trackingNumber, events, notes, {
    // Once delivered, scheduledDeliveryDate/deliveryEndTime are history, not a promise.
    carrierEta: clean(body.actualDeliveryDate) ? undefined : eta(body),
    delivery,
  });
  return { kind: "updated", item: { ...item, raw } };
}

/**
 * Minutes east of UTC of the activity's local clock: the enhanced `gmtOffset` ("-04.00") when sent,
 * otherwise the difference between the local and GMT date/time UTC sends side by side.
 */
function offsetMinutes(
  gmtOffset: string | undefined,
  localDate: string | undefined,
  localClock: string | undefined,
  gmtDate: string | undefined,
  gmtClock: string | undefined,
): number | undefined {
  const explicit = parseOffset(clean(gmtOffset)?.replace(".", ":"));
  if (explicit !== undefined) return explicit;
  if (!localDate || !localClock || !gmtDate || !gmtClock) return undefined;
  const local = localToUtc(`${localDate}T${localClock}`, 0);
  const gmt = localToUtc(`${gmtDate}T${gmtClock}`, 0);
  if (!local || !gmt) return undefined;
  const minutes = (Date.parse(local) - Date.parse(gmt)) / 60_000;
  // Real offsets are whole quarter hours within ±14 h; anything else is inconsistent data.
  return Math.abs(minutes) <= 14 * 60 && minutes % 15 === 0 ? minutes : undefined;
}

/** ETA from `scheduledDeliveryDate` (destination-local) and the delivery window/commit time. */
function eta(body: UpsTrackAlertEvent): CarrierEta | undefined {
  const date = compactDate(body.scheduledDeliveryDate);
  if (!date) return undefined;
  const start = clockTime(padTime(body.deliveryStartTime));
  const end = clockTime(padTime(body.deliveryEndTime));
  if (start && end) {
    return { start: `${date}T${start}`, end: `${date}T${end}`, local: true, source: "scheduledDeliveryDate+deliveryStartTime/deliveryEndTime" };
  }
  if (end) return { start: `${date}T00:00:00`, end: `${date}T${end}`, local: true, source: "scheduledDeliveryDate+deliveryEndTime" };
  return { start: `${date}T00:00:00`, end: `${date}T23:59:59`, local: true, source: "scheduledDeliveryDate" };
}

function deliveryDetails(body: UpsTrackAlertEvent, offset: number | undefined, notes: ParseNotes): DeliveryDetails | undefined {
  const date = compactDate(body.actualDeliveryDate);
  const clock = clockTime(padTime(body.actualDeliveryTime));
  let deliveredAt: string | undefined;
  if (date && clock) {
    // actualDeliveryDate/Time are the local clock of the delivery scan, same zone as the activity.
    if (offset !== undefined) deliveredAt = localToUtc(`${date}T${clock}`, offset);
    else notes.warn(`actual delivery ${body.actualDeliveryDate} ${body.actualDeliveryTime} has no UTC offset; delivery time not recorded`);
  }
  const out: DeliveryDetails = {};
  const signedBy = clean(body.receivedBy);
  if (signedBy) out.signedBy = signedBy;
  if (clean(body.deliveryPhoto)) out.signatureAvailable = true;
  if (deliveredAt) out.deliveredAt = deliveredAt;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A time that arrived as a JSON number lost its leading zero (91519 → "091519"). */
function padTime(value: string | undefined): string | undefined {
  return value !== undefined && /^\d{5}$/.test(value.trim()) ? value.trim().padStart(6, "0") : value;
}

function compactObject(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

/** The raw body for replay/support, with the (enhanced) base64 delivery photo replaced by a marker. */
function withoutPhoto(json: unknown): unknown {
  if (!json || typeof json !== "object" || Array.isArray(json)) return json;
  const photo = (json as Record<string, unknown>).deliveryPhoto;
  if (typeof photo !== "string" || photo.length <= 64) return json;
  return { ...(json as Record<string, unknown>), deliveryPhoto: `[base64 image omitted, ${photo.length} chars]` };
}
