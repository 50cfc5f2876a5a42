import { parseArgs } from "node:util";
import { closeDatabase, database } from "~/data/client.server";
import { listComplianceRequests } from "~/data/compliance.server";
import { listFailedReceipts, receiptCounts } from "~/data/webhook-receipts.server";
import { replayWebhook, ReplayError } from "~/services/ingestion/webhook-inbox.server";
import { UsageError, type CliCommand } from "~/cli/command";

export const webhooksCommand: CliCommand = {
  name: "webhooks",
  summary: "Failed Shopify webhooks, replays, delivery counts and compliance requests",
  usage: `Usage: npm run --silent cli -- webhooks <failed|replay|stats|compliance> [options]

  failed [--shop <domain>] [--limit N] [--json]   deliveries kept because they could not be processed
  replay <receipt-id|webhook-id> [--json]         process a failed delivery again (stale rules still apply)
  stats [--shop <domain>] [--json]                deliveries per outcome
  compliance [--shop <domain>] [--json]           GDPR requests received and their export / erasure
Exit code 1 when a replay fails again.`,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        options: { shop: { type: "string" }, limit: { type: "string" }, json: { type: "boolean" } },
        allowPositionals: true,
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const [action, target] = parsed.positionals;
    const { shop, json } = parsed.values;
    const limit = parsed.values.limit === undefined ? 50 : Number(parsed.values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError("--limit must be a positive integer");
    const print = (value: unknown, text: () => string) => io.stdout(json ? `${JSON.stringify(value, null, 2)}\n` : text());
    const { db } = database();
    try {
      switch (action) {
        case "failed": {
          const failed = await listFailedReceipts(db, { ...(shop ? { shopDomain: shop } : {}), limit });
          print(
            failed.map(({ payload, ...receipt }) => ({ ...receipt, payloadBytes: payload?.length ?? 0 })),
            () =>
              failed.length === 0
                ? "no failed webhooks\n"
                : failed
                    .map((receipt) => `${receipt.id}  ${receipt.receivedAt.toISOString()}  ${receipt.shopDomain}  ${receipt.topic}  (replays: ${receipt.replayCount})\n    ${receipt.error}\n`)
                    .join(""),
          );
          return 0;
        }
        case "replay": {
          if (!target) throw new UsageError("replay needs a receipt id or webhook id (see `webhooks failed`)");
          try {
            const { receipt, result } = await replayWebhook(db, target, new Date());
            print({ id: receipt.id, webhookId: receipt.webhookId, topic: receipt.topic, ...result }, () => `${receipt.topic} ${receipt.webhookId}: ${result.outcome}${result.note ? ` — ${result.note}` : ""}\n`);
            return result.outcome === "failed" ? 1 : 0;
          } catch (error) {
            if (error instanceof ReplayError) {
              io.stderr(`${error.message}\n`);
              return 1;
            }
            throw error;
          }
        }
        case "stats": {
          const counts = await receiptCounts(db, shop);
          print(counts, () => `${Object.entries(counts).map(([outcome, count]) => `${outcome}: ${count}`).join("\n") || "no deliveries"}\n`);
          return 0;
        }
        case "compliance": {
          const requests = await listComplianceRequests(db, { ...(shop ? { shopDomain: shop } : {}), limit });
          print(requests, () =>
            requests.length === 0
              ? "no compliance requests\n"
              : requests.map((request) => `${request.receivedAt.toISOString()}  ${request.shopDomain}  ${request.topic}  customer ${request.customerId ?? "—"}\n    ${JSON.stringify(request.result)}\n`).join(""),
          );
          return 0;
        }
        default:
          throw new UsageError(action ? `unknown action "${action}"` : "give an action: failed, replay, stats or compliance");
      }
    } finally {
      await closeDatabase();
    }
  },
};
