import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { TEST_AND_DEMO_IDENTITY_HASH_KEY } from "~/config/env.server";
import { createDb } from "~/data/db.server";
import { applyMigrations } from "~/data/migrate.server";
import { recordMoments, type MomentRecord } from "~/data/notifications.server";
import { captureShopperContact } from "~/services/notifications/contacts.server";
import { runNotificationDispatcher } from "~/services/notifications/dispatcher.server";
import { createEmailChannel } from "~/services/notifications/email-channel.server";
import { sealSmtpSettings } from "~/services/notifications/smtp.server";
import { cpuDelta, cpuTotal, distribution, formatDistribution, forkWithCpu, numberOption, summaryLine, tempDir } from "./kit";

/**
 * `npm run bench:notifications`: throughput of the outbox dispatcher sending shopper emails over
 * SMTP to the local SMTP server of the notification tests (in a process of its own).
 *
 * Open loop: every message's outbox row is written before the clock starts, due at
 * start + i/rate, so messages fall due at the offered rate whether or not the dispatcher keeps
 * up. A message's latency runs from its due time to the moment the dispatcher recorded the SMTP
 * server's acceptance (`sentAt`), so a dispatcher that falls behind shows in the percentiles.
 * CPU per message is this process's (dispatchers, Prisma, SQLite); the SMTP server's is printed
 * apart. Everything it makes (the SQLite database with its -wal/-shm) is removed at the end.
 *
 * Options: --rate N messages/s (default 10), --seconds N (default 20), --dispatchers N (default 1; SQLite has one writer).
 */
// Shopper emails are hashed with the identity key (a benchmark-only value unless one is set).
process.env.IDENTITY_HASH_KEY ??= TEST_AND_DEMO_IDENTITY_HASH_KEY;
const RATE = numberOption("rate", 10);
const SECONDS = numberOption("seconds", 20);
const DISPATCHERS = numberOption("dispatchers", 1);
const MESSAGES = Math.max(1, Math.round(RATE * SECONDS));
const SHOP = "bench-notify.myshopify.com";
const KEY = crypto.randomBytes(32).toString("base64");

