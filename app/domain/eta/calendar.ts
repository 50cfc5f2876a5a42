import { utcOffsetMinutes } from "~/domain/zoned-time";

/**
 * Delivery days, counted fast. Transit times are learned and predicted in business days of the
 * destination: days the carrier delivers on (Monday–Friday unless the carrier says otherwise)
 * that are not public holidays in the destination country. Day boundaries are the shop's time
 * zone. Holidays come from a `HolidaySource` the caller injects (a maintained dataset, never a
 * hand-typed table); nothing here does I/O.
 */

/** Public holidays of a country in a year, as local dates "YYYY-MM-DD". */
export interface HolidaySource {
  publicHolidays(country: string, year: number): readonly string[];
}

/** No holidays anywhere (tests, unknown countries). */
export const NO_HOLIDAYS: HolidaySource = { publicHolidays: () => [] };

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Days the carriers deliver on when nothing else is known: Monday to Friday. */
export const WEEKDAYS: readonly number[] = [1, 2, 3, 4, 5];

/** Local day number (days since 1970-01-01) of a "YYYY-MM-DD" date. */
export function dayNumberOfDate(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

const dateStrings = new Map<number, string>();

/** "YYYY-MM-DD" of a local day number (remembered: predictions name the same few hundred days). */
export function dateOfDayNumber(day: number): string {
  let date = dateStrings.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dateStrings.size >= 100_000) dateStrings.clear();
    dateStrings.set(day, date);
  }
  return date;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

interface Index {
  firstDay: number;
  /** cumulative[i] = business days in [firstDay, firstDay + i]. */
  cumulative: Int32Array;
  business: Uint8Array;
}

/**
 * Business-day arithmetic for one shop time zone over any destination country and carrier
 * delivery weekdays. Offsets and holiday years are cached, so counting a day span is a couple of
 * array reads (the model refresh counts millions).
 */
/**
 * Business-day indexes depend on the holiday source, country and weekdays, not on the shop's time
 * zone: calendars sharing a source share them (building one asks the source for fifteen years of
 * holidays).
 */
const sharedIndexes = new WeakMap<HolidaySource, Map<string, Index>>();

/** The shop-local UTC offset from `fromMs` on (until the next change), in minutes. */
export interface OffsetSpan {
  fromMs: number;
  offsetMinutes: number;
}

export class DeliveryCalendar {
  private readonly offsets = new Map<number, number>();
  private readonly indexes: Map<string, Index>;

  constructor(
    readonly timeZone: string,
    private readonly holidays: HolidaySource = NO_HOLIDAYS,
    private readonly years: { from: number; to: number } = { from: 2018, to: 2032 },
  ) {
    const standard = years.from === 2018 && years.to === 2032;
    let indexes = standard ? sharedIndexes.get(holidays) : undefined;
    if (!indexes) {
      indexes = new Map();
      if (standard) sharedIndexes.set(holidays, indexes);
    }
    this.indexes = indexes;
  }

  /**
   * The zone's UTC offsets over [fromMs, toMs) as spans, first span starting at `fromMs`: what a
   * database needs to turn instants into shop-local days itself. Changes are found to the hour.
   */
  offsetSpans(fromMs: number, toMs: number): OffsetSpan[] {
    const firstHour = Math.floor(fromMs / HOUR_MS);
    const spans: OffsetSpan[] = [{ fromMs, offsetMinutes: this.offsetMinutes(fromMs) }];
    if (this.timeZone === "UTC") return spans;
    const lastHour = Math.ceil(toMs / HOUR_MS);
    // Offsets change at most a few times a year: step a day at a time, then find the hour.
    for (let hour = firstHour; hour < lastHour; hour += 24) {
      const next = Math.min(hour + 24, lastHour);
      const current = spans[spans.length - 1]!.offsetMinutes;
      if (this.offsetMinutes(next * HOUR_MS) === current) continue;
      for (let h = hour + 1; h <= next; h++) {
        const offset = this.offsetMinutes(h * HOUR_MS);
        if (offset !== spans[spans.length - 1]!.offsetMinutes) spans.push({ fromMs: h * HOUR_MS, offsetMinutes: offset });
      }
    }
    return spans;
  }

