import type { Db } from "~/data/db.server";
import { unstorableTextPath } from "~/domain/storable-text";
import type { DbClient } from "~/data/fulfillments.server";
import {
  findReceipt,
  isUniqueViolation,
  receiptBody,
  recordReceipt,
  recordReceipts,
  settleReplay,
  type StoredReceipt,
  type WebhookOutcome,
} from "~/data/webhook-receipts.server";
import { HandlerContext, PayloadError, type HandlerResult, type WebhookDelivery } from "./webhook-delivery";
import { canonicalTopic, prefetchForBatch, WEBHOOK_HANDLERS } from "./webhook-topics.server";
import { inPlainSqlTransaction, inTransaction, NotPlainSql } from "~/data/transactions.server";
import { storedWebhookIds } from "~/data/webhook-receipts.server";

export type DeliveryOutcome = WebhookOutcome | "duplicate";

export interface ProcessedDelivery {
  outcome: DeliveryOutcome;
  note: string | null;
}

type Handled = HandlerResult | { outcome: "failed"; note: string; orderId: null };

/**
 * Runs the topic's handler. A payload it cannot use becomes a "failed" result (kept, answered
 * 200, visible for replay); any other error propagates and rolls the transaction back.
 */
async function handle(db: Db, client: DbClient, delivery: WebhookDelivery, now: Date, context = new HandlerContext()): Promise<Handled> {
  const handler = WEBHOOK_HANDLERS[canonicalTopic(delivery.topic)];
  try {
    if (!handler) throw new PayloadError(`topic ${delivery.topic} is not handled by Trackline`);
    // Text no database column accepts would fail the write, and with it every batch-mate.
    const unstorable = unstorableTextPath(delivery.payload);
    if (unstorable) throw new PayloadError(`payload text at ${unstorable} holds a NUL or an unpaired surrogate, which cannot be stored`);
    return await handler.handle(handler.transactional ? client : db, delivery, now, context);
  } catch (error) {
    if (!(error instanceof PayloadError)) throw error;
    return { outcome: "failed", note: error.message, orderId: null };
  }
}

/**
 * Processes one authenticated delivery exactly once. The receipt (unique on the webhook id) is
 * written in the same transaction as the delivery's effects, so a redelivery — sequential or
 * concurrent — either sees the receipt and is acknowledged as a duplicate, or rolls back
 * entirely. A payload that fails validation is stored with its error (replayable) and
 * acknowledged; an unexpected error (database down) rolls back and propagates, so Shopify's
 * retry gets a clean second chance.
 */
export async function processWebhook(db: Db, delivery: WebhookDelivery, now: Date, rawBody?: string | Uint8Array): Promise<ProcessedDelivery> {
  const receipt = (outcome: WebhookOutcome, note: string | null, orderId: string | null) =>
    receiptFor(delivery, outcome, note, orderId, now, rawBody);
  const handler = WEBHOOK_HANDLERS[canonicalTopic(delivery.topic)];
  try {
    if (handler && !handler.transactional) {
      if (await findReceipt(db, delivery.webhookId)) return { outcome: "duplicate", note: null };
      const result = await handle(db, db, delivery, now);
      await recordReceipt(db, receipt(result.outcome, result.note, result.orderId), now);
      return { outcome: result.outcome, note: result.note };
    }
    return await inTransaction(
      db,
      async (tx) => {
        const result = await handle(db, tx, delivery, now);
        await recordReceipt(tx, receipt(result.outcome, result.note, result.orderId), now);
        return { outcome: result.outcome, note: result.note };
      },
      { timeout: 4_000, maxWait: 4_000 },
    );
  } catch (error) {
    if (isUniqueViolation(error)) return { outcome: "duplicate", note: null };
    // The database is unavailable or busy: answer 500 so Shopify's retry gets a second chance.
    if (isTransientDatabaseError(error)) throw error;
    // Anything else would fail the same way on every retry: keep the authentic body, visible
    // and replayable, instead of losing it after Shopify's last attempt.
    return recordUnreadableWebhook(db, delivery, rawBody ?? JSON.stringify(delivery.payload), `could not be stored: ${errorMessage(error)}`, now);
  }
}

const TRANSIENT_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028", "P2034"]);

