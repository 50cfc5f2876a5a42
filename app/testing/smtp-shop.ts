import crypto from "node:crypto";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { database } from "~/data/client.server";
import { sealSmtpSettings } from "~/services/notifications/smtp.server";
import { startTestSmtpServer, type TestSmtpServer } from "./smtp-server";

/**
 * A shop whose email goes to a real SMTP server on 127.0.0.1, for tests that send through the
 * notification outbox and dispatcher: starts the server for the file, empties its inbox and the
 * notification tables before each test, and writes the shop with its sealed SMTP settings.
 * Call it inside a `describe`.
 */
export interface SmtpShop {
  /** The sealing key of SMTP settings and shopper contacts (CREDENTIALS_KEY in production). */
  readonly key: string;
  readonly appUrl: string;
  /** Parsed messages the server accepted, in order. */
  readonly messages: ParsedMail[];
  readonly server: TestSmtpServer;
  /** Creates or updates the shop: "Maple & Co" in Paris, these locales and notification settings, SMTP on the test server. */
  saveShop(options?: { locales?: string; notificationSettings?: object; smtp?: boolean }): Promise<void>;
}

export function useSmtpShop(shopDomain: string): SmtpShop {
  const key = crypto.randomBytes(32).toString("base64");
  let server: TestSmtpServer | null = null;
  const running = () => {
    if (!server) throw new Error("the test SMTP server starts in beforeAll");
    return server;
  };

  beforeAll(async () => {
    server = await startTestSmtpServer();
  });
  afterAll(() => server?.close());
  beforeEach(async () => {
    running().messages.length = 0;
    const { db } = database();
    await db.notification.deleteMany({});
    await db.shipmentMoment.deleteMany({});
    await db.inquiry.deleteMany({});
    await db.worklistItem.deleteMany({});
    await db.auditEntry.deleteMany({});
    await db.shopperContact.deleteMany({});
    await db.shipment.deleteMany({});
    await db.shop.deleteMany({});
  });

  return {
    key,
    appUrl: "https://trackline.test",
    get messages() {
      return running().messages;
    },
    get server() {
      return running();
    },
    async saveShop(options = {}) {
      const { db } = database();
      const data = {
        name: "Maple & Co",
        timezone: "Europe/Paris",
        locales: options.locales ?? "en",
        notificationSettingsJson: JSON.stringify(options.notificationSettings ?? {}),
        smtpSealed:
          options.smtp === false
            ? null
            : sealSmtpSettings(key, shopDomain, { host: "127.0.0.1", port: running().port, security: "none", user: null, password: null }),
      };
      await db.shop.upsert({ where: { domain: shopDomain }, create: { domain: shopDomain, ...data }, update: data });
    },
  };
}
