import type { CanonicalEvent, EventLocation } from "./status";
import { isoString } from "./iso-time";
import { parseCarrierTime } from "./zoned-time";

/**
 * Merging carrier events into a shipment's history. Carriers re-send the whole history on every
 * poll, re-send single scans through webhooks, and sometimes correct a scan's wording; the history
 * must hold each real scan once, in the order it happened.
 */

/** Milliseconds since the epoch of an event, or NaN when neither time field can be read. */
export function eventInstant(event: CanonicalEvent): number {
  const fromUtc = parseCarrierTime(event.occurredAt);
  if (fromUtc !== null) return fromUtc;
  const fromLocal = event.localTime ? parseCarrierTime(event.localTime) : null;
  return fromLocal ?? Number.NaN;
}

function locationKey(location: EventLocation | undefined): string {
  if (!location) return "";
  const part = (value: string | undefined) => (value ?? "").trim().toLowerCase().replace(/\s+/g, " ");
  const key = [part(location.country), part(location.postalCode), part(location.city)].join("/");
  // An event read back from storage carries `{}` where the parser had no location: same key.
  return key === "//" ? "" : key;
}

/**
 * Identity of a carrier scan, for the database's unique column (scoped by shipment): the instant
 * to the second, the carrier's code (our status when the carrier has no codes) and where it
 * happened. The description is left out on purpose: a scan re-sent with corrected wording is the
 * same scan. The instant is normalized to UTC so "14:05-05:00" and "19:05Z" agree.
 */
export function eventDedupeKey(event: CanonicalEvent): string {
  const instant = eventInstant(event);
  const when = Number.isNaN(instant) ? `raw:${event.occurredAt}` : isoString(Math.floor(instant / 1000) * 1000);
  const what = event.carrierCode.trim().toUpperCase() || `status:${event.status}`;
  return `${when}|${what}|${locationKey(event.location)}`;
}

export interface MergeResult {
  /** The full history, deduplicated, oldest first; events at the same instant keep their arrival order. */
  events: CanonicalEvent[];
  /** Incoming events that were not in the history. */
  added: CanonicalEvent[];
  /** The dedupe key of each of `added`, in the same order (what eventDedupeKey gives for it). */
  addedKeys: string[];
  /** Existing events the carrier re-sent with a changed description, in their new form. */
  updated: CanonicalEvent[];
}

/** The UTC form of occurredAt, so stored times compare and sort as text too. */
function withUtcTime(event: CanonicalEvent): CanonicalEvent {
  const instant = eventInstant(event);
  if (Number.isNaN(instant)) return event;
  const occurredAt = isoString(instant);
  return occurredAt === event.occurredAt ? event : { ...event, occurredAt };
}

/**
 * Merges `incoming` carrier events into `existing`. A re-sent scan replaces the stored one only
 * when its wording changed (the carrier corrected it); its raw payload comes along, so the stored
 * raw text always matches the stored description. Unreadable times sort last.
 */
export function mergeEvents(existing: readonly CanonicalEvent[], incoming: readonly CanonicalEvent[]): MergeResult {
  const byKey = new Map<string, CanonicalEvent>();
  const addedKeys = new Set<string>();
  const updatedKeys = new Set<string>();

  for (const event of existing) {
    const key = eventDedupeKey(event);
    if (!byKey.has(key)) byKey.set(key, withUtcTime(event));
  }
  for (const raw of incoming) {
    const event = withUtcTime(raw);
    const key = eventDedupeKey(event);
    const stored = byKey.get(key);
    if (!stored) {
      byKey.set(key, event);
      addedKeys.add(key);
    } else if (stored.description !== event.description) {
      const replacement: CanonicalEvent = { ...stored, description: event.description };
      if (event.raw !== undefined) replacement.raw = event.raw;
      if (event.subStatus !== undefined) replacement.subStatus = event.subStatus;
      byKey.set(key, replacement);
      if (!addedKeys.has(key)) updatedKeys.add(key);
    }
  }

  // Map iteration order is arrival order, which the stable sort keeps for equal instants.
  const events = sortEvents([...byKey.values()]);
  return {
    events,
    added: [...addedKeys].map((key) => byKey.get(key) as CanonicalEvent),
    addedKeys: [...addedKeys],
    updated: [...updatedKeys].map((key) => byKey.get(key) as CanonicalEvent),
  };
}

/** Oldest first; equal instants keep their given order; unreadable times last. */
export function sortEvents(events: readonly CanonicalEvent[]): CanonicalEvent[] {
  const entries = events.map((event, index) => ({ event, index, instant: eventInstant(event) }));
  entries.sort((a, b) => {
    const aBad = Number.isNaN(a.instant);
    const bBad = Number.isNaN(b.instant);
    if (aBad !== bBad) return aBad ? 1 : -1;
    return (aBad ? 0 : a.instant - b.instant) || a.index - b.index;
  });
  return entries.map((entry) => entry.event);
}
