import { BoundedCache } from "./bounded-cache";

/**
 * Intl formatters cost tens of microseconds to build and are immutable, so each distinct
 * (style, locale, zone) is built once per process. The key holds every input that changes the
 * output. Bounded: cleared past 500 entries.
 */
const regionNames = new BoundedCache<string, Intl.DisplayNames>(500);
/** Country names already looked up, by locale and code: a few hundred codes per locale at most. */
const regionNameResults = new BoundedCache<string, string | undefined>(5000);

/**
 * The date and time styles pages show, each a fixed option set, so that a formatter is found by
 * (style, locale, zone) without serialising options on every call: a page formats each of a
 * parcel's events and milestones.
 */
export const DATE_TIME_STYLES = {
  /** "Nov 6, 2026, 6:23 AM" */
  moment: { dateStyle: "medium", timeStyle: "short" },
  /** "Friday, November 6, 2026" */
  fullDate: { dateStyle: "full" },
  /** "2026-11-06" in en-CA: the local calendar day, comparable as text. */
  isoDay: { year: "numeric", month: "2-digit", day: "2-digit" },
  /** "Thu, Dec 10" (and ranges of it) */
  shortDay: { weekday: "short", month: "short", day: "numeric" },
  /** "Nov 6, 2026, 6:23 AM MST": a carrier scan, with its zone named. */
  scan: { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
export type DateTimeStyle = keyof typeof DATE_TIME_STYLES;

const zonedFormats = new BoundedCache<string, Intl.DateTimeFormat>(500);

/** The formatter of a named style in a locale and time zone (Intl throws on a zone it does not know). */
export function zonedDateTimeFormat(style: DateTimeStyle, locale: string, timeZone: string): Intl.DateTimeFormat {
  return zonedFormats.get(`${style}|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(locale, { ...DATE_TIME_STYLES[style], timeZone }));
}

export function cachedRegionNames(locale: string): Intl.DisplayNames {
  return regionNames.get(locale, () => new Intl.DisplayNames([locale], { type: "region" }));
}

/**
 * A region's name in a locale ("DE" → "Germany"), or undefined when Intl has none or refuses
 * the code. Remembered per (locale, code): every scan of a parcel names its country, and asking
 * ICU again costs more than the rest of the scan's line when the page is not hot in the cache.
 */
export function regionName(locale: string, code: string): string | undefined {
  return regionNameResults.get(`${locale}|${code}`, () => {
    try {
      return cachedRegionNames(locale).of(code);
    } catch {
      return undefined;
    }
  });
}
