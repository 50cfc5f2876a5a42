import { startTestSmtpServer } from "~/testing/smtp-server";

/**
 * The local SMTP server of the notification tests in a process of its own, for the notifications
 * benchmark (`fork` it with the CPU reporter preloaded, so its CPU is not counted as the
 * dispatchers'). It does not parse messages; it notes each accepted message's `Message-ID` and
 * the time it answered 250 (a message id seen twice is a duplicate). Sends `{ port }` over IPC
 * once listening; answers `{ benchSink: id }` with `{ benchSink: id, accepted: [messageId, times[]][] }`
 * (and forgets them); stops on SIGTERM.
 */
const accepted = new Map<string, number[]>();
const server = await startTestSmtpServer({
  parse: false,
  onAccepted(raw) {
    const head = raw.subarray(0, 8192).toString("latin1");
    const messageId = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(head)?.[1] ?? "(none)";
    const times = accepted.get(messageId);
    if (times) times.push(Date.now());
    else accepted.set(messageId, [Date.now()]);
  },
});
process.on("message", (message: unknown) => {
  if (typeof message !== "object" || message === null || !("benchSink" in message)) return;
  process.send?.({ benchSink: (message as { benchSink: number }).benchSink, accepted: [...accepted] });
  accepted.clear();
});
process.send?.({ port: server.port });
process.once("SIGTERM", () => void server.close().then(() => process.exit(0)));
