import { parseArgs } from "node:util";
import { closeDatabase, database } from "~/data/client.server";
import { listWriteBacks, requeueWriteBack } from "~/data/write-backs.server";
import { runWriteBackDispatcher } from "~/services/write-back/dispatcher.server";
import { UsageError, type CliCommand } from "~/cli/command";

export const writeBackCommand: CliCommand = {
  name: "write-back",
  summary: "Send due carrier statuses to Shopify once, list failed write-backs, or retry one",
  usage: `Usage: npm run --silent cli -- write-back [--shop <domain>] [--limit N] [--json]
       npm run --silent cli -- write-back --failed [--shop <domain>] [--json]
       npm run --silent cli -- write-back --retry <write-back-id>

Without options: one dispatcher pass over the write-back outbox (fulfillmentEventCreate with
each shop's offline session), printing what was sent, skipped, retried or failed.
--failed  rows Shopify refused (permanent errors) or that gave up after retries
--retry   queue a failed or skipped row again (after fixing its cause)
Exit code 1 when a row failed in this pass.`,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        options: {
          shop: { type: "string" },
          limit: { type: "string" },
          json: { type: "boolean" },
          failed: { type: "boolean" },
          retry: { type: "string" },
        },
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const { shop, json } = parsed.values;
    const limit = parsed.values.limit === undefined ? 100 : Number(parsed.values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError("--limit must be a positive integer");
    const { db, provider } = database();
    try {
      if (parsed.values.retry) {
        const ok = await requeueWriteBack(db, parsed.values.retry, new Date());
        io.stdout(ok ? `queued ${parsed.values.retry} again\n` : `no failed or skipped write-back ${parsed.values.retry}\n`);
        return ok ? 0 : 1;
      }
      if (parsed.values.failed) {
        const rows = await listWriteBacks(db, { ...(shop ? { shopDomain: shop } : {}), states: ["failed"], limit });
        io.stdout(
          json
            ? `${JSON.stringify(rows, null, 2)}\n`
            : rows.length === 0
              ? "no failed write-backs\n"
              : rows.map((row) => `${row.id}  ${row.shopDomain}  ${row.fulfillmentId}  ${row.shopifyStatus}  attempts ${row.attempts}\n    ${row.lastError}\n`).join(""),
        );
        return 0;
      }
      // Loaded here: the Shopify app module needs credentials that the other commands do not.
      const { adminClientFactory } = await import("~/shopify/graphql/admin-client.server");
      const report = await runWriteBackDispatcher({ db, provider, adminFor: adminClientFactory(), limit, ...(shop ? { shopDomain: shop } : {}) });
      io.stdout(
        json
          ? `${JSON.stringify(report)}\n`
          : `claimed ${report.claimed}: ${report.sent} sent, ${report.skipped} skipped, ${report.retried} to retry, ${report.failed} failed${report.lostLease ? `, ${report.lostLease} lost lease` : ""}\n`,
      );
      return report.failed > 0 ? 1 : 0;
    } finally {
      await closeDatabase();
    }
  },
};
