import { QUOTA_EXHAUSTED_SUFFIX } from "~/domain/aggregator-choice";
import { HANDOVER_EVENT_CODE, carrierNameFromSlug, handoverDescription, type CarrierHandover } from "~/domain/handover";
import type { CanonicalEvent } from "~/domain/status";
import type { CarrierEta, CarrierLatestStatus, ParseResult, ParsedTracking } from "~/carriers/adapter";
import { ParseNotes, clean, compact, describeIssues, foundResult, location, lookupStatus, type LookupResult } from "~/carriers/mapping";
import { withReason } from "~/carriers/reasons";
import { hasOffset, isCalendarDate, isoToUtc, localToUtc, splitIso } from "~/carriers/time";
import { AFTERSHIP_CARRIER_NAMES, AFTERSHIP_SUBTAGS, AFTERSHIP_TAGS } from "./status-map";
import { AfterShipResponse, AfterShipTracking, AfterShipWebhook, type AfterShipCheckpoint } from "./wire";

/** AfterShip `meta.code`s with a meaning of their own (AfterShip Tracking API "Request Errors" table). */
export const AFTERSHIP_NOT_FOUND = 4004;
/** 4005 "The value of tracking_number is invalid"; 4017 "The format of tracking_number is invalid". */
export const AFTERSHIP_INVALID_NUMBER = 4005;
export const AFTERSHIP_INVALID_FORMAT = 4017;
export const AFTERSHIP_ALREADY_EXISTS = 4003;
/**
 * Error code of a plan whose tracking quota is used up. AfterShip's request-error table lists no
 * quota answer of its own; HTTP / `meta.code` 402 (Payment Required) is read as one (assumed).
 */
export const AFTERSHIP_QUOTA_CODE = `aftership${QUOTA_EXHAUSTED_SUFFIX}`;

/** Pure: any AfterShip tracking answer → one item per number. Never throws. */
export function parseAfterShipResponse(json: unknown, trackingNumbers: readonly string[] = []): ParseResult {
  try {
    return parse(json, trackingNumbers);
  } catch (error) {
    return { ok: false, error: { kind: "unexpected_shape", message: `AfterShip parser failed: ${String(error)}` } };
  }
}

function parse(json: unknown, requested: readonly string[]): ParseResult {
  const parsed = AfterShipResponse.safeParse(json);
  if (!parsed.success) return { ok: false, error: { kind: "unexpected_shape", message: describeIssues(parsed.error.issues) } };
  const { meta, data } = parsed.data;
  const numbers = requested.length > 0 ? requested : [data?.tracking_number ?? ""];
  const message = meta.message ?? `AfterShip returned code ${meta.code}`;
  if (meta.code === AFTERSHIP_NOT_FOUND) return { ok: true, items: numbers.map((trackingNumber) => ({ kind: "not_found", trackingNumber, message })) };
  if (meta.code === AFTERSHIP_INVALID_NUMBER || meta.code === AFTERSHIP_INVALID_FORMAT) {
    return { ok: true, items: numbers.map((trackingNumber) => ({ kind: "invalid", trackingNumber, code: `aftership:${meta.code}`, message })) };
  }
  if (meta.code < 200 || meta.code >= 300) {
    const code = meta.code === 402 ? AFTERSHIP_QUOTA_CODE : `aftership:${meta.code}`;
    const retryable = meta.code === 429 || meta.code >= 500;
    return { ok: true, items: numbers.map((trackingNumber) => ({ kind: "error", trackingNumber, code, message, retryable })) };
  }
  // A list answer holds `data.trackings`; a create / get-one answer is the tracking itself.
  const entries: unknown[] = data === undefined ? [] : data.tracking_number !== undefined ? [data] : data.trackings;
  const items: ParsedTracking[] = entries.map((entry) => trackingItem(entry));
  return { ok: true, items };
}

