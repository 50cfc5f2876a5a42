import { z } from "zod";
import type { CanonicalEvent } from "~/domain/status";
import type { ParseResult, ParsedTracking } from "~/carriers/adapter";
import { ParseNotes, describeIssues, foundResult, lookupStatus } from "~/carriers/mapping";
import { withReason } from "~/carriers/reasons";
import { isoToUtc } from "~/carriers/time";
import { FAKE_POST_CODES } from "./status-map";

const Body = z.union([
  z.object({ parcel: z.object({ number: z.string(), events: z.array(z.object({ at: z.string(), code: z.string(), text: z.string() })) }) }),
  z.object({ missing: z.string() }),
  z.object({ invalid: z.string() }),
  z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
]);

/** Pure: Fake Post JSON → one item. Never throws. */
export function parseFakePost(json: unknown, numbers: readonly string[] = []): ParseResult {
  try {
    const body = Body.safeParse(json);
    if (!body.success) return { ok: false, error: { kind: "unexpected_shape", message: describeIssues(body.error.issues) } };
    const requested = numbers[0] ?? "";
    const data = body.data;
    if ("missing" in data) return { ok: true, items: [{ kind: "not_found", trackingNumber: data.missing, message: "Fake Post has no scans yet" }] };
    if ("invalid" in data) return { ok: true, items: [{ kind: "invalid", trackingNumber: data.invalid, code: "fake_post:BAD", message: "No such number" }] };
    if ("error" in data) {
      return { ok: true, items: [{ kind: "error", trackingNumber: requested, code: `fake_post:${data.error.code}`, message: data.error.message, retryable: false }] };
    }
    const notes = new ParseNotes();
    const events: CanonicalEvent[] = [];
    for (const scan of data.parcel.events) {
      const occurredAt = isoToUtc(scan.at);
      if (!occurredAt) {
        notes.warn(`skipped scan at ${scan.at}`);
        continue;
      }
      const mapped = withReason(lookupStatus(FAKE_POST_CODES, scan.code), scan.text);
      if (!mapped.mapped) notes.unmappedCode(scan.code);
      const event: CanonicalEvent = { occurredAt, status: mapped.status, carrierCode: scan.code, description: scan.text, raw: scan };
      if (mapped.subStatus) event.subStatus = mapped.subStatus;
      events.push(event);
    }
    const item: ParsedTracking = foundResult(data.parcel.number, events, notes);
    return { ok: true, items: [item] };
  } catch (error) {
    return { ok: false, error: { kind: "unexpected_shape", message: `Fake Post parser failed: ${String(error)}` } };
  }
}
