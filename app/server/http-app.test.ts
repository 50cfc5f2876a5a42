import type { ServerBuild } from "@remix-run/node";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { CUSTOMER_EMAIL, seedTrackingFixtures } from "~/testing/tracking-lookup-shop.server";
import { startInboundServer, type RunningServer } from "~/testing/route-build";
import { appProxyUrl, signedWebhookRequest, TEST_APP } from "~/testing/shopify-requests";
import { DEFAULT_BODY_LIMITS } from "./body-limit";
import { createHttpApp } from "./http-app";
import { DEFAULT_CSP, DOCUMENT_CSP, TRACKING_PAGE_CSP } from "./security-headers.server";

let server: RunningServer;
/** Every socket the server accepted, to count the bytes it actually read off the network. */
const sockets: Socket[] = [];

beforeAll(async () => {
  await seedTrackingFixtures(database().db);
  // As deployed with Shopify's app proxy in front and nothing else: one trusted hop.
  server = await startInboundServer({ trustedProxyHops: 1 });
  server.server.on("connection", (socket: Socket) => sockets.push(socket));
});
afterAll(() => server.close());

/** A signed Shopify request sent to the running server instead of its test URL. */
async function send(request: Request): Promise<Response> {
  const url = new URL(request.url);
  return fetch(`${server.url}${url.pathname}${url.search}`, {
    method: request.method,
    headers: request.headers,
    ...(request.method === "GET" ? {} : { body: await request.text() }),
  });
}

interface StreamResult {
  status: number | null;
  /** When the answer's head arrived (ms since the epoch). */
  answeredAt: number;
  /** What the client managed to hand to its socket before the answer came. */
  bytesSent: number;
  /** What the server read off its socket for this request. */
  serverBytesRead: number;
}

/**
 * Streams up to `total` bytes in 64 KiB chunks to `path` (chunked, or with a Content-Length
 * claiming `declared` bytes), stopping as soon as an answer arrives.
 */
