import type { Db } from "~/data/db.server";
import { shipmentsForResync } from "~/data/shipment-list.server";
import type { ParcelSyncOutcome } from "~/services/sync/sync-now.server";

/** One carrier check of one shipment, now (the sync engine's "resync now", or a test's fake). */
export type SyncNow = (db: Db, shipmentId: string) => Promise<{ changed: boolean; outcome: ParcelSyncOutcome }>;

/** What a resync did for one parcel. */
export interface ParcelResync {
  shipmentId: string;
  orderName: string;
  trackingNumber: string;
  outcome: ParcelSyncOutcome;
}

export interface ResyncOutcome {
  requested: number;
  /** Parcels the carrier answered (new events or no news); failures are not counted here. */
  synced: number;
  /** Parcels whose status changed. */
  changed: number;
  failed: { shipmentId: string; message: string }[];
  parcels: ParcelResync[];
  /** Ids asked for that are not shipments of this shop. */
  notFound: number;
}

/** Most ids one resync takes (a bulk resync of more runs as several jobs). */
export const RESYNC_LIMIT = 250;

/** The failure in plain English, for logs and the CLI (pages translate the outcome themselves). */
export function resyncFailureMessage(outcome: Extract<ParcelSyncOutcome, { kind: "failed" }>): string {
  const carrier = outcome.carrier ?? "the carrier";
  switch (outcome.reason) {
    case "no_credentials":
      return `No ${carrier} credentials configured`;
    case "rate_limited":
      return `${carrier} rate limit reached; tried again later${outcome.detail ? ` (${outcome.detail})` : ""}`;
    case "carrier_error":
      return `${carrier} answered with an error${outcome.detail ? `: ${outcome.detail}` : ""}`;
    case "not_found":
      return `${carrier} does not know this tracking number yet`;
    case "invalid_number":
      return `${carrier} says the tracking number is not valid`;
    case "no_carrier":
      return "The carrier of this tracking number is not known";
    case "busy":
      return "Being synced by the worker right now";
  }
}

/** One parcel's resync; an exception from the engine is a carrier error with its message. */
export async function resyncParcel(db: Db, shipment: { id: string; carrier: string | null }, syncNow: SyncNow): Promise<{ changed: boolean; outcome: ParcelSyncOutcome }> {
  try {
    return await syncNow(db, shipment.id);
  } catch (error) {
    return {
      changed: false,
      outcome: { kind: "failed", reason: "carrier_error", carrier: shipment.carrier, detail: error instanceof Error ? error.message : String(error) },
    };
  }
}

/**
 * "Resync now" for one or a few shipments: only the shop's own ids are synced, one after another
 * so a resync cannot stampede a carrier's quota; one failure does not stop the rest, and every
 * parcel reports what happened to it. Many parcels go through a background job (jobs.server.ts).
 */
export async function resyncShipments(db: Db, shopDomain: string, ids: readonly string[], syncNow: SyncNow): Promise<ResyncOutcome> {
  const unique = [...new Set(ids.filter(Boolean))].slice(0, RESYNC_LIMIT);
  const shipments = await shipmentsForResync(db, shopDomain, unique);
  const outcome: ResyncOutcome = { requested: unique.length, synced: 0, changed: 0, failed: [], parcels: [], notFound: unique.length - shipments.length };
  for (const shipment of shipments) {
    const result = await resyncParcel(db, shipment, syncNow);
    outcome.parcels.push({ shipmentId: shipment.id, orderName: shipment.orderName, trackingNumber: shipment.trackingNumber, outcome: result.outcome });
    if (result.outcome.kind === "failed") {
      outcome.failed.push({ shipmentId: shipment.id, message: resyncFailureMessage(result.outcome) });
      continue;
    }
    outcome.synced += 1;
    if (result.changed) outcome.changed += 1;
  }
  if (outcome.notFound > 0) outcome.failed.push({ shipmentId: "", message: `${outcome.notFound} shipment(s) not found in this shop` });
  return outcome;
}

/** Counts of a resync report: synced with news, no news, failed per reason. */
export function resyncSummary(parcels: readonly ParcelResync[]): { newEvents: number; noNews: number; failed: number; byReason: Record<string, number> } {
  const summary = { newEvents: 0, noNews: 0, failed: 0, byReason: {} as Record<string, number> };
  for (const parcel of parcels) {
    if (parcel.outcome.kind === "new_events") summary.newEvents += 1;
    else if (parcel.outcome.kind === "no_news") summary.noNews += 1;
    else {
      summary.failed += 1;
      summary.byReason[parcel.outcome.reason] = (summary.byReason[parcel.outcome.reason] ?? 0) + 1;
    }
  }
  return summary;
}
