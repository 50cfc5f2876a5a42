/**
 * Intl formatters cost tens of microseconds to build and are immutable, so each distinct
 * (locale, options) pair is built once per process. The key holds every input that changes the
 * output (locale and the full options, time zone included). Bounded: cleared past 500 entries.
 */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const regionNames = new Map<string, Intl.DisplayNames>();
const LIMIT = 500;

export function cachedDateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    if (dateTimeFormats.size >= LIMIT) dateTimeFormats.clear();
    dateTimeFormats.set(key, format);
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