function streamBody(path: string, total: number, declared?: number): Promise<StreamResult> {
  const chunk = Buffer.alloc(64 * 1024, "x");
  const before = sockets.length;
  return new Promise((resolve) => {
    let bytesSent = 0;
    let status: number | null = null;
    let answeredAt = 0;
    let done = false;
    const { port } = server.server.address() as AddressInfo;
    const request = http.request({
      host: "127.0.0.1",
      port,
      path,
      method: "POST",
      headers: { "Content-Type": "application/json", ...(declared !== undefined ? { "Content-Length": String(declared) } : {}) },
    });
    const finish = () => {
      if (done) return;
      done = true;
      // The server's socket for this request: the one accepted after we started.
      setTimeout(() => {
        const socket = sockets[before];
        resolve({ status, answeredAt, bytesSent, serverBytesRead: socket?.bytesRead ?? -1 });
        request.destroy();
      }, 1_500);
    };
    request.on("response", (response) => {
      status = response.statusCode ?? null;
      answeredAt = Date.now();
      response.resume();
      finish();
    });
    request.on("error", finish);
    const pump = () => {
      while (!done && bytesSent < total) {
        bytesSent += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      if (!done) request.end();
    };
    pump();
  });
}

describe("body size limits, enforced while the body streams in", () => {
  const MiB = 1024 * 1024;

  it.each([
    ["a Shopify webhook", "/webhooks/fulfillments/create", DEFAULT_BODY_LIMITS.shopifyWebhook],
    ["a Flow trigger lifecycle callback", "/webhooks/flow/lifecycle", DEFAULT_BODY_LIMITS.shopifyWebhook],
    ["a carrier push", "/webhooks/carriers/17track", DEFAULT_BODY_LIMITS.carrierPush],
    ["the tracking page", "/apps/track", DEFAULT_BODY_LIMITS.trackingPage],
  ])("refuses an endless chunked body to %s with 413 after reading at most its limit", async (_name, path, limit) => {
    const result = await streamBody(path, 200 * MiB);
    expect(result.status).toBe(413);
    // The server stopped reading at the limit: past it only what its socket had already read
    // ahead (a few 64 KiB reads), never the 200 MiB on offer.
    expect(result.serverBytesRead).toBeGreaterThan(limit);
    expect(result.serverBytesRead).toBeLessThan(limit + 320 * 1024);
    expect(result.bytesSent).toBeLessThan(200 * MiB);
  });

  it("closes a refused connection in stages, so the 413 cannot be erased by a reset (RFC 9112 §9.6)", async () => {
    // The answer and a FIN first; the server's socket, with the client's unread body in it, is
    // destroyed (and reset) only after the grace period. Destroyed at once, the reset could
    // overtake the answer and the client would see a dropped connection.
    const before = sockets.length;
    const result = streamBody("/webhooks/carriers/17track", 200 * MiB);
    const serverClosedAt = await new Promise<number>((resolve) => {
      const poll = setInterval(() => {
        const socket = sockets[before];
        if (!socket) return;
        clearInterval(poll);
        socket.once("close", () => resolve(Date.now()));
      }, 1);
    });
    const { status, answeredAt } = await result;
    expect(status).toBe(413);
    expect(serverClosedAt - answeredAt).toBeGreaterThanOrEqual(500);
  });

  it("refuses a declared 400 MB body before reading any of it", async () => {
    const result = await streamBody("/webhooks/orders/cancelled", 100 * MiB, 400 * MiB);
    expect(result.status).toBe(413);
    expect(result.serverBytesRead).toBeLessThan(256 * 1024);
  });

  it("holds memory flat under 8 parallel 64 MB bodies", async () => {
    const before = process.memoryUsage();
    const results = await Promise.all(Array.from({ length: 8 }, () => streamBody("/webhooks/fulfillments/update", 64 * MiB)));
    const after = process.memoryUsage();
    expect(results.map((result) => result.status)).toEqual(Array(8).fill(413));
    // Buffered at most 8 × 4 MiB; the bodies' 512 MB never arrive in memory.
    expect(after.arrayBuffers + after.heapUsed - (before.arrayBuffers + before.heapUsed)).toBeLessThan(80 * MiB);
  });

  it("takes a body of exactly the limit and refuses one byte more (tracking page)", async () => {
    const url = new URL(appProxyUrl("/apps/track"));
    const post = (size: number) =>
      fetch(`${server.url}${url.pathname}${url.search}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: `order=1001&contact=${"a".repeat(size - "order=1001&contact=".length)}`,
      });
    expect((await post(DEFAULT_BODY_LIMITS.trackingPage)).status).toBe(200);
    expect((await post(DEFAULT_BODY_LIMITS.trackingPage + 1)).status).toBe(413);
  });

  it("still verifies a signed webhook under the limit (401 when forged, 200 when signed)", async () => {
    const body = { id: 1, padding: "p".repeat(2 * MiB) };
    expect((await send(signedWebhookRequest({ topic: "app/scopes_update", body, secret: "forged" }))).status).toBe(401);
    expect((await send(signedWebhookRequest({ topic: "app/scopes_update", body: { id: 1, current: ["read_orders"], padding: "p".repeat(2 * MiB) } }))).status).toBe(200);
  });
});

describe("security headers", () => {
  it("puts helmet's hardening and a deny-all CSP on answers that are not documents", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toBe(DEFAULT_CSP);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin-allow-popups");
    expect(response.headers.get("x-powered-by")).toBeNull();
    // The admin is framed by Shopify: never X-Frame-Options, which would forbid it.
    expect(response.headers.get("x-frame-options")).toBeNull();
  });

  it("gives the tracking page a strict CSP with no scripts", async () => {
    const url = new URL(appProxyUrl("/apps/track"));
    const response = await fetch(`${server.url}${url.pathname}${url.search}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toBe(TRACKING_PAGE_CSP);
    expect(TRACKING_PAGE_CSP).toContain("script-src 'none'");
    expect(await response.text()).not.toMatch(/<script/i);
  });

  it("keeps the frame-ancestors policy Shopify's library put on an admin document", async () => {
    const adminPolicy = `frame-ancestors https://${TEST_APP.shop} https://admin.shopify.com;`;
    const build: ServerBuild = {
      mode: "production",
      entry: { module: { default: () => new Response("") } },
      routes: {
        root: { id: "root", path: "", module: { default: undefined } },
        "routes/app": {
          id: "routes/app",
          parentId: "root",
          path: "app",
          module: { default: undefined, loader: () => new Response("<html></html>", { headers: { "Content-Type": "text/html", "Content-Security-Policy": adminPolicy } }) },
        },
      },
      assets: { entry: { imports: [], module: "" }, routes: {}, url: "", version: "test" },
      publicPath: "/build/",
      assetsBuildDirectory: "public/build",
      future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_lazyRouteDiscovery: true, v3_singleFetch: false },
      isSpaMode: false,
    };
    const app = createHttpApp({ build, mode: "production", trustedProxyHops: 0 });
    const admin = http.createServer(app);
    await new Promise<void>((resolve) => admin.listen(0, "127.0.0.1", resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(admin.address() as AddressInfo).port}/app`);
      expect(response.headers.get("content-security-policy")).toBe(adminPolicy);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    } finally {
      admin.close();
    }
  });

  it("gives an app document the library left without a policy (login page, demo) one that still runs its scripts", async () => {
    const build: ServerBuild = {
      mode: "production",
      entry: { module: { default: () => new Response("") } },
      routes: {
        root: { id: "root", path: "", module: { default: undefined } },
        "routes/login": {
          id: "routes/login",
          parentId: "root",
          path: "login",
          module: { default: undefined, loader: () => new Response("<html></html>", { headers: { "Content-Type": "text/html; charset=utf-8" } }) },
        },
      },
      assets: { entry: { imports: [], module: "" }, routes: {}, url: "", version: "test" },
      publicPath: "/build/",
      assetsBuildDirectory: "public/build",
      future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_lazyRouteDiscovery: true, v3_singleFetch: false },
      isSpaMode: false,
    };
    const app = createHttpApp({ build, mode: "production", trustedProxyHops: 0 });
    const documents = http.createServer(app);
    await new Promise<void>((resolve) => documents.listen(0, "127.0.0.1", resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(documents.address() as AddressInfo).port}/login`);
      expect(response.headers.get("content-security-policy")).toBe(DOCUMENT_CSP);
      expect(DOCUMENT_CSP).not.toContain("default-src");
      expect(DOCUMENT_CSP).toContain("frame-ancestors 'none'");
    } finally {
      documents.close();
    }
  });
});

