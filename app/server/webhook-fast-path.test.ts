import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { generateSampleNumber, seededRandom } from "~/domain/tracking-number/sample-numbers";
import { fulfillmentWebhookPayload } from "~/services/ingestion/fulfillment-webhook-builder.server";
import { expectConsoleError } from "~/testing/setup";
import { inboundRoutesBuild, startInboundServer, type RunningServer } from "~/testing/route-build";
import { TEST_APP } from "~/testing/shopify-requests";
import { createHttpApp } from "./http-app";
import { DEFAULT_CSP } from "./security-headers.server";
import { buildWebhookAnswer, FAST_PATH_TOPICS, webhookFastPath } from "./webhook-fast-path";

/**
 * The fast path must answer every delivery exactly as the Remix route did: two servers on the
 * same database, one with the fast path and one without, get the same table of deliveries (each
 * with ids of its own) and must give the same answers and store the same rows.
 */
const BODY_LIMIT = 64 * 1024;
const limits = { shopifyWebhook: BODY_LIMIT, carrierPush: BODY_LIMIT, trackingPage: 8 * 1024, other: BODY_LIMIT };
let remix: RunningServer;
let fast: RunningServer;

beforeAll(async () => {
  remix = await startInboundServer({ webhookFastPath: false, bodyLimits: limits });
  fast = await startInboundServer({ bodyLimits: limits });
});
afterAll(async () => {
  await remix.close();
  await fast.close();
});

interface Sent {
  method?: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

/** What a client sees: status, headers (framing and dates aside), body. Node's client, so a test can set Host. */
function exchange(base: string, request: Sent): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const url = new URL(`${base}${request.path}`);
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: request.method ?? "POST", headers: request.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const headers = Object.fromEntries(
          Object.entries(response.headers)
            .filter(([name]) => !["date", "connection", "keep-alive"].includes(name))
            .map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : String(value)]),
        );
        resolve({ status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString("utf8") });
      });
      response.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end(request.body === undefined ? undefined : Buffer.from(request.body));
  });
}

function sign(body: string | Uint8Array<ArrayBuffer>, secret: string = TEST_APP.apiSecret): string {
  return crypto.createHmac("sha256", secret).update(body).digest("base64");
}

/** A delivery as Shopify sends it; `change` edits it afterwards (forged, missing header…). */
function delivery(topic: string, payload: unknown, options: { webhookId?: string; raw?: string | Uint8Array<ArrayBuffer>; path?: string } = {}): Sent {
  const body = options.raw ?? JSON.stringify(payload);
  return {
    path: options.path ?? `/webhooks/${topic}`,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Shop-Domain": TEST_APP.shop,
      "X-Shopify-Hmac-Sha256": sign(body),
      "X-Shopify-Webhook-Id": options.webhookId ?? crypto.randomUUID(),
      "X-Shopify-API-Version": "2026-10",
    },
    body,
  };
}

let nextFulfillment = 7_000_000;
function fulfillment(): Record<string, unknown> {
  const id = nextFulfillment++;
  return fulfillmentWebhookPayload({
    fulfillmentId: id,
    orderId: id + 1_000_000,
    orderName: `#${id}`,
    createdAt: new Date("2026-12-01T10:00:00Z"),
    trackingCompany: "UPS",
    trackingNumbers: [generateSampleNumber("ups_1z", seededRandom(id)).number],
    destinationCountry: "US",
    lineItemCount: 1,
    email: `shopper${id}@example.com`,
  });
}

const without = (headers: Record<string, string>, name: string): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== name.toLowerCase()));

