import crypto from "node:crypto";
import type { Db, DbProvider } from "~/data/db.server";
import { orderIsHeldOut } from "~/services/wismo/settings.server";
import { isSupportMoment } from "~/domain/worklist-emails";
import {
  claimDueNotifications,
  completeNotifications,
  failNotifications,
  notificationContext,
  retryNotifications,
  skipNotifications,
  type ClaimedNotification,
  type NotificationChannel,
} from "~/data/notifications.server";

/** Everything a channel needs to send one message (or one Flow trigger): the rows and their order's context. */
export interface OutboundMessage {
  /** Oldest first; for shopper channels, every moment of the order coalesced into this message. */
  rows: ClaimedNotification[];
  context: Awaited<ReturnType<typeof notificationContext>>;
}

export type ChannelOutcome =
  | { kind: "sent"; providerId: string | null; possibleDuplicate?: boolean }
  | { kind: "skipped"; reason: string }
  | { kind: "retry"; error: string; retryAfterMs?: number; possibleDuplicate?: boolean }
  | { kind: "failed"; error: string };

export interface ChannelSender {
  /** Shopper channels coalesce an order's moments into one message; others send each row. */
  readonly coalesces: boolean;
  send(message: OutboundMessage): Promise<ChannelOutcome>;
}

export interface NotificationDispatcherOptions {
  db: Db;
  provider: DbProvider;
  channels: Partial<Record<NotificationChannel, ChannelSender>>;
  now?: () => Date;
  owner?: string;
  limit?: number;
  leaseMs?: number;
  /** Attempts before a passing error becomes a recorded failure. */
  maxAttempts?: number;
  shopDomain?: string;
  log?: (line: string) => void;
}

export interface NotificationDispatchReport {
  claimed: number;
  /** Messages handed over (a coalesced message counts once). */
  sent: number;
  /** Rows carried by another row's message. */
  coalesced: number;
  skipped: number;
  retried: number;
  failed: number;
  lostLease: number;
  /** Sends that may have reached the recipient twice (connection dropped after the message was handed over). */
  possibleDuplicates: number;
}

const MINUTE = 60_000;

/** Channels that reach the shopper (the WISMO holdout withholds these). */
const SHOPPER_CHANNELS: ReadonlySet<NotificationChannel> = new Set(["email", "sms", "klaviyo"]);

/** 1, 2, 4 … minutes, capped at an hour; a provider's Retry-After wins when longer. */
export function notificationRetryDelayMs(attempts: number, retryAfterMs = 0): number {
  return Math.max(retryAfterMs, Math.min(MINUTE * 2 ** Math.max(attempts - 1, 0), 60 * MINUTE));
}

/**
 * Sends due outbox rows through their channels. Exactly once per row: rows are leased to one
 * dispatcher and settled only by their lease holder (see claimDueNotifications); a channel
 * answers with a typed outcome (sent, skipped, retry, failed) and never throws for provider
 * trouble. A row with no sender configured in this process stays pending for one that has it.
 */