  private offsetMinutes(epochMs: number): number {
    if (this.timeZone === "UTC") return 0;
    const hour = Math.floor(epochMs / HOUR_MS);
    let offset = this.offsets.get(hour);
    if (offset === undefined) {
      offset = utcOffsetMinutes(hour * HOUR_MS, this.timeZone);
      this.offsets.set(hour, offset);
    }
    return offset;
  }

  /** The shop-local day number an instant falls on. */
  dayOf(epochMs: number): number {
    return Math.floor((epochMs + this.offsetMinutes(epochMs) * 60_000) / DAY_MS);
  }

  /** The instant a shop-local day begins (the zone's offset at that instant, refined once). */
  startOfDay(day: number): number {
    const first = day * DAY_MS - this.offsetMinutes(day * DAY_MS) * 60_000;
    return day * DAY_MS - this.offsetMinutes(first) * 60_000;
  }

  private last: { country: string | null; weekdays: readonly number[]; index: Index } | null = null;

  private index(country: string | null, weekdays: readonly number[]): Index {
    const last = this.last;
    if (last && last.country === country && last.weekdays === weekdays) return last.index;
    const index = this.buildIndex(country, weekdays);
    this.last = { country, weekdays, index };
    return index;
  }

  private buildIndex(country: string | null, weekdays: readonly number[]): Index {
    const key = `${country ?? ""}|${weekdays.join("")}`;
    let index = this.indexes.get(key);
    if (index) return index;
    const firstDay = dayNumberOfDate(`${this.years.from}-01-01`);
    const lastDay = dayNumberOfDate(`${this.years.to}-12-31`);
    const length = lastDay - firstDay + 1;
    const business = new Uint8Array(length);
    const open = new Set(weekdays);
    for (let i = 0; i < length; i++) business[i] = open.has(weekdayOf(firstDay + i)) ? 1 : 0;
    if (country) {
      for (let year = this.years.from; year <= this.years.to; year++) {
        for (const date of this.holidays.publicHolidays(country, year)) {
          const i = dayNumberOfDate(date) - firstDay;
          if (i >= 0 && i < length) business[i] = 0;
        }
      }
    }
    const cumulative = new Int32Array(length);
    let running = 0;
    for (let i = 0; i < length; i++) {
      running += business[i]!;
      cumulative[i] = running;
    }
    index = { firstDay, cumulative, business };
    this.indexes.set(key, index);
    return index;
  }

  isBusinessDay(day: number, country: string | null, weekdays: readonly number[] = WEEKDAYS): boolean {
    const index = this.index(country, weekdays);
    const i = day - index.firstDay;
    if (i < 0 || i >= index.business.length) return weekdays.includes(weekdayOf(day));
    return index.business[i] === 1;
  }

  /** Business days in (fromDay, toDay]: Friday → Monday is 1. Never negative. */
  between(fromDay: number, toDay: number, country: string | null, weekdays: readonly number[] = WEEKDAYS): number {
    if (toDay <= fromDay) return 0;
    const index = this.index(country, weekdays);
    const length = index.cumulative.length;
    const a = fromDay - index.firstDay;
    const b = toDay - index.firstDay;
    if (a >= 0 && b < length) return index.cumulative[b]! - index.cumulative[a]!;
    let count = 0;
    for (let day = fromDay + 1; day <= toDay; day++) if (this.isBusinessDay(day, country, weekdays)) count++;
    return count;
  }

  /**
   * The day `n` business days after `fromDay` (the n-th business day after it); 0 is `fromDay`
   * itself moved forward to a business day if it is not one.
   */
  add(fromDay: number, n: number, country: string | null, weekdays: readonly number[] = WEEKDAYS): number {
    let day = fromDay;
    if (n <= 0) {
      for (let guard = 0; guard < 60 && !this.isBusinessDay(day, country, weekdays); guard++) day++;
      return day;
    }
    let left = n;
    for (let guard = 0; left > 0 && guard < n * 7 + 60; guard++) {
      day++;
      if (this.isBusinessDay(day, country, weekdays)) left--;
    }
    return day;
  }
}