/** Each case builds a fresh request per server (ids and fulfillments of its own). */
const CASES: { name: string; build: () => Sent[] }[] = [
  { name: "authentic fulfillments/create", build: () => [delivery("fulfillments/create", fulfillment())] },
  { name: "authentic fulfillments/update", build: () => [delivery("fulfillments/update", fulfillment())] },
  {
    name: "authentic orders/cancelled",
    build: () => [delivery("orders/cancelled", { id: nextFulfillment++, admin_graphql_api_id: `gid://shopify/Order/${nextFulfillment}`, cancelled_at: "2026-12-01T12:00:00Z" })],
  },
  {
    name: "duplicate (the same delivery twice)",
    build: () => {
      const first = delivery("fulfillments/create", fulfillment());
      return [first, first];
    },
  },
  {
    name: "the same id with another body (a redelivery is deduped by id)",
    build: () => {
      const id = crypto.randomUUID();
      return [delivery("fulfillments/create", fulfillment(), { webhookId: id }), delivery("fulfillments/create", fulfillment(), { webhookId: id })];
    },
  },
  {
    name: "forged (another secret)",
    build: () => {
      const sent = delivery("fulfillments/create", fulfillment());
      return [{ ...sent, headers: { ...sent.headers, "X-Shopify-Hmac-Sha256": sign(sent.body as string, "forged") } }];
    },
  },
  {
    name: "tampered body",
    build: () => {
      const sent = delivery("fulfillments/create", fulfillment());
      return [{ ...sent, body: (sent.body as string).replace("UPS", "DHL") }];
    },
  },
  {
    name: "missing HMAC header",
    build: () => {
      const sent = delivery("fulfillments/create", fulfillment());
      return [{ ...sent, headers: without(sent.headers, "X-Shopify-Hmac-Sha256") }];
    },
  },
  {
    name: "missing webhook id (signed)",
    build: () => {
      const sent = delivery("fulfillments/create", fulfillment());
      return [{ ...sent, headers: without(sent.headers, "X-Shopify-Webhook-Id") }];
    },
  },
  {
    name: "missing shop header (signed)",
    build: () => {
      const sent = delivery("fulfillments/update", fulfillment());
      return [{ ...sent, headers: without(sent.headers, "X-Shopify-Shop-Domain") }];
    },
  },
  { name: "empty body", build: () => [delivery("fulfillments/create", null, { raw: "" })] },
  {
    name: "invalid shop domain",
    build: () => {
      const sent = delivery("fulfillments/create", fulfillment());
      return [{ ...sent, headers: { ...sent.headers, "X-Shopify-Shop-Domain": "evil.example.com" } }];
    },
  },
  ...["GET", "PUT", "DELETE"].map((method) => ({ name: `wrong method ${method}`, build: () => [{ method, path: "/webhooks/fulfillments/create", headers: {} }] })),
  { name: "oversized body", build: () => [delivery("fulfillments/create", { padding: "p".repeat(BODY_LIMIT) })] },
  { name: "body of exactly the limit", build: () => [delivery("fulfillments/create", null, { raw: `{"p":"${"p".repeat(BODY_LIMIT - 8)}"}` })] },
  { name: "unusable payload (kept for replay)", build: () => [delivery("fulfillments/create", { id: "not a fulfillment" })] },
  { name: "authentic body that is not JSON (kept)", build: () => [delivery("fulfillments/create", null, { raw: "{not json" })] },
  { name: "authentic body that is not UTF-8 (kept as bytes)", build: () => [delivery("fulfillments/create", null, { raw: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) })] },
  { name: "a topic the address does not take (kept)", build: () => [delivery("orders/cancelled", { id: 1 }, { path: "/webhooks/fulfillments/create" })] },
  {
    name: "a query string after the path",
    build: () => {
      const sent = delivery("fulfillments/create", fulfillment());
      return [{ ...sent, path: `${sent.path}?source=test` }];
    },
  },
  {
    name: "a Host header that is not a host name",
    build: () => {
      const sent = delivery("fulfillments/create", fulfillment());
      return [{ ...sent, headers: { ...sent.headers, Host: "evil.example/path" } }];
    },
  },
  {
    name: "an Origin header",
    build: () => {
      const sent = delivery("fulfillments/create", fulfillment());
      return [{ ...sent, headers: { ...sent.headers, Origin: "not a url" } }];
    },
  },
];

/** The receipt a delivery left, without what differs between two servers' deliveries by design. */
async function storedFor(sent: Sent) {
  const webhookId = sent.headers["X-Shopify-Webhook-Id"];
  if (!webhookId) return null;
  const receipt = await database().db.webhookReceipt.findUnique({ where: { webhookId } });
  if (!receipt) return null;
  const keptBody = receipt.payload === null ? null : receipt.payloadEncoding === "base64" ? Buffer.from(receipt.payload, "base64") : receipt.payload;
  const sentBody = typeof sent.body === "string" ? sent.body : sent.body ? Buffer.from(sent.body) : null;
  return {
    topic: receipt.topic,
    shopDomain: receipt.shopDomain,
    apiVersion: receipt.apiVersion,
    outcome: receipt.outcome,
    error: receipt.error,
    processed: receipt.processedAt !== null,
    keptIsTheBodySent: keptBody === null ? null : Buffer.compare(Buffer.from(keptBody), Buffer.from(sentBody ?? "")) === 0,
    hasOrder: receipt.orderId !== null,
  };
}

async function shipmentsOf(sent: Sent): Promise<number> {
  if (typeof sent.body !== "string") return 0;
  let fulfillmentId: unknown;
  try {
    fulfillmentId = (JSON.parse(sent.body) as { admin_graphql_api_id?: unknown }).admin_graphql_api_id;
  } catch {
    return 0;
  }
  return typeof fulfillmentId === "string" ? database().db.shipment.count({ where: { fulfillmentId } }) : 0;
}

