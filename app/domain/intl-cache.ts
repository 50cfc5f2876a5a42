/**
 * Intl formatters cost tens of microseconds to build and are immutable, so each distinct
 * (style, locale, zone) is built once per process. The key holds every input that changes the
 * output. Bounded: cleared past 500 entries.
 */
const regionNames = new Map<string, Intl.DisplayNames>();
const LIMIT = 500;
/** Country names already looked up, by locale and code: a few hundred codes per locale at most. */
const regionNameResults = new Map<string, string | undefined>();
const NAME_LIMIT = 5000;

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

const zonedFormats = new Map<string, Intl.DateTimeFormat>();

/** The formatter of a named style in a locale and time zone (Intl throws on a zone it does not know). */
export function zonedDateTimeFormat(style: DateTimeStyle, locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${style}|${locale}|${timeZone}`;
  let format = zonedFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...DATE_TIME_STYLES[style], timeZone });
    if (zonedFormats.size >= LIMIT) zonedFormats.clear();
    zonedFormats.set(key, format);
  }
  return format;
}

export function cachedRegionNames(locale: string): Intl.DisplayNames {
  let names = regionNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: "region" });
    if (regionNames.size >= LIMIT) regionNames.clear();
    regionNames.set(locale, names);
  }
  return names;
}

/**
 * A region's name in a locale ("DE" → "Germany"), or undefined when Intl has none or refuses
 * the code. Remembered per (locale, code): every scan of a parcel names its country, and asking
 * ICU again costs more than the rest of the scan's line when the page is not hot in the cache.
 */
export function regionName(locale: string, code: string): string | undefined {
  const key = `${locale}|${code}`;
  if (regionNameResults.has(key)) return regionNameResults.get(key);
  let name: string | undefined;
  try {
    name = cachedRegionNames(locale).of(code);
  } catch {
    name = undefined;
  }
  if (regionNameResults.size >= NAME_LIMIT) regionNameResults.clear();
  regionNameResults.set(key, name);
  return name;
}
