/**
 * Instants, wall-clock times and time zones, via Intl (no I/O, no clock). Carriers report scans as
 * local time with an offset ("2026-11-20T14:05:00-05:00"), as GMT, or as local time plus the
 * facility's zone; everything we store is the UTC instant.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Intl formatters are costly to build; one per zone is reused. */
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockAt(epochMs: number, timeZone: string): WallClock {
  const values: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== "literal") values[part.type] = Number(part.value);
  }
  return {
    year: values.year ?? 1970,
    month: values.month ?? 1,
    day: values.day ?? 1,
    hour: (values.hour ?? 0) % 24,
    minute: values.minute ?? 0,
    second: values.second ?? 0,
  };
}

const localDates = new Map<string, Map<number, string>>();
/** Instants remembered per zone before the memo starts over (a sync pass asks for the same few often). */
const LOCAL_DATES_PER_ZONE = 10_000;

/** The calendar date ("YYYY-MM-DD") an instant falls on in a time zone. */
export function localDateOf(epochMs: number, timeZone: string): string {
  // formatToParts is the costly part, and business-day counts ask again and again for the same
  // instants (the pass's clock, a parcel's last scan): the answer for an instant never changes.
  let dates = localDates.get(timeZone);
  if (!dates) {
    dates = new Map();
    localDates.set(timeZone, dates);
  }
  const known = dates.get(epochMs);
  if (known !== undefined) return known;
  const { year, month, day } = wallClockAt(epochMs, timeZone);
  const date = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  if (dates.size >= LOCAL_DATES_PER_ZONE) dates.clear();
  dates.set(epochMs, date);
  return date;
}

/** The zone's offset from UTC at an instant, in minutes (New York in winter: -300). */
export function utcOffsetMinutes(epochMs: number, timeZone: string): number {
  const clock = wallClockAt(epochMs, timeZone);
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

export interface OffsetSpan {
  /** From this instant on (until the next span) the zone is `offsetMinutes` from UTC. */
  startsAtMs: number;
  offsetMinutes: number;
}

const DAY_MS = 86_400_000;

/**
 * The zone's offsets between two instants as spans: the first starts at `fromMs`, each next one
 * at a transition (DST, a changed standard offset), found to the minute. Zones change offset at
 * most a few times a year, so a daily probe sees every change and a bisection places it.
 */
export function utcOffsetSpans(timeZone: string, fromMs: number, toMs: number): OffsetSpan[] {
  const spans: OffsetSpan[] = [{ startsAtMs: fromMs, offsetMinutes: utcOffsetMinutes(fromMs, timeZone) }];
  let previousMs = fromMs;
  let previousOffset = spans[0]!.offsetMinutes;
  for (let probeMs = fromMs + DAY_MS; probeMs <= toMs; probeMs += DAY_MS) {
    const offset = utcOffsetMinutes(probeMs, timeZone);
    if (offset === previousOffset) {
      previousMs = probeMs;
      continue;
    }
    // The change lies in (previousMs, probeMs]: bisect to the minute.
    let low = previousMs;
    let high = probeMs;
    while (high - low > 60_000) {
      const middle = low + Math.floor((high - low) / 120_000) * 60_000;
      if (utcOffsetMinutes(middle, timeZone) === previousOffset) low = middle;
      else high = middle;
    }
    spans.push({ startsAtMs: high, offsetMinutes: offset });
    previousMs = probeMs;
    previousOffset = offset;
  }
  return spans;
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2}|\b(?:GMT|UTC))\s*$/i;

/**
 * The UTC instant of a carrier's timestamp. With an offset or "GMT"/"UTC"/"Z" the text says it
 * all; a bare wall-clock time ("2026-11-20 14:05") is read in `timeZone`, the scan facility's zone.
 * Returns null when the text is not a time we can read.
 */
export function parseCarrierTime(text: string, timeZone = "UTC"): number | null {
  // Stored and merged events carry the canonical UTC form, read many times per sync: parsed as the
  // general path below would (it has a zone, nothing to trim or rewrite), without the rewriting.
  if (CANONICAL_UTC.test(text)) {
    const epochMs = Date.parse(text);
    return Number.isNaN(epochMs) ? null : epochMs;
  }
  const trimmed = text.trim();
  if (HAS_ZONE.test(trimmed)) {
    const normalized = trimmed.replace(/\s*(?:GMT|UTC)$/i, "Z").replace(" ", "T");
    const epochMs = Date.parse(normalized);
    return Number.isNaN(epochMs) ? null : epochMs;
  }
  const match = LOCAL_TIME.exec(trimmed);
  if (!match) return null;
  const [, year, month, day, hour = "0", minute = "0", second = "0"] = match;
  const asUtc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  // The offset at the guessed instant, corrected once more across a DST change.
  let epochMs = asUtc - utcOffsetMinutes(asUtc, timeZone) * 60_000;
  epochMs = asUtc - utcOffsetMinutes(epochMs, timeZone) * 60_000;
  return epochMs;
}

/** ISO-8601 UTC ("2026-11-20T19:05:00.000Z") of a carrier timestamp, or null. */
export function toUtcIso(text: string, timeZone = "UTC"): string | null {
  const epochMs = parseCarrierTime(text, timeZone);
  return epochMs === null ? null : new Date(epochMs).toISOString();
}
