import type { DbClient, StoredFulfillmentShipment } from "~/data/fulfillments.server";

/** One authenticated Shopify webhook delivery. */
export interface WebhookDelivery {
  topic: string;
  shopDomain: string;
  webhookId: string;
  apiVersion: string | null;
  payload: unknown;
}

export interface HandlerResult {
  /** ignored: valid but changes nothing (a stale or superseded delivery). */
  outcome: "processed" | "ignored";
  note: string | null;
  /** The order the delivery was about (so a customer redaction can find its receipt). */
  orderId: string | null;
}

/** The payload is not what the topic promises: kept for replay, answered 200 so Shopify stops retrying. */
export class PayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PayloadError";
  }
}

/**
 * Shared by the deliveries processed in one transaction: per-shop lookups (the shop row, its
 * carrier-name mappings) are done once per batch instead of once per delivery.
 */
export class HandlerContext {
  private readonly memos = new Map<string, Promise<unknown>>();
  private readonly prefetched = new Map<string, StoredFulfillmentShipment[]>();
  /** Orders known (read ahead or cancelled in this batch) to be cancelled or not, by "shop|order". */
  private readonly orderCancelled = new Map<string, boolean>();

  knowOrders(shopDomain: string, orderIds: Iterable<string>, cancelled: Set<string>): void {
    for (const orderId of orderIds) this.orderCancelled.set(`${shopDomain}|${orderId}`, cancelled.has(orderId));
  }

  markOrderCancelled(shopDomain: string, orderId: string): void {
    this.orderCancelled.set(`${shopDomain}|${orderId}`, true);
  }

  /** undefined: not known here, ask the database. */
  isOrderCancelled(shopDomain: string, orderId: string): boolean | undefined {
    return this.orderCancelled.get(`${shopDomain}|${orderId}`);
  }

  /** Rows read ahead for a batch; each is handed out once (the delivery then changes them). */
  prefetch(shopDomain: string, rows: Map<string, StoredFulfillmentShipment[]>): void {
    for (const [fulfillmentId, shipments] of rows) this.prefetched.set(`${shopDomain}|${fulfillmentId}`, shipments);
  }

  takePrefetched(shopDomain: string, fulfillmentId: string): StoredFulfillmentShipment[] | undefined {
    const key = `${shopDomain}|${fulfillmentId}`;
    const rows = this.prefetched.get(key);
    this.prefetched.delete(key);
    return rows;
  }

  memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let value = this.memos.get(key) as Promise<T> | undefined;
    if (!value) {
      value = compute();
      this.memos.set(key, value);
    }
    return value;
  }
}

export interface WebhookHandler {
  /**
   * Transactional handlers run inside the receipt's transaction (effects and dedupe commit
   * together); the others are idempotent and use their own transactions.
   */
  transactional: boolean;
  handle(client: DbClient, delivery: WebhookDelivery, now: Date, context: HandlerContext): Promise<HandlerResult>;
}

/** Parses with a zod schema; a mismatch becomes a PayloadError naming the fields. */
export function parsePayload<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, payload: unknown, topic: string): T {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 5).map((issue) => `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`);
  throw new PayloadError(`${topic} payload is invalid: ${problems.join("; ")}`);
}
