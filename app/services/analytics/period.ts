import { localDateOf, utcOffsetMinutes } from "~/domain/zoned-time";

/**
 * The reporting period of the dashboard and the date filter of the shipments list. Both speak in
 * the shop's local dates ("2026-11-01" to "2026-11-30", inclusive) and turn them into the same
 * half-open UTC interval, which is why a dashboard count and the list it links to always agree.
 */
export const PRESET_DAYS = [7, 30, 90] as const;
export type PeriodPreset = (typeof PRESET_DAYS)[number];

export interface Period {
  /** "7" | "30" | "90" | "custom" */
  preset: `${PeriodPreset}` | "custom";
  /** Local dates, inclusive. */
  fromDate: string;
  toDate: string;
  /** [start, end) in UTC. */
  start: Date;
  end: Date;
  timeZone: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
/** A year is the most one query is allowed to cover (keeps the aggregates bounded). */
export const MAX_PERIOD_DAYS = 366;

export class PeriodError extends Error {
  override name = "PeriodError";
}

export function isLocalDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

/** The UTC instant at which a local date begins in `timeZone` (DST-correct). */
export function startOfLocalDate(localDate: string, timeZone: string): Date {
  const utcMidnight = Date.parse(`${localDate}T00:00:00Z`);
  // The offset at local midnight, found in two steps because the offset depends on the instant.
  let instant = utcMidnight - utcOffsetMinutes(utcMidnight, timeZone) * 60_000;
  instant = utcMidnight - utcOffsetMinutes(instant, timeZone) * 60_000;
  return new Date(instant);
}

export function addDays(localDate: string, days: number): string {
  return new Date(Date.parse(`${localDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysInclusive(fromDate: string, toDate: string): number {
  return Math.round((Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / DAY_MS) + 1;
}

/** A period from explicit local dates; throws PeriodError with a message a merchant can act on. */
export function periodBetween(fromDate: string, toDate: string, timeZone: string, preset: Period["preset"] = "custom"): Period {
  if (!isLocalDate(fromDate)) throw new PeriodError(`"${fromDate}" is not a date (use YYYY-MM-DD)`);
  if (!isLocalDate(toDate)) throw new PeriodError(`"${toDate}" is not a date (use YYYY-MM-DD)`);
  if (toDate < fromDate) throw new PeriodError("The end date is before the start date");
  if (daysInclusive(fromDate, toDate) > MAX_PERIOD_DAYS) throw new PeriodError(`A period can cover at most ${MAX_PERIOD_DAYS} days`);
  return {
    preset,
    fromDate,
    toDate,
    start: startOfLocalDate(fromDate, timeZone),
    end: startOfLocalDate(addDays(toDate, 1), timeZone),
    timeZone,
  };
}

/** The last `days` local days, today included. */
export function lastDays(days: PeriodPreset, now: Date, timeZone: string): Period {
  const today = localDateOf(now.getTime(), timeZone);
  return periodBetween(addDays(today, -(days - 1)), today, timeZone, `${days}`);
}

/**
 * Reads `period` (7 | 30 | 90 | custom) with `from`/`to` from a query string. Falls back to the
 * last 30 days when nothing is asked; a malformed custom range is an error, never silently replaced.
 */
export function periodFromSearch(params: URLSearchParams, now: Date, timeZone: string): Period {
  const preset = params.get("period") ?? (params.get("from") || params.get("to") ? "custom" : "30");
  if (preset === "custom") {
    const from = params.get("from") ?? "";
    const to = params.get("to") ?? localDateOf(now.getTime(), timeZone);
    return periodBetween(from, to, timeZone);
  }
  const days = Number(preset);
  if (!(PRESET_DAYS as readonly number[]).includes(days)) throw new PeriodError(`Unknown period "${preset}" (use 7, 30, 90 or custom)`);
  return lastDays(days as PeriodPreset, now, timeZone);
}

/** Query-string form of a period, for links that must reproduce it exactly. */
export function periodSearch(period: Period): Record<string, string> {
  return period.preset === "custom"
    ? { period: "custom", from: period.fromDate, to: period.toDate }
    : { period: period.preset };
}