/** Errors a retry can cure (connection lost, timeout, lock contention), as opposed to a delivery's own content. */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === "string" && TRANSIENT_PRISMA_CODES.has(code)) return true;
  // Prisma puts the driver's own words ("database is locked") on the last line, below a snippet
  // that may quote the delivery's data: read the first and the last line, never the snippet.
  const lines = (error instanceof Error ? error.message : String(error)).split("\n").filter((line) => line.trim() !== "");
  const words = `${lines[0] ?? ""}\n${lines.at(-1) ?? ""}`.slice(0, 600);
  return /connect|terminat|timed? ?out|ECONN|EPIPE|busy|locked|deadlock|serializ|shutting down|too many clients/i.test(words);
}

function errorMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]?.slice(0, 300) ?? "";
}

export interface QueuedDelivery {
  delivery: WebhookDelivery;
  now: Date;
  /** The body as received: text, or bytes when it was not UTF-8. */
  rawBody?: string | Uint8Array;
}

/** Each delivery of a batch settles on its own: one delivery's failure is never its batch-mates'. */
export type SettledDelivery = { ok: true; result: ProcessedDelivery } | { ok: false; error: unknown };

/**
 * Processes several deliveries in ONE transaction (group commit): on SQLite every commit costs a
 * disk flush, so deliveries arriving together share it. Same guarantees as processWebhook —
 * duplicates (already stored, or twice in the batch) are acknowledged without effect, payload
 * errors are stored per delivery. If the batch cannot commit (a concurrent process stored one of
 * its ids first, a handler needs its own transaction), each delivery is processed on its own.
 */
export async function processWebhookBatch(db: Db, batch: QueuedDelivery[]): Promise<SettledDelivery[]> {
  const transactional = batch.every(({ delivery }) => WEBHOOK_HANDLERS[canonicalTopic(delivery.topic)]?.transactional !== false);
  // A single delivery takes the same path (its read-ahead and one-statement receipt are the cheap
  // ones); the one-at-a-time path below is its fallback too.
  if (transactional) {
    try {
      return await groupCommit(db, batch, async (tx) => {
        const ids = batch.map(({ delivery }) => delivery.webhookId);
        const seen = await storedWebhookIds(tx, ids);
        const context = new HandlerContext();
        await prefetchForBatch(
          tx,
          batch.filter(({ delivery }) => !seen.has(delivery.webhookId)).map(({ delivery }) => delivery),
          context,
        );
        const results: ProcessedDelivery[] = [];
        const receipts: (ReturnType<typeof receiptFor> & { receivedAt: Date })[] = [];
        for (const { delivery, now, rawBody } of batch) {
          if (seen.has(delivery.webhookId)) {
            results.push({ outcome: "duplicate", note: null });
            continue;
          }
          seen.add(delivery.webhookId);
          const result = await handle(db, tx, delivery, now, context);
          receipts.push({ ...receiptFor(delivery, result.outcome, result.note, result.orderId, now, rawBody), receivedAt: now });
          results.push({ outcome: result.outcome, note: result.note });
        }
        // One insert for the batch; the unique webhook id still rejects a concurrent duplicate.
        await recordReceipts(tx, receipts);
        return results.map((result): SettledDelivery => ({ ok: true, result }));
      });
    } catch {
      // Fall through: one at a time, each with its own dedupe and error handling, so whatever
      // failed the group fails only the delivery that caused it.
    }
  }
  const results: SettledDelivery[] = [];
  for (const { delivery, now, rawBody } of batch) {
    try {
      results.push({ ok: true, result: await processWebhook(db, delivery, now, rawBody) });
    } catch (error) {
      results.push({ ok: false, error });
    }
  }
  return results;
}

/**
 * Topics whose batch work is plain SQL: the fulfillments' new and changed parcels, an order's
 * cancellation (its tombstone and stopped parcels), and the read-ahead, dedupe, shop,
 * carrier-name, contact and receipt statements.
 */
const PLAIN_SQL_TOPICS = new Set(["fulfillments/create", "fulfillments/update", "orders/cancelled"]);

/**
 * The batch's transaction: without Prisma's interactive transaction when every delivery is of a
 * plain-SQL topic; a batch that reached for a Prisma query after all was rolled back and runs
 * again in Prisma's transaction, so the outcome never depends on the path.
 */
