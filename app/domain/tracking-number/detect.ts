import {
  luhnCheckDigit,
  mod10CheckDigit,
  mod11Mod10CheckDigit,
  mod37_36CheckCharacter,
  mod7CheckDigit,
  s10CheckDigit,
} from "./check-digits";
import { resolveCarrierName, type CarrierNameMapping } from "./carrier-names";
import { TRACKING_FORMATS, type CheckRule, type TrackingFormat } from "./formats";
import { postalOperatorFor } from "./postal-operators";

export interface TrackingCandidate {
  carrier: string;
  /** Format id from formats.ts, e.g. "ups_1z", "s10". */
  format: string;
  /** The check digit passed, or the format has none. */
  valid: boolean;
  /** Whether a check digit vouched for this reading (formats without one only match a shape). */
  checkDigitVerified: boolean;
  service?: string;
  /** ISO 3166-1 alpha-2 of the issuing postal operator (S10 items). */
  country?: string;
  /** What to send to the carrier: the number itself, or the tracking number inside a long barcode. */
  trackingNumber: string;
  trackingUrl?: string;
}

export interface TrackingDetection {
  input: string;
  normalized: string;
  /** At least one candidate is valid. */
  valid: boolean;
  /** Valid readings, most plausible first (after the hint's reordering). */
  candidates: TrackingCandidate[];
  /** Formats whose shape matched but whose check digit failed: what a typo looks like. */
  rejected: TrackingCandidate[];
  /** Why nothing matched; set only when `valid` is false. */
  reason?: string;
}

export interface DetectOptions {
  /**
   * Carrier names or codes to favour (the fulfillment's `tracking_company`, the shop's usual
   * carriers), most preferred first. A hint reorders candidates; it never adds one.
   */
  hint?: string | readonly string[];
  /** The shop's own carrier-name mappings, used to resolve hint names. */
  carrierNames?: readonly CarrierNameMapping[];
}

/** Upper case ASCII letters and digits only; full-width and other compatibility forms folded first. */
export function normalizeTrackingNumber(input: string): string {
  // eslint-disable-next-line no-control-regex
  const text = /[^\u0000-\u007f]/.test(input) ? input.normalize("NFKC") : input;
  return text.replace(/[^0-9A-Za-z]/g, "").toUpperCase();
}

/** Formats bucketed by (length, first character) so a number meets only the few that could fit. */
const BUCKETS: ReadonlyMap<number, readonly TrackingFormat[]> = buildBuckets(TRACKING_FORMATS);
const MAX_LENGTH = Math.max(...TRACKING_FORMATS.flatMap((format) => format.lengths));
const MIN_LENGTH = Math.min(...TRACKING_FORMATS.flatMap((format) => format.lengths));

function bucketKey(length: number, firstCharCode: number): number {
  return length * 128 + firstCharCode;
}

function buildBuckets(formats: readonly TrackingFormat[]): Map<number, TrackingFormat[]> {
  const buckets = new Map<number, TrackingFormat[]>();
  for (const format of formats) {
    for (const length of format.lengths) {
      for (const first of format.first) {
        const key = bucketKey(length, first.charCodeAt(0));
        const bucket = buckets.get(key);
        if (bucket) bucket.push(format);
        else buckets.set(key, [format]);
      }
    }
  }
  return buckets;
}

function expectedCheck(rule: CheckRule, payload: string): string {
  switch (rule.algorithm) {
    case "mod10": {
      const prefix = rule.impliedPrefix;
      const full = prefix && !payload.startsWith(prefix) ? prefix + payload : payload;
      return String(mod10CheckDigit(full, rule.weights));
    }
    case "mod7":
      return String(mod7CheckDigit(payload));
    case "s10":
      return String(s10CheckDigit(payload));
    case "luhn":
      return String(luhnCheckDigit(payload));
    case "mod37_36":
      return mod37_36CheckCharacter(payload);
    case "mod11_10":
      return String(mod11Mod10CheckDigit(payload, rule.weightsFromRight));
  }
}

interface Reading {
  candidate: TrackingCandidate;
  score: number;
  order: number;
  /** Why the reading failed, when it did. */
  problem?: string;
}

