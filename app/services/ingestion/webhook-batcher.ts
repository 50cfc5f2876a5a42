import type { Db } from "~/data/db.server";
import { processWebhookBatch, type ProcessedDelivery, type QueuedDelivery } from "./webhook-inbox.server";

const MAX_BATCH = 100;

/** A delivery of a batch that committed, with what its caller will be answered. */
export interface CommittedDelivery {
  item: QueuedDelivery;
  result: ProcessedDelivery;
}

/**
 * Work on a committed batch before its callers are answered (a failure is its own to report: the
 * deliveries are stored and answered by their own outcomes).
 */
export type AfterCommit = (db: Db, committed: CommittedDelivery[]) => Promise<void>;

interface Waiting {
  item: QueuedDelivery;
  /** When it was submitted (performance.now()). */
  at: number;
  resolve: (result: ProcessedDelivery) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for webhook deliveries: a delivery waits at most the commit window for others to
 * arrive, then all the waiting ones commit in one transaction; those that arrive while it
 * commits form the next batch, which commits as soon as its oldest delivery has waited the
 * window (at once if the commit took longer). A busy server pays one BEGIN, COMMIT and WAL write
 * per batch instead of per delivery. Each caller still gets its own delivery's result, after its
 * commit.
 */
export class WebhookBatcher {
  private queue: Waiting[] = [];
  private running = false;

  constructor(
    private readonly db: Db,
    /** How long the oldest waiting delivery waits for others to share its commit (WEBHOOK_COMMIT_WINDOW_MS). */
    private readonly windowMs: number,
    /** The batch's work; tests wrap it to act while a commit is under way. */
    private readonly processBatch: typeof processWebhookBatch = processWebhookBatch,
    private readonly afterCommit?: AfterCommit,
  ) {}

  submit(item: QueuedDelivery): Promise<ProcessedDelivery> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, at: performance.now(), resolve, reject });
      if (!this.running) {
        this.running = true;
        void this.drain();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const wait = this.queue[0]!.at + this.windowMs - performance.now();
        // Always yield once: requests already parsed in this turn of the event loop join the batch.
        await new Promise((resolve) => setTimeout(resolve, wait > 0 && this.queue.length < MAX_BATCH ? wait : 0));
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const results = await this.processBatch(
            this.db,
            batch.map((entry) => entry.item),
          );
          if (this.afterCommit) {
            const committed = batch.flatMap((entry, index): CommittedDelivery[] => {
              const settled = results[index];
              return settled?.ok ? [{ item: entry.item, result: settled.result }] : [];
            });
            if (committed.length > 0) await this.afterCommit(this.db, committed).catch(() => undefined);
          }
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

/** The process's batcher for a database client, made with the settings of the first call (the process has one caller). */
export function webhookBatcher(db: Db, settings: { windowMs: number; afterCommit?: AfterCommit }): WebhookBatcher {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new WebhookBatcher(db, settings.windowMs, processWebhookBatch, settings.afterCommit);
    batchers.set(db, batcher);
  }
  return batcher;
}