describe("webhook fast path", () => {
  it("covers the group commit's topics, each at its own address", () => {
    expect(FAST_PATH_TOPICS).toEqual(["fulfillments/create", "fulfillments/update", "orders/cancelled"]);
  });

  it.each(CASES)("answers and stores $name exactly as the Remix route", async ({ build }) => {
    const results = [];
    for (const base of [remix.url, fast.url]) {
      const requests = build();
      const answers = [];
      for (const request of requests) answers.push(await exchange(base, request));
      const stored = await Promise.all(requests.map(storedFor));
      const shipments = await Promise.all(requests.map(shipmentsOf));
      const receipts = await database().db.webhookReceipt.count({ where: { webhookId: { in: requests.map((request) => request.headers["X-Shopify-Webhook-Id"] ?? "") } } });
      results.push({ answers, stored, shipments, receipts });
    }
    const [viaRemix, viaFastPath] = results;
    expect(viaFastPath).toEqual(viaRemix);
  });

  it("gives the answers of the table their expected statuses, headers and rows", async () => {
    const run = async (sent: Sent) => ({ answer: await exchange(fast.url, sent), stored: await storedFor(sent) });
    const authentic = delivery("fulfillments/create", fulfillment());
    const first = await run(authentic);
    expect(first.answer).toEqual({
      status: 200,
      headers: {
        "content-security-policy": DEFAULT_CSP,
        "cross-origin-opener-policy": "same-origin-allow-popups",
        "cross-origin-resource-policy": "same-origin",
        "origin-agent-cluster": "?1",
        "referrer-policy": "no-referrer",
        "strict-transport-security": "max-age=31536000; includeSubDomains",
        "transfer-encoding": "chunked",
        "x-content-type-options": "nosniff",
        "x-dns-prefetch-control": "off",
        "x-download-options": "noopen",
        "x-permitted-cross-domain-policies": "none",
        "x-xss-protection": "0",
      },
      body: "",
    });
    expect(first.stored).toMatchObject({ outcome: "processed", processed: true, keptIsTheBodySent: null, hasOrder: true });
    expect(await shipmentsOf(authentic)).toBe(1);
    expect((await run(authentic)).answer.status).toBe(200);
    expect(await database().db.webhookReceipt.count({ where: { webhookId: authentic.headers["X-Shopify-Webhook-Id"] } })).toBe(1);
    expect(await shipmentsOf(authentic)).toBe(1);

    const forged = delivery("fulfillments/create", fulfillment());
    forged.headers["X-Shopify-Hmac-Sha256"] = sign("other body");
    expect(await run(forged)).toMatchObject({ answer: { status: 401 }, stored: null });
    expect(await shipmentsOf(forged)).toBe(0);

    const unusable = delivery("fulfillments/create", { id: "not a fulfillment" });
    expect(await run(unusable)).toMatchObject({ answer: { status: 200 }, stored: { outcome: "failed", processed: false, keptIsTheBodySent: true } });
    expect((await run({ method: "GET", path: "/webhooks/orders/cancelled", headers: {} })).answer).toMatchObject({ status: 405, headers: { allow: "POST" } });
    expect((await run(delivery("fulfillments/create", { padding: "p".repeat(BODY_LIMIT) }))).answer.status).toBe(413);
  });

  it("answers the deliveries it can answer exactly itself and passes the rest on", async () => {
    const alone = express();
    alone.use(webhookFastPath({ mode: "production", bodyLimits: limits, answer: buildWebhookAnswer(await inboundRoutesBuild())! }));
    alone.use((_req, res) => res.status(599).end());
    const server = await listen(alone);
    try {
      const passedOn: string[] = [];
      for (const { name, build } of CASES) {
        for (const request of build()) if ((await exchange(server.url, request)).status === 599) passedOn.push(name);
      }
      expect(passedOn).toEqual([
        "invalid shop domain",
        "wrong method GET",
        "wrong method PUT",
        "wrong method DELETE",
        "oversized body",
        "a Host header that is not a host name",
        "an Origin header",
      ]);
    } finally {
      await server.close();
    }
  });

  it("answers a delivery the database could not store 500, as Remix answers an action that threw", async () => {
    const failure = new Error("database is locked");
    const build = await inboundRoutesBuild();
    const routeId = "routes/webhooks.fulfillments.create";
    const failing: typeof build = {
      ...build,
      routes: {
        ...build.routes,
        [routeId]: {
          ...build.routes[routeId]!,
          module: {
            default: undefined,
            action: () => {
              throw failure;
            },
          },
        },
      },
    };
    const viaRemix = await listen(createHttpApp({ build: failing, mode: "production", trustedProxyHops: 1, webhookFastPath: false }));
    const fastOnly = express();
    fastOnly.disable("x-powered-by");
    fastOnly.use(webhookFastPath({ mode: "production", bodyLimits: limits, answer: () => Promise.reject(failure) }));
    const viaFastPath = await listen(fastOnly);
    try {
      const answers = [];
      for (const server of [viaRemix, viaFastPath]) {
        expectConsoleError(1);
        const answer = await exchange(server.url, delivery("fulfillments/create", fulfillment()));
        // Remix streams its body, which compression then gzips; the fast path sends it as it is.
        const framing = ["transfer-encoding", "content-length", "content-encoding"];
        answers.push({ ...answer, headers: Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !framing.includes(name))) });
      }
      expect(answers[0]).toMatchObject({ status: 500, body: "Unexpected Server Error" });
      expect(answers[1]).toEqual(answers[0]);
    } finally {
      await viaRemix.close();
      await viaFastPath.close();
    }
  });
});

async function listen(app: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
