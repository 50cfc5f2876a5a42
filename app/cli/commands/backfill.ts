import { parseArgs } from "node:util";
import { backfillProgress, queueBackfill, type BackfillProgress } from "~/data/backfill.server";
import { closeDatabase, database } from "~/data/client.server";
import { allowedBackfillDays, backfillWindowStart, runBackfill } from "~/services/backfill/backfill.server";
import { UsageError, type CliCommand } from "~/cli/command";
import { offlineSessionScope } from "~/data/shops.server";

function describe(progress: BackfillProgress): string {
  const counts = `${progress.imported}${progress.total === null ? "" : ` of ${progress.total}`} orders`;
  return `${progress.shopDomain}: ${progress.status}${progress.mode ? ` (${progress.mode})` : ""}, ${counts}${progress.since ? ` since ${progress.since.toISOString().slice(0, 10)}` : ""}${progress.error ? ` — ${progress.error}` : ""}\n`;
}

export const backfillCommand: CliCommand = {
  name: "backfill",
  summary: "Import a shop's recent fulfillments from Shopify (resumable), or show progress",
  usage: `Usage: npm run --silent cli -- backfill --shop <domain> [--days N] [--status] [--json]

Imports the fulfillments of the shop's orders of the last N days (default 60; more only when
the shop granted read_all_orders) through the Admin GraphQL API, with the shop's offline
session: pages for small shops, a bulk operation for large ones. Running it again the same day
resumes an interrupted import. --status prints progress without importing.
Exit code 1 when the import failed (its cursor is kept for the next run).`,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({ args, options: { shop: { type: "string" }, days: { type: "string" }, status: { type: "boolean" }, json: { type: "boolean" } } });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const { shop, json } = parsed.values;
    if (!shop) throw new UsageError("--shop <domain> is required");
    const days = parsed.values.days === undefined ? undefined : Number(parsed.values.days);
    if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 3650)) throw new UsageError("--days must be 1–3650");
    const print = (progress: BackfillProgress) => io.stdout(json ? `${JSON.stringify(progress)}\n` : describe(progress));
    const { db } = database();
    try {
      if (parsed.values.status) {
        const progress = await backfillProgress(db, shop);
        if (!progress) {
          io.stderr(`no shop ${shop}\n`);
          return 1;
        }
        print(progress);
        return 0;
      }
      const session = await offlineSessionScope(db, shop);
      if (!session) {
        io.stderr(`${shop} has no offline session (is the app installed there?)\n`);
        return 1;
      }
      const allowed = allowedBackfillDays(days, session.scope);
      if (days !== undefined && allowed < days) io.stderr(`${shop} did not grant read_all_orders: importing the last ${allowed} days\n`);
      await queueBackfill(db, shop, backfillWindowStart(new Date(), allowed));
      // Loaded here: the Shopify app module needs credentials that the other commands do not.
      const { adminClientFactory } = await import("~/shopify/graphql/admin-client.server");
      const admin = await adminClientFactory()(shop);
      const progress = await runBackfill({ db, shopDomain: shop, admin });
      print(progress);
      return progress.status === "failed" ? 1 : 0;
    } finally {
      await closeDatabase();
    }
  },
};
