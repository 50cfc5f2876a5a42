import type { CanonicalEvent, CanonicalStatus, EventLocation, SubStatus } from "~/domain/status";
import { AbortedError, isCarrierError, type CarrierError } from "./errors";
import type { FoundTracking, ParseResult, ParsedTracking, TrackRequest, TrackResult } from "./adapter";

/**
 * Helpers shared by every carrier's status-map.ts and parse.ts. Status tables are plain data
 * (`StatusTable`); `lookupStatus` is the one place that decides what happens to an unknown code:
 * it becomes `unknown` and is reported, never guessed from the description.
 */
export interface StatusMapping {
  status: CanonicalStatus;
  subStatus?: SubStatus;
  /** The carrier's documented meaning of the code, for support and tests. */
  meaning: string;
}

export type StatusTable = Readonly<Record<string, StatusMapping>>;

export interface LookupResult {
  status: CanonicalStatus;
  subStatus?: SubStatus;
  mapped: boolean;
}

export function lookupStatus(table: StatusTable, code: string | null | undefined): LookupResult {
  if (code == null || code === "") return { status: "unknown", mapped: false };
  // Own-property check: codes like "constructor" must not hit Object.prototype.
  if (!Object.hasOwn(table, code)) return { status: "unknown", mapped: false };
  const entry = table[code];
  if (entry === undefined) return { status: "unknown", mapped: false };
  return entry.subStatus === undefined
    ? { status: entry.status, mapped: true }
    : { status: entry.status, subStatus: entry.subStatus, mapped: true };
}

/** Collects unmapped codes and warnings while a parser walks a payload. */
export class ParseNotes {
  private readonly unmapped = new Set<string>();
  readonly warnings: string[] = [];

  unmappedCode(code: string): void {
    this.unmapped.add(code);
  }

  warn(message: string): void {
    if (this.warnings.length < 50) this.warnings.push(message);
  }

  unmappedCodes(): string[] {
    return [...this.unmapped];
  }
}

/** Builds an EventLocation without empty strings; undefined when nothing is known. */
export function location(parts: {
  city?: string | null;
  province?: string | null;
  postalCode?: string | null;
  country?: string | null;
}): EventLocation | undefined {
  const out: EventLocation = {};
  const city = clean(parts.city);
  const province = clean(parts.province);
  const postalCode = clean(parts.postalCode);
  const country = clean(parts.country);
  if (city) out.city = city;
  if (province) out.province = province;
  if (postalCode) out.postalCode = postalCode;
  // Only ISO-2 codes go into `country`; carriers sometimes send names ("United States").
  if (country && /^[A-Za-z]{2}$/.test(country)) out.country = country.toUpperCase();
  return Object.keys(out).length === 0 ? undefined : out;
}

export function clean(text: string | null | undefined): string | undefined {
  if (text == null) return undefined;
  const t = String(text).trim();
  return t === "" ? undefined : t;
}

