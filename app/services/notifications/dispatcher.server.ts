import crypto from "node:crypto";
import type { Db, DbProvider } from "~/data/db.server";
import { isHeldOut, type HoldoutSettings } from "~/domain/wismo/holdout";
import { isSupportMoment } from "~/domain/worklist-emails";
import { holdoutOf, loadWismoSettings } from "~/services/wismo/settings.server";
import {
  claimDueNotifications,
  contextKey,
  notificationContexts,
  settleNotifications,
  type ClaimedNotification,
  type NotificationChannel,
  type NotificationContext,
  type NotificationSettlement,
} from "~/data/notifications.server";

/** Everything a channel needs to send one message (or one Flow trigger): the rows and their order's context. */
export interface OutboundMessage {
  /** Oldest first; for shopper channels, every moment of the order coalesced into this message. */
  rows: ClaimedNotification[];
  context: NotificationContext;
}

export type ChannelOutcome =
  | { kind: "sent"; providerId: string | null; possibleDuplicate?: boolean; /** SMS: the segments billed. */ segments?: number }
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
  /** Order groups (messages) claimed at a time. */
  limit?: number;
  /**
   * Claims one run may make while each comes back full, the next made while the last messages of
   * the one before are still being sent (default 10)…
   */
  maxClaims?: number;
  /** …and how long after the run started a further claim may still be made (default 10 s). */
  claimAheadMs?: number;
  /** Messages in flight at once (each channel bounds its own connections, e.g. the SMTP pool). */
  concurrency?: number;
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
/**
 * Messages in flight per pass: sending is mostly waiting for the provider (an SMTP message is
 * four or five round trips), so twice the SMTP pool's connections keeps every connection busy.
 */
