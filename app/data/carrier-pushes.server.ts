import crypto from "node:crypto";
import type { Db } from "./db.server";

/**
 * A carrier push we could not use (signed, but not a shape we understand) is kept with its error
 * in the webhook receipts, so nothing is lost and it can be replayed once the parser is fixed.
 */
export async function keepFailedCarrierPush(db: Db, push: { carrier: string; body: string; error: string }): Promise<string> {
  const row = await db.webhookReceipt.create({
    data: {
      webhookId: `carrier:${push.carrier}:${crypto.createHash("sha256").update(push.body).digest("hex")}`,
      topic: `carrier/${push.carrier}`,
      shopDomain: "",
      error: push.error,
      payload: push.body,
    },
  }).catch(async () =>
    // The same body again: it is already kept.
    db.webhookReceipt.findFirstOrThrow({ where: { topic: `carrier/${push.carrier}`, payload: push.body } }),
  );
  return row.id;
}
