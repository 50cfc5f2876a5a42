import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { listNotifications, recordMoments } from "~/data/notifications.server";
import { captureShopperContact } from "./contacts.server";
import { runNotificationDispatcher } from "./dispatcher.server";
import { createEmailChannel } from "./email-channel.server";
import { NotificationSettingsError, sendTestEmail } from "./notification-settings.server";
import { sealSmtpSettings, type SmtpSettings } from "./smtp.server";

const SHOP = "tls-shop.myshopify.com";
const KEY = crypto.randomBytes(32).toString("base64");
const LINK_KEY = crypto.randomBytes(32);
const MINUTE = 60_000;
const TLS_ERROR = "TLS with the SMTP server failed — check the host, port and security setting";

/**
 * TLS trouble with a real SMTP server (`smtp-server`): a server offering STARTTLS with a
 * certificate the client does not trust (self-signed, made for the test with openssl), and a shop that
 * requires STARTTLS from a server that does not offer it. Nothing is handed over in either case;
 * the message is retried with an error that says what to fix (the merchant fixes the settings or
 * the certificate and the email still goes), and "Send me a test" says the same at once.
 */
describe("SMTP TLS failures", () => {
  let server: SMTPServer;
  let port: number;
  let accepted: number;
  let certificate: { key: Buffer; cert: Buffer };
  let certificateDir: string;
  const clock = Date.now();

  beforeAll(() => {
    certificateDir = fs.mkdtempSync(path.join(os.tmpdir(), "smtp-tls-"));
    const keyFile = path.join(certificateDir, "key.pem");
    const certFile = path.join(certificateDir, "cert.pem");
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyFile, "-out", certFile, "-days", "2", "-subj", "/CN=localhost"], { stdio: "ignore" });
    certificate = { key: fs.readFileSync(keyFile), cert: fs.readFileSync(certFile) };
  });
  afterAll(() => fs.rmSync(certificateDir, { recursive: true, force: true }));
  const now = () => new Date(clock);

  async function listen(options: { starttls: boolean }) {
    accepted = 0;
    server = new SMTPServer({
      disabledCommands: options.starttls ? ["AUTH"] : ["STARTTLS", "AUTH"],
      ...certificate,
      authOptional: true,
      logger: false,
      closeTimeout: 50,
      onData(stream, _session, callback) {
        stream.on("data", () => {});
        stream.on("end", () => {
          accepted += 1;
          callback();
        });
      },
    });
    server.on("error", () => {
      // A client giving up in the middle of the TLS handshake surfaces here.
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.server.address();
    if (address === null || typeof address === "string") throw new Error("the SMTP server is not listening on a TCP port");
    port = address.port;
  }

  async function shopWith(security: SmtpSettings["security"]) {
    const { db } = database();
    await db.shop.create({
      data: {
        domain: SHOP,
        name: "Tern & Co",
        notificationSettingsJson: JSON.stringify({ coalesceMinutes: 0, quietHours: { startHour: 0, endHour: 0 } }),
        smtpSealed: sealSmtpSettings(KEY, SHOP, { host: "127.0.0.1", port, security, user: null, password: null }),
      },
    });
    const orderId = "gid://shopify/Order/7001";
    const shipment = await db.shipment.create({
      data: { shopDomain: SHOP, orderId, orderName: "#7001", fulfillmentId: "gid://shopify/Fulfillment/7001", trackingNumber: "1Z999AA10123456784", carrier: "ups", status: "exception", destinationCountry: "US" },
    });
    await captureShopperContact(db, SHOP, orderId, { email: "kim@example.com", phone: null, firstName: "Kim", locale: "en" }, KEY, now());
    await recordMoments(
      db,
      [{ shopDomain: SHOP, subjectKey: shipment.id, shipmentId: shipment.id, orderId, moment: "exception", occurredAt: new Date(clock - MINUTE), status: "exception", reason: null, estimateAt: null, channels: ["email"] }],
      () => now(),
      now(),
    );
  }

  async function dispatch() {
    const { db, provider } = database();
    const email = createEmailChannel({ db, key: KEY, appUrl: "https://trackline.test", linkKey: LINK_KEY, now });
    try {
      return await runNotificationDispatcher({ db, provider, now, channels: { email } });
    } finally {
      email.close();
    }
  }

  beforeEach(async () => {
    const { db } = database();
    await db.notification.deleteMany({});
    await db.shipmentMoment.deleteMany({});
    await db.shopperContact.deleteMany({});
    await db.shipment.deleteMany({});
    await db.shop.deleteMany({});
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("retries, with the reason, when the server's certificate is not trusted, and hands nothing over", async () => {
    await listen({ starttls: true });
    await shopWith("starttls");
    expect(await dispatch()).toMatchObject({ claimed: 1, retried: 1, sent: 0, failed: 0, possibleDuplicates: 0 });
    const [row] = await listNotifications(database().db, { shopDomain: SHOP });
    expect(row).toMatchObject({ state: "pending", attempts: 1, possibleDuplicates: 0 });
    expect(row?.lastError).toBe(`${TLS_ERROR} (self-signed certificate; if the root CA is installed locally, try running Node.js with --use-system-ca)`);
    expect(row!.nextAttemptAt.getTime()).toBe(clock + MINUTE);
    expect(accepted).toBe(0);
  });

  it("retries, with the reason, when the shop requires STARTTLS and the server does not offer it", async () => {
    await listen({ starttls: false });
    await shopWith("starttls");
    expect(await dispatch()).toMatchObject({ claimed: 1, retried: 1, sent: 0 });
    const [row] = await listNotifications(database().db, { shopDomain: SHOP });
    expect(row).toMatchObject({ state: "pending", attempts: 1 });
    expect(row?.lastError).toBe("TLS with the SMTP server failed — the server does not offer STARTTLS: check the port and security setting (500 Error: command not recognized)");
    expect(accepted).toBe(0);
  });

  it("says so in 'Send me a test'", async () => {
    await listen({ starttls: true });
    await shopWith("starttls");
    const sending = sendTestEmail(database().db, SHOP, KEY, "owner@example.com", "https://trackline.test");
    await expect(sending).rejects.toBeInstanceOf(NotificationSettingsError);
    await expect(sending).rejects.toMatchObject({ message: `The test email was not sent: ${TLS_ERROR} (self-signed certificate; if the root CA is installed locally, try running Node.js with --use-system-ca)` });
    expect(accepted).toBe(0);
  });
});
