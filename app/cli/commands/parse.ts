import { readFile } from "node:fs/promises";
import type { CanonicalEvent } from "~/domain/status";
import { deriveShipmentState } from "~/domain/shipment-state";
import type { ParseResult, ParsedTracking } from "~/carriers/adapter";
import { CARRIER_CODES, isCarrierCode } from "~/carriers/registry";
import { getCarrierPlugin } from "~/carriers/registry";
import { parseSeventeenTrackPush } from "~/carriers/seventeen_track/parse";
import { UsageError, type CliCommand, type CliIO } from "~/cli/command";

const USAGE = `Usage: cli parse --carrier <code> <file.json|-> [--number <tracking number>] [--as-of <iso>|last-event] [--json]

Parses a saved carrier response (a tracking API body, or a 17TRACK push payload) exactly as the
sync engine would and prints the canonical events, carrier ETA, delivery details and any carrier
codes we have no mapping for. "-" reads the body from standard input.

  --carrier   ${CARRIER_CODES.join(" | ")}
  --number    the tracking number the request was for (labels request-wide error bodies)
  --as-of     derive the state at this instant instead of now: an ISO-8601 time with an offset
              ("2025-11-20T12:00:00Z"), or "last-event" for the time of the newest event, so a
              saved response reads as it did when it was fetched (not "expired" a year later)
  --json      print the parse result as JSON instead of text`;

/** When the derived state is computed: now, a fixed instant, or the newest event's time. */
export type AsOf = { kind: "now" } | { kind: "at"; at: Date } | { kind: "last_event" };

/** Reads `--as-of`: "last-event" or an ISO-8601 instant with a date, a time and an offset. */
export function parseAsOf(value: string): AsOf {
  if (value === "last-event") return { kind: "last_event" };
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
  const at = new Date(value);
  if (!iso.test(value) || Number.isNaN(at.getTime())) {
    throw new UsageError(`--as-of needs an ISO-8601 time with an offset (e.g. 2025-11-20T12:00:00Z) or "last-event", got "${value}"`);
  }
  return { kind: "at", at };
}

interface Args {
  carrier: string;
  file: string;
  number?: string;
  asOf: AsOf;
  json: boolean;
}

function parseArgs(args: string[]): Args {
  let carrier: string | undefined;
  let file: string | undefined;
  let number: string | undefined;
  let json = false;
  let asOf: AsOf = { kind: "now" };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--json") json = true;
    else if (arg === "--carrier" || arg === "--number" || arg === "--as-of") {
      const value = args[++i];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`${arg} needs a value`);
      if (arg === "--carrier") carrier = value;
      else if (arg === "--as-of") asOf = parseAsOf(value);
      else number = value;
    } else if (arg.startsWith("--carrier=")) carrier = arg.slice("--carrier=".length);
    else if (arg.startsWith("--as-of=")) asOf = parseAsOf(arg.slice("--as-of=".length));
    else if (arg.startsWith("--")) throw new UsageError(`unknown option ${arg}`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`unexpected argument ${arg}`);
  }
  if (!carrier) throw new UsageError("--carrier is required");
  if (!isCarrierCode(carrier)) throw new UsageError(`unknown carrier "${carrier}" (expected one of ${CARRIER_CODES.join(", ")})`);
  if (!file) throw new UsageError("a response file (or -) is required");
  return { carrier, file, json, asOf, ...(number === undefined ? {} : { number }) };
}

export const parseCommand: CliCommand = {
  name: "parse",
  summary: "Parse a saved carrier response into canonical events (support/debugging)",
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { carrier, file, number, json: asJson, asOf } = parseArgs(args);
    const now = io.now?.() ?? new Date();
    if (!isCarrierCode(carrier)) throw new UsageError(`unknown carrier "${carrier}"`);
    let text: string;
    try {
      text = file === "-" ? await io.readStdin() : await readFile(file, "utf8");
    } catch (error) {
      io.stderr(`parse: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
    let body: unknown;
    try {
      body = JSON.parse(text) as unknown;
    } catch (error) {
      io.stderr(`parse: ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }

    let result: ParseResult;
    const isPush = carrier === "seventeen_track" && typeof body === "object" && body !== null && "event" in body;
    if (isPush) {
      const push = parseSeventeenTrackPush(body);
      if (push.kind === "invalid") result = { ok: false, error: { kind: "unexpected_shape", message: push.message } };
      else if (push.kind === "updated") result = { ok: true, items: [push.item] };
      else {
        io.stdout(asJson ? `${JSON.stringify(push, null, 2)}\n` : `17TRACK push: ${push.kind}${push.kind === "stopped" ? ` ${push.trackingNumber}` : ` (${push.event})`}\n`);
        return 0;
      }
    } else if (carrier === "aftership" && typeof body === "object" && body !== null && "event" in body && "msg" in body) {
      // An AfterShip webhook body: read through the folder's push parser.
      const push = getCarrierPlugin(carrier).push?.parse(body);
      result = push === undefined || "error" in push ? { ok: false, error: { kind: "unexpected_shape", message: push?.error ?? "no push parser" } } : { ok: true, items: push.items };
    } else {
      result = getCarrierPlugin(carrier).parse(body, number === undefined ? undefined : [number]);
    }

    if (asJson) {
      const withState = result.ok
        ? { ...result, items: result.items.map((item) => (item.kind === "found" ? { ...item, derived: derivedState(item, asOf, now) } : item)) }
        : result;
      io.stdout(`${JSON.stringify(withState, (key, value: unknown) => (key === "raw" ? undefined : value), 2)}\n`);
      return result.ok ? 0 : 1;
    }
    if (!result.ok) {
      io.stderr(`parse: not a ${carrier} response we understand: ${result.error.message}\n`);
      return 1;
    }
    const name = getCarrierPlugin(carrier).displayName;
    io.stdout(result.items.map((item) => formatItem(name, item, asOf, now)).join("\n"));
    return 0;
  },
};

