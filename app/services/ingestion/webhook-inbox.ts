import type { Db } from "../../data/db.server";
import type { DbClient } from "../../data/fulfillments.server";
import {
  findReceipt,
  isUniqueViolation,
  recordReceipt,
  recordReceipts,
  settleReplay,
  type StoredReceipt,
  type WebhookOutcome,
} from "../../data/webhook-receipts.server";
import { HandlerContext, PayloadError, type HandlerResult, type WebhookDelivery } from "./webhook-delivery";
import { canonicalTopic, prefetchForBatch, WEBHOOK_HANDLERS } from "./webhook-topics";

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
export async function processWebhook(db: Db, delivery: WebhookDelivery, now: Date, rawBody?: string): Promise<ProcessedDelivery> {
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
    return await db.$transaction(
      async (tx) => {
        const result = await handle(db, tx, delivery, now);
        await recordReceipt(tx, receipt(result.outcome, result.note, result.orderId), now);
        return { outcome: result.outcome, note: result.note };
      },
      { timeout: 4_000, maxWait: 4_000 },
    );
  } catch (error) {
    if (isUniqueViolation(error)) return { outcome: "duplicate", note: null };
    throw error;
  }
}

export interface QueuedDelivery {
  delivery: WebhookDelivery;
  now: Date;
  rawBody?: string;
}

/**
 * Processes several deliveries in ONE transaction (group commit): on SQLite every commit costs a
 * disk flush, so deliveries arriving together share it. Same guarantees as processWebhook —
 * duplicates (already stored, or twice in the batch) are acknowledged without effect, payload
 * errors are stored per delivery. If the batch cannot commit (a concurrent process stored one of
 * its ids first, a handler needs its own transaction), each delivery is processed on its own.
 */
export async function processWebhookBatch(db: Db, batch: QueuedDelivery[]): Promise<ProcessedDelivery[]> {
  const transactional = batch.every(({ delivery }) => WEBHOOK_HANDLERS[canonicalTopic(delivery.topic)]?.transactional !== false);
  if (batch.length > 1 && transactional) {
    try {
      return await db.$transaction(
        async (tx) => {
          const ids = batch.map(({ delivery }) => delivery.webhookId);
          const stored = await tx.webhookReceipt.findMany({ where: { webhookId: { in: ids } }, select: { webhookId: true } });
          const seen = new Set(stored.map((row) => row.webhookId));
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
          return results;
        },
        { timeout: 10_000, maxWait: 10_000 },
      );
    } catch {
      // Fall through: one at a time, each with its own dedupe and error handling.
    }
  }
  const results: ProcessedDelivery[] = [];
  for (const { delivery, now, rawBody } of batch) results.push(await processWebhook(db, delivery, now, rawBody));
  return results;
}

function receiptFor(delivery: WebhookDelivery, outcome: WebhookOutcome, note: string | null, orderId: string | null, now: Date, rawBody?: string) {
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
  rawBody: string,
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
  if (receipt.outcome !== "failed" || receipt.payload === null) {
    throw new ReplayError(`Webhook ${receipt.webhookId} was ${receipt.outcome ?? "not failed"}; only failed deliveries with a kept payload can be replayed`);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(receipt.payload);
  } catch {
    const result = { outcome: "failed" as const, error: "payload is not valid JSON", orderId: null };
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
  const result = handler && !handler.transactional ? await settle(db) : await db.$transaction((tx) => settle(tx), { timeout: 30_000 });
  return { receipt, result };
}
