import type { CanonicalEvent } from "~/domain/status";
import type { CarrierEta, CarrierLatestStatus, DeliveryDetails, ParseResult, ParsedTracking } from "~/carriers/adapter";
import { ParseNotes, clean, compact, describeIssues, foundResult, lookupStatus } from "~/carriers/mapping";
import { hasOffset, isoToUtc, localToUtc, splitIso } from "~/carriers/time";
import { withReason } from "~/carriers/reasons";
import { DHL_STATUS_CODES } from "./status-map";
import { DhlProblem, DhlTrackResponse, type DhlEvent, type DhlShipment } from "./wire";

/** Pure: DHL Unified Tracking JSON (or its problem+json) → canonical result. Never throws. */
export function parseDhlResponse(json: unknown, context: { trackingNumber?: string } = {}): ParseResult {
  try {
    return parse(json, context.trackingNumber);
  } catch (error) {
    return { ok: false, error: { kind: "unexpected_shape", message: `DHL parser failed: ${String(error)}` } };
  }
}

function parse(json: unknown, requested: string | undefined): ParseResult {
  const parsed = DhlTrackResponse.safeParse(json);
  if (!parsed.success) {
    const problem = DhlProblem.safeParse(json);
    if (problem.success && (problem.data.status !== undefined || problem.data.title !== undefined)) {
      const trackingNumber = requested ?? "";
      const message = problem.data.detail ?? problem.data.title ?? "DHL returned an error";
      if (problem.data.status === 404) return { ok: true, items: [{ kind: "not_found", trackingNumber, message }] };
      return {
        ok: true,
        items: [{ kind: "error", trackingNumber, code: `dhl:${problem.data.status ?? "error"}`, message, retryable: false }],
      };
    }
    return { ok: false, error: { kind: "unexpected_shape", message: describeIssues(parsed.error.issues) } };
  }
  const shipments = parsed.data.shipments;
  if (shipments.length === 0) {
    return { ok: true, items: [{ kind: "not_found", trackingNumber: requested ?? "", message: "DHL returned no shipment" }] };
  }
  // The same number can exist under several DHL services; group them so each number is one item.
  const groups = new Map<string, DhlShipment[]>();
  for (const s of shipments) {
    const id = s.id ?? requested ?? "";
    groups.set(id, [...(groups.get(id) ?? []), s]);
  }
  const items: ParsedTracking[] = [...groups].map(([id, group]) => shipmentItem(id, group));
  return { ok: true, items };
}

function shipmentItem(trackingNumber: string, shipments: DhlShipment[]): ParsedTracking {
  const notes = new ParseNotes();
  const events: CanonicalEvent[] = [];
  for (const s of shipments) {
    for (const e of s.events) {
      const event = toEvent(e, notes);
      if (event) events.push(event);
    }
  }
  const first = shipments[0];
  return foundResult(trackingNumber, events, notes, {
    latest: first?.status ? latest(first.status, notes) : undefined,
    carrierEta: shipments.map(eta).find((x) => x !== undefined),
    delivery: shipments.map(delivery).find((x) => x !== undefined),
    pieces: first?.details?.pieceIds,
  });
}

function toEvent(e: DhlEvent, notes: ParseNotes): CanonicalEvent | undefined {
  const ts = clean(e.timestamp);
  let occurredAt = isoToUtc(ts);
  if (!occurredAt && ts) {
    occurredAt = localToUtc(splitIso(ts).local, 0);
    if (occurredAt) notes.warn(`event ${ts} has no UTC offset; assumed UTC`);
  }
  if (!occurredAt || !ts) {
    notes.warn(`skipped event with unreadable timestamp ${ts ?? ""}`);
    return undefined;
  }
  const code = clean(e.statusCode);
  const mapped = withReason(lookupStatus(DHL_STATUS_CODES, code), e.status, e.description, e.remark);
  if (!mapped.mapped) notes.unmappedCode(code ?? "(none)");
  const address = e.location?.address;
  const country = clean(address?.countryCode);
  const loc = compact({
    city: clean(address?.addressLocality),
    postalCode: clean(address?.postalCode),
    country: country && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : undefined,
  });
  return compact({
    occurredAt,
    localTime: hasOffset(ts) ? ts : undefined,
    status: mapped.status,
    subStatus: mapped.subStatus,
    carrierCode: code ?? "",
    description: e.description ?? e.status ?? "",
    location: Object.keys(loc).length > 0 ? loc : undefined,
    raw: e,
  });
}

function latest(status: DhlEvent, notes: ParseNotes): CarrierLatestStatus | undefined {
  const code = clean(status.statusCode);
  if (!code) return undefined;
  const mapped = withReason(lookupStatus(DHL_STATUS_CODES, code), status.status, status.description, status.remark);
  if (!mapped.mapped) notes.unmappedCode(code);
  return compact({ status: mapped.status, subStatus: mapped.subStatus, carrierCode: code, description: status.description ?? status.status ?? "" });
}

function point(text: string | undefined): { value: string; local: boolean } | undefined {
  const t = clean(text);
  if (!t) return undefined;
  const utc = isoToUtc(t);
  if (utc) return { value: utc, local: false };
  const local = splitIso(t).local;
  return localToUtc(local, 0) ? { value: local, local: true } : undefined;
}

function eta(s: DhlShipment): CarrierEta | undefined {
  const from = point(s.estimatedDeliveryTimeFrame?.estimatedFrom);
  const through = point(s.estimatedDeliveryTimeFrame?.estimatedThrough);
  if (from || through) {
    const start = (from ?? through)!;
    const end = (through ?? from)!;
    return { start: start.value, end: end.value, local: start.local || end.local, source: "estimatedDeliveryTimeFrame" };
  }
  const single = point(s.estimatedTimeOfDelivery);
  return single ? { start: single.value, end: single.value, local: single.local, source: "estimatedTimeOfDelivery" } : undefined;
}

function delivery(s: DhlShipment): DeliveryDetails | undefined {
  const pod = s.details?.proofOfDelivery;
  if (!pod) return undefined;
  const signer = pod.signed;
  const name = clean(signer?.name) ?? clean([signer?.givenName, signer?.familyName].filter(Boolean).join(" "));
  const out = compact({
    signedBy: name,
    proofOfDeliveryUrl: clean(pod.documentUrl),
    signatureUrl: clean(pod.signatureUrl),
    signatureAvailable: pod.signatureUrl ? true : undefined,
    deliveredAt: isoToUtc(pod.timestamp),
  });
  return Object.keys(out).length > 0 ? out : undefined;
}
