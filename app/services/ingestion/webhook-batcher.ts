import type { Db } from "~/data/db.server";
import { processWebhookBatch, type ProcessedDelivery, type QueuedDelivery } from "./webhook-inbox.server";

const MAX_BATCH = 100;
const GATHER_MS = 2;

/**
 * Group commit for webhook deliveries: while one batch's transaction is committing, newly
 * arrived deliveries wait and then commit together. An idle server processes a delivery at
 * once (no timer, no added latency); a busy one pays one disk flush per batch instead of one
 * per delivery. Each caller still gets its own delivery's result, after its commit.
 */
export class WebhookBatcher {
  private queue: { item: QueuedDelivery; resolve: (result: ProcessedDelivery) => void; reject: (error: unknown) => void }[] = [];
  private running = false;

  constructor(private readonly db: Db) {}

  submit(item: QueuedDelivery): Promise<ProcessedDelivery> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) {
        this.running = true;
        void this.drain();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        // One short pause before each commit: requests whose reads were queued behind the last
        // transaction (session lookup) finish and join this batch instead of forming a convoy.
        await new Promise((resolve) => setTimeout(resolve, GATHER_MS));
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const results = await processWebhookBatch(
            this.db,
            batch.map((entry) => entry.item),
          );
          // Each caller is answered by its own delivery's outcome.
          batch.forEach((entry, index) => {
            const settled = results[index];
            if (settled?.ok) entry.resolve(settled.result);
            else entry.reject(settled ? settled.error : new Error("delivery was not processed"));
          });
        } catch (error) {
          for (const entry of batch) entry.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

const batchers = new WeakMap<Db, WebhookBatcher>();

/** The process's batcher for a database client. */
export function webhookBatcher(db: Db): WebhookBatcher {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new WebhookBatcher(db);
    batchers.set(db, batcher);
  }
  return batcher;
}
