import type { Db } from "./db.server";
import type { DbClient } from "./fulfillments.server";

/** idle (never asked) | queued | running | done | failed | stopped (shop uninstalled) */
export type BackfillStatus = "idle" | "queued" | "running" | "done" | "failed" | "stopped";

export interface BackfillProgress {
  shopDomain: string;
  status: BackfillStatus;
  mode: "pages" | "bulk" | null;
  imported: number;
  total: number | null;
  since: Date | null;
  cursor: string | null;
  operationId: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: string | null;
}

const progressSelect = {
  domain: true,
  backfillStatus: true,
  backfillMode: true,
  backfillImported: true,
  backfillTotal: true,
  backfillSince: true,
  backfillCursor: true,
  backfillOperationId: true,
  backfillStartedAt: true,
  backfillFinishedAt: true,
  backfillError: true,
} as const;

interface ProgressRow {
  domain: string;
  backfillStatus: string;
  backfillMode: string | null;
  backfillImported: number;
  backfillTotal: number | null;
  backfillSince: Date | null;
  backfillCursor: string | null;
  backfillOperationId: string | null;
  backfillStartedAt: Date | null;
  backfillFinishedAt: Date | null;
  backfillError: string | null;
}

function toProgress(row: ProgressRow): BackfillProgress {
  return {
    shopDomain: row.domain,
    status: row.backfillStatus as BackfillStatus,
    mode: row.backfillMode as BackfillProgress["mode"],
    imported: row.backfillImported,
    total: row.backfillTotal,
    since: row.backfillSince,
    cursor: row.backfillCursor,
    operationId: row.backfillOperationId,
    startedAt: row.backfillStartedAt,
    finishedAt: row.backfillFinishedAt,
    error: row.backfillError,
  };
}

export async function backfillProgress(db: Db, shopDomain: string): Promise<BackfillProgress | null> {
  const row = await db.shop.findUnique({ where: { domain: shopDomain }, select: progressSelect });
  return row ? toProgress(row) : null;
}

/**
 * Queues a backfill from `since`. A backfill queued, running or failed for the same window keeps
 * its cursor (asking again resumes rather than restarts); a new window starts over.
 */
export async function queueBackfill(db: Db, shopDomain: string, since: Date): Promise<BackfillProgress> {
  await db.shop.upsert({ where: { domain: shopDomain }, create: { domain: shopDomain }, update: {} });
  const current = await backfillProgress(db, shopDomain);
  const sameWindow = current?.since?.getTime() === since.getTime();
  if (current && ["running", "queued", "failed"].includes(current.status) && sameWindow) {
    // Same window: resume from the saved cursor (a failed run keeps it for exactly this).
    if (current.status !== "failed") return current;
    const resumed = await db.shop.update({
      where: { domain: shopDomain },
      data: { backfillStatus: "queued", backfillError: null, backfillFinishedAt: null },
      select: progressSelect,
    });
    return toProgress(resumed);
  }
  const row = await db.shop.update({
    where: { domain: shopDomain },
    data: {
      backfillStatus: "queued",
      backfillSince: since,
      backfillCursor: null,
      backfillOperationId: null,
      backfillMode: null,
      backfillImported: 0,
      backfillTotal: null,
      backfillStartedAt: null,
      backfillFinishedAt: null,
      backfillError: null,
    },
    select: progressSelect,
  });
  return toProgress(row);
}

/**
 * Shops whose backfill should run now: queued, left running by a stopped process, or failed
 * longer than `retryAfterMs` ago (each retry resumes from the saved cursor).
 */
export async function shopsWithPendingBackfill(db: Db, now: Date, retryAfterMs = 15 * 60_000): Promise<string[]> {
  const rows = await db.shop.findMany({
    where: {
      uninstalledAt: null,
      OR: [
        { backfillStatus: { in: ["queued", "running"] } },
        { backfillStatus: "failed", backfillFinishedAt: { lt: new Date(now.getTime() - retryAfterMs) } },
      ],
    },
    select: { domain: true },
    orderBy: { updatedAt: "asc" },
  });
  return rows.map((row) => row.domain);
}

export async function saveBackfillProgress(
  db: Db,
  shopDomain: string,
  update: {
    status?: "running";
    mode?: "pages" | "bulk";
    cursor?: string | null;
    operationId?: string | null;
    importedDelta?: number;
    total?: number | null;
    startedAt?: Date;
  },
): Promise<void> {
  await db.shop.update({
    where: { domain: shopDomain },
    data: {
      ...(update.status ? { backfillStatus: update.status } : {}),
      ...(update.mode ? { backfillMode: update.mode } : {}),
      ...(update.cursor !== undefined ? { backfillCursor: update.cursor } : {}),
      ...(update.operationId !== undefined ? { backfillOperationId: update.operationId } : {}),
      ...(update.importedDelta ? { backfillImported: { increment: update.importedDelta } } : {}),
      ...(update.total !== undefined ? { backfillTotal: update.total } : {}),
      ...(update.startedAt ? { backfillStartedAt: update.startedAt } : {}),
    },
  });
}

export async function finishBackfill(db: Db, shopDomain: string, now: Date): Promise<void> {
  await db.shop.update({
    where: { domain: shopDomain },
    data: { backfillStatus: "done", backfillFinishedAt: now, backfillCursor: null, backfillOperationId: null, backfillError: null },
  });
}

/** A failure keeps the cursor: the next run resumes where this one stopped. */
export async function failBackfill(db: Db, shopDomain: string, error: string, now: Date): Promise<void> {
  await db.shop.update({
    where: { domain: shopDomain },
    data: { backfillStatus: "failed", backfillFinishedAt: now, backfillError: error.slice(0, 2000) },
  });
}

/** Stops a queued or running backfill (the shop uninstalled). */
export async function stopBackfill(client: DbClient, shopDomain: string, reason: string, now: Date): Promise<void> {
  await client.shop.updateMany({
    where: { domain: shopDomain, backfillStatus: { in: ["queued", "running"] } },
    data: { backfillStatus: "stopped", backfillError: reason, backfillFinishedAt: now },
  });
}
