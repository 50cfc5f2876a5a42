import { createDb } from "~/data/db.server";
import { runNotificationDispatcher } from "~/services/notifications/dispatcher.server";
import { createEmailChannel } from "~/services/notifications/email-channel.server";

/**
 * One notification dispatcher in a process of its own, for the notifications benchmark: the
 * email channel and `runNotificationDispatcher` as the worker runs them, pass after pass (a pass
 * that finds nothing due waits `BENCH_IDLE_MS`, as the worker's loop does). Sends `{ ready: true }`
 * once connected and warmed up, stops on the message `{ stop: true }` and answers with its totals.
 * Environment: DATABASE_URL, BENCH_KEY (opens the SMTP settings and contacts), BENCH_LINK_KEY
 * (base64), BENCH_OWNER, BENCH_IDLE_MS.
 */
const { db, provider } = createDb(process.env.DATABASE_URL ?? "");
const email = createEmailChannel({
  db,
  key: process.env.BENCH_KEY,
  appUrl: "https://trackline.test",
  linkKey: Buffer.from(process.env.BENCH_LINK_KEY ?? "", "base64"),
});
const owner = process.env.BENCH_OWNER ?? `bench-${process.pid}`;
const idleMs = Number(process.env.BENCH_IDLE_MS ?? 20);
let stopping = false;
process.on("message", (message: unknown) => {
  if (typeof message === "object" && message !== null && "stop" in message) stopping = true;
});
const totals = { passes: 0, claimed: 0, sent: 0, coalesced: 0, skipped: 0, retried: 0, failed: 0, lostLease: 0, possibleDuplicates: 0 };
const pass = async () => {
  const report = await runNotificationDispatcher({ db, provider, channels: { email }, owner });
  totals.passes += 1;
  for (const key of Object.keys(report) as (keyof typeof report)[]) totals[key] += report[key];
  return report;
};
// Warm-up (nothing is due yet): connections open, queries prepared.
await pass();
totals.passes = 0;
process.send?.({ ready: true });
while (!stopping) {
  try {
    const report = await pass();
    if (report.claimed === 0) await new Promise((resolve) => setTimeout(resolve, idleMs));
  } catch (error) {
    // As the worker's loop does: said, and the next pass goes on (the rows' leases run out).
    console.error(`dispatcher pass failed: ${error instanceof Error ? error.message : String(error)}`);
    await new Promise((resolve) => setTimeout(resolve, idleMs));
  }
}
email.close();
await db.$disconnect();
process.send?.({ totals }, () => process.exit(0));
