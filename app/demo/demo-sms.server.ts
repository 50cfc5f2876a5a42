import crypto from "node:crypto";
import http from "node:http";

/**
 * The demo's Twilio: a local HTTP server answering Twilio's Messages API
 * (`POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded, HTTP Basic auth) for the
 * demo account, keeping every text for the admin's "Demo inbox" page. Nothing leaves the machine.
 */
export const DEMO_TWILIO = {
  accountSid: `AC${"de".repeat(16)}`,
  authToken: "demo-auth-token-not-a-secret-000",
  sender: "+15005550006",
} as const;

export interface DemoText {
  id: number;
  sid: string;
  to: string;
  from: string;
  body: string;
  receivedAt: string;
}

interface DemoSmsStore {
  texts: DemoText[];
}

/** Shared with the Remix build (another module graph in the same process) through globalThis. */
const STORE_KEY = Symbol.for("trackline.demoSms");

export function demoSmsStore(): DemoSmsStore {
  const holder: Record<symbol, DemoSmsStore | undefined> = globalThis as typeof globalThis & Record<symbol, DemoSmsStore | undefined>;
  holder[STORE_KEY] ??= { texts: [] };
  return holder[STORE_KEY];
}

export async function startDemoSmsServer(): Promise<{ url: string; close(): Promise<void> }> {
  const store = demoSmsStore();
  const expected = `Basic ${Buffer.from(`${DEMO_TWILIO.accountSid}:${DEMO_TWILIO.authToken}`).toString("base64")}`;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const reply = (status: number, body: unknown) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(body));
      };
      if (request.method !== "POST" || request.url !== `/2010-04-01/Accounts/${DEMO_TWILIO.accountSid}/Messages.json`) {
        return reply(404, { code: 20404, message: "The requested resource was not found", more_info: "https://www.twilio.com/docs/errors/20404", status: 404 });
      }
      if (request.headers.authorization !== expected) {
        return reply(401, { code: 20003, message: "Authenticate", more_info: "https://www.twilio.com/docs/errors/20003", status: 401 });
      }
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      const to = form.get("To") ?? "";
      if (!/^\+[1-9]\d{7,14}$/.test(to)) {
        return reply(400, { code: 21211, message: `The 'To' number ${to} is not a valid phone number.`, more_info: "https://www.twilio.com/docs/errors/21211", status: 400 });
      }
      const sid = `SM${crypto.randomBytes(16).toString("hex")}`;
      const from = form.get("From") ?? form.get("MessagingServiceSid") ?? "";
      const body = form.get("Body") ?? "";
      store.texts.unshift({ id: store.texts.length + 1, sid, to, from, body, receivedAt: new Date().toISOString() });
      if (store.texts.length > 500) store.texts.length = 500;
      reply(201, { sid, to, from, body, status: "queued", account_sid: DEMO_TWILIO.accountSid, api_version: "2010-04-01", direction: "outbound-api" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
