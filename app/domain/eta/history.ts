import type { Lane } from "./model";

/**
 * Past deliveries as a CSV file (warm start for a new shop, and the backtest's input). Header:
 * id,ordered_at,shipped_at,delivered_at,promised_at,carrier,origin_country,origin_region,
 * origin_postal_prefix,destination_country,destination_region,destination_postal_prefix
 * Times are ISO 8601 with an offset; an empty cell is unknown.
 */

export const HISTORY_COLUMNS = [
  "id",
  "ordered_at",
  "shipped_at",
  "delivered_at",
  "promised_at",
  "carrier",
  "origin_country",
  "origin_region",
  "origin_postal_prefix",
  "destination_country",
  "destination_region",
  "destination_postal_prefix",
] as const;

export interface HistoryRow {
  id: string;
  orderedAtMs: number | null;
  shippedAtMs: number;
  deliveredAtMs: number | null;
  /** A date-only promise ("2026-11-20") is kept as that date; with a time, as the instant. */
  promisedAt: string | null;
  lane: Lane & { originPostalPrefix?: string | null };
}

export interface HistoryParseResult {
  rows: HistoryRow[];
  /** 1-based line numbers and reasons of the lines that were skipped. */
  rejected: { line: number; reason: string }[];
}

/** Splits one CSV line (RFC 4180 quoting). */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      cells.push(current);
      current = "";
    } else current += char;
  }
  cells.push(current);
  return cells;
}

function instant(value: string | undefined): number | null {
  const text = (value ?? "").trim();
  if (!text) return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text)) return Number.NaN;
  return Date.parse(text);
}

export function parseHistoryCsv(text: string): HistoryParseResult {
  const lines = text.split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? "").map((cell) => cell.trim().toLowerCase());
  const missing = HISTORY_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) throw new Error(`CSV header is missing: ${missing.join(", ")}`);
  const at = Object.fromEntries(HISTORY_COLUMNS.map((column) => [column, header.indexOf(column)])) as Record<
    (typeof HISTORY_COLUMNS)[number],
    number
  >;
  const rows: HistoryRow[] = [];
  const rejected: { line: number; reason: string }[] = [];
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index]!;
    if (!line.trim()) continue;
    const cells = splitCsvLine(line);
    const cell = (column: (typeof HISTORY_COLUMNS)[number]) => {
      const value = (cells[at[column]] ?? "").trim();
      return value === "" ? null : value;
    };
    const shipped = instant(cells[at.shipped_at]);
    const delivered = instant(cells[at.delivered_at]);
    const ordered = instant(cells[at.ordered_at]);
    const promisedText = cell("promised_at");
    const carrier = cell("carrier");
    if (shipped === null || Number.isNaN(shipped)) {
      rejected.push({ line: index + 1, reason: "shipped_at is missing or not ISO 8601 with an offset" });
      continue;
    }
    if (Number.isNaN(delivered) || Number.isNaN(ordered)) {
      rejected.push({ line: index + 1, reason: "a time is not ISO 8601 with an offset" });
      continue;
    }
    if (delivered !== null && delivered < shipped) {
      rejected.push({ line: index + 1, reason: "delivered_at is before shipped_at" });
      continue;
    }
    if (promisedText !== null && !/^\d{4}-\d{2}-\d{2}$/.test(promisedText) && Number.isNaN(instant(promisedText) ?? Number.NaN)) {
      rejected.push({ line: index + 1, reason: "promised_at is not a date or ISO 8601 time" });
      continue;
    }
    if (!carrier) {
      rejected.push({ line: index + 1, reason: "carrier is missing" });
      continue;
    }
    rows.push({
      id: cell("id") ?? `line-${index + 1}`,
      orderedAtMs: ordered,
      shippedAtMs: shipped,
      deliveredAtMs: delivered,
      promisedAt: promisedText,
      lane: {
        carrier: carrier.toLowerCase(),
        originCountry: cell("origin_country")?.toUpperCase() ?? null,
        originRegion: cell("origin_region"),
        originPostalPrefix: cell("origin_postal_prefix"),
        destinationCountry: cell("destination_country")?.toUpperCase() ?? null,
        destinationRegion: cell("destination_region"),
        destinationPostalPrefix: cell("destination_postal_prefix"),
      },
    });
  }
  return { rows, rejected };
}

function csvCell(value: string | null | undefined): string {
  const text = value ?? "";
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function historyCsvLine(row: HistoryRow): string {
  const iso = (ms: number | null) => (ms === null ? "" : new Date(ms).toISOString());
  return [
    row.id,
    iso(row.orderedAtMs),
    iso(row.shippedAtMs),
    iso(row.deliveredAtMs),
    row.promisedAt ?? "",
    row.lane.carrier,
    row.lane.originCountry ?? "",
    row.lane.originRegion ?? "",
    row.lane.originPostalPrefix ?? "",
    row.lane.destinationCountry ?? "",
    row.lane.destinationRegion ?? "",
    row.lane.destinationPostalPrefix ?? "",
  ]
    .map(csvCell)
    .join(",");
}
