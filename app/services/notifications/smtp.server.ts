import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { z } from "zod";
import { open, seal } from "~/services/carrier-accounts/sealed-box.server";

/**
 * A shop's SMTP settings (its own server or a transactional provider's SMTP endpoint), sealed at
 * rest like carrier credentials, and how SMTP answers become outbox outcomes.
 */
export const smtpSettingsSchema = z.object({
  host: z.string().trim().min(1),
  port: z.coerce.number().int().min(1).max(65535),
  /** tls: implicit TLS (465); starttls: upgrade required (587); none: plain (local relays, the demo). */
  security: z.enum(["tls", "starttls", "none"]).default("starttls"),
  user: z.string().trim().nullish().transform((value) => value || null),
  password: z.string().nullish().transform((value) => value || null),
});

export type SmtpSettings = z.infer<typeof smtpSettingsSchema>;

const associatedData = (shopDomain: string) => `smtp:${shopDomain}`;

export function sealSmtpSettings(key: string, shopDomain: string, settings: SmtpSettings): string {
  return seal(JSON.stringify(settings), key, associatedData(shopDomain));
}

export function openSmtpSettings(key: string, shopDomain: string, sealed: string): SmtpSettings {
  return smtpSettingsSchema.parse(JSON.parse(open(sealed, key, associatedData(shopDomain))));
}

function transportOptions(settings: SmtpSettings): SMTPTransport.Options {
  return {
    host: settings.host,
    port: settings.port,
    secure: settings.security === "tls",
    requireTLS: settings.security === "starttls",
    ignoreTLS: settings.security === "none",
    ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? "" } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  };
}

/** One connection per message: "send me a test" and the occasional merchant alert. */
export function createSmtpTransport(settings: SmtpSettings): Transporter<SMTPTransport.SentMessageInfo> {
  return nodemailer.createTransport(transportOptions(settings));
}

/**
 * Shopper email: a pool of up to `SMTP_POOL_CONNECTIONS` connections kept open and reused for
 * message after message (a new connection per message costs a TCP and TLS handshake, the
 * greeting and the login each time). Idle connections close after 30 s; providers drop them
 * sooner or later anyway, and the pool opens new ones as needed.
 */
export const SMTP_POOL_CONNECTIONS = 8;

export function createPooledSmtpTransport(settings: SmtpSettings): Transporter<SMTPTransport.SentMessageInfo> {
  return nodemailer.createTransport({ ...transportOptions(settings), pool: true, maxConnections: SMTP_POOL_CONNECTIONS, maxMessages: 500, idleTimeout: 30_000 });
}

export type SmtpOutcome =
  | { kind: "retry"; error: string; possibleDuplicate: boolean }
  | { kind: "failed"; error: string }
  | { kind: "invalid_recipient"; error: string };

interface SmtpError {
  code?: string;
  responseCode?: number;
  command?: string;
  response?: string;
  message?: string;
}

/**
 * What an SMTP failure means: 4xx is passing (retry), 5xx is permanent (recorded); a rejected
 * recipient is an address to skip; bad credentials and TLS trouble are retried with an error the
 * merchant can act on; a connection lost once the message was handed over may have delivered it
 * (retried, and counted as a possible duplicate).
 */
export function classifySmtpError(error: unknown, handedOver: boolean): SmtpOutcome {
  const failure = (error ?? {}) as SmtpError;
  const reply = failure.response ?? failure.message ?? String(error);
  if (failure.code === "EAUTH") {
    return { kind: "retry", error: `SMTP login refused — check the user name and password in Settings → Notifications (${reply})`, possibleDuplicate: false };
  }
  if (failure.code === "ETLS" && failure.command === "STARTTLS") {
    return { kind: "retry", error: `TLS with the SMTP server failed — the server does not offer STARTTLS: check the port and security setting (${reply})`, possibleDuplicate: false };
  }
  if (failure.code === "ETLS" || /certificate|tls|ssl/i.test(failure.message ?? "")) {
    return { kind: "retry", error: `TLS with the SMTP server failed — check the host, port and security setting (${reply})`, possibleDuplicate: false };
  }
  const code = failure.responseCode;
  if (code !== undefined && code >= 500) {
    if (failure.command === "RCPT TO" || failure.code === "EENVELOPE") return { kind: "invalid_recipient", error: `recipient refused: ${reply}` };
    return { kind: "failed", error: `SMTP ${code}: ${reply}` };
  }
  if (code !== undefined && code >= 400) return { kind: "retry", error: `SMTP ${code}: ${reply}`, possibleDuplicate: false };
  return { kind: "retry", error: `SMTP connection: ${reply}`, possibleDuplicate: handedOver };
}