/** One AfterShip tracking object (a list entry, a created tracking or a webhook's `msg`). */
export function trackingItem(entry: unknown): ParsedTracking {
  const item = AfterShipTracking.safeParse(entry);
  if (!item.success) {
    const number = typeof entry === "object" && entry !== null && "tracking_number" in entry ? String((entry as { tracking_number: unknown }).tracking_number) : "";
    return { kind: "error", trackingNumber: number, code: "unexpected_shape", message: describeIssues(item.error.issues), retryable: true, raw: entry };
  }
  const tracking = item.data;
  const notes = new ParseNotes();
  const events: CanonicalEvent[] = [];
  for (const checkpoint of tracking.checkpoints) {
    const event = toEvent(checkpoint, notes);
    if (event) events.push(event);
  }
  const handover = handoverOf(tracking);
  if (handover) {
    const marker = handoverEvent(tracking.checkpoints, tracking.slug, handover, notes);
    if (marker) events.push(marker);
  }
  const latest = latestStatus(tracking, notes);
  if (events.length === 0 && (!tracking.tag || tracking.tag === "Pending")) {
    return { kind: "not_found", trackingNumber: tracking.tracking_number, message: tracking.subtag_message ?? "AfterShip has no information yet", raw: entry };
  }
  const delivery = compact({ signedBy: clean(tracking.signed_by), deliveredAt: isoToUtc(tracking.shipment_delivery_date) });
  return { ...foundResult(tracking.tracking_number, events, notes, compact({ latest, carrierEta: eta(tracking), delivery, handover })), raw: entry };
}

function statusOf(subtag: string | undefined, tag: string | undefined): LookupResult {
  const bySub = lookupStatus(AFTERSHIP_SUBTAGS, subtag);
  if (bySub.mapped) return bySub;
  return lookupStatus(AFTERSHIP_TAGS, tag);
}

function checkpointTime(checkpoint: AfterShipCheckpoint, notes: ParseNotes): string | undefined {
  const text = clean(checkpoint.checkpoint_time);
  if (!text) return undefined;
  const utc = isoToUtc(text);
  if (utc) return utc;
  // AfterShip sends the carrier's wall clock without offset when the carrier gave none.
  const local = localToUtc(splitIso(text).local, 0);
  if (local) notes.warn(`checkpoint ${text} has no UTC offset; assumed UTC`);
  return local;
}

function toEvent(checkpoint: AfterShipCheckpoint, notes: ParseNotes): CanonicalEvent | undefined {
  const occurredAt = checkpointTime(checkpoint, notes);
  if (!occurredAt) {
    notes.warn(`skipped checkpoint with unreadable time ${checkpoint.checkpoint_time ?? ""}`);
    return undefined;
  }
  const subtag = clean(checkpoint.subtag);
  const tag = clean(checkpoint.tag);
  const mapped = withReason(statusOf(subtag, tag), checkpoint.subtag_message, checkpoint.message);
  if (!mapped.mapped) notes.unmappedCode(subtag ?? tag ?? "(none)");
  const country = clean(checkpoint.country_region ?? checkpoint.country_iso3);
  const loc =
    location({ city: checkpoint.city, province: checkpoint.state, postalCode: checkpoint.zip, country: country?.length === 2 ? country : undefined }) ??
    (clean(checkpoint.location) ? { city: clean(checkpoint.location) } : undefined);
  const text = clean(checkpoint.checkpoint_time);
  return compact({
    occurredAt,
    localTime: text && hasOffset(text) ? text : undefined,
    status: mapped.status,
    subStatus: mapped.subStatus,
    carrierCode: subtag ?? tag ?? "",
    description: checkpoint.message ?? checkpoint.subtag_message ?? "",
    location: loc,
    raw: checkpoint,
  });
}

/** AfterShip's `last_mile`: a different carrier and number than the tracking's own. */
function handoverOf(tracking: AfterShipTracking): CarrierHandover | undefined {
  const lastMile = tracking.last_mile;
  const slug = clean(lastMile?.slug);
  const number = clean(lastMile?.tracking_number);
  if (!slug || !number) return undefined;
  if (slug === clean(tracking.slug) && number === tracking.tracking_number) return undefined;
  return compact({
    carrierName: AFTERSHIP_CARRIER_NAMES[slug] ?? carrierNameFromSlug(slug),
    carrierSlug: slug,
    trackingNumber: number,
    trackingUrl: clean(lastMile?.courier_tracking_link),
  });
}