function formatItem(carrier: string, item: ParsedTracking, asOf: AsOf, now: Date): string {
  const lines = [`${carrier} ${item.trackingNumber || "(number not in body)"}: ${item.kind.replace("_", " ")}`];
  if (item.kind === "not_found") lines.push(`  ${item.message}`);
  if (item.kind === "invalid") lines.push(`  ${item.code}: ${item.message} (the carrier says this number is invalid)`);
  if (item.kind === "error") lines.push(`  ${item.code}: ${item.message} (${item.retryable ? "retryable" : "permanent"})`);
  if (item.kind === "found") {
    if (item.latest) {
      const sub = item.latest.subStatus ? `/${item.latest.subStatus}` : "";
      lines.push(`  carrier status: ${item.latest.status}${sub} [${item.latest.carrierCode}] ${item.latest.description}`);
    }
    if (item.carrierEta) {
      const e = item.carrierEta;
      lines.push(`  carrier ETA:    ${e.start} → ${e.end}${e.local ? " (local time)" : ""} from ${e.source}`);
    }
    if (item.delivery) {
      const d = item.delivery;
      const parts = [
        d.deliveredAt && `at ${d.deliveredAt}`,
        d.signedBy && `signed by ${d.signedBy}`,
        d.deliveryLocation && `left: ${d.deliveryLocation}`,
        d.proofOfDeliveryUrl && `POD ${d.proofOfDeliveryUrl}`,
        d.signatureUrl && `signature ${d.signatureUrl}`,
        d.signatureAvailable && !d.signatureUrl && "signature image available",
      ].filter(Boolean);
      lines.push(`  delivery:       ${parts.join(", ")}`);
    }
    if (item.pieces) lines.push(`  pieces:         ${item.pieces.join(", ")}`);
    lines.push(`  events (${item.events.length}, oldest first, UTC):`);
    for (const e of item.events) lines.push(`    ${formatEvent(e)}`);
    lines.push(`  unmapped codes: ${item.unmappedCodes.length > 0 ? item.unmappedCodes.join(", ") : "none"}`);
    for (const w of item.warnings) lines.push(`  warning: ${w}`);
    const { state, at } = derivedStateAt(item, asOf, now);
    const flags = Object.entries(state.flags).filter(([, on]) => on).map(([flag]) => flag);
    lines.push(`  derived as of:  ${at.toISOString()}${asOf.kind === "last_event" ? " (last event)" : asOf.kind === "now" ? " (now)" : ""}`);
    lines.push(`  derived state:  ${state.status}${state.subStatus ? `/${state.subStatus}` : ""}${flags.length > 0 ? ` [${flags.join(", ")}]` : ""}`);
    lines.push(`  next check:     ${state.nextCheckAt ?? "none (final)"}`);
    for (const note of state.explanations) lines.push(`  note: ${note}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The instant `asOf` names for this item; "last-event" falls back to now when there are no events. */
export function asOfInstant(item: Extract<ParsedTracking, { kind: "found" }>, asOf: AsOf, now: Date): Date {
  if (asOf.kind === "at") return asOf.at;
  if (asOf.kind === "now") return now;
  const times = item.events.map((e) => Date.parse(e.occurredAt)).filter((t) => !Number.isNaN(t));
  return times.length > 0 ? new Date(Math.max(...times)) : now;
}

/**
 * What Trackline would conclude from this response alone at `asOf`: the same derivation the sync
 * engine runs (tracking assumed to start at the first event).
 */
function derivedStateAt(item: Extract<ParsedTracking, { kind: "found" }>, asOf: AsOf, now: Date) {
  const at = asOfInstant(item, asOf, now);
  const first = item.events[0]?.occurredAt ?? at.toISOString();
  const state = deriveShipmentState(item.events, at, {
    shipmentId: item.trackingNumber,
    trackingStartedAt: first,
    estimatedDeliveryAt: item.carrierEta?.end ?? null,
  });
  return { state, at };
}

function derivedState(item: Extract<ParsedTracking, { kind: "found" }>, asOf: AsOf, now: Date) {
  const { state, at } = derivedStateAt(item, asOf, now);
  return { asOf: at.toISOString(), ...state };
}

function formatEvent(e: CanonicalEvent): string {
  const status = `${e.status}${e.subStatus ? `/${e.subStatus}` : ""}`;
  const place = e.location ? [e.location.city, e.location.province, e.location.postalCode, e.location.country].filter(Boolean).join(" ") : "";
  const local = e.localTime ? `  (local ${e.localTime})` : "";
  return `${e.occurredAt}  ${status.padEnd(34)} ${`[${e.carrierCode}]`.padEnd(24)} ${e.description}${place ? ` — ${place}` : ""}${local}`;
}
