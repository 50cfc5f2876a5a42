import crypto from "node:crypto";
import http from "node:http";

/**
 * A local stand-in for Twilio's Messages API (`POST /2010-04-01/Accounts/{AccountSid}/Messages.json`):
 * checks HTTP Basic auth (AccountSid:AuthToken) and the form-encoded `To`, `From` or
 * `MessagingServiceSid` and `Body` the way Twilio does, answers 201 with a message resource
 * (`sid`, `status: "queued"`, `num_segments`…), and answers Twilio's error shape
 * (`{ code, message, more_info, status }`) for bad credentials (20003), an invalid `To` (21211),
 * an unsubscribed recipient (21610, for numbers marked with `unsubscribe`), or 429 / 5xx when told to.
 */
export interface FakeTwilioMessage {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  receivedAt: Date;
}

export interface FakeTwilio {
  url: string;
  messages: FakeTwilioMessage[];
  /** Requests of every kind, answered or refused. */
  requests: number;
  fail(...statuses: (429 | 500 | 503)[]): void;
  unsubscribe(number: string): void;
  close(): Promise<void>;
}

const MORE_INFO = "https://www.twilio.com/docs/errors/";

export async function startFakeTwilio(credentials: { accountSid: string; authToken: string }): Promise<FakeTwilio> {
  const messages: FakeTwilioMessage[] = [];
  const failures: (429 | 500 | 503)[] = [];
  const unsubscribed = new Set<string>();
  let requests = 0;
  const answer = (response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { "content-type": "application/json", ...headers });
    response.end(JSON.stringify(body));
  };
  const error = (response: http.ServerResponse, status: number, code: number, message: string) =>
    answer(response, status, { code, message, more_info: `${MORE_INFO}${code}`, status });

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      requests += 1;
      const path = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(request.url ?? "");
      if (request.method !== "POST" || !path) return error(response, 404, 20404, "The requested resource was not found");
      const expected = `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString("base64")}`;
      if (request.headers.authorization !== expected || decodeURIComponent(path[1] ?? "") !== credentials.accountSid) {
        return error(response, 401, 20003, "Authenticate");
      }
      const failure = failures.shift();
      if (failure === 429) return answer(response, 429, { code: 20429, message: "Too Many Requests", more_info: `${MORE_INFO}20429`, status: 429 }, { "Retry-After": "2" });
      if (failure) return error(response, failure, 20500, "Internal Server Error");
      if (!String(request.headers["content-type"]).startsWith("application/x-www-form-urlencoded")) {
        return error(response, 400, 21201, "No 'To' number is specified");
      }
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      const to = form.get("To") ?? "";
      const from = form.get("From");
      const messagingServiceSid = form.get("MessagingServiceSid");
      const body = form.get("Body") ?? "";
      if (!to) return error(response, 400, 21604, "A 'To' phone number is required.");
      if (!/^\+[1-9]\d{7,14}$/.test(to)) return error(response, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
      if (!from && !messagingServiceSid) return error(response, 400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message.");
      if (!body) return error(response, 400, 21602, "Message body is required.");
      if (body.length > 1600) return error(response, 400, 21617, "The concatenated message body exceeds the 1600 character limit.");
      if (unsubscribed.has(to)) return error(response, 400, 21610, "Attempt to send to unsubscribed recipient");
      const sid = `SM${crypto.randomBytes(16).toString("hex")}`;
      const receivedAt = new Date();
      messages.push({ sid, to, from, messagingServiceSid, body, receivedAt });
      answer(response, 201, {
        sid,
        account_sid: credentials.accountSid,
        to,
        from,
        messaging_service_sid: messagingServiceSid,
        body,
        status: messagingServiceSid ? "accepted" : "queued",
        num_segments: "0",
        num_media: "0",
        direction: "outbound-api",
        api_version: "2010-04-01",
        date_created: receivedAt.toUTCString(),
        error_code: null,
        error_message: null,
        uri: `/2010-04-01/Accounts/${credentials.accountSid}/Messages/${sid}.json`,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    get requests() {
      return requests;
    },
    fail: (...statuses) => failures.push(...statuses),
    unsubscribe: (number) => unsubscribed.add(number),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
