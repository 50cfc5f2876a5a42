import type { CanonicalEvent } from "~/domain/status";
import type { CarrierEta, CarrierLatestStatus, DeliveryDetails, ParseResult, ParsedTracking } from "~/carriers/adapter";
import { ParseNotes, clean, compact, describeIssues, foundResult, location, lookupStatus } from "~/carriers/mapping";
import { hasOffset, isoToUtc, localToUtc, splitIso } from "~/carriers/time";
import { withReason } from "~/carriers/reasons";
import { FEDEX_DELAY_TYPES, FEDEX_EVENT_TYPES, FEDEX_INVALID_CODES, FEDEX_NOT_FOUND_CODES } from "./status-map";
import { FedexErrorResponse, FedexTrackResponse, type FedexScanEvent, type FedexTrackResult } from "./wire";

/**
 * Pure: FedEx Track API JSON → canonical results, one item per tracking number. `trackingNumbers`
 * (the request) lets a whole-request error body be reported against every number. Never throws.
 */
export function parseFedexResponse(json: unknown, context: { trackingNumbers?: readonly string[] } = {}): ParseResult {
  try {
    return parse(json, context.trackingNumbers ?? []);
  } catch (error) {
    return { ok: false, error: { kind: "unexpected_shape", message: `FedEx parser failed: ${String(error)}` } };
  }
}

function parse(json: unknown, requested: readonly string[]): ParseResult {
  const parsed = FedexTrackResponse.safeParse(json);
  if (!parsed.success) {
    const errorBody = FedexErrorResponse.safeParse(json);
    if (errorBody.success) {
      const first = errorBody.data.errors[0];
      const code = first?.code ?? "";
      const message = first?.message ?? "FedEx returned an error";
      const numbers = requested.length > 0 ? requested : [""];
      return {
        ok: true,
        items: numbers.map((trackingNumber) => ({ kind: "error", trackingNumber, code: `fedex:${code}`, message, retryable: false })),
      };
    }
    return { ok: false, error: { kind: "unexpected_shape", message: describeIssues(parsed.error.issues) } };
  }
  const items = parsed.data.output.completeTrackResults.map((complete): ParsedTracking => {
    const trackingNumber = complete.trackingNumber ?? complete.trackResults[0]?.trackingNumberInfo?.trackingNumber ?? "";
    const ok = complete.trackResults.filter((r) => !r.error);
    if (ok.length === 0) {
      const error = complete.trackResults[0]?.error;
      const code = error?.code ?? "";
      const message = error?.message ?? "FedEx returned no result for this number";
      if (code === "" || (FEDEX_NOT_FOUND_CODES as readonly string[]).includes(code)) {
        return { kind: "not_found", trackingNumber, message, raw: complete };
      }
      if ((FEDEX_INVALID_CODES as readonly string[]).includes(code)) {
        return { kind: "invalid", trackingNumber, code: `fedex:${code}`, message, raw: complete };
      }
      return { kind: "error", trackingNumber, code: `fedex:${code}`, message, retryable: false, raw: complete };
    }
    return { ...foundItem(trackingNumber, ok), raw: complete };
  });
  return { ok: true, items };
}

function foundItem(trackingNumber: string, results: FedexTrackResult[]): ParsedTracking {
  const notes = new ParseNotes();
  const events: CanonicalEvent[] = [];
  for (const result of results) {
    for (const scan of result.scanEvents) {
      const event = scanEvent(scan, notes);
      if (event) events.push(event);
    }
  }
  const primary = results[0];
  return foundResult(trackingNumber, events, notes, {
    latest: primary ? latest(primary, notes) : undefined,
    carrierEta: results.map((r) => eta(r)).find((e) => e !== undefined),
    delivery: results.map(delivery).find((d) => d !== undefined),
    pieces: unique(results.map((r) => r.trackingNumberInfo?.trackingNumber)),
  });
}

function scanEvent(scan: FedexScanEvent, notes: ParseNotes): CanonicalEvent | undefined {
  const date = clean(scan.date);
  if (!date) {
    notes.warn("skipped scan event without a date");
    return undefined;
  }
  let occurredAt = isoToUtc(date);
  if (!occurredAt) {
    occurredAt = localToUtc(splitIso(date).local, 0);
    if (!occurredAt) {
      notes.warn(`skipped scan event with unreadable date ${date}`);
      return undefined;
    }
    notes.warn(`scan ${date} has no UTC offset; assumed UTC`);
  }
  const code = clean(scan.eventType) ?? clean(scan.derivedStatusCode);
  // Fall back to the derived code when FedEx sends an event type we don't know.
  let mapped = lookupStatus(FEDEX_EVENT_TYPES, code);
  if (!mapped.mapped && scan.derivedStatusCode) {
    const derived = lookupStatus(FEDEX_EVENT_TYPES, scan.derivedStatusCode);
    if (derived.mapped) mapped = derived;
  }
  if (!mapped.mapped) notes.unmappedCode(code ?? "(none)");
  mapped = withReason(mapped, scan.exceptionDescription, scan.eventDescription);
  const exception = clean(scan.exceptionDescription);
  const description = clean(scan.eventDescription) ?? "";
  return compact({
    occurredAt,
    localTime: hasOffset(date) ? date : undefined,
    status: mapped.status,
    subStatus: mapped.subStatus,
    carrierCode: code ?? "",
    description: exception && exception !== description ? `${description}: ${exception}` : description,
    location: scan.scanLocation
      ? location({
          city: scan.scanLocation.city,
          province: scan.scanLocation.stateOrProvinceCode,
          postalCode: scan.scanLocation.postalCode,
          country: scan.scanLocation.countryCode,
        })
      : undefined,
    raw: scan,
  });
}

