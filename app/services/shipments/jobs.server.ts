import type { Db } from "~/data/db.server";
import { shipmentsForResync } from "~/data/shipment-list.server";
import {
  claimShipmentJob,
  createShipmentJob,
  deleteExpiredShipmentJobs,
  finishShipmentJob,
  recordShipmentJobProgress,
  type ShipmentJobRecord,
} from "~/data/shipment-jobs.server";
import { eventsExportFileName, exportFileName, shipmentsCsvStream } from "~/services/shipment-export/csv.server";
import { eventsCsvStream } from "~/services/shipment-export/events-csv.server";
import { exportFilterOf } from "./export-filter.server";
import { resyncParcel, RESYNC_LIMIT, resyncSummary, type ParcelResync, type SyncNow } from "./resync.server";

/**
 * Work on many shipments runs in the worker, never on a request: a bulk resync (hundreds of
 * carrier calls) and an export of more than EXPORT_INLINE_LIMIT shipments. The page polls the
 * job's progress; the merchant can leave and come back to the result.
 */
export const EXPORT_INLINE_LIMIT = 2_000;
/** A finished export file is kept this long, then deleted with its job. */
export const EXPORT_RETENTION_MS = 24 * 3_600_000;
/** A finished resync report is kept this long. */
export const RESYNC_RETENTION_MS = 7 * 24 * 3_600_000;
/** A worker holds a job this long between progress writes; a dead worker's job is taken up again after it. */
export const JOB_LEASE_MS = 2 * 60_000;

/** Queues a resync of the shop's own shipments among `ids`; null when none of them is the shop's. */
export async function startBulkResync(db: Db, shopDomain: string, ids: readonly string[], now: Date): Promise<ShipmentJobRecord | null> {
  const unique = [...new Set(ids.filter(Boolean))].slice(0, RESYNC_LIMIT);
  const owned = await shipmentsForResync(db, shopDomain, unique);
  if (owned.length === 0) return null;
  return createShipmentJob(db, { shopDomain, kind: "resync", payload: JSON.stringify({ ids: owned.map((row) => row.id) }), total: owned.length, now });
}

/** Queues a CSV export of the list's current filters (`search`: its query string). */
export async function startExport(db: Db, shopDomain: string, search: URLSearchParams, total: number, now: Date): Promise<ShipmentJobRecord> {
  const params = new URLSearchParams(search);
  params.delete("after");
  return createShipmentJob(db, { shopDomain, kind: "export", payload: JSON.stringify({ search: params.toString() }), total, now });
}

/** Queues a carrier-events CSV export of the list's current filters (`total`: its events). */
export async function startEventsExport(db: Db, shopDomain: string, search: URLSearchParams, total: number, now: Date): Promise<ShipmentJobRecord> {
  const params = new URLSearchParams(search);
  params.delete("after");
  return createShipmentJob(db, { shopDomain, kind: "events_export", payload: JSON.stringify({ search: params.toString() }), total, now });
}

/** What the page shows of a job (plain JSON for loaders). */
export interface ShipmentJobView {
  id: string;
  kind: ShipmentJobRecord["kind"];
  state: ShipmentJobRecord["state"];
  total: number;
  processed: number;
  /** Resync only: per-parcel results so far, and their counts. */
  parcels: ParcelResync[];
  summary: ReturnType<typeof resyncSummary> | null;
  /** Export only, when done: where to download the file. */
  downloadUrl: string | null;
  error: string | null;
  finishedAt: string | null;
  expiresAt: string | null;
}

export function shipmentJobView(job: ShipmentJobRecord): ShipmentJobView {
  const parcels = job.kind === "resync" && job.results ? (JSON.parse(job.results) as ParcelResync[]) : [];
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    total: job.total,
    processed: job.processed,
    parcels,
    summary: job.kind === "resync" ? resyncSummary(parcels) : null,
    downloadUrl: job.kind !== "resync" && job.state === "done" ? `/app/shipments/jobs/${job.id}/download` : null,
    error: job.error,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    expiresAt: job.expiresAt?.toISOString() ?? null,
  };
}

export interface JobRunnerOptions {
  db: Db;
  owner: string;
  syncNow: SyncNow;
  clock?: () => number;
  /** Time one call may spend on a resync before handing the rest to the next call. */
  budgetMs?: number;
}

