import type { Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type { Db, DbProvider } from "~/data/db.server";
import { allNotificationSettings, purgeExpiredContacts, schedulePurges, type NotificationChannel } from "~/data/notifications.server";
import type { AdminGraphqlClient } from "~/shopify/graphql/admin-client";
import { runNotificationDispatcher, type ChannelSender, type NotificationDispatchReport } from "./dispatcher.server";
import { createEmailChannel } from "./email-channel.server";
import { createFlowChannel } from "./flow-channel.server";
import { createKlaviyoChannel } from "./klaviyo-channel.server";
import { createMerchantChannel, scheduleMerchantDigests } from "./merchant-alerts.server";
import { parseNotificationSettings } from "./settings";
import { createSmsChannel } from "./sms-channel.server";
import type { SmtpSettings } from "./smtp.server";

const DAY = 86_400_000;

export interface NotificationDutiesOptions {
  db: Db;
  provider: DbProvider;
  owner: string;
  /** Opens SMTP settings and contacts (CREDENTIALS_KEY, or the demo key). */
  key: string | undefined;
  appUrl: string;
  linkKey: Buffer;
  /** With Shopify credentials: Flow triggers too. */
  adminFor?: (shop: string) => Promise<AdminGraphqlClient>;
  transportFor?: (settings: SmtpSettings) => Transporter<SMTPTransport.SentMessageInfo>;
  /** Twilio's API address (the demo's local Twilio); Twilio itself by default. */
  twilioBaseUrl?: string;
  log?: (line: string) => void;
  /** Outbox rows claimed per dispatcher pass (default 100). */
  limit?: number;
}

/** How long one `dispatch()` keeps taking full batches before it lets the sync loop go on. */
const DRAIN_BUDGET_MS = 5_000;

/**
 * What the worker does for notifications after each sync pass: record the day's merchant digests
 * once their hour has come, dispatch due outbox rows through every channel this process can
 * reach, and (hourly) schedule and carry out the erasure of
 * shopper contacts past their retention.
 */
export function notificationDuties(options: NotificationDutiesOptions) {
  const channels: Partial<Record<NotificationChannel, ChannelSender>> = {};
  const email = options.key
    ? createEmailChannel({
        db: options.db,
        key: options.key,
        appUrl: options.appUrl,
        linkKey: options.linkKey,
        ...(options.transportFor ? { transportFor: options.transportFor } : {}),
      })
    : null;
  if (email) channels.email = email;
  if (options.key) {
    channels.sms = createSmsChannel({
      db: options.db,
      key: options.key,
      linkKey: options.linkKey,
      ...(options.twilioBaseUrl ? { baseUrl: options.twilioBaseUrl } : {}),
    });
    channels.klaviyo = createKlaviyoChannel({ key: options.key });
  }
  const merchant = options.key
    ? createMerchantChannel({ db: options.db, key: options.key, appUrl: options.appUrl, ...(options.transportFor ? { transportFor: options.transportFor } : {}) })
    : null;
  if (merchant) channels.merchant = merchant;
  if (options.adminFor) channels.flow = createFlowChannel({ adminFor: options.adminFor, db: options.db });
  let lastHousekeeping = 0;

  return {
    channels: Object.keys(channels) as NotificationChannel[],
    async dispatch(): Promise<NotificationDispatchReport> {
      // Today's merchant digests (one per shop and local day, however many workers ask).
      if (merchant) await scheduleMerchantDigests(options.db, new Date());
      // Pass after pass while they come back full (a backlog), within a time budget: one pass per
      // sync round would cap notifications at a batch per idle interval.
      const limit = options.limit ?? 100;
      const started = Date.now();
      const report: NotificationDispatchReport = { claimed: 0, sent: 0, coalesced: 0, skipped: 0, retried: 0, failed: 0, lostLease: 0, possibleDuplicates: 0 };
      for (;;) {
        const pass = await runNotificationDispatcher({
          db: options.db,
          provider: options.provider,
          channels,
          owner: options.owner,
          limit,
          // Claiming ahead stays within the round's budget (sync passes wait for the round).
          claimAheadMs: Math.max(0, DRAIN_BUDGET_MS - (Date.now() - started)),
          ...(options.log ? { log: options.log } : {}),
        });
        for (const key of Object.keys(report) as (keyof NotificationDispatchReport)[]) report[key] += pass[key];
        if (pass.claimed < limit || Date.now() - started > DRAIN_BUDGET_MS) break;
      }
      const now = Date.now();
      if (now - lastHousekeeping > 3_600_000) {
        lastHousekeeping = now;
        await housekeeping(options.db, new Date(now));
      }
      return report;
    },
    close() {
      email?.close();
      merchant?.close();
    },
  };
}

/** Sets purge dates (retention after the last delivery, per shop) and erases expired contacts. */
export async function housekeeping(db: Db, now: Date): Promise<{ scheduled: number; purged: number }> {
  const settings = await allNotificationSettings(db);
  const scheduled = await schedulePurges(db, now, (shop) => parseNotificationSettings(settings.get(shop)).contactRetentionDays * DAY);
  const purged = await purgeExpiredContacts(db, now);
  return { scheduled, purged };
}
