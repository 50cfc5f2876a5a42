import { database } from "~/data/client.server";
import { backfillProgress, type BackfillProgress } from "~/data/backfill.server";
import { ensureInstallBackfill } from "./backfill.server";
import { offlineSessionScope } from "~/data/shops.server";

/** What the admin's backfill banner shows (plain JSON for the loader). */
export interface BackfillBannerData {
  status: BackfillProgress["status"];
  imported: number;
  total: number | null;
  /** Days the import reaches back. */
  days: number | null;
  finishedAt: string | null;
  error: string | null;
}

const SHOW_DONE_FOR_MS = 24 * 3_600_000;

/**
 * The shop's import progress for the admin banner. The first admin visit after install queues
 * the install-time backfill (the worker runs it); null when there is nothing to show.
 */
export async function backfillBanner(shopDomain: string, now = new Date()): Promise<BackfillBannerData | null> {
  const { db } = database();
  let progress = await backfillProgress(db, shopDomain);
  if (!progress || progress.status === "idle") {
    const session = await offlineSessionScope(db, shopDomain);
    progress = await ensureInstallBackfill(db, shopDomain, session?.scope ?? null, now);
  }
  if (!progress || progress.status === "idle" || progress.status === "stopped") return null;
  if (progress.status === "done" && (!progress.finishedAt || now.getTime() - progress.finishedAt.getTime() > SHOW_DONE_FOR_MS)) return null;
  return {
    status: progress.status,
    imported: progress.imported,
    total: progress.total,
    days: progress.since ? Math.floor((now.getTime() - progress.since.getTime()) / 86_400_000) : null,
    finishedAt: progress.finishedAt?.toISOString() ?? null,
    error: progress.error,
  };
}
