import { startTestSmtpServer } from "~/testing/smtp-server";

/**
 * The local SMTP server of the notification tests in a process of its own, for the notifications
 * benchmark (`fork` it with the CPU reporter preloaded, so its CPU is not counted as the
 * dispatcher's). Sends `{ port }` over IPC once listening; keeps only a count; stops on SIGTERM.
 */
const server = await startTestSmtpServer();
setInterval(() => server.messages.splice(0), 1000).unref();
process.send?.({ port: server.port });
process.once("SIGTERM", () => void server.close().then(() => process.exit(0)));
