import type { Db } from "~/data/db.server";
import { sharedSyncEngine } from "./engine-factory.server";
import type { SyncPassReport } from "./sync-engine.server";
import { countShipmentEvents, findShipmentSyncState } from "~/data/shipments.server";

/** Why a parcel's "resync now" did not reach the carrier's news. */
export type ResyncFailureReason =
  /** Nobody configured the carrier's account (app-wide or the shop's own). */
  | "no_credentials"
  /** The carrier's rate limit, our quota with it, or its circuit breaker held the call back. */
  | "rate_limited"
  /** The carrier answered with an error (detail has its code and message). */
  | "carrier_error"
  /** The carrier does not know the number (yet). */
  | "not_found"
  /** The carrier says the number is not valid. */
  | "invalid_number"
  /** The parcel's carrier is not known, so there is nobody to ask. */
  | "no_carrier"
  /** Another worker is syncing the parcel this moment. */
  | "busy";

/** What "resync now" did for one parcel, as the merchant should hear it. */
export type ParcelSyncOutcome =
  | { kind: "new_events"; newEvents: number; statusChanged: boolean }
  | { kind: "no_news" }
  | { kind: "failed"; reason: ResyncFailureReason; carrier: string | null; detail: string | null };

export interface SyncNowResult {
  status: string;
  previousStatus: string;
  changed: boolean;
  report: SyncPassReport;
  lastError: string | null;
  outcome: ParcelSyncOutcome;
}

const NO_CREDENTIALS = /^no (\S+) credentials configured/;

/** The parcel's outcome from the engine's pass report and the error it left on the shipment. */
export function parcelOutcome(
  report: SyncPassReport,
  parcel: { carrier: string | null; lastErrorBefore: string | null; lastErrorAfter: string | null; statusChanged: boolean; newEvents: number },
): ParcelSyncOutcome {
  const fresh = parcel.lastErrorAfter !== parcel.lastErrorBefore ? parcel.lastErrorAfter : null;
  if (report.claimed === 0) return { kind: "failed", reason: parcel.carrier ? "busy" : "no_carrier", carrier: parcel.carrier, detail: null };
  if (report.deferred > 0) {
    const missing = NO_CREDENTIALS.exec(parcel.lastErrorAfter ?? "");
    if (missing) return { kind: "failed", reason: "no_credentials", carrier: missing[1] ?? parcel.carrier, detail: null };
    return { kind: "failed", reason: "rate_limited", carrier: parcel.carrier, detail: fresh };
  }
  if (report.failed > 0) return { kind: "failed", reason: "carrier_error", carrier: parcel.carrier, detail: parcel.lastErrorAfter };
  if (report.invalidConfirmed + report.invalidToRecheck > 0) return { kind: "failed", reason: "invalid_number", carrier: parcel.carrier, detail: null };
  if (report.notFound > 0 && parcel.newEvents === 0) return { kind: "failed", reason: "not_found", carrier: parcel.carrier, detail: null };
  if (report.lostLease > 0) return { kind: "failed", reason: "busy", carrier: parcel.carrier, detail: null };
  if (parcel.newEvents > 0 || parcel.statusChanged) return { kind: "new_events", newEvents: parcel.newEvents, statusChanged: parcel.statusChanged };
  return { kind: "no_news" };
}

/**
 * "Resync now" (admin, order block, CLI): one shipment, right away, through the same engine and
 * quotas as the worker. A shipment another worker is syncing this moment is left to it. The
 * outcome says what happened to the parcel: new events (how many), no news, or why it failed.
 */
export async function syncShipmentNow(db: Db, shipmentId: string): Promise<SyncNowResult> {
  const before = await findShipmentSyncState(db, shipmentId);
  if (!before) throw new Error(`no shipment ${shipmentId}`);
  const eventsBefore = await countShipmentEvents(db, shipmentId);
  const engine = await sharedSyncEngine();
  const report = await engine.runOnce({ shipmentIds: [shipmentId] });
  const [after, eventsAfter] = await Promise.all([
    findShipmentSyncState(db, shipmentId),
    countShipmentEvents(db, shipmentId),
  ]);
  if (!after) throw new Error(`no shipment ${shipmentId}`);
  const changed = after.status !== before.status;
  const outcome = parcelOutcome(report, {
    carrier: before.carrier,
    lastErrorBefore: before.lastError,
    lastErrorAfter: after.lastError,
    statusChanged: changed,
    newEvents: Math.max(0, eventsAfter - eventsBefore),
  });
  return { status: after.status, previousStatus: before.status, changed, report, lastError: after.lastError, outcome };
}