/** Sorts oldest first and drops exact duplicates (carriers repeat scans across pieces/providers). */
export function sortEvents(events: CanonicalEvent[]): CanonicalEvent[] {
  const seen = new Set<string>();
  const out: CanonicalEvent[] = [];
  for (const e of events) {
    const key = `${e.occurredAt}|${e.carrierCode}|${e.description}|${e.location?.city ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
}

/** Omits undefined keys so results compare cleanly with toEqual and serialize compactly. */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}

export function foundResult(
  trackingNumber: string,
  events: CanonicalEvent[],
  notes: ParseNotes,
  extra: Partial<Omit<FoundTracking, "trackingNumber" | "events" | "unmappedCodes" | "warnings">> = {},
): ParsedTracking {
  const delivery = extra.delivery && Object.keys(compact(extra.delivery)).length > 0 ? compact(extra.delivery) : undefined;
  return compact({
    kind: "found" as const,
    trackingNumber,
    events: sortEvents(events),
    latest: extra.latest,
    carrierEta: extra.carrierEta,
    delivery,
    pieces: extra.pieces && extra.pieces.length > 1 ? extra.pieces : undefined,
    handover: extra.handover,
    unmappedCodes: notes.unmappedCodes(),
    warnings: notes.warnings,
  });
}

/** Turns a parser item into the adapter's TrackResult, keeping the raw payload for replay. */
export function toTrackResult(item: ParsedTracking, wholeBody: unknown): TrackResult {
  const raw = item.raw ?? wholeBody;
  switch (item.kind) {
    case "found": {
      const { kind: _kind, raw: _raw, ...rest } = item;
      return { status: "found", ...rest, raw };
    }
    case "not_found":
      return { status: "not_found", trackingNumber: item.trackingNumber, message: item.message, raw };
    case "invalid":
      return { status: "invalid", trackingNumber: item.trackingNumber, code: item.code, message: item.message, raw };
    case "error":
      return {
        status: "error",
        trackingNumber: item.trackingNumber,
        code: item.code,
        message: item.message,
        retryable: item.retryable,
        raw,
      };
  }
}

/** Every number of a failed request gets the same typed error result. */
export function errorResults(requests: readonly TrackRequest[], error: CarrierError): TrackResult[] {
  return requests.map((r) =>
    compact({
      status: "error" as const,
      trackingNumber: r.trackingNumber,
      code: error.kind,
      message: error.message,
      retryable: error.retryable,
      retryAfterMs: error.retryAfterMs,
    }),
  );
}

/** Matches parser items back to the requested numbers (carriers may normalise case/spacing). */
export function matchResults(
  requests: readonly TrackRequest[],
  items: readonly ParsedTracking[],
  raw: unknown,
): TrackResult[] {
  const norm = (n: string) => n.replace(/\s+/g, "").toUpperCase();
  const byNumber = new Map<string, ParsedTracking>();
  for (const item of items) {
    const key = norm(item.trackingNumber);
    const prev = byNumber.get(key);
    // A found result wins over a not-found duplicate for the same number.
    if (!prev || (prev.kind !== "found" && item.kind === "found")) byNumber.set(key, item);
  }
  return requests.map((r) => {
    const item = byNumber.get(norm(r.trackingNumber)) ?? (items.length === 1 && requests.length === 1 ? items[0] : undefined);
    if (!item) {
      return {
        status: "error",
        trackingNumber: r.trackingNumber,
        code: "missing_in_response",
        message: "The carrier's response did not mention this number",
        retryable: true,
        raw,
      } satisfies TrackResult;
    }
    return { ...toTrackResult(item, raw), trackingNumber: r.trackingNumber };
  });
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** zod issue list → one line, for ParseResult errors. */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`)
    .join("; ");
}

/**
 * Runs one carrier request for `batch` and turns every outcome into per-number results: parser
 * items are matched to the numbers, typed carrier errors fan out to each number. Only a caller
 * abort (or a programming error) propagates.
 */
/**
 * For carriers that take one number per call: asks for each number in turn (sequential on
 * purpose: the scheduler owns concurrency and quotas) and settles each answer on its own.
 */
export async function trackEachNumber(
  requests: readonly TrackRequest[],
  fetchOne: (request: TrackRequest) => Promise<{ json: unknown; parsed: ParseResult }>,
): Promise<TrackResult[]> {
  const results: TrackResult[] = [];
  for (const request of requests) results.push(...(await settleBatch([request], () => fetchOne(request))));
  return results;
}

export async function settleBatch(
  batch: readonly TrackRequest[],
  run: () => Promise<{ json: unknown; parsed: ParseResult }>,
): Promise<TrackResult[]> {
  try {
    const { json, parsed } = await run();
    if (!parsed.ok) {
      return batch.map((r) => ({
        status: "error",
        trackingNumber: r.trackingNumber,
        code: "unexpected_shape",
        message: parsed.error.message,
        retryable: true,
        raw: json,
      }));
    }
    return matchResults(batch, parsed.items, json);
  } catch (error) {
    if (error instanceof AbortedError || !isCarrierError(error)) throw error;
    return errorResults(batch, error);
  }
}