const DEFAULT_CONCURRENCY = 16;
/** Claims one run makes at most while they come back full (a backlog)… */
const DEFAULT_MAX_CLAIMS = 10;
/** …and only this long after the first: the run then returns, and its caller decides. */
const CLAIM_AHEAD_BUDGET_MS = 10_000;
/** Outcomes recorded together: a full batch is written at once… */
const FLUSH_BATCH = 50;
/** …a smaller one this long after its first outcome (a sent row waits at most this long to say so). */
const FLUSH_DELAY_MS = 50;

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
  const leaseMs = options.leaseMs ?? 2 * MINUTE;
  const channels = Object.keys(options.channels) as NotificationChannel[];
  const report: NotificationDispatchReport = { claimed: 0, sent: 0, coalesced: 0, skipped: 0, retried: 0, failed: 0, lostLease: 0, possibleDuplicates: 0 };
  if (channels.length === 0) return report;
  const limit = options.limit ?? 100;
  const maxClaims = Math.max(1, options.maxClaims ?? DEFAULT_MAX_CLAIMS);
  const started = performance.now();
  // Messages not started yet, each with the time its rows were claimed (their lease's start).
  const queue: { group: ClaimedNotification[]; claimedAt: number }[] = [];
  const contexts = new Map<string, NotificationContext>();
  let claims = 0;
  let lastClaimFull = false;
  const claim = async () => {
    claims += 1;
    const claimedAt = now().getTime();
    const rows = await claimDueNotifications(options.db, options.provider, {
      owner,
      now: new Date(claimedAt),
      leaseMs,
      limit,
      channels,
      ...(options.shopDomain ? { shopDomain: options.shopDomain } : {}),
    });
    report.claimed += rows.length;
    lastClaimFull = rows.length >= limit;
    if (rows.length === 0) return;
    const groupsByKey = new Map<string, ClaimedNotification[]>();
    for (const row of rows) {
      const sender = options.channels[row.channel];
      // An email the team sent by hand from the worklist goes alone, as written.
      const key = sender?.coalesces && !isSupportMoment(row.moment) ? `${row.shopDomain}|${row.orderId}|${row.channel}` : row.id;
      groupsByKey.set(key, [...(groupsByKey.get(key) ?? []), row]);
    }
    // Everything the claim's messages are made of, read at once (not per message).
    for (const [key, context] of await notificationContexts(options.db, rows)) contexts.set(key, context);
    for (const group of groupsByKey.values()) queue.push({ group, claimedAt });
  };
  await claim();
  if (queue.length === 0) return report;
  // A backlog (the last claim came back full): the next claim is made while the last messages of
  // this one are still being sent, so the SMTP connections never wait for the database.
  let claiming: Promise<void> | null = null;
  const claimAhead = () => {
    if (claiming !== null || !lastClaimFull || claims >= maxClaims || passError !== null || queue.length > (options.concurrency ?? DEFAULT_CONCURRENCY)) return;
    if (performance.now() - started > (options.claimAheadMs ?? CLAIM_AHEAD_BUDGET_MS)) return;
    claiming = claim()
      .catch((error: unknown) => {
        passError ??= error;
      })
      .finally(() => {
        claiming = null;
      });
  };
  // Orders in the shop's WISMO holdout get no proactive notice from Trackline (the control group
  // the deflection is measured against); the merchant's own Flow automations still run.
  const holdouts = new Map<string, Promise<HoldoutSettings>>();
  const isHeldOutOrder = async (row: ClaimedNotification) => {
    let holdout = holdouts.get(row.shopDomain);
    if (!holdout) {
      holdout = loadWismoSettings(options.db, row.shopDomain).then(holdoutOf);
      holdouts.set(row.shopDomain, holdout);
    }
    return isHeldOut(row.orderId, await holdout);
  };

  // Outcomes are recorded in batches (one transaction, a few statements, for many messages), by
  // one writer at a time, while the next messages are being sent: a batch goes when it is full,
  // or FLUSH_DELAY_MS after its first outcome, or when the pass has nothing left to send.
  const settled: { group: ClaimedNotification[]; outcome: ChannelOutcome | null; settlement: NotificationSettlement }[] = [];
  let flushing: Promise<void> | null = null;
  let passError: unknown = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = async () => {
    const batch = settled.splice(0);
    if (batch.length > 0) {
      const kept = await settleNotifications(
        options.db,
        options.provider,
        owner,
        batch.map((entry) => entry.settlement),
        now(),
      );
      batch.forEach((entry, index) => account(entry.group, entry.outcome, kept[index] ?? 0));
    }
  };
  const startFlush = () => {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    flushing ??= flush()
      .catch((error: unknown) => {
        passError ??= error;
      })
      .finally(() => {
        flushing = null;
        // What arrived during the flush: at once when it fills a batch, else after the delay.
        if (settled.length > 0) kick();
      });
  };
  const kick = () => {
    if (flushing !== null) return; // the running flush takes what came meanwhile (or the next one does)
    if (settled.length >= FLUSH_BATCH) startFlush();
    else timer ??= setTimeout(startFlush, FLUSH_DELAY_MS);
  };
  const account = (group: ClaimedNotification[], outcome: ChannelOutcome | null, kept: number) => {
    const first = group[0] as ClaimedNotification;
    if (outcome === null) return; // released unsent
    switch (outcome.kind) {
      case "sent":
        if (kept > 0) {
          report.sent += 1;
          report.coalesced += kept - 1;
          if (outcome.possibleDuplicate) report.possibleDuplicates += 1;
        }
        break;
      case "skipped":
        report.skipped += kept;
        break;
      case "retry":
        report.retried += kept;
        if (outcome.possibleDuplicate && kept > 0) report.possibleDuplicates += 1;
        break;
      case "failed":
        report.failed += kept;
        break;
    }
    if (kept < group.length) report.lostLease += group.length - kept;
    if (outcome.kind !== "sent" && outcome.kind !== "skipped") options.log?.(`${first.channel} ${first.moment} for ${first.orderId}: ${outcome.kind}: ${outcome.error}`);
  };

  const sendOne = async (group: ClaimedNotification[], claimedAt: number) => {
    const first = group[0] as ClaimedNotification;
    const ids = group.map((row) => row.id);
    // A message started this late could outlive the lease and be sent again by whoever takes
    // the row next: it goes back to the queue untried instead.
    if (passError !== null || now().getTime() > claimedAt + leaseMs / 2) {
      settled.push({ group, outcome: null, settlement: { kind: "released", ids } });
      return;
    }
    const sender = options.channels[first.channel] as ChannelSender;
    let outcome: ChannelOutcome;
    try {
      // The team's own answers from the worklist are not proactive notices: the holdout keeps none back.
      outcome =
        SHOPPER_CHANNELS.has(first.channel) && !isSupportMoment(first.moment) && (await isHeldOutOrder(first))
          ? { kind: "skipped", reason: "order held out of proactive notices (WISMO holdout)" }
          : await sender.send({ rows: group, context: contexts.get(contextKey(first.shopDomain, first.orderId)) as NotificationContext });
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
    let settlement: NotificationSettlement;
    switch (outcome.kind) {
      case "sent":
        settlement = {
          kind: "sent",
          ids,
          providerId: outcome.providerId,
          now: now(),
          ...(outcome.possibleDuplicate ? { possibleDuplicate: true } : {}),
          ...(outcome.segments !== undefined ? { segments: outcome.segments } : {}),
        };
        break;
      case "skipped":
        settlement = { kind: "skipped", ids, reason: outcome.reason };
        break;
      case "retry":
        settlement = {
          kind: "retry",
          ids,
          error: outcome.error,
          nextAttemptAt: new Date(now().getTime() + notificationRetryDelayMs(attempts, outcome.retryAfterMs)),
          possibleDuplicate: outcome.possibleDuplicate ?? false,
        };
        break;
      case "failed":
        settlement = { kind: "failed", ids, error: outcome.error };
        break;
    }
    settled.push({ group, outcome, settlement });
    kick();
  };

  const lane = async () => {
    for (;;) {
      claimAhead();
      const next = queue.shift();
      if (next) await sendOne(next.group, next.claimedAt);
      else if (claiming !== null) await claiming;
      else return;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY) }, lane));
  while (flushing !== null || settled.length > 0) {
    if (flushing === null) startFlush();
    await flushing;
  }
  if (passError !== null) throw passError;
  return report;
}