export async function runNotificationDispatcher(options: NotificationDispatcherOptions): Promise<NotificationDispatchReport> {
  const now = options.now ?? (() => new Date());
  const owner = options.owner ?? `notifications:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  const maxAttempts = options.maxAttempts ?? 8;
  const channels = Object.keys(options.channels) as NotificationChannel[];
  const report: NotificationDispatchReport = { claimed: 0, sent: 0, coalesced: 0, skipped: 0, retried: 0, failed: 0, lostLease: 0, possibleDuplicates: 0 };
  if (channels.length === 0) return report;
  const rows = await claimDueNotifications(options.db, options.provider, {
    owner,
    now: now(),
    leaseMs: options.leaseMs ?? 2 * MINUTE,
    limit: options.limit ?? 50,
    channels,
    ...(options.shopDomain ? { shopDomain: options.shopDomain } : {}),
  });
  report.claimed = rows.length;

  const groups = new Map<string, ClaimedNotification[]>();
  for (const row of rows) {
    const sender = options.channels[row.channel];
    // An email the team sent by hand from the worklist goes alone, as written.
    const key = sender?.coalesces && !isSupportMoment(row.moment) ? `${row.shopDomain}|${row.orderId}|${row.channel}` : row.id;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const contexts = new Map<string, Promise<OutboundMessage["context"]>>();
  const contextFor = (row: ClaimedNotification) => {
    const key = `${row.shopDomain}|${row.orderId}`;
    let context = contexts.get(key);
    if (!context) {
      context = notificationContext(options.db, row.shopDomain, row.orderId);
      contexts.set(key, context);
    }
    return context;
  };

  const heldOut = new Map<string, Promise<boolean>>();
  const isHeldOutOrder = (row: ClaimedNotification) => {
    const key = `${row.shopDomain}|${row.orderId}`;
    let held = heldOut.get(key);
    if (!held) {
      held = orderIsHeldOut(options.db, row.shopDomain, row.orderId);
      heldOut.set(key, held);
    }
    return held;
  };

  for (const group of groups.values()) {
    const first = group[0] as ClaimedNotification;
    const sender = options.channels[first.channel] as ChannelSender;
    const ids = group.map((row) => row.id);
    let outcome: ChannelOutcome;
    try {
      // Orders in the shop's WISMO holdout get no proactive notice from Trackline (the control
      // group the deflection is measured against); the merchant's own Flow automations still run,
      // and so do the team's own answers from the worklist (not proactive notices).
      outcome =
        SHOPPER_CHANNELS.has(first.channel) && !isSupportMoment(first.moment) && (await isHeldOutOrder(first))
          ? { kind: "skipped", reason: "order held out of proactive notices (WISMO holdout)" }
          : await sender.send({ rows: group, context: await contextFor(first) });
    } catch (error) {
      // A bug or an unexpected fault: retried like a passing error, and said once in the log.
      console.error(`notification ${first.id} (${first.channel}) failed unexpectedly:`, error);
      outcome = { kind: "retry", error: error instanceof Error ? error.message : String(error) };
    }
    const attempts = Math.max(...group.map((row) => row.attempts));
    if (outcome.kind === "retry" && attempts >= maxAttempts) {
      if (outcome.possibleDuplicate) report.possibleDuplicates += 1;
      outcome = { kind: "failed", error: `gave up after ${attempts} attempts: ${outcome.error}` };
    }
    let kept = 0;
    switch (outcome.kind) {
      case "sent":
        kept = await completeNotifications(options.db, ids, owner, {
          providerId: outcome.providerId,
          now: now(),
          ...(outcome.possibleDuplicate ? { possibleDuplicate: true } : {}),
        });
        if (kept > 0) {
          report.sent += 1;
          report.coalesced += kept - 1;
          if (outcome.possibleDuplicate) report.possibleDuplicates += 1;
        }
        break;
      case "skipped":
        kept = await skipNotifications(options.db, ids, owner, outcome.reason);
        report.skipped += kept;
        break;
      case "retry":
        kept = await retryNotifications(
          options.db,
          ids,
          owner,
          outcome.error,
          new Date(now().getTime() + notificationRetryDelayMs(attempts, outcome.retryAfterMs)),
          outcome.possibleDuplicate ?? false,
        );
        report.retried += kept;
        if (outcome.possibleDuplicate && kept > 0) report.possibleDuplicates += 1;
        break;
      case "failed":
        kept = await failNotifications(options.db, ids, owner, outcome.error);
        report.failed += kept;
        break;
    }
    if (kept < ids.length) report.lostLease += ids.length - kept;
    if (outcome.kind !== "sent" && outcome.kind !== "skipped") options.log?.(`${first.channel} ${first.moment} for ${first.orderId}: ${outcome.kind}: ${outcome.error}`);
  }
  return report;
}
