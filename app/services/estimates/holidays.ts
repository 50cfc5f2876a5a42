import Holidays from "date-holidays";
import type { HolidaySource } from "~/domain/eta/calendar";

/**
 * Public holidays from the maintained `date-holidays` dataset (national days only: regional
 * holidays and observances do not stop a carrier network). Cached per country and year.
 */
const cache = new Map<string, readonly string[]>();
const calendars = new Map<string, Holidays | null>();
/** One source per process: calendars built on it share their business-day indexes. */
let shared: HolidaySource | null = null;

export function dateHolidaysSource(): HolidaySource {
  shared ??= {
    publicHolidays(country: string, year: number): readonly string[] {
      const key = `${country}|${year}`;
      const cached = cache.get(key);
      if (cached) return cached;
      let calendar = calendars.get(country);
      if (calendar === undefined) {
        const candidate = new Holidays();
        candidate.init(country);
        calendar = candidate.getCountries()[country.toUpperCase()] ? candidate : null;
        calendars.set(country, calendar);
      }
      const dates = calendar
        ? calendar
            .getHolidays(year)
            .filter((holiday) => holiday.type === "public")
            .map((holiday) => holiday.date.slice(0, 10))
        : [];
      cache.set(key, dates);
      return dates;
    },
  };
  return shared;
}