function latest(result: FedexTrackResult, notes: ParseNotes): CarrierLatestStatus | undefined {
  const detail = result.latestStatusDetail;
  const code = clean(detail?.code) ?? clean(detail?.derivedCode);
  if (!detail || !code) return undefined;
  const description = detail.statusByLocale ?? detail.description ?? "";
  const mapped = withReason(lookupStatus(FEDEX_EVENT_TYPES, code), description);
  if (!mapped.mapped) notes.unmappedCode(code);
  const delay = detail.delayDetail;
  // A carrier-declared delay outranks the plain in-transit code it rides on.
  if (delay?.status === "DELAYED" && mapped.status !== "delivered") {
    const sub = delay.type && Object.hasOwn(FEDEX_DELAY_TYPES, delay.type) ? FEDEX_DELAY_TYPES[delay.type as keyof typeof FEDEX_DELAY_TYPES] : undefined;
    return compact({ status: "delayed" as const, subStatus: sub, carrierCode: code, description });
  }
  return compact({ status: mapped.status, subStatus: mapped.subStatus, carrierCode: code, description });
}

function toEtaPoint(text: string | undefined): { value: string; local: boolean } | undefined {
  const t = clean(text);
  if (!t) return undefined;
  const utc = isoToUtc(t);
  if (utc) return { value: utc, local: false };
  const local = splitIso(t).local;
  return localToUtc(local, 0) ? { value: local, local: true } : /^\d{4}-\d{2}-\d{2}$/.test(t) ? { value: t, local: true } : undefined;
}

function eta(result: FedexTrackResult): CarrierEta | undefined {
  const candidates: [string, string | undefined, string | undefined][] = [
    ["estimatedDeliveryTimeWindow", result.estimatedDeliveryTimeWindow?.window?.begins, result.estimatedDeliveryTimeWindow?.window?.ends],
    ["standardTransitTimeWindow", result.standardTransitTimeWindow?.window?.begins, result.standardTransitTimeWindow?.window?.ends],
  ];
  const estimated = result.dateAndTimes.find((d) => d.type === "ESTIMATED_DELIVERY")?.dateTime;
  candidates.push(["dateAndTimes.ESTIMATED_DELIVERY", estimated, estimated]);
  for (const [source, begins, ends] of candidates) {
    const start = toEtaPoint(begins) ?? toEtaPoint(ends);
    const end = toEtaPoint(ends) ?? start;
    if (start && end) return { start: start.value, end: end.value, local: start.local || end.local, source };
  }
  return undefined;
}

function delivery(result: FedexTrackResult): DeliveryDetails | undefined {
  const details = result.deliveryDetails;
  const deliveredAt = isoToUtc(result.dateAndTimes.find((d) => d.type === "ACTUAL_DELIVERY")?.dateTime);
  const signature = result.availableImages.some((i) => i.type === "SIGNATURE_PROOF_OF_DELIVERY");
  const out = compact({
    signedBy: clean(details?.signedByName) ?? clean(details?.receivedByName),
    deliveryLocation: clean(details?.locationDescription),
    signatureAvailable: signature ? true : undefined,
    deliveredAt,
    attempts: clean(details?.deliveryAttempts) && details?.deliveryAttempts !== "0" ? details?.deliveryAttempts : undefined,
    address: fedexAddress(details?.actualDeliveryAddress),
  });
  return Object.keys(out).length > 0 ? out : undefined;
}

function unique(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined && v !== ""))];
}

function fedexAddress(address: NonNullable<FedexTrackResult["deliveryDetails"]>["actualDeliveryAddress"]): DeliveryDetails["address"] {
  if (!address) return undefined;
  const out = compact({
    street: clean(address.streetLines.join(", ")),
    city: clean(address.city),
    province: clean(address.stateOrProvinceCode),
    postalCode: clean(address.postalCode),
    country: clean(address.countryCode),
  });
  return Object.keys(out).length > 0 ? out : undefined;
}
