import { localDateOf } from "./zoned-time";

/** Which days count as working days where the shipment is; carriers' stall thresholds are in these. */
export interface BusinessCalendar {
  timeZone: string;
  /** Days of the week that are not business days, 0 = Sunday. Saturday and Sunday by default. */
  weekend?: readonly number[];
  /** Local dates ("YYYY-MM-DD") that are holidays. */
  holidays?: readonly string[];
}

const DAY_MS = 86_400_000;

function dayNumber(localDate: string): number {
  return Date.UTC(Number(localDate.slice(0, 4)), Number(localDate.slice(5, 7)) - 1, Number(localDate.slice(8, 10))) / DAY_MS;
}

/**
 * Business days that have begun after `from` up to and including the day of `to`, in the
 * calendar's zone: Friday 17:00 → Monday 09:00 is 1, Friday → next Friday is 5. Never negative.
 */
export function businessDaysBetween(fromMs: number, toMs: number, calendar: BusinessCalendar): number {
  if (!(toMs > fromMs)) return 0;
  const weekend = calendar.weekend ?? [0, 6];
  const holidays = new Set(calendar.holidays ?? []);
  const first = dayNumber(localDateOf(fromMs, calendar.timeZone)) + 1;
  const last = dayNumber(localDateOf(toMs, calendar.timeZone));
  let count = 0;
  for (let day = first; day <= last; day++) {
    const date = new Date(day * DAY_MS);
    if (weekend.includes(date.getUTCDay())) continue;
    if (holidays.size > 0 && holidays.has(date.toISOString().slice(0, 10))) continue;
    count++;
  }
  return count;
}
