import type { CanonicalEvent } from "~/domain/status";
import type { CarrierEta, DeliveryDetails, ParseResult, ParsedTracking } from "~/carriers/adapter";
import { ParseNotes, clean, compact, describeIssues, foundResult, location, lookupStatus } from "~/carriers/mapping";
import { clockTime, isCalendarDate, isoToUtc, localToUtc, parseOffset, splitIso, withOffset } from "~/carriers/time";
import { withReason } from "~/carriers/reasons";
import { USPS_EVENT_CODES } from "./status-map";
import { UspsErrorResponse, UspsTrackingResponse, type UspsTrackingEvent } from "./wire";

/** Pure: USPS Tracking v3 JSON → canonical result for one number. Never throws. */
export function parseUspsResponse(json: unknown, context: { trackingNumber?: string } = {}): ParseResult {
  try {
    return parse(json, context.trackingNumber);
  } catch (error) {
    return { ok: false, error: { kind: "unexpected_shape", message: `USPS parser failed: ${String(error)}` } };
  }
}

function parse(json: unknown, requested: string | undefined): ParseResult {
  const errorBody = UspsErrorResponse.safeParse(json);
  if (errorBody.success) return { ok: true, items: [errorItem(errorBody.data, requested ?? "")] };
  // Every field is optional in the schema, so insist on a USPS-specific key: an unrelated JSON
  // object must not be reported as "not found".
  const looksLikeUsps =
    typeof json === "object" && json !== null && ["trackingNumber", "trackingEvents", "statusCategory"].some((k) => k in json);
  if (!looksLikeUsps) return { ok: false, error: { kind: "unexpected_shape", message: "not a USPS tracking response" } };
  const parsed = UspsTrackingResponse.safeParse(json);
  if (!parsed.success) return { ok: false, error: { kind: "unexpected_shape", message: describeIssues(parsed.error.issues) } };
  const body = parsed.data;
  const trackingNumber = body.trackingNumber ?? requested ?? "";
  if (body.trackingEvents.length === 0 && !body.status && !body.statusCategory) {
    return { ok: true, items: [{ kind: "not_found", trackingNumber, message: body.statusSummary ?? "USPS has no tracking information" }] };
  }
  const notes = new ParseNotes();
  const events = body.trackingEvents.map((e) => event(e, notes)).filter((e): e is CanonicalEvent => e !== undefined);
  return {
    ok: true,
    items: [
      foundResult(trackingNumber, events, notes, {
        carrierEta: eta(body),
        delivery: delivery(body.trackingEvents),
      }),
    ],
  };
}

function errorItem(body: UspsErrorResponse, trackingNumber: string): ParsedTracking {
  const detail = body.error.errors[0];
  const status = body.error.code ?? detail?.status ?? "";
  const message = detail?.detail ?? body.error.message ?? "USPS returned an error";
  if (status === "404") return { kind: "not_found", trackingNumber, message };
  return { kind: "error", trackingNumber, code: `usps:${detail?.code ?? status}`, message, retryable: false };
}

function event(e: UspsTrackingEvent, notes: ParseNotes): CanonicalEvent | undefined {
  const offset = parseOffset(e.GMTOffset);
  const local = e.eventTimestamp ? splitIso(e.eventTimestamp).local : undefined;
  let occurredAt = isoToUtc(e.GMTTimestamp);
  if (!occurredAt && local && offset !== undefined) occurredAt = localToUtc(local, offset);
  if (!occurredAt && e.eventTimestamp) occurredAt = isoToUtc(e.eventTimestamp);
  if (!occurredAt && local) {
    occurredAt = localToUtc(local, 0);
    if (occurredAt) notes.warn(`event ${e.eventTimestamp} has no UTC offset; assumed UTC`);
  }
  if (!occurredAt) {
    notes.warn(`skipped event with unreadable time ${e.eventTimestamp ?? ""}`);
    return undefined;
  }
  const code = clean(e.eventCode);
  const mapped = withReason(lookupStatus(USPS_EVENT_CODES, code), e.eventType);
  if (!mapped.mapped) notes.unmappedCode(code ?? "(none)");
  return compact({
    occurredAt,
    localTime: local && offset !== undefined ? withOffset(local, offset) : undefined,
    status: mapped.status,
    subStatus: mapped.subStatus,
    carrierCode: code ?? "",
    description: e.eventType ?? "",
    location: location({
      city: e.eventCity,
      province: e.eventState,
      postalCode: e.eventZIP ?? e.eventZIPCode,
      country: e.eventCountry,
    }),
    raw: e,
  });
}

function eta(body: UspsTrackingResponse): CarrierEta | undefined {
  const expected = clean(body.expectedDeliveryTimeStamp);
  if (expected) {
    const utc = isoToUtc(expected);
    if (utc) return { start: utc, end: utc, local: false, source: "expectedDeliveryTimeStamp" };
    const local = splitIso(expected).local;
    if (isCalendarDate(local)) return { start: `${local}T00:00:00`, end: `${local}T23:59:59`, local: true, source: "expectedDeliveryTimeStamp" };
    if (localToUtc(local, 0)) return { start: local, end: local, local: true, source: "expectedDeliveryTimeStamp" };
  }
  const date = clean(body.predictedDeliveryDate);
  if (date && isCalendarDate(date.slice(0, 10))) {
    const day = date.slice(0, 10);
    const start = clockTime(body.predictedDeliveryWindowStartTime);
    const end = clockTime(body.predictedDeliveryWindowEndTime);
    return {
      start: `${day}T${start ?? "00:00:00"}`,
      end: `${day}T${end ?? "23:59:59"}`,
      local: true,
      source: start || end ? "predictedDeliveryDate+window" : "predictedDeliveryDate",
    };
  }
  return undefined;
}

function delivery(events: UspsTrackingEvent[]): DeliveryDetails | undefined {
  const delivered = events.find((e) => e.eventCode === "01" || e.eventCode === "17" || e.eventCode === "43");
  if (!delivered) return undefined;
  const offset = parseOffset(delivered.GMTOffset);
  const local = delivered.eventTimestamp ? splitIso(delivered.eventTimestamp).local : undefined;
  const out = compact({
    signedBy: clean(delivered.name),
    deliveryLocation: clean(delivered.eventType?.replace(/^Delivered,?\s*/i, "")) || undefined,
    deliveredAt: isoToUtc(delivered.GMTTimestamp) ?? (local && offset !== undefined ? localToUtc(local, offset) : undefined),
  });
  return Object.keys(out).length > 0 ? out : undefined;
}
