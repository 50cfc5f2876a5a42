import { message, type SupportedLocale } from "./locales";
/**
 * Proof of delivery: what a carrier states about the hand-over of a parcel (who signed, where it
 * was left, GPS, photo/signature references, the delivery scan's address and local time), in one
 * canonical shape whatever the carrier. Pure: no I/O.
 */

/** Where the parcel was left, classified from the carrier's free text. */
export const POD_PLACES = [
  "front_door",
  "back_door",
  "side_door",
  "porch",
  "garage",
  "mailbox",
  "mailroom",
  "reception",
  "neighbour",
  "locker",
  "pickup_point",
  "handed_to_recipient",
  "other",
] as const;
export type PodPlace = (typeof POD_PLACES)[number];

export interface PodAddress {
  street?: string;
  city?: string;
  province?: string;
  postalCode?: string;
  country?: string;
}

export interface ProofOfDelivery {
  /** Carrier code the proof came from. */
  carrier: string;
  /** UTC ISO instant of the delivery. */
  deliveredAt?: string;
  /** The delivery scan's wall-clock time with its offset ("2026-11-20T14:02:00-05:00"). */
  localTime?: string;
  /** Name as the carrier recorded it (personal data: erased on redaction). */
  signedBy?: string;
  /** Where it was left: classified, with the carrier's own words. */
  leftAt?: { place: PodPlace; text: string };
  coordinates?: { latitude: number; longitude: number };
  /** http(s) references only; anything else (data: URIs, base64, file paths) is dropped. */
  photoUrls: string[];
  signatureUrl?: string;
  documentUrl?: string;
  /** The carrier holds a signature or photo image that has no URL we can link to. */
  imageOnFile?: boolean;
  /** Address parts of the delivery scan (personal data: erased on redaction). */
  address?: PodAddress;
  /** Delivery attempts the carrier counted. */
  attempts?: number;
}

/** What a carrier parser hands over, before classification and filtering. */
export interface PodInput {
  carrier: string;
  deliveredAt?: string;
  localTime?: string;
  signedBy?: string;
  location?: string;
  latitude?: number | string;
  longitude?: number | string;
  photoUrls?: readonly (string | undefined)[];
  signatureUrl?: string;
  documentUrl?: string;
  imageOnFile?: boolean;
  address?: PodAddress;
  attempts?: number | string;
}

