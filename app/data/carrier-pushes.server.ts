import crypto from "node:crypto";
import { encodeStoredText } from "../domain/storable-text";
import type { Db } from "./db.server";

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
      data: { webhookId, topic: `carrier/${push.carrier}`, shopDomain: "", error: push.error, payload: stored.text, payloadEncoding: stored.encoding },
    })
    // The same body again: it is already kept.
    .catch(async () => db.webhookReceipt.findUniqueOrThrow({ where: { webhookId } }));
  return row.id;
}