describe("malformed requests get 4xx, not 5xx or a stack trace", () => {
  it.each(["GET", "PUT", "DELETE"])("answers %s on a webhook route with 405 and Allow: POST, logging nothing", async (method) => {
    for (const path of ["/webhooks/fulfillments/create", "/webhooks/shop/redact", "/webhooks/carriers/ups"]) {
      const response = await fetch(`${server.url}${path}`, { method });
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("POST");
    }
    // The test setup fails the test on any console.error (Remix logs a stack for a missing loader).
  });

  it("answers a webhook with an invalid shop header with 400", async () => {
    for (const shop of ["evil.example.com", "UPPER.myshopify.com", "a.myshopify.com.evil.com", ""]) {
      const response = await send(signedWebhookRequest({ topic: "fulfillments/create", body: { id: 1 }, shop }));
      expect(response.status).toBe(400);
    }
  });

  it("answers an app-proxy request naming an invalid shop with 400, even correctly signed", async () => {
    for (const shop of ["evil", "evil.example.com"]) {
      const url = new URL(appProxyUrl("/apps/track", { shop }));
      const response = await fetch(`${server.url}${url.pathname}${url.search}`);
      expect(response.status).toBe(400);
    }
  });

  it("answers an unknown path 404, a cross-origin form post 403 and a malformed Origin 400, logging nothing", async () => {
    expect((await fetch(`${server.url}/wp-login.php`)).status).toBe(404);
    const post = (origin: string) =>
      fetch(`${server.url}/no-such-form`, { method: "POST", headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" }, body: "a=1" });
    expect((await post("https://evil.example")).status).toBe(403);
    expect((await post("not a url")).status).toBe(400);
    // The test setup fails the test on any console.error: Remix's default boundary logged each.
  });

  it("answers a Host header that is not a host name with 400", async () => {
    const { port } = server.server.address() as AddressInfo;
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const request = http.request({ host: "127.0.0.1", port, path: "/healthz", headers: { Host: "evil.test/apps/track?" } }, (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      request.on("error", reject);
      request.end();
    });
    expect(status).toBe(400);
  });
});

describe("client address through trusted proxy hops", () => {
  const lookup = (forwardedFor: string, contact: string, order = "1001") => {
    const url = new URL(appProxyUrl("/apps/track"));
    return fetch(`${server.url}${url.pathname}${url.search}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": forwardedFor },
      body: new URLSearchParams({ order, contact }),
    });
  };

  it("limits a guesser by the address Shopify's proxy appended, however it forges the rest", async () => {
    // Failures count in fixed 10-minute windows: start well inside one.
    const windowMs = 10 * 60_000;
    const left = windowMs - (Date.now() % windowMs);
    if (left < 10_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
    // Shopify's proxy appends the address it saw to whatever X-Forwarded-For the client sent.
    const guesser = "198.51.100.200";
    for (let attempt = 0; attempt < 10; attempt++) {
      const forged = `10.${attempt}.0.1, 203.0.113.${attempt}`;
      expect((await lookup(`${forged}, ${guesser}`, CUSTOMER_EMAIL, `${5000 + attempt}`)).status).toBe(200);
    }
    const blocked = await lookup(`192.0.2.99, ${guesser}`, CUSTOMER_EMAIL);
    expect(blocked.status).toBe(429);
    // The address it kept forging belongs to someone else, who is served.
    const shopper = await lookup("198.51.100.201", CUSTOMER_EMAIL);
    expect(shopper.status).toBe(200);
    expect(await shopper.text()).toContain("Order #1001");
  });
});
