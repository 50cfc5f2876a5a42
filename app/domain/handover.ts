/**
 * A cross-border parcel handed from one carrier (often a line-haul from China) to a local
 * last-mile carrier with a new tracking number. Aggregators report it; the timeline shows both legs.
 */
export interface CarrierHandover {
  /** The last-mile carrier's display name ("Royal Mail"). */
  carrierName: string;
  /** The aggregator's code for the last-mile carrier ("royal-mail"). */
  carrierSlug: string;
  /** The number the last-mile carrier tracks the parcel under. */
  trackingNumber: string;
  /** The last-mile carrier's own tracking page, when the aggregator gave one. */
  trackingUrl?: string;
}

/** Canonical `carrierCode` of the timeline event that marks a hand-over. */
export const HANDOVER_EVENT_CODE = "handover";

/** The timeline wording of a hand-over. */
export function handoverDescription(handover: CarrierHandover): string {
  return `Handed over to ${handover.carrierName}, new tracking number ${handover.trackingNumber}`;
}

/** "royal-mail" → "Royal Mail", "usps" → "USPS": a readable name when no table knows the code. */
export function carrierNameFromSlug(slug: string): string {
  return slug
    .split(/[-_\s]+/)
    .filter((part) => part !== "")
    .map((part) => (part.length <= 4 && !/[aeiou]/i.test(part.slice(1)) ? part.toUpperCase() : part[0]!.toUpperCase() + part.slice(1).toLowerCase()))
    .join(" ");
}