function read(format: TrackingFormat, normalized: string, order: number): Reading | null {
  const match = format.pattern.exec(normalized);
  if (!match) return null;
  const groups = match.groups ?? {};

  let carrier = format.carrier;
  let country: string | undefined;
  let trackingUrlTemplate = format.trackingUrl;
  if (groups.country !== undefined) {
    const operator = postalOperatorFor(groups.country);
    if (!operator) return null; // Not a UPU country code: not an S10 number at all.
    carrier = operator.carrier;
    country = operator.country;
    trackingUrlTemplate = operator.trackingUrl;
  }

  let valid = true;
  let problem: string | undefined;
  if (format.check) {
    const expected = expectedCheck(format.check, groups.payload ?? "");
    const actual = groups.check ?? "";
    if (expected !== actual) {
      valid = false;
      problem = `${format.id}: check digit is ${actual}, expected ${expected || "none (bad characters)"}`;
    }
  }

  const trackingNumber =
    groups.tracking ?? (format.trackingLast ? normalized.slice(-format.trackingLast) : normalized);
  const service = groups.service !== undefined ? format.services?.[groups.service] : undefined;

  const candidate: TrackingCandidate = {
    carrier,
    format: format.id,
    valid,
    checkDigitVerified: valid && format.check !== undefined,
    trackingNumber,
  };
  if (service) candidate.service = service;
  if (country) candidate.country = country;
  if (trackingUrlTemplate) candidate.trackingUrl = trackingUrlTemplate.replace("{number}", trackingNumber);

  // A verified check digit outweighs a distinctive prefix, which outweighs a bare shape.
  const score = (candidate.checkDigitVerified ? 4 : 0) + (format.distinctive ? 2 : 0);
  return problem ? { candidate, score, order, problem } : { candidate, score, order };
}

function hintedCarriers(options: DetectOptions): string[] {
  const hints = options.hint === undefined ? [] : typeof options.hint === "string" ? [options.hint] : options.hint;
  const carriers: string[] = [];
  for (const hint of hints) {
    const resolved = resolveCarrierName(hint, options.carrierNames);
    if (resolved && !carriers.includes(resolved.carrier)) carriers.push(resolved.carrier);
  }
  return carriers;
}

/**
 * Every plausible reading of what a merchant typed, best first. Never throws: any string, of any
 * length or script, yields a detection (invalid with a reason when nothing fits).
 */
export function detectTrackingNumber(input: string, options: DetectOptions = {}): TrackingDetection {
  const normalized = normalizeTrackingNumber(input);
  const invalid = (reason: string, rejected: TrackingCandidate[] = []): TrackingDetection => ({
    input,
    normalized,
    valid: false,
    candidates: [],
    rejected,
    reason,
  });

  if (normalized.length === 0) return invalid("no letters or digits");
  if (normalized.length < MIN_LENGTH || normalized.length > MAX_LENGTH) {
    return invalid(`no tracking number format is ${normalized.length} characters long`);
  }

  const formats = BUCKETS.get(bucketKey(normalized.length, normalized.charCodeAt(0)));
  if (!formats) return invalid("does not match any known tracking number format");

  const accepted: Reading[] = [];
  const failed: Reading[] = [];
  formats.forEach((format, order) => {
    const reading = read(format, normalized, order);
    if (reading) (reading.candidate.valid ? accepted : failed).push(reading);
  });

  const rejected = failed.map((reading) => reading.candidate);
  if (accepted.length === 0) {
    if (failed.length === 0) return invalid("does not match any known tracking number format");
    return invalid(`check digit failed (${failed.map((reading) => reading.problem).join("; ")})`, rejected);
  }

  const preferred = hintedCarriers(options);
  const hintRank = (carrier: string): number => {
    const index = preferred.indexOf(carrier);
    return index < 0 ? preferred.length : index;
  };
  accepted.sort(
    (a, b) =>
      hintRank(a.candidate.carrier) - hintRank(b.candidate.carrier) || b.score - a.score || a.order - b.order,
  );

  return { input, normalized, valid: true, candidates: accepted.map((reading) => reading.candidate), rejected };
}

/** Shorthand for the common question: is this a valid number of that carrier? */
export function isValidTrackingNumberFor(input: string, carrier: string): boolean {
  return detectTrackingNumber(input).candidates.some((candidate) => candidate.carrier === carrier);
}