/**
 * One step of the background jobs, called after each sync pass: deletes jobs past their retention,
 * then takes the oldest waiting job and works on it for up to `budgetMs`, writing progress after
 * every parcel (so the page's bar moves, and a crash loses at most one parcel's work).
 * Returns the id of the job it worked on, if any.
 */
export async function runShipmentJobs(options: JobRunnerOptions): Promise<string | null> {
  const clock = options.clock ?? Date.now;
  const { db, owner } = options;
  await deleteExpiredShipmentJobs(db, new Date(clock()));
  const job = await claimShipmentJob(db, { owner, now: new Date(clock()), leaseUntil: new Date(clock() + JOB_LEASE_MS) });
  if (!job) return null;
  try {
    if (job.kind === "resync") await runResync(job, options, clock);
    else await runExport(job, options, clock);
  } catch (error) {
    await finishShipmentJob(db, job.id, owner, {
      state: "failed",
      processed: job.processed,
      error: error instanceof Error ? error.message : String(error),
      finishedAt: new Date(clock()),
      expiresAt: new Date(clock() + RESYNC_RETENTION_MS),
    });
  }
  return job.id;
}

async function runResync(job: ShipmentJobRecord, options: JobRunnerOptions, clock: () => number): Promise<void> {
  const { db, owner } = options;
  const { ids } = JSON.parse(job.payload) as { ids: string[] };
  const parcels: ParcelResync[] = job.results ? (JSON.parse(job.results) as ParcelResync[]) : [];
  const done = new Set(parcels.map((parcel) => parcel.shipmentId));
  const shipments = await shipmentsForResync(db, job.shopDomain, ids.filter((id) => !done.has(id)));
  const started = clock();
  for (const shipment of shipments) {
    if (clock() - started > (options.budgetMs ?? 20_000)) {
      // Hand the rest to the next step (this worker's or another's): the lease ends now.
      await recordShipmentJobProgress(db, job.id, owner, { processed: parcels.length, results: JSON.stringify(parcels), leaseUntil: new Date(clock() - 1) });
      return;
    }
    const result = await resyncParcel(db, shipment, options.syncNow);
    parcels.push({ shipmentId: shipment.id, orderName: shipment.orderName, trackingNumber: shipment.trackingNumber, outcome: result.outcome });
    const kept = await recordShipmentJobProgress(db, job.id, owner, {
      processed: parcels.length,
      results: JSON.stringify(parcels),
      leaseUntil: new Date(clock() + JOB_LEASE_MS),
    });
    if (!kept) return;
  }
  await finishShipmentJob(db, job.id, owner, {
    state: "done",
    processed: parcels.length,
    results: JSON.stringify(parcels),
    finishedAt: new Date(clock()),
    expiresAt: new Date(clock() + RESYNC_RETENTION_MS),
  });
}

async function runExport(job: ShipmentJobRecord, options: JobRunnerOptions, clock: () => number): Promise<void> {
  const { db, owner } = options;
  const { search } = JSON.parse(job.payload) as { search: string };
  const filter = await exportFilterOf(db, job.shopDomain, new URLSearchParams(search));
  const events = job.kind === "events_export";
  const reader = (events ? eventsCsvStream : shipmentsCsvStream)(db, job.shopDomain, filter).getReader();
  const decoder = new TextDecoder();
  let content = "";
  let rows = -1; // the header line is not a row
  let reported = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const text = decoder.decode(value, { stream: true });
    content += text;
    rows += text.split("\r\n").length - 1;
    if (rows - reported >= 500) {
      reported = rows;
      if (!(await recordShipmentJobProgress(db, job.id, owner, { processed: rows, leaseUntil: new Date(clock() + JOB_LEASE_MS) }))) return;
    }
  }
  content += decoder.decode();
  await finishShipmentJob(db, job.id, owner, {
    state: "done",
    processed: Math.max(rows, 0),
    fileName: (events ? eventsExportFileName : exportFileName)(job.shopDomain, new Date(clock())),
    fileContent: content,
    finishedAt: new Date(clock()),
    expiresAt: new Date(clock() + EXPORT_RETENTION_MS),
  });
}
