import crypto from "node:crypto";
import { encodeStoredText, storableMessage } from "~/domain/storable-text";
import type { Db } from "./db.server";
import { rawReaderOf, requiredDateOf } from "./raw-reads.server";

/**
 * A carrier push we could not use (signed, but not a shape we understand) is kept with its error
 * in the webhook receipts, so nothing is lost and it can be replayed once the parser is fixed.
 */
export async function keepFailedCarrierPush(db: Db, push: { carrier: string; body: string; error: string }): Promise<string> {
  const webhookId = `carrier:${push.carrier}:${crypto.createHash("sha256").update(push.body).digest("hex")}`;
  // Kept losslessly whatever it holds (a NUL byte is authentic text to the carrier, not to Postgres).
  const stored = encodeStoredText(push.body);
  const row = await db.webhookReceipt
    .create({
      data: { webhookId, topic: `carrier/${push.carrier}`, shopDomain: "", error: storableMessage(push.error), payload: stored.text, payloadEncoding: stored.encoding },
    })
    // The same body again: it is already kept.
    .catch(async () => db.webhookReceipt.findUniqueOrThrow({ where: { webhookId } }));
  return row.id;
}

export interface PendingPush {
  id: string;
  carrier: string;
  trackingNumber: string;
  resultJson: string;
  receivedAt: Date;
}

/**
 * Keeps pushes for numbers no shipment has yet (the carrier often knows a parcel before Shopify's
 * webhook reaches us), to apply when the shipment is stored. `resultJson` is JSON text, which
 * escapes NUL and unpaired surrogates, so any push text is storable.
 */
export async function keepPendingPushes(
  db: Db,
  pushes: { carrier: string; trackingNumber: string; resultJson: string }[],
  now: Date,
  expiresAt: Date,
): Promise<void> {
  if (pushes.length === 0) return;
  // Expired ones go here rather than on every read: reads happen on every fulfillment webhook.
  await db.pendingCarrierPush.deleteMany({ where: { expiresAt: { lte: now } } });
  await db.pendingCarrierPush.createMany({ data: pushes.map((push) => ({ ...push, receivedAt: now, expiresAt })) });
}

/** Unexpired pending pushes for these numbers, oldest first. */
export async function pendingPushesFor(db: Db, trackingNumbers: string[], now: Date): Promise<PendingPush[]> {
  if (trackingNumbers.length === 0) return [];
  // A prepared read (raw-reads.server.ts): asked after every fulfillment delivery, and almost always empty.
  const rows = await rawReaderOf(db).all(
    `SELECT "id", "carrier", "trackingNumber", "resultJson", "receivedAt" FROM "PendingCarrierPush" WHERE "trackingNumber" IN (${trackingNumbers.map(() => "?").join(", ")}) AND "expiresAt" > ? ORDER BY "receivedAt" ASC`,
    [...trackingNumbers, now],
  );
  return rows.map((row) => ({ id: String(row.id), carrier: String(row.carrier), trackingNumber: String(row.trackingNumber), resultJson: String(row.resultJson), receivedAt: requiredDateOf(row.receivedAt) }));
}

export async function deletePendingPushes(db: Db, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.pendingCarrierPush.deleteMany({ where: { id: { in: ids } } });
}