async function groupCommit<T>(db: Db, batch: QueuedDelivery[], work: (tx: Exclude<DbClient, Db>) => Promise<T>): Promise<T> {
  const options = { timeout: 10_000, maxWait: 10_000 };
  if (batch.every(({ delivery }) => PLAIN_SQL_TOPICS.has(canonicalTopic(delivery.topic)))) {
    try {
      return await inPlainSqlTransaction(db, work, options);
    } catch (error) {
      if (!(error instanceof NotPlainSql)) throw error;
    }
  }
  return inTransaction(db, work, options);
}

function receiptFor(delivery: WebhookDelivery, outcome: WebhookOutcome, note: string | null, orderId: string | null, now: Date, rawBody?: string | Uint8Array) {
  return {
    webhookId: delivery.webhookId,
    topic: canonicalTopic(delivery.topic),
    shopDomain: delivery.shopDomain,
    apiVersion: delivery.apiVersion,
    outcome,
    error: note,
    payload: outcome === "failed" ? (rawBody ?? JSON.stringify(delivery.payload)) : null,
    orderId,
    processedAt: outcome === "failed" ? null : now,
  };
}

/**
 * Records an authentic delivery we could not even read (malformed JSON), so it is visible and
 * kept. A duplicate of it is acknowledged like any other.
 */
export async function recordUnreadableWebhook(
  db: Db,
  delivery: Omit<WebhookDelivery, "payload">,
  rawBody: string | Uint8Array,
  reason: string,
  now: Date,
): Promise<ProcessedDelivery> {
  try {
    await recordReceipt(
      db,
      {
        webhookId: delivery.webhookId,
        topic: canonicalTopic(delivery.topic),
        shopDomain: delivery.shopDomain,
        apiVersion: delivery.apiVersion,
        outcome: "failed",
        error: reason,
        payload: rawBody,
        orderId: null,
        processedAt: null,
      },
      now,
    );
    return { outcome: "failed", note: reason };
  } catch (error) {
    if (isUniqueViolation(error)) return { outcome: "duplicate", note: null };
    throw error;
  }
}

export class ReplayError extends Error {}

/**
 * Runs a failed delivery again (after a fix, or once the data it needed exists). Stale-state
 * rules still apply, so replaying an old payload never overwrites newer data.
 */
export async function replayWebhook(db: Db, idOrWebhookId: string, now: Date): Promise<{ receipt: StoredReceipt; result: ProcessedDelivery }> {
  const receipt = await findReceipt(db, idOrWebhookId);
  if (!receipt) throw new ReplayError(`No webhook receipt ${idOrWebhookId}`);
  const body = receiptBody(receipt);
  if (receipt.outcome !== "failed" || body === null) {
    throw new ReplayError(`Webhook ${receipt.webhookId} was ${receipt.outcome ?? "not failed"}; only failed deliveries with a kept payload can be replayed`);
  }
  let payload: unknown;
  try {
    if (typeof body !== "string") throw new Error("not UTF-8 text");
    payload = JSON.parse(body);
  } catch {
    const result = { outcome: "failed" as const, error: typeof body === "string" ? "payload is not valid JSON" : "payload is not UTF-8 text", orderId: null };
    await settleReplay(db, receipt.id, result, now);
    return { receipt, result: { outcome: "failed", note: result.error } };
  }
  const delivery: WebhookDelivery = {
    topic: receipt.topic,
    shopDomain: receipt.shopDomain,
    webhookId: receipt.webhookId,
    apiVersion: receipt.apiVersion,
    payload,
  };
  const handler = WEBHOOK_HANDLERS[canonicalTopic(receipt.topic)];
  const settle = async (client: DbClient): Promise<ProcessedDelivery> => {
    const result = await handle(db, client, delivery, now);
    await settleReplay(client, receipt.id, { outcome: result.outcome, error: result.note, orderId: result.orderId }, now);
    return { outcome: result.outcome, note: result.note };
  };
  const result = handler && !handler.transactional ? await settle(db) : await inTransaction(db, (tx) => settle(tx), { timeout: 30_000 });
  return { receipt, result };
}
