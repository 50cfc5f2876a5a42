import type { CanonicalEvent } from "~/domain/status";
import type { CarrierEta, DeliveryDetails, ParseResult, ParsedTracking } from "~/carriers/adapter";
import { ParseNotes, clean, compact, describeIssues, foundResult, location, lookupStatus, type LookupResult } from "~/carriers/mapping";
import { clockTime, compactDate, localToUtc, parseOffset, withOffset } from "~/carriers/time";
import { UPS_ACTIVITY_CODE_OVERRIDES, UPS_STATUS_TYPES } from "./status-map";
import { withReason } from "~/carriers/reasons";
import { UPS_INVALID_CODES, UPS_NOT_FOUND_CODES, UpsErrorResponse, UpsTrackResponse, type UpsActivity, type UpsPackage } from "./wire";

/** Pure: UPS Track API JSON → canonical results. Never throws. */
export function parseUpsResponse(json: unknown, context: { trackingNumber?: string } = {}): ParseResult {
  try {
    return parse(json, context);
  } catch (error) {
    return { ok: false, error: { kind: "unexpected_shape", message: `UPS parser failed: ${String(error)}` } };
  }
}

function parse(json: unknown, context: { trackingNumber?: string }): ParseResult {
  const errorBody = UpsErrorResponse.safeParse(json);
  if (errorBody.success && errorBody.data.response.errors.length > 0) {
    return { ok: true, items: [errorItem(errorBody.data, context.trackingNumber ?? "")] };
  }
  const parsed = UpsTrackResponse.safeParse(json);
  if (!parsed.success) {
    return { ok: false, error: { kind: "unexpected_shape", message: describeIssues(parsed.error.issues) } };
  }
  const items: ParsedTracking[] = parsed.data.trackResponse.shipment.map((shipment) => {
    const trackingNumber = shipment.inquiryNumber ?? shipment.package[0]?.trackingNumber ?? context.trackingNumber ?? "";
    if (shipment.package.length === 0) {
      const warning = shipment.warnings[0];
      return {
        kind: "not_found",
        trackingNumber,
        message: warning?.message ?? "UPS returned no package for this number",
      };
    }
    return shipmentItem(trackingNumber, shipment.package);
  });
  return { ok: true, items };
}

function errorItem(body: UpsErrorResponse, trackingNumber: string): ParsedTracking {
  const first = body.response.errors[0];
  const code = first?.code ?? "";
  const message = first?.message ?? "UPS returned an error";
  if ((UPS_NOT_FOUND_CODES as readonly string[]).includes(code)) return { kind: "not_found", trackingNumber, message };
  if ((UPS_INVALID_CODES as readonly string[]).includes(code)) return { kind: "invalid", trackingNumber, code: `ups:${code}`, message };
  return { kind: "error", trackingNumber, code: `ups:${code}`, message, retryable: false };
}

function shipmentItem(trackingNumber: string, packages: UpsPackage[]): ParsedTracking {
  const notes = new ParseNotes();
  const events: CanonicalEvent[] = [];
  for (const pkg of packages) {
    for (const activity of pkg.activity) {
      const event = activityEvent(activity, notes);
      if (event) events.push(event);
    }
  }
  // The package carrying delivery details / ETA is normally the first; fall back to any that has them.
  const primary = packages[0];
  const latestStatus = primary?.currentStatus;
  let latest;
  if (latestStatus?.type) {
    const mapped = withReason(statusOf(latestStatus.type, latestStatus.code), latestStatus.description);
    if (!mapped.mapped) notes.unmappedCode(latestStatus.type);
    latest = compact({
      status: mapped.status,
      subStatus: mapped.subStatus,
      carrierCode: latestStatus.type,
      description: latestStatus.description ?? "",
    });
  }
  return foundResult(trackingNumber, events, notes, {
    latest,
    carrierEta: packages.map(eta).find((e) => e !== undefined),
    delivery: packages.map(delivery).find((d) => d !== undefined),
    pieces: packages.map((p) => p.trackingNumber).filter((n): n is string => n !== undefined),
  });
}

