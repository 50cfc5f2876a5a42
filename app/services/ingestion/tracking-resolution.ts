import type { IncomingShipment } from "~/data/fulfillments.server";
import { PARCEL_CARRIERS } from "~/domain/tracking-number/formats";
import { resolveCarrierName, type CarrierNameMapping } from "~/domain/tracking-number/carrier-names";
import { detectTrackingNumber, normalizeTrackingNumber } from "~/domain/tracking-number/detect";
import { httpUrlOrNull } from "~/domain/safe-url";

/** Carriers whose number formats the detector knows completely enough to call a number "not theirs". */
const CARRIERS_WITH_KNOWN_FORMATS: ReadonlySet<string> = new Set(PARCEL_CARRIERS);

/**
 * Decides, the moment a fulfillment arrives, which carrier a tracking number belongs to and
 * whether the merchant should look at it. Order: the declared `tracking_company` (through the
 * shop's own mappings, then the built-in names), checked against what the number itself proves
 * (format + check digit); the detector alone when nothing was declared.
 *
 * - check digit fails, or too short/long to be any number → `invalid` (kept, flagged, never polled)
 * - valid for another carrier than the declared one → tracked with the carrier the number proves,
 *   flagged `carrier_mismatch` so the merchant fixes the fulfillment
 * - matches no known format → tracked with the declared carrier (long-tail formats we do not
 *   know are common), flagged `unrecognized_format`
 */
export function resolveShipmentTracking(
  rawNumber: string,
  trackingUrl: string | null,
  declaredCarrier: string | null,
  mappings: readonly CarrierNameMapping[],
): IncomingShipment {
  const resolved = resolveNumber(rawNumber, httpUrlOrNull(trackingUrl), declaredCarrier, mappings);
  // A tracking_url that is not http(s) (`javascript:…`) is never kept: the detected carrier link
  // (if any) replaces it, and the merchant sees why unless the number itself needs fixing first.
  if (trackingUrl?.trim() && !httpUrlOrNull(trackingUrl) && resolved.trackingIssue === null) {
    return {
      ...resolved,
      trackingIssue: "unsafe_tracking_url",
      trackingIssueDetail: `The fulfillment's tracking URL is not an http(s) link and was dropped (scheme ${schemeOf(trackingUrl)})`,
    };
  }
  return resolved;
}

function schemeOf(url: string): string {
  const match = /^\s*([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\t\n\r]/g, ""));
  return match ? `${match[1]!.toLowerCase()}:` : "missing";
}

function resolveNumber(
  rawNumber: string,
  trackingUrl: string | null,
  declaredCarrier: string | null,
  mappings: readonly CarrierNameMapping[],
): IncomingShipment {
  const detection = detectTrackingNumber(rawNumber, {
    ...(declaredCarrier ? { hint: declaredCarrier } : {}),
    carrierNames: mappings,
  });
  const declared = declaredCarrier ? resolveCarrierName(declaredCarrier, mappings)?.carrier ?? null : null;
  const base = {
    trackingNumber: detection.normalized || rawNumber.trim(),
    trackingUrl: trackingUrl || detection.candidates[0]?.trackingUrl || null,
    declaredCarrier: declaredCarrier?.trim() || null,
  };

  if (detection.valid) {
    const matching = declared ? detection.candidates.find((candidate) => candidate.carrier === declared) : undefined;
    const best = matching ?? detection.candidates[0];
    const proven = best?.carrier ?? declared;
    if (declared && !matching && CARRIERS_WITH_KNOWN_FORMATS.has(declared)) {
      return {
        ...base,
        carrier: proven,
        initialStatus: "pending",
        trackingIssue: "carrier_mismatch",
        trackingIssueDetail: `Declared as ${declaredCarrier}, but ${detection.normalized} is a valid ${proven} tracking number`,
      };
    }
    // A postal or long-tail carrier was declared and the number is an S10/partner number: trust the declaration.
    return { ...base, carrier: declared && !matching ? declared : proven, initialStatus: "pending", trackingIssue: null, trackingIssueDetail: null };
  }

  const checkDigitFailed = detection.rejected.length > 0;
  const impossible = detection.normalized.length === 0 || /characters long/.test(detection.reason ?? "");
  if (checkDigitFailed || impossible) {
    return {
      ...base,
      carrier: declared ?? detection.rejected[0]?.carrier ?? null,
      initialStatus: "invalid",
      trackingIssue: "invalid_number",
      trackingIssueDetail: `${rawNumber.trim() || "(empty)"} is not a valid tracking number: ${detection.reason ?? "failed validation"}`,
    };
  }
  return {
    ...base,
    carrier: declared,
    initialStatus: "pending",
    trackingIssue: "unrecognized_format",
    trackingIssueDetail: declared
      ? `${detection.normalized} does not match any ${declared} number format we know`
      : `${detection.normalized} matches no known carrier format and no carrier was declared`,
  };
}

/** The distinct tracking numbers of a fulfillment, in order, each with its URL (same index). */
export function pairTrackingNumbers(numbers: readonly string[], urls: readonly string[]): { number: string; url: string | null }[] {
  const seen = new Set<string>();
  const pairs: { number: string; url: string | null }[] = [];
  numbers.forEach((number, index) => {
    const key = normalizeTrackingNumber(number) || number.trim();
    if (!key || seen.has(key)) return;
    seen.add(key);
    pairs.push({ number, url: urls[index]?.trim() || null });
  });
  return pairs;
}
