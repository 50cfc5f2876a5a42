import type { CanonicalEvent } from "~/domain/status";
import type { CarrierEta, CarrierLatestStatus, DeliveryDetails, ParseResult, ParsedTracking } from "~/carriers/adapter";
import { ParseNotes, clean, compact, describeIssues, foundResult, location, lookupStatus, type LookupResult } from "~/carriers/mapping";
import { clockTime, hasOffset, isCalendarDate, isoToUtc, localToUtc, parseOffset, splitIso } from "~/carriers/time";
import { withReason } from "~/carriers/reasons";
import { QUOTA_EXHAUSTED_SUFFIX } from "~/domain/aggregator-choice";
import { SEVENTEEN_TRACK_STAGES, SEVENTEEN_TRACK_STATUSES, SEVENTEEN_TRACK_SUB_STATUSES } from "./status-map";
import { SeventeenTrackAccepted, SeventeenTrackPush, SeventeenTrackResponse, type SeventeenTrackEvent, type SeventeenTrackInfo } from "./wire";

/**
 * 17TRACK's answers that the account's tracking quota is spent (API v2.2 error table):
 * -18019907 "daily limit exceeded" and -18019908 "quota used up". They come request-wide
 * (`code` ≠ 0 with `data.errors[]`) or per number in `data.rejected[]` of `register`; a number
 * 17TRACK refused to register is then "not registered" (-18019902) in `gettrackinfo`.
 */
export const SEVENTEEN_TRACK_QUOTA_ERRORS: readonly number[] = [-18019907, -18019908];
/** Error code of a number 17TRACK would not track because the account's quota is spent. */
export const SEVENTEEN_TRACK_QUOTA_CODE = `17track${QUOTA_EXHAUSTED_SUFFIX}`;

function errorCode(code: number | string | undefined | null): string {
  return typeof code === "number" && SEVENTEEN_TRACK_QUOTA_ERRORS.includes(code) ? SEVENTEEN_TRACK_QUOTA_CODE : `17track:${code ?? "rejected"}`;
}

/** Pure: 17TRACK gettrackinfo JSON → one item per number (accepted and rejected). Never throws. */
export function parseSeventeenTrackResponse(json: unknown, context: { trackingNumbers?: readonly string[] } = {}): ParseResult {
  try {
    return parse(json, context.trackingNumbers ?? []);
  } catch (error) {
    return { ok: false, error: { kind: "unexpected_shape", message: `17TRACK parser failed: ${String(error)}` } };
  }
}

function parse(json: unknown, requested: readonly string[]): ParseResult {
  const parsed = SeventeenTrackResponse.safeParse(json);
  if (!parsed.success) return { ok: false, error: { kind: "unexpected_shape", message: describeIssues(parsed.error.issues) } };
  const { code, data } = parsed.data;
  if (code !== 0) {
    const first = data.errors[0];
    const message = first?.message ?? `17TRACK returned code ${code}`;
    const numbers = requested.length > 0 ? requested : [""];
    return {
      ok: true,
      items: numbers.map((trackingNumber) => ({ kind: "error", trackingNumber, code: errorCode(first?.code ?? code), message, retryable: false })),
    };
  }
  const items: ParsedTracking[] = [];
  for (const entry of data.accepted) {
    const item = SeventeenTrackAccepted.safeParse(entry);
    if (!item.success) {
      const number = typeof entry === "object" && entry !== null && "number" in entry ? String((entry as { number: unknown }).number) : "";
      items.push({ kind: "error", trackingNumber: number, code: "unexpected_shape", message: describeIssues(item.error.issues), retryable: true, raw: entry });
      continue;
    }
    items.push({ ...acceptedItem(item.data.number, item.data.track_info), raw: entry });
  }
  for (const rejected of data.rejected) {
    const rejectedCode = rejected.error?.code;
    items.push({
      kind: "error",
      trackingNumber: rejected.number ?? "",
      code: errorCode(rejectedCode),
      message: rejected.error?.message ?? "Rejected by 17TRACK",
      retryable: false,
      raw: rejected,
    });
  }
  return { ok: true, items };
}

/** One accepted 17TRACK item (also the payload of a TRACKING_UPDATED push). */
export function acceptedItem(number: string, info: SeventeenTrackInfo | undefined): ParsedTracking {
  const notes = new ParseNotes();
  const events: CanonicalEvent[] = [];
  for (const provider of info?.tracking?.providers ?? []) {
    for (const e of provider.events) {
      const event = toEvent(e, notes);
      if (event) events.push(event);
    }
  }
  const latest = latestStatus(info, notes);
  if (events.length === 0 && info?.latest_status?.sub_status === "NotFound_InvalidCode") {
    // 17TRACK's definitive answer: the carrier rejects this number as invalid.
    return { kind: "invalid", trackingNumber: number, code: "17track:NotFound_InvalidCode", message: info.latest_status.sub_status_descr ?? "The carrier says this tracking number is invalid" };
  }
  if (events.length === 0 && (!info || info.latest_status?.status === "NotFound" || !info.latest_status)) {
    return { kind: "not_found", trackingNumber: number, message: info?.latest_status?.sub_status ?? "17TRACK has no information yet" };
  }
  return foundResult(number, events, notes, { latest, carrierEta: eta(info), delivery: deliveredScan(info) });
}

