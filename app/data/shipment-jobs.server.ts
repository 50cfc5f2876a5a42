import type { Db } from "./db.server";

export type ShipmentJobKind = "resync" | "export" | "events_export";
export type ShipmentJobState = "queued" | "running" | "done" | "failed";

/** A background job on many shipments, without its file (which can be large). */
export interface ShipmentJobRecord {
  id: string;
  shopDomain: string;
  kind: ShipmentJobKind;
  state: ShipmentJobState;
  total: number;
  processed: number;
  payload: string;
  results: string | null;
  fileName: string | null;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  expiresAt: Date | null;
}

const select = {
  id: true,
  shopDomain: true,
  kind: true,
  state: true,
  total: true,
  processed: true,
  payload: true,
  results: true,
  fileName: true,
  error: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  expiresAt: true,
} as const;

type Row = { kind: string; state: string } & Omit<ShipmentJobRecord, "kind" | "state">;
const toRecord = (row: Row): ShipmentJobRecord => ({ ...row, kind: row.kind as ShipmentJobKind, state: row.state as ShipmentJobState });

export async function createShipmentJob(
  db: Db,
  job: { shopDomain: string; kind: ShipmentJobKind; payload: string; total: number; now: Date },
): Promise<ShipmentJobRecord> {
  const row = await db.shipmentJob.create({
    data: { shopDomain: job.shopDomain, kind: job.kind, payload: job.payload, total: job.total, createdAt: job.now },
    select,
  });
  return toRecord(row);
}

/** One of the shop's jobs (another shop's id finds nothing). */
export async function findShipmentJob(db: Db, shopDomain: string, id: string): Promise<ShipmentJobRecord | null> {
  const row = await db.shipmentJob.findFirst({ where: { id, shopDomain }, select });
  return row ? toRecord(row) : null;
}

/** The shop's newest job of a kind, for the page to show when the merchant comes back. */
export async function latestShipmentJob(db: Db, shopDomain: string, kinds: readonly ShipmentJobKind[]): Promise<ShipmentJobRecord | null> {
  const row = await db.shipmentJob.findFirst({
    where: { shopDomain, kind: { in: [...kinds] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select,
  });
  return row ? toRecord(row) : null;
}

/** The finished file of one of the shop's export jobs. */
export async function shipmentJobFile(db: Db, shopDomain: string, id: string): Promise<{ fileName: string; content: string } | null> {
  const row = await db.shipmentJob.findFirst({
    where: { id, shopDomain, state: "done", fileName: { not: null }, fileContent: { not: null } },
    select: { fileName: true, fileContent: true },
  });
  return row?.fileName && row.fileContent !== null ? { fileName: row.fileName, content: row.fileContent } : null;
}

/**
 * Takes the oldest job that is queued, or running under a lease that ran out (its worker died),
 * for `owner` until `leaseUntil`. A conditional update, so two workers never take the same job.
 */
export async function claimShipmentJob(db: Db, options: { owner: string; now: Date; leaseUntil: Date }): Promise<ShipmentJobRecord | null> {
  const claimable = { OR: [{ state: "queued" }, { state: "running", leaseUntil: { lt: options.now } }] };
  const candidates = await db.shipmentJob.findMany({ where: claimable, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 5, select: { id: true } });
  for (const candidate of candidates) {
    const { count } = await db.shipmentJob.updateMany({
      where: { id: candidate.id, ...claimable },
      data: { state: "running", leaseOwner: options.owner, leaseUntil: options.leaseUntil },
    });
    if (count === 1) {
      await db.shipmentJob.updateMany({ where: { id: candidate.id, startedAt: null }, data: { startedAt: options.now } });
      const row = await db.shipmentJob.findUniqueOrThrow({ where: { id: candidate.id }, select });
      return toRecord(row);
    }
  }
  return null;
}

/** Progress of a running job (only its lease owner writes it); false when the lease was lost. */
export async function recordShipmentJobProgress(
  db: Db,
  id: string,
  owner: string,
  progress: { processed: number; results?: string; leaseUntil: Date },
): Promise<boolean> {
  const { count } = await db.shipmentJob.updateMany({
    where: { id, leaseOwner: owner, state: "running" },
    data: { processed: progress.processed, ...(progress.results !== undefined ? { results: progress.results } : {}), leaseUntil: progress.leaseUntil },
  });
  return count === 1;
}

export async function finishShipmentJob(
  db: Db,
  id: string,
  owner: string,
  outcome: {
    state: "done" | "failed";
    processed: number;
    results?: string;
    fileName?: string;
    fileContent?: string;
    error?: string;
    finishedAt: Date;
    expiresAt: Date;
  },
): Promise<boolean> {
  const { count } = await db.shipmentJob.updateMany({
    where: { id, leaseOwner: owner, state: "running" },
    data: {
      state: outcome.state,
      processed: outcome.processed,
      ...(outcome.results !== undefined ? { results: outcome.results } : {}),
      ...(outcome.fileName !== undefined ? { fileName: outcome.fileName } : {}),
      ...(outcome.fileContent !== undefined ? { fileContent: outcome.fileContent } : {}),
      error: outcome.error ?? null,
      finishedAt: outcome.finishedAt,
      expiresAt: outcome.expiresAt,
      leaseOwner: null,
      leaseUntil: null,
    },
  });
  return count === 1;
}

/** Deletes finished jobs (and their files) past their retention; returns how many went. */
export async function deleteExpiredShipmentJobs(db: Db, now: Date): Promise<number> {
  const { count } = await db.shipmentJob.deleteMany({ where: { expiresAt: { lt: now }, state: { in: ["done", "failed"] } } });
  return count;
}
