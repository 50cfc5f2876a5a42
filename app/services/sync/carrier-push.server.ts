import type { CarrierCode, ParsedTracking, TrackResult } from "~/carriers/adapter";
import { CARRIER_CODES, getCarrierPlugin } from "~/carriers/registry";
import { toTrackResult } from "~/carriers/mapping";
import { deletePendingPushes, keepFailedCarrierPush, keepPendingPushes, pendingPushesFor } from "~/data/carrier-pushes.server";
import type { Db } from "~/data/db.server";
import { unstorableTextPath } from "~/domain/storable-text";
import type { SyncEngine } from "./sync-engine.server";

export interface CarrierPushHandler {
  adapterCode: CarrierCode;
  /** The configured shared secret / key; null when push is not set up for this carrier. */
  secret: string | null;
  verify: (rawBody: string, request: Request, secret: string) => boolean;
  /** Pure parse of the verified body: items to merge, nothing (ignored event), or an error. */
  parse: (json: unknown) => { items: ParsedTracking[] } | { error: string };
}

/** The carrier that takes pushes at `/webhooks/carriers/<path>` (its folder's `path`), if any. */
export function carrierPushedAt(path: string | undefined): CarrierCode | null {
  return CARRIER_CODES.find((code) => getCarrierPlugin(code).path === path && getCarrierPlugin(code).push !== undefined) ?? null;
}

/**
 * The push handler a carrier folder declares (`carrier.ts` → `push`), with its secret read from
 * the environment variables it names. Throws for a carrier that declares no push.
 */
export function carrierPushHandler(carrier: CarrierCode, env: Readonly<Record<string, unknown>>): CarrierPushHandler {
  const push = getCarrierPlugin(carrier).push;
  if (!push) throw new Error(`${carrier} declares no push`);
  const secret = push.secretEnv.map((name) => env[name]).find((value): value is string => typeof value === "string" && value !== "");
  return {
    adapterCode: carrier,
    secret: secret ?? null,
    verify: (rawBody, request, key) => push.verify(rawBody, request.headers, key),
    parse: push.parse,
  };
}

/**
 * One carrier push, end to end: 404 when push is not configured, 401 on a bad signature,
 * signed-but-unusable bodies kept for replay (answered 200 so the carrier stops retrying),
 * usable ones merged exactly like a poll.
 */
export async function handleCarrierPush(
  request: Request,
  handler: CarrierPushHandler,
  deps: { db: Db; engine: () => Promise<SyncEngine>; now?: () => Date },
): Promise<Response> {
  if (request.method !== "POST") return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
  if (!handler.secret) return new Response("Push is not configured for this carrier", { status: 404 });
  const rawBody = await request.text();
  if (!handler.verify(rawBody, request, handler.secret)) return new Response("Invalid signature", { status: 401 });
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch (error) {
    const id = await keepFailedCarrierPush(deps.db, { carrier: handler.adapterCode, body: rawBody, error: `malformed JSON: ${(error as Error).message}` });
    console.warn(`${handler.adapterCode} push with malformed JSON kept as ${id}`);
    return Response.json({ accepted: false, kept: id });
  }
  // Text a database refuses (NUL, unpaired surrogates) would fail the merge on every retry: keep
  // the push whole for replay instead.
  const unstorable = unstorableTextPath(json);
  if (unstorable) {
    const id = await keepFailedCarrierPush(deps.db, { carrier: handler.adapterCode, body: rawBody, error: `text at ${unstorable} holds a NUL or an unpaired surrogate` });
    console.warn(`${handler.adapterCode} push with unstorable text kept as ${id}`);
    return Response.json({ accepted: false, kept: id });
  }
  const parsed = handler.parse(json);
  if ("error" in parsed) {
    const id = await keepFailedCarrierPush(deps.db, { carrier: handler.adapterCode, body: rawBody, error: parsed.error });
    console.warn(`${handler.adapterCode} push not understood (${parsed.error}); kept as ${id}`);
    return Response.json({ accepted: false, kept: id });
  }
  const found = parsed.items.filter((item) => item.kind === "found");
  if (found.length === 0) return Response.json({ accepted: true, updated: 0 });
  const engine = await deps.engine();
  const results = found.map((item) => toTrackResult(item, json));
  const report = await engine.applyPushed(handler.adapterCode, results);
  // Numbers no shipment has yet: kept, and applied when the fulfillment arrives (applyPendingPushes).
  const unknown = new Set(report.unknownNumbers);
  const now = deps.now?.() ?? new Date();
  // One per number, the last one winning, as applyPushed merges them.
  const byNumber = new Map(results.filter((result) => unknown.has(result.trackingNumber)).map((result) => [result.trackingNumber, result]));
  await keepPendingPushes(
    deps.db,
    [...byNumber.values()].map((result) => ({ carrier: handler.adapterCode, trackingNumber: result.trackingNumber, resultJson: JSON.stringify(result) })),
    now,
    new Date(now.getTime() + PENDING_PUSH_TTL_MS),
  );
  return Response.json({ accepted: true, updated: report.updated, unknownNumbers: report.unknownNumbers, pending: unknown.size });
}

/** How long a push for an unknown number waits for its shipment (a fulfillment rarely comes later). */
export const PENDING_PUSH_TTL_MS = 14 * 24 * 3_600_000;

/**
 * Applies the kept pushes for numbers that now have a shipment (called once a fulfillment is
 * stored), oldest first so the newest status wins, and forgets them. Pushes whose shipment is
 * still unknown to the engine (another carrier, stopped) stay until they expire.
 */
export async function applyPendingPushes(db: Db, trackingNumbers: string[], engine: () => Promise<SyncEngine>, now: Date): Promise<number> {
  const pending = await pendingPushesFor(db, trackingNumbers, now);
  if (pending.length === 0) return 0;
  const sync = await engine();
  let applied = 0;
  for (const push of pending) {
    const report = await sync.applyPushed(push.carrier as CarrierCode, [JSON.parse(push.resultJson) as TrackResult]);
    if (report.unknownNumbers.length === 0) {
      await deletePendingPushes(db, [push.id]);
      applied += 1;
    }
  }
  return applied;
}