console.log(`notifications benchmark: ${MESSAGES} shopper emails offered at ${RATE}/s, ${DISPATCHERS} dispatcher(s), ${os.cpus().length} cores\n`);
const temp = tempDir("bench-notifications");
const smtp = await forkWithCpu<{ port: number }>("app/bench/smtp-sink-process.ts", process.env);
let summary: Record<string, number> = {};
try {
  const url = `file:${temp.file("bench.sqlite")}`;
  await applyMigrations(url);
  const { db, provider } = createDb(url);
  await db.shop.create({
    data: {
      domain: SHOP,
      name: "Bench & Co",
      notificationSettingsJson: JSON.stringify({ coalesceMinutes: 0, quietHours: { startHour: 0, endHour: 0 } }),
      smtpSealed: sealSmtpSettings(KEY, SHOP, { host: "127.0.0.1", port: smtp.ready.port, security: "none", user: null, password: null }),
    },
  });
  // Setup (not timed): one order per message, its sealed contact and its "exception" moment.
  const setupStarted = performance.now();
  // Rows are parked far in the future while being written, then given their due times at once.
  const parked = (index: number) => new Date(Date.UTC(2100, 0, 1) + index);
  for (let index = 0; index < MESSAGES; index++) {
    const orderId = `gid://shopify/Order/${100_000 + index}`;
    const shipment = await db.shipment.create({
      data: {
        shopDomain: SHOP,
        orderId,
        orderName: `#${100_000 + index}`,
        fulfillmentId: `gid://shopify/Fulfillment/${500_000 + index}`,
        trackingNumber: `1Z999AA1${String(index).padStart(10, "0")}`,
        carrier: "ups",
        status: "exception",
        destinationCountry: "US",
      },
    });
    await captureShopperContact(db, SHOP, orderId, { email: `shopper${index}@example.com`, phone: null, firstName: "Ana", locale: "en" }, KEY, new Date());
    const record: MomentRecord = {
      shopDomain: SHOP,
      subjectKey: shipment.id,
      shipmentId: shipment.id,
      orderId,
      moment: "exception",
      occurredAt: new Date(),
      status: "exception",
      reason: "Address incomplete",
      estimateAt: null,
      channels: ["email"],
    };
    await recordMoments(db, [record], () => parked(index), new Date());
  }
  const queued = await db.notification.findMany({ orderBy: { nextAttemptAt: "asc" }, select: { id: true } });
  const start = Date.now() + 1000 + MESSAGES;
  await db.$transaction(queued.map((row, index) => db.notification.update({ where: { id: row.id }, data: { nextAttemptAt: new Date(start + Math.floor((index * 1000) / RATE)) } })));
  console.log(`setup: ${MESSAGES} orders, contacts and outbox rows in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);
  while (Date.now() < start) await new Promise((resolve) => setTimeout(resolve, 5));

  const channels = Array.from({ length: DISPATCHERS }, () => createEmailChannel({ db, key: KEY, appUrl: "https://trackline.test", linkKey: crypto.randomBytes(32) }));
  const cpuBefore = process.cpuUsage();
  const smtpBefore = await smtp.cpu();
  const deadline = start + SECONDS * 1000 + 120_000;
  let settled = 0;
  let failed = 0;
  const dispatcher = async (index: number) => {
    const email = channels[index]!;
    while (settled < MESSAGES && Date.now() < deadline) {
      const report = await runNotificationDispatcher({ db, provider, channels: { email }, owner: `bench-${index}`, limit: 25 });
      settled += report.sent + report.skipped + report.failed;
      failed += report.failed + report.skipped;
      if (report.claimed === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  await Promise.all(Array.from({ length: DISPATCHERS }, (_, index) => dispatcher(index)));
  const cpu = process.cpuUsage(cpuBefore);
  const smtpMs = cpuTotal(cpuDelta(await smtp.cpu(), smtpBefore));
  for (const channel of channels) channel.close();

  const rows = await db.notification.findMany({ where: { state: "sent" }, select: { nextAttemptAt: true, sentAt: true } });
  const latencies = rows.map((row) => (row.sentAt?.getTime() ?? Number.NaN) - row.nextAttemptAt.getTime());
  const lastSent = Math.max(...rows.map((row) => row.sentAt?.getTime() ?? 0));
  const elapsed = (lastSent - start) / 1000;
  const latency = distribution(latencies);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  await db.$disconnect();
  console.log(
    `sent ${rows.length}/${MESSAGES} (${failed} not sent) in ${elapsed.toFixed(1)} s = ${(rows.length / elapsed).toFixed(1)} messages/s offered ${RATE}/s\n` +
      `latency (due → accepted by SMTP): ${formatDistribution(latency)}\n` +
      `CPU per message: dispatchers ${(cpuMs / rows.length).toFixed(2)} ms (${(cpuMs / 1000 / elapsed).toFixed(2)} cores), SMTP server ${(smtpMs / rows.length).toFixed(2)} ms (not counted)`,
  );
  summary = {
    offered_msg_s: RATE,
    messages: MESSAGES,
    sent: rows.length,
    not_sent: failed,
    throughput_msg_s: rows.length / elapsed,
    p50_ms: latency.p50,
    p95_ms: latency.p95,
    p99_ms: latency.p99,
    max_ms: latency.max,
    cpu_ms_per_msg: cpuMs / rows.length,
    smtp_cpu_ms_per_msg: smtpMs / rows.length,
  };
} finally {
  await smtp.stop();
  temp.remove();
}
console.log(`temp files left: ${fs.existsSync(temp.path) ? "yes" : "none"}`);
console.log(summaryLine("notifications", { dispatchers: DISPATCHERS, ...summary }));