/** Only absolute http(s) URLs survive. */
export function httpUrl(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (!/^https?:\/\//i.test(text)) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

const PLACE_PATTERNS: [PodPlace, RegExp][] = [
  ["locker", /\b(locker|packstation|parcel ?station|paketstation|parcel box|smart box)\b/i],
  ["pickup_point", /\b(pick ?up point|access point|service point|post ?office|retail location|pickup location|paketshop|parcel ?shop|counter)\b/i],
  ["neighbour", /\b(neighbou?r|nachbar)/i],
  ["mailroom", /\b(mail ?room|mail ?center|parcel ?room|package ?room)\b/i],
  ["reception", /\b(reception|front desk|receptionist|concierge|office|dock|leasing)\b/i],
  ["mailbox", /\b(mail ?box|letter ?box|in\/at mailbox|briefkasten)\b/i],
  ["front_door", /\b(front door|front entrance|door ?step|main door|at door|haust[üu]r)\b/i],
  ["back_door", /\b(back door|rear door|back entrance)\b/i],
  ["side_door", /\bside door\b/i],
  ["porch", /\b(porch|patio|deck)\b/i],
  ["garage", /\bgarage\b/i],
  ["handed_to_recipient", /\b(in person|individual picked up|handed|resident|recipient|left with individual|receiver)\b/i],
];

/** "Front Door" → front_door; unknown wording → other (the carrier's text is kept either way). */
export function classifyPlace(text: string): PodPlace {
  for (const [place, pattern] of PLACE_PATTERNS) if (pattern.test(text)) return place;
  return "other";
}

function coordinate(value: number | string | undefined, limit: number): number | undefined {
  if (value === undefined || value === "") return undefined;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : undefined;
}

function trimmed(value: string | undefined): string | undefined {
  const t = value?.replace(/\s+/g, " ").trim();
  return t ? t : undefined;
}

/**
 * The canonical proof from what a parser found; undefined when the carrier said nothing about the
 * hand-over (a partial proof keeps whatever exists).
 */
export function buildProofOfDelivery(input: PodInput): ProofOfDelivery | undefined {
  const pod: ProofOfDelivery = { carrier: input.carrier, photoUrls: [] };
  if (input.deliveredAt) pod.deliveredAt = input.deliveredAt;
  if (input.localTime) pod.localTime = input.localTime;
  const signer = trimmed(input.signedBy);
  if (signer) pod.signedBy = signer;
  const place = trimmed(input.location);
  if (place) pod.leftAt = { place: classifyPlace(place), text: place };
  const latitude = coordinate(input.latitude, 90);
  const longitude = coordinate(input.longitude, 180);
  if (latitude !== undefined && longitude !== undefined && !(latitude === 0 && longitude === 0)) pod.coordinates = { latitude, longitude };
  pod.photoUrls = [...new Set((input.photoUrls ?? []).map(httpUrl).filter((u): u is string => u !== undefined))];
  const signatureUrl = httpUrl(input.signatureUrl);
  if (signatureUrl) pod.signatureUrl = signatureUrl;
  const documentUrl = httpUrl(input.documentUrl);
  if (documentUrl) pod.documentUrl = documentUrl;
  if (input.imageOnFile && !signatureUrl && pod.photoUrls.length === 0) pod.imageOnFile = true;
  const address: PodAddress = {};
  for (const key of ["street", "city", "province", "postalCode", "country"] as const) {
    const value = trimmed(input.address?.[key]);
    if (value) address[key] = value;
  }
  if (Object.keys(address).length > 0) pod.address = address;
  const attempts = input.attempts === undefined ? undefined : Number(input.attempts);
  if (attempts !== undefined && Number.isInteger(attempts) && attempts > 0) pod.attempts = attempts;
  const facts = Object.keys(pod).filter((key) => key !== "carrier" && key !== "photoUrls" && key !== "deliveredAt");
  return facts.length > 0 || pod.photoUrls.length > 0 ? pod : undefined;
}

/**
 * The signer as the shopper may see it: initial and surname ("MARIA LEE" → "M. LEE"); a single
 * word stays as is ("JOHNSON"). Never more than the shopper already knows about their household.
 */
export function shopperSignerName(name: string | undefined): string | undefined {
  const words = trimmed(name)?.split(" ").filter((word) => /\p{L}/u.test(word));
  if (!words || words.length === 0) return undefined;
  if (words.length === 1) return words[0];
  const first = words[0]!;
  const surname = words.at(-1)!;
  return `${first.charAt(0).toLocaleUpperCase()}. ${surname}`;
}

/** Where it was left, in the shopper's words (English). */
const PLACE_PHRASES: Record<PodPlace, string | null> = {
  front_door: "Left at front door",
  back_door: "Left at back door",
  side_door: "Left at side door",
  porch: "Left on the porch",
  garage: "Left in the garage",
  mailbox: "Left in the mailbox",
  mailroom: "Left in the mailroom",
  reception: "Left at reception",
  neighbour: "Left with a neighbour",
  locker: "Left in a parcel locker",
  pickup_point: "Left at a pickup point",
  handed_to_recipient: "Handed over in person",
  other: null,
};

export function placePhrase(place: PodPlace): string | null {
  return PLACE_PHRASES[place];
}

/**
 * One line for the shopper's timeline, in their language: "Left at front door, signed by M. LEE".
 * No address, no GPS, no photo (the shopper knows where they live); null when nothing shareable
 * is known.
 */
export function shopperDeliveryNote(pod: ProofOfDelivery | null | undefined, locale: SupportedLocale = "en"): string | null {
  if (!pod) return null;
  const place = pod.leftAt && pod.leftAt.place !== "other" ? message(locale, `pod.${pod.leftAt.place}`) : null;
  const signer = shopperSignerName(pod.signedBy);
  if (place && signer) return message(locale, "pod.place_and_signer", { place, name: signer });
  if (signer) return message(locale, "pod.signer", { name: signer });
  return place;
}

/** Lower-cased comparable text of an address part. */
function norm(value: string | undefined): string {
  return (value ?? "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

export interface AddressComparison {
  /** Parts both sides have, and whether they agree. */
  parts: { part: keyof PodAddress; shipping: string; delivery: string; matches: boolean }[];
  /** match: every shared part agrees; mismatch: one differs; unknown: nothing to compare. */
  verdict: "match" | "mismatch" | "unknown";
}

/** The order's shipping address against where the carrier scanned the delivery. */
export function compareAddresses(shipping: PodAddress | null | undefined, delivery: PodAddress | null | undefined): AddressComparison {
  const parts: AddressComparison["parts"] = [];
  for (const part of ["city", "province", "postalCode", "country"] as const) {
    const a = shipping?.[part];
    const b = delivery?.[part];
    if (!a || !b) continue;
    const x = norm(a).replace(/ /g, "");
    const y = norm(b).replace(/ /g, "");
    // ZIP and ZIP+4 of the same delivery point agree.
    const matches = part === "postalCode" ? x === y || x.startsWith(y) || y.startsWith(x) : x === y;
    parts.push({ part, shipping: a, delivery: b, matches });
  }
  const verdict = parts.length === 0 ? "unknown" : parts.every((p) => p.matches) ? "match" : "mismatch";
  return { parts, verdict };
}

/** Stored JSON → proof (tolerant: a damaged column reads as "no proof"). */
export function parseStoredPod(json: string | null | undefined): ProofOfDelivery | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as ProofOfDelivery;
    if (typeof value !== "object" || value === null || typeof value.carrier !== "string") return null;
    return { ...value, photoUrls: Array.isArray(value.photoUrls) ? value.photoUrls.filter((u) => httpUrl(u) !== undefined) : [] };
  } catch {
    return null;
  }
}

/** A proof with everything that identifies a person removed (what `customers/redact` leaves). */
export function redactPod(pod: ProofOfDelivery): ProofOfDelivery {
  const { signedBy: _signer, address, coordinates: _gps, photoUrls: _photos, signatureUrl: _sig, documentUrl: _doc, ...rest } = pod;
  return { ...rest, photoUrls: [], ...(address?.country ? { address: { country: address.country } } : {}) };
}
