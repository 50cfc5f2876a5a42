/**
 * Time helpers shared by the parsers. Carriers send wall-clock times in many shapes (UPS
 * "20261120" + "140500", USPS local time + "-7:00", ISO with offset…); everything canonical is a
 * UTC instant, so the conversions live in one tested place. Pure, never throws.
 */
import { isoString } from "~/domain/iso-time";

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;
const OFFSET_SUFFIX_RE = /(Z|[+-]\d{1,2}(?::?\d{2})?)$/i;

/** Parses "-05:00", "-5:00", "+0100", "+01", "Z" into minutes east of UTC. */
export function parseOffset(text: string | null | undefined): number | undefined {
  if (text == null) return undefined;
  const t = text.trim();
  if (t === "Z" || t === "z") return 0;
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(t);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = m[3] === undefined ? 0 : Number(m[3]);
  if (hours > 14 || minutes > 59) return undefined;
  return (m[1] === "-" ? -1 : 1) * (hours * 60 + minutes);
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

interface LocalParts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
}

function parseLocalParts(text: string): LocalParts | undefined {
  const m = LOCAL_RE.exec(text.trim());
  if (!m) return undefined;
  const parts: LocalParts = {
    y: Number(m[1]),
    mo: Number(m[2]),
    d: Number(m[3]),
    h: m[4] === undefined ? 0 : Number(m[4]),
    mi: m[5] === undefined ? 0 : Number(m[5]),
    s: m[6] === undefined ? 0 : Number(m[6]),
    ms: m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, "0")),
  };
  // Reject values Date.UTC would silently roll over (month 13, 31 February…).
  const check = new Date(Date.UTC(parts.y, parts.mo - 1, parts.d, parts.h, parts.mi, parts.s));
  if (
    check.getUTCFullYear() !== parts.y ||
    check.getUTCMonth() !== parts.mo - 1 ||
    check.getUTCDate() !== parts.d ||
    check.getUTCHours() !== parts.h ||
    check.getUTCMinutes() !== parts.mi ||
    check.getUTCSeconds() !== parts.s
  ) {
    return undefined;
  }
  return parts;
}

/** "2026-11-20T14:05:00" + (-300) → "2026-11-20T19:05:00.000Z". */
export function localToUtc(local: string, offsetMinutes: number): string | undefined {
  const p = parseLocalParts(local);
  if (!p) return undefined;
  const ms = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s, p.ms) - offsetMinutes * 60_000;
  return isoString(ms);
}

/** "2026-11-20T14:05:00" + (-300) → "2026-11-20T14:05:00-05:00" (the carrier's wall clock). */
export function withOffset(local: string, offsetMinutes: number): string | undefined {
  const p = parseLocalParts(local);
  if (!p) return undefined;
  return `${p.y}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}${formatOffset(offsetMinutes)}`;
}

export function hasOffset(text: string): boolean {
  return /T\d{2}:\d{2}/.test(text) && OFFSET_SUFFIX_RE.test(text.trim());
}

/** An ISO string that carries its own offset (or Z) → UTC ISO; anything else → undefined. */
export function isoToUtc(text: string | null | undefined): string | undefined {
  if (text == null) return undefined;
  const t = text.trim();
  const m = /^(.*?)(Z|[+-]\d{1,2}(?::?\d{2})?)$/i.exec(t);
  if (!m || !/T\d{2}:\d{2}/.test(t)) return undefined;
  const offset = parseOffset(m[2]);
  if (offset === undefined || m[1] === undefined) return undefined;
  return localToUtc(m[1], offset);
}

/** Splits "2026-11-20T14:05:00-05:00" into the local part and the offset in minutes. */
export function splitIso(text: string): { local: string; offsetMinutes?: number } {
  const t = text.trim();
  const m = /^(.*T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{1,2}(?::?\d{2})?)?$/i.exec(t);
  if (!m || m[1] === undefined) return { local: t };
  const offset = m[2] === undefined ? undefined : parseOffset(m[2]);
  return offset === undefined ? { local: m[1] } : { local: m[1], offsetMinutes: offset };
}

/** "20261120" → "2026-11-20"; undefined if not a valid date. */
export function compactDate(text: string | number | null | undefined): string | undefined {
  if (text == null) return undefined;
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(String(text).trim());
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  return parseLocalParts(iso) ? iso : undefined;
}

/** "140500" / "1405" / "14:05:00" / "14:05" / "2:05 pm" → "14:05:00"; undefined if invalid. */
export function clockTime(text: string | number | null | undefined): string | undefined {
  if (text == null) return undefined;
  const t = String(text).trim().toLowerCase();
  let h: number;
  let mi: number;
  let s = 0;
  let m = /^(\d{2})(\d{2})(\d{2})?$/.exec(t);
  if (m) {
    h = Number(m[1]);
    mi = Number(m[2]);
    s = m[3] === undefined ? 0 : Number(m[3]);
  } else {
    m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/.exec(t);
    if (!m) return undefined;
    h = Number(m[1]);
    mi = Number(m[2]);
    s = m[3] === undefined ? 0 : Number(m[3]);
    const meridiem = m[4];
    if (meridiem !== undefined) {
      if (h < 1 || h > 12) return undefined;
      const pm = meridiem.startsWith("p");
      h = (h % 12) + (pm ? 12 : 0);
    }
  }
  if (h > 23 || mi > 59 || s > 59) return undefined;
  return `${pad(h)}:${pad(mi)}:${pad(s)}`;
}

/** True when the text is a plain "YYYY-MM-DD" calendar date that exists. */
export function isCalendarDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && parseLocalParts(text) !== undefined;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
