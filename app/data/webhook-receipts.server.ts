import crypto from "node:crypto";
import { Prisma } from "./generated/sqlite/client";
import { executeStatement, queryRows } from "./transaction-sql.server";
import { decodeStoredText, encodeStoredText, storableMessage } from "~/domain/storable-text";
import type { DbClient } from "./fulfillments.server";
import type { Db } from "./db.server";

export type WebhookOutcome = "processed" | "ignored" | "failed";

export interface ReceiptInput {
  webhookId: string;
  topic: string;
  shopDomain: string;
  apiVersion: string | null;
  outcome: WebhookOutcome;
  /** Why it failed, or why it was ignored (stale, superseded). */
  error: string | null;
  /** Kept only for failed deliveries, so they can be replayed: the body as received (bytes when it was not UTF-8). */
  payload: string | Uint8Array | null;
  orderId: string | null;
  processedAt: Date | null;
}

/**
 * Records a delivery. `webhookId` is unique: inserting a second receipt for the same delivery
 * throws a unique-constraint error, which rolls the duplicate's whole transaction back.
 */
export async function recordReceipt(client: DbClient, receipt: ReceiptInput, now: Date): Promise<void> {
  await recordReceipts(client, [{ ...receipt, receivedAt: now }]);
}

/**
 * Several receipts in one plain INSERT (a batch of deliveries committed together; the ingestion
 * hot path, where Prisma's createMany costs more than the statement). Same columns and values
 * as recordReceipt's; ids are random UUIDs.
 */
export async function recordReceipts(client: DbClient, receipts: (ReceiptInput & { receivedAt: Date })[]): Promise<void> {
  if (receipts.length === 0) return;
  const rows = receipts.map((receipt) => {
    const stored = storedPayload(receipt);
    return Prisma.sql`(${crypto.randomUUID()}, ${stored.webhookId}, ${stored.topic}, ${stored.shopDomain}, ${stored.apiVersion}, ${stored.receivedAt}, ${stored.processedAt}, ${stored.error}, ${stored.payload}, ${stored.outcome}, ${stored.orderId}, ${stored.payloadEncoding})`;
  });
  await executeStatement(client, Prisma.sql`INSERT INTO "WebhookReceipt" ("id", "webhookId", "topic", "shopDomain", "apiVersion", "receivedAt", "processedAt", "error", "payload", "outcome", "orderId", "payloadEncoding") VALUES ${Prisma.join(rows)}`);
}

/**
 * Any body is kept losslessly: text a column refuses (NUL, unpaired surrogates) or non-UTF-8 bytes
 * are encoded. Our error message may quote the body (a JSON parse error cuts a surrogate pair in
 * half), so it is made storable too.
 */
function storedPayload<T extends ReceiptInput>(receipt: T): Omit<T, "payload"> & { payload: string | null; payloadEncoding: string | null } {
  const error = receipt.error === null ? null : storableMessage(receipt.error);
  if (receipt.payload === null) return { ...receipt, error, payload: null, payloadEncoding: null };
  const stored = encodeStoredText(receipt.payload);
  return { ...receipt, error, payload: stored.text, payloadEncoding: stored.encoding };
}

/** The kept body as it was received; bytes that were not UTF-8 come back as bytes. */
export function receiptBody(receipt: Pick<StoredReceipt, "payload" | "payloadEncoding">): string | Uint8Array | null {
  return receipt.payload === null ? null : decodeStoredText(receipt.payload, receipt.payloadEncoding);
}

/**
 * A unique-constraint violation, whichever provider raised it: Prisma's P2002, a plain SQL
 * statement's failure (P2010) whose driver error is a unique violation, or SQLite's own.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta } = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };
  if (code === "P2002" || (code === "P2010" && meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation")) return true;
  // A prepared statement on a SQLite transaction's own connection (transaction-sql.server.ts).
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

export interface StoredReceipt {
  id: string;
  webhookId: string;
  topic: string;
  shopDomain: string;
  apiVersion: string | null;
  receivedAt: Date;
  processedAt: Date | null;
  outcome: string | null;
  error: string | null;
  /** Stored form of the kept body; read it with receiptBody. */
  payload: string | null;
  /** null (text), json or base64: see app/domain/storable-text.ts. */
  payloadEncoding: string | null;
  orderId: string | null;
  replayCount: number;
}

/** Deliveries that failed and wait for a replay, newest first. */
export async function listFailedReceipts(db: Db, options: { shopDomain?: string; limit?: number } = {}): Promise<StoredReceipt[]> {
  return db.webhookReceipt.findMany({
    where: { outcome: "failed", ...(options.shopDomain ? { shopDomain: options.shopDomain } : {}) },
    orderBy: { receivedAt: "desc" },
    take: Math.min(Math.max(options.limit ?? 50, 1), 1000),
  });
}

/** By receipt id or by Shopify's webhook id. */
export async function findReceipt(db: Db, idOrWebhookId: string): Promise<StoredReceipt | null> {
  return db.webhookReceipt.findFirst({ where: { OR: [{ id: idOrWebhookId }, { webhookId: idOrWebhookId }] } });
}

/** Settles a replay: success clears the kept payload, another failure keeps it with the new error. */
export async function settleReplay(
  client: DbClient,
  id: string,
  result: { outcome: WebhookOutcome; error: string | null; orderId: string | null },
  now: Date,
): Promise<void> {
  await client.webhookReceipt.update({
    where: { id },
    data: {
      outcome: result.outcome,
      error: result.error === null ? null : storableMessage(result.error),
      orderId: result.orderId,
      replayCount: { increment: 1 },
      ...(result.outcome === "failed" ? {} : { processedAt: now, payload: null, payloadEncoding: null }),
    },
  });
}

/** Counts per outcome (ops overview). */
export async function receiptCounts(db: Db, shopDomain?: string): Promise<Record<string, number>> {
  const groups = await db.webhookReceipt.groupBy({
    by: ["outcome"],
    where: shopDomain ? { shopDomain } : {},
    _count: { _all: true },
  });
  return Object.fromEntries(groups.map((group) => [group.outcome ?? "unknown", group._count._all]));
}

/** Which of these webhook ids already have a receipt. */
export async function storedWebhookIds(client: DbClient, webhookIds: readonly string[]): Promise<Set<string>> {
  if (webhookIds.length === 0) return new Set();
  const stored = await queryRows(client, Prisma.sql`SELECT "webhookId" FROM "WebhookReceipt" WHERE "webhookId" IN (${Prisma.join([...webhookIds])})`);
  return new Set(stored.map((row) => String(row.webhookId)));
}