function statusOf(subStatus: string | undefined, fallback: string | undefined, fallbackTable: "stage" | "status"): LookupResult {
  const bySub = lookupStatus(SEVENTEEN_TRACK_SUB_STATUSES, subStatus);
  if (bySub.mapped) return bySub;
  return lookupStatus(fallbackTable === "stage" ? SEVENTEEN_TRACK_STAGES : SEVENTEEN_TRACK_STATUSES, fallback);
}

function toEvent(e: SeventeenTrackEvent, notes: ParseNotes): CanonicalEvent | undefined {
  let occurredAt = isoToUtc(e.time_utc) ?? isoToUtc(e.time_iso);
  const localTime = e.time_iso && hasOffset(e.time_iso) ? e.time_iso : undefined;
  if (!occurredAt && e.time_raw?.date) {
    const date = e.time_raw.date;
    const time = clockTime(e.time_raw.time) ?? "00:00:00";
    const offset = parseOffset(e.time_raw.timezone);
    if (isCalendarDate(date)) occurredAt = localToUtc(`${date}T${time}`, offset ?? 0);
    if (occurredAt && offset === undefined) notes.warn(`event ${date} ${time} has no UTC offset; assumed UTC`);
  }
  if (!occurredAt && e.time_iso) {
    occurredAt = localToUtc(splitIso(e.time_iso).local, 0);
    if (occurredAt) notes.warn(`event ${e.time_iso} has no UTC offset; assumed UTC`);
  }
  if (!occurredAt) {
    notes.warn(`skipped event with unreadable time ${e.time_iso ?? e.time_utc ?? ""}`);
    return undefined;
  }
  const sub = clean(e.sub_status);
  const stage = clean(e.stage);
  const mapped = withReason(statusOf(sub, stage, "stage"), e.description);
  if (!mapped.mapped) notes.unmappedCode(sub ?? stage ?? "(none)");
  const loc =
    location({ city: e.address?.city, province: e.address?.state, postalCode: e.address?.postal_code, country: e.address?.country }) ??
    (clean(e.location) ? { city: clean(e.location) } : undefined);
  return compact({
    occurredAt,
    localTime,
    status: mapped.status,
    subStatus: mapped.subStatus,
    carrierCode: sub ?? stage ?? "",
    description: e.description ?? "",
    location: loc,
    raw: e,
  });
}

function latestStatus(info: SeventeenTrackInfo | undefined, notes: ParseNotes): CarrierLatestStatus | undefined {
  const status = clean(info?.latest_status?.status);
  const sub = clean(info?.latest_status?.sub_status);
  if (!status && !sub) return undefined;
  const mapped = statusOf(sub, status, "status");
  if (!mapped.mapped) notes.unmappedCode(sub ?? status ?? "(none)");
  return compact({
    status: mapped.status,
    subStatus: mapped.subStatus,
    carrierCode: sub ?? status ?? "",
    description: info?.latest_status?.sub_status_descr ?? info?.latest_event?.description ?? "",
  });
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

function eta(info: SeventeenTrackInfo | undefined): CarrierEta | undefined {
  const estimate = info?.time_metrics?.estimated_delivery_date;
  const from = point(estimate?.from);
  const to = point(estimate?.to);
  if (!from && !to) return undefined;
  const start = (from ?? to)!;
  const end = (to ?? from)!;
  return { start: start.value, end: end.value, local: start.local || end.local, source: `time_metrics.estimated_delivery_date${estimate?.source ? `(${estimate.source})` : ""}` };
}

export type SeventeenTrackPushEvent =
  | { kind: "updated"; carrier?: number; item: ParsedTracking }
  | { kind: "stopped"; trackingNumber: string; carrier?: number }
  | { kind: "ignored"; event: string }
  | { kind: "invalid"; message: string };

/** Pure: a verified push body (already JSON-parsed) → what changed. Never throws. */
export function parseSeventeenTrackPush(json: unknown): SeventeenTrackPushEvent {
  try {
    const parsed = SeventeenTrackPush.safeParse(json);
    if (!parsed.success) return { kind: "invalid", message: describeIssues(parsed.error.issues) };
    const { event, data } = parsed.data;
    if (event === "TRACKING_STOPPED") return compact({ kind: "stopped" as const, trackingNumber: data.number, carrier: data.carrier });
    if (event === "TRACKING_UPDATED") {
      return compact({ kind: "updated" as const, carrier: data.carrier, item: { ...acceptedItem(data.number, data.track_info), raw: json } });
    }
    return { kind: "ignored", event };
  } catch (error) {
    return { kind: "invalid", message: String(error) };
  }
}

/** 17TRACK has no proof-of-delivery block: the delivered scan's address and GPS are what it knows. */
function deliveredScan(info: SeventeenTrackInfo | undefined): DeliveryDetails | undefined {
  const scans = (info?.tracking?.providers ?? []).flatMap((provider) => provider.events);
  const delivered = scans.find((e) => (e.stage ?? e.sub_status ?? "").startsWith("Delivered"));
  const address = delivered?.address;
  if (!address) return undefined;
  const parts = compact({
    street: clean(address.street),
    city: clean(address.city),
    province: clean(address.state),
    postalCode: clean(address.postal_code),
    country: clean(address.country),
  });
  const out = compact({
    address: Object.keys(parts).length > 0 ? parts : undefined,
    latitude: address.coordinates?.latitude ?? undefined,
    longitude: address.coordinates?.longitude ?? undefined,
  });
  return Object.keys(out).length > 0 ? out : undefined;
}