function statusOf(type: string | undefined, code: string | undefined): LookupResult {
  const byCode = lookupStatus(UPS_ACTIVITY_CODE_OVERRIDES, code);
  if (byCode.mapped) return byCode;
  return lookupStatus(UPS_STATUS_TYPES, type);
}

function activityEvent(activity: UpsActivity, notes: ParseNotes): CanonicalEvent | undefined {
  const localDate = compactDate(activity.date);
  const localClock = clockTime(activity.time);
  const offset = parseOffset(activity.gmtOffset);
  const local = localDate && localClock ? `${localDate}T${localClock}` : undefined;

  let occurredAt: string | undefined;
  const gmtDate = compactDate(activity.gmtDate);
  const gmtClock = clockTime(activity.gmtTime);
  if (gmtDate && gmtClock) occurredAt = localToUtc(`${gmtDate}T${gmtClock}`, 0);
  else if (local && offset !== undefined) occurredAt = localToUtc(local, offset);
  else if (local) {
    occurredAt = localToUtc(local, 0);
    notes.warn(`activity ${activity.date} ${activity.time} has no UTC offset; assumed UTC`);
  }
  if (!occurredAt) {
    notes.warn(`skipped activity with unreadable date/time ${activity.date ?? ""} ${activity.time ?? ""}`);
    return undefined;
  }

  const type = clean(activity.status?.type);
  const code = clean(activity.status?.code);
  const mapped = withReason(statusOf(type, code), activity.status?.description);
  if (!mapped.mapped) notes.unmappedCode(type ?? code ?? "(none)");
  const address = activity.location?.address;
  return compact({
    occurredAt,
    localTime: local && offset !== undefined ? withOffset(local, offset) : undefined,
    status: mapped.status,
    subStatus: mapped.subStatus,
    carrierCode: type ?? code ?? "",
    description: activity.status?.description ?? "",
    location: address
      ? location({
          city: address.city,
          province: address.stateProvince,
          postalCode: address.postalCode,
          country: address.countryCode ?? address.country,
        })
      : undefined,
    raw: activity,
  });
}

function eta(pkg: UpsPackage): CarrierEta | undefined {
  // A rescheduled date supersedes the originally scheduled one.
  const entry = pkg.deliveryDate.find((d) => d.type === "RDD") ?? pkg.deliveryDate.find((d) => d.type === "SDD");
  const date = compactDate(entry?.date);
  if (!date || !entry) return undefined;
  const window = pkg.deliveryTime;
  const start = clockTime(window?.startTime);
  const end = clockTime(window?.endTime);
  const source = `deliveryDate.${entry.type}${window?.type ? `+deliveryTime.${window.type}` : ""}`;
  if (window?.type && ["EDW", "CDW", "IDW"].includes(window.type) && start && end) {
    return { start: `${date}T${start}`, end: `${date}T${end}`, local: true, source };
  }
  if (window?.type === "CMT" && end) return { start: `${date}T00:00:00`, end: `${date}T${end}`, local: true, source };
  return { start: `${date}T00:00:00`, end: `${date}T23:59:59`, local: true, source };
}

function delivery(pkg: UpsPackage): DeliveryDetails | undefined {
  const info = pkg.deliveryInformation;
  if (!info) return undefined;
  const details = compact({
    signedBy: clean(info.receivedBy),
    deliveryLocation: clean(info.location),
    signatureAvailable: info.signature?.image || info.pod?.content || info.deliveryPhoto?.photo ? true : undefined,
    // UPS sends image content, not links: the proof of delivery keeps only http(s) references.
    photoUrls: info.deliveryPhoto?.photo ? [info.deliveryPhoto.photo] : undefined,
  });
  return Object.keys(details).length > 0 ? details : undefined;
}