/**
 * The timeline marker of the hand-over, at the first-leg carrier's last scan before the last-mile
 * carrier's first (or at its newest scan while the last-mile carrier has none): a time that does
 * not move as later scans arrive, so the marker is merged once.
 */
function handoverEvent(checkpoints: readonly AfterShipCheckpoint[], firstLegSlug: string | undefined, handover: CarrierHandover, notes: ParseNotes): CanonicalEvent | undefined {
  const scans = checkpoints
    .map((checkpoint) => ({ checkpoint, at: checkpointTime(checkpoint, new ParseNotes()) }))
    .filter((scan): scan is { checkpoint: AfterShipCheckpoint; at: string } => scan.at !== undefined)
    .sort((a, b) => a.at.localeCompare(b.at));
  const lastMileSlug = handover.carrierSlug;
  const firstLastMile = scans.findIndex((scan) => clean(scan.checkpoint.slug) === lastMileSlug && lastMileSlug !== clean(firstLegSlug));
  const firstLeg = (firstLastMile === -1 ? scans : scans.slice(0, firstLastMile)).filter((scan) => clean(scan.checkpoint.slug) !== lastMileSlug || lastMileSlug === clean(firstLegSlug));
  const anchor = firstLeg.at(-1) ?? (firstLastMile === -1 ? undefined : scans[firstLastMile]);
  if (!anchor) {
    notes.warn(`hand-over to ${handover.carrierName} has no scan to place it at`);
    return undefined;
  }
  return {
    occurredAt: anchor.at,
    status: "in_transit",
    carrierCode: HANDOVER_EVENT_CODE,
    description: handoverDescription(handover),
    raw: { last_mile: { slug: handover.carrierSlug, tracking_number: handover.trackingNumber } },
  };
}

function latestStatus(tracking: AfterShipTracking, notes: ParseNotes): CarrierLatestStatus | undefined {
  const tag = clean(tracking.tag);
  const subtag = clean(tracking.subtag);
  if (!tag && !subtag) return undefined;
  const mapped = withReason(statusOf(subtag, tag), tracking.subtag_message);
  if (!mapped.mapped) notes.unmappedCode(subtag ?? tag ?? "(none)");
  return compact({ status: mapped.status, subStatus: mapped.subStatus, carrierCode: subtag ?? tag ?? "", description: tracking.subtag_message ?? tag ?? "" });
}

function point(text: string | undefined): { value: string; local: boolean } | undefined {
  const t = clean(text);
  if (!t) return undefined;
  const utc = isoToUtc(t);
  if (utc) return { value: utc, local: false };
  const local = splitIso(t).local;
  if (isCalendarDate(local)) return { value: `${local}T00:00:00`, local: true };
  return localToUtc(local, 0) ? { value: local, local: true } : undefined;
}

function eta(tracking: AfterShipTracking): CarrierEta | undefined {
  const estimate = tracking.courier_estimated_delivery_date;
  const single = point(estimate?.estimated_delivery_date);
  const from = point(estimate?.estimated_delivery_date_min) ?? single;
  const to = point(estimate?.estimated_delivery_date_max) ?? single;
  if (!from || !to) return undefined;
  return { start: from.value, end: to.value, local: from.local || to.local, source: "courier_estimated_delivery_date" };
}

export type AfterShipPushEvent = { kind: "updated"; item: ParsedTracking } | { kind: "ignored"; event: string } | { kind: "invalid"; message: string };

/** Pure: a verified webhook body (JSON-parsed) → what changed. Never throws. */
export function parseAfterShipPush(json: unknown): AfterShipPushEvent {
  try {
    const parsed = AfterShipWebhook.safeParse(json);
    if (!parsed.success) return { kind: "invalid", message: describeIssues(parsed.error.issues) };
    // `tracking_update` carries the whole tracking; EDD and pending-time events carry it too.
    if (parsed.data.event !== "tracking_update" && parsed.data.event !== "edd_revise") return { kind: "ignored", event: parsed.data.event };
    const item = trackingItem(parsed.data.msg);
    if (item.kind === "error" && item.code === "unexpected_shape") return { kind: "invalid", message: item.message };
    return { kind: "updated", item: { ...item, raw: json } };
  } catch (error) {
    return { kind: "invalid", message: String(error) };
  }
}
