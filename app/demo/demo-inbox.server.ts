import type { Db } from "~/data/db.server";
import { ordersWithoutContact, saveNotificationShop } from "~/data/notifications.server";
import { SUPPORTED_DEMO_LOCALES } from "./demo-inbox";
import { DEMO_SHOP } from "~/config/demo-mode.server";
import { captureShopperContact } from "~/services/notifications/contacts.server";
import { sealTwilioSettings } from "~/services/notifications/sms-channel.server";
import { sealSmtpSettings } from "~/services/notifications/smtp.server";
import { DEMO_TWILIO } from "./demo-sms.server";

/**
 * The demo's mail server: a real SMTP server (`smtp-server`) on 127.0.0.1 that keeps every
 * message the demo sends, parsed with `mailparser`, for the admin's "Demo inbox" page. Nothing
 * leaves the machine: the demo shop's SMTP settings point here and its shoppers are invented.
 */
export interface DemoMail {
  id: number;
  to: string;
  subject: string;
  locale: string;
  html: string;
  text: string;
  receivedAt: string;
  listUnsubscribe: string | null;
}

interface DemoInboxStore {
  mails: DemoMail[];
}

/** Shared with the Remix build (another module graph in the same process) through globalThis. */
const STORE_KEY = Symbol.for("trackline.demoInbox");

export function demoInboxStore(): DemoInboxStore {
  const holder: Record<symbol, DemoInboxStore | undefined> = globalThis as typeof globalThis & Record<symbol, DemoInboxStore | undefined>;
  holder[STORE_KEY] ??= { mails: [] };
  return holder[STORE_KEY];
}

export async function startDemoMailServer(): Promise<{ port: number; close(): Promise<void> }> {
  const [{ SMTPServer }, { simpleParser }] = await Promise.all([import("smtp-server"), import("mailparser")]);
  const store = demoInboxStore();
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          const to = Array.isArray(mail.to) ? mail.to.map((address) => address.text).join(", ") : (mail.to?.text ?? "");
          store.mails.unshift({
            id: store.mails.length + 1,
            to,
            subject: mail.subject ?? "",
            locale: String(mail.headers.get("content-language") ?? ""),
            html: typeof mail.html === "string" ? mail.html : "",
            text: mail.text ?? "",
            receivedAt: (mail.date ?? new Date()).toISOString(),
            listUnsubscribe: mail.headerLines.find((line) => line.key === "list-unsubscribe")?.line.replace(/^List-Unsubscribe:\s*/i, "") ?? null,
          });
          if (store.mails.length > 500) store.mails.length = 500;
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  if (address === null || typeof address === "string") throw new Error("the demo mail server is not listening on a TCP port");
  const port = address.port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const FIRST_NAMES: Readonly<Record<string, string>> = {
  en: "Alex",
  "zh-CN": "王芳",
  ko: "민준",
  ja: "花子",
  "zh-TW": "志明",
  es: "Lucía",
  fr: "Camille",
  de: "Jonas",
  it: "Giulia",
  "pt-BR": "Ana",
};

/**
 * Points the demo shop at the local mail server and the local Twilio, lets Trackline send every moment (there is no
 * Shopify in the demo to send its own), and gives each demo order an invented shopper whose
 * language cycles through the shipped locales (English, Simplified Chinese and Korean first).
 */
export async function prepareDemoNotifications(db: Db, options: { key: string; port: number; now: Date }): Promise<number> {
  await saveNotificationShop(db, DEMO_SHOP, {
    smtpSealed: sealSmtpSettings(options.key, DEMO_SHOP, { host: "127.0.0.1", port: options.port, security: "none", user: null, password: null }),
    // Texts go to the demo's local Twilio (demo-sms.server.ts).
    twilioSealed: sealTwilioSettings(options.key, DEMO_SHOP, DEMO_TWILIO),
    notificationSettingsJson: JSON.stringify({
      email: {
        senders: { shipped: "trackline", out_for_delivery: "trackline", delivered: "trackline", returned: "trackline", stalled: "trackline" },
        senderName: "Trackline demo store",
        senderAddress: "orders@demo-store.example",
      },
      sms: { enabled: true, moments: ["out_for_delivery", "attempt_failed", "exception", "delivered"] },
      coalesceMinutes: 1,
      // The demo runs at any hour: no quiet hours.
      quietHours: { startHour: 0, endHour: 0 },
      flow: { enabled: false },
    }),
  });
  const orders = await ordersWithoutContact(db, DEMO_SHOP, 2000);
  let index = 0;
  for (const order of orders) {
    const locale = SUPPORTED_DEMO_LOCALES[index % SUPPORTED_DEMO_LOCALES.length] as string;
    const number = order.orderName.replace(/\D/g, "") || String(index);
    await captureShopperContact(
      db,
      DEMO_SHOP,
      order.orderId,
      // Invented numbers in the UK's drama range (07700 900000–900999), never a real phone.
      { email: `shopper${number}@demo-shoppers.example`, phone: `+44 7700 900${String(Number(number) % 1000).padStart(3, "0")}`, firstName: FIRST_NAMES[locale] ?? null, locale },
      options.key,
      options.now,
    );
    index += 1;
  }
  return orders.length;
}
