import type { ServerBuild } from "@remix-run/node";
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { database } from "~/data/client.server";
import { ALL_PAGE_LOCALES } from "~/services/tracking-lookup/storefront-page";
import { shopperLinkKey } from "~/services/shopper-links/key.server";
import { createShopperLinkToken } from "~/services/shopper-links/token.server";
import { CUSTOMER_EMAIL, SHOP, TRACKING_MOVING, seedTrackingFixtures } from "~/testing/tracking-lookup-shop.server";
import { inboundRoutesBuild } from "~/testing/route-build";
import { expectConsoleError } from "~/testing/setup";
import { appProxyUrl } from "~/testing/shopify-requests";
import { createHttpApp } from "./http-app";
import { STOREFRONT_ROUTE_ID } from "./storefront-proxy";

/**
 * The production server answers the storefront page (/apps/track) without Remix. Each request
 * below goes to three servers on the same database: one with both direct mounts (the usual
 * lookups answered before the middleware chain, the rest after it), one with only the mount after
 * the chain, and one whose build lacks the direct answer (so Remix answers, as before the
 * mounts). Their answers must be the same.
 */
interface Served {
  url: string;
  close(): Promise<void>;
  /** Requests the Remix route's loader or action answered. */
  remixCalls: number;
}

async function serve(build: ServerBuild, served: { remixCalls: number }, storefrontFirst = true): Promise<Served> {
  const server = http.createServer(createHttpApp({ build, mode: "production", trustedProxyHops: 1, storefrontFirst }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(served, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

type ServerRouteModule = ServerBuild["routes"][string]["module"];

/** The inbound build with the tracking route's loader and action counted, with or without its direct answer. */
async function trackingBuild(direct: boolean, served: { remixCalls: number }): Promise<ServerBuild> {
  const build = await inboundRoutesBuild();
  const route = build.routes[STOREFRONT_ROUTE_ID]!;
  const { answerTrackingPage, ...original }: ServerRouteModule & { answerTrackingPage?: unknown } = route.module;
  const module: ServerRouteModule & { answerTrackingPage?: unknown } = {
    ...original,
    loader: (args) => {
      served.remixCalls += 1;
      return original.loader!(args);
    },
    action: (args) => {
      served.remixCalls += 1;
      return original.action!(args);
    },
    ...(direct ? { answerTrackingPage } : {}),
  };
  return { ...build, routes: { ...build.routes, [STOREFRONT_ROUTE_ID]: { ...route, module } } };
}

let direct: Served;
let chained: Served;
let remix: Served;

beforeAll(async () => {
  await seedTrackingFixtures(database().db);
  const directCalls = { remixCalls: 0 };
  const chainedCalls = { remixCalls: 0 };
  const remixCalls = { remixCalls: 0 };
  direct = await serve(await trackingBuild(true, directCalls), directCalls);
  chained = await serve(await trackingBuild(true, chainedCalls), chainedCalls, false);
  remix = await serve(await trackingBuild(false, remixCalls), remixCalls);
});
afterAll(async () => {
  await direct.close();
  await chained.close();
  await remix.close();
});

interface Answer {
  status: number;
  statusMessage: string;
  headers: http.IncomingHttpHeaders;
  /** Decoded as the Content-Encoding says. */
  body: string;
  wireBytes: number;
}

interface Call {
  method?: string;
  /** Signed when sent (a fresh timestamp); path and query. */
  url: () => string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

function send(base: string, call: Call, clientAddress: string): Promise<Answer> {
  const url = new URL(call.url());
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${base}${url.pathname}${url.search}`,
      { method: call.method ?? "GET", headers: { "Accept-Encoding": "gzip, deflate", ...call.headers, "X-Forwarded-For": clientAddress } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const wire = Buffer.concat(chunks);
          const encoding = response.headers["content-encoding"];
          const decoded =
            encoding === "gzip" ? zlib.gunzipSync(wire) : encoding === "br" ? zlib.brotliDecompressSync(wire) : encoding === "deflate" ? zlib.inflateSync(wire) : wire;
          resolve({ status: response.statusCode!, statusMessage: response.statusMessage!, headers: response.headers, body: decoded.toString("utf8"), wireBytes: wire.length });
        });
      },
    );
    request.on("error", reject);
    request.end(call.body);
  });
}

/** Headers that describe the answer (not the connection, the clock or how the bytes were framed). */
function answerHeaders(answer: Answer): Record<string, string | string[] | undefined> {
  const { date: _date, connection: _connection, "keep-alive": _keepAlive, "transfer-encoding": _framing, "content-length": _length, "x-remix-catch": _remixMarker, ...rest } = answer.headers;
  // Below the compression threshold a whole answer goes out as it is (Remix streamed it, so its
  // length was unknown and even 12 bytes were gzipped).
  if (answer.body.length < 1024) delete rest["content-encoding"];
  // Seconds to the end of the window: the two requests may straddle a second.
  delete rest["retry-after"];
  return rest;
}

let nextAddress = 0;
/** The same request to both servers, from a fresh client address each (rate limits are per address). */
async function both(call: Call, addresses?: { direct: string; chained: string; remix: string }) {
  nextAddress += 1;
  const started = Date.now();
  const viaDirect = await send(direct.url, call, addresses?.direct ?? `203.0.113.${nextAddress}`);
  const viaChained = await send(chained.url, call, addresses?.chained ?? `198.18.0.${nextAddress}`);
  const viaRemix = await send(remix.url, call, addresses?.remix ?? `198.51.100.${nextAddress}`);
  return { viaDirect, viaChained, viaRemix, elapsedMs: Date.now() - started };
}

const SHOPPER_LINK = /name="t" value="v1\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+"/g;

/**
 * A page's shopper-link tokens (the help form's), each as its claims, and the page with each token
 * replaced by a mark. A token's expiry counts from the second it was made, so two answers to the
 * same request may differ there and nowhere else.
 */
function withoutLinkTokens(body: string): { body: string; claims: Record<string, unknown>[] } {
  const claims = [...body.matchAll(SHOPPER_LINK)].map(([, payload]) => JSON.parse(Buffer.from(payload!, "base64url").toString("utf8")) as Record<string, unknown>);
  return { body: body.replace(SHOPPER_LINK, 'name="t" value="(token)"'), claims };
}

function expectSameAnswer({ viaDirect, viaRemix, elapsedMs = 0 }: { viaDirect: Answer; viaRemix: Answer; elapsedMs?: number }) {
  expect(viaDirect.status).toBe(viaRemix.status);
  expect(viaDirect.statusMessage).toBe(viaRemix.statusMessage);
  expect(answerHeaders(viaDirect)).toEqual(answerHeaders(viaRemix));
  const direct = withoutLinkTokens(viaDirect.body);
  const remixed = withoutLinkTokens(viaRemix.body);
  expect(direct.body).toBe(remixed.body);
  // The same shop and parcel in each token; expiries as far apart as the two requests were.
  expect(direct.claims.map(({ e: _e, ...rest }) => rest)).toEqual(remixed.claims.map(({ e: _e, ...rest }) => rest));
  direct.claims.forEach((claims, index) => expect(Math.abs(Number(claims.e) - Number(remixed.claims[index]!.e))).toBeLessThanOrEqual(1 + Math.ceil(elapsedMs / 1000)));
}

const signed = (extra: Record<string, string> = {}, options: Parameters<typeof appProxyUrl>[1] = {}) => () => appProxyUrl("/apps/track", { ...options, extra });
const form = (fields: Record<string, string>, options: Parameters<typeof appProxyUrl>[1] = {}): Call => ({
  method: "POST",
  url: signed({}, options),
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});
const unsigned = (): string => {
  const url = new URL(appProxyUrl("/apps/track"));
  url.searchParams.delete("signature");
  return url.href;
};

const linkToken = () => createShopperLinkToken({ shop: SHOP, shipmentId: "ship_moving", expiresAt: new Date(Date.now() + 3_600_000) }, shopperLinkKey());

const CALLS: [string, Call, { status: number }][] = [
  ["the page opened (GET)", { url: signed() }, { status: 200 }],
  ["a lookup by order number + email", form({ order: "1001", contact: CUSTOMER_EMAIL }), { status: 200 }],
  ["a lookup by order number + phone", form({ order: "#1001", contact: "(613) 555-0123" }), { status: 200 }],
  ["an unknown order", form({ order: "9999", contact: CUSTOMER_EMAIL }), { status: 200 }],
  ["a tracking number", form({ tracking: ` ${TRACKING_MOVING.toLowerCase()} ` }), { status: 200 }],
  ["an unknown tracking number", form({ tracking: "NOSUCHPARCEL1" }), { status: 200 }],
  ["an order number without contact", form({ order: "1001" }), { status: 400 }],
  ["a shopper link from an email", { url: () => signed({ t: linkToken(), src: "email" })() }, { status: 200 }],
  ["a forged shopper link", { url: signed({ t: "forged.token" }) }, { status: 200 }],
  ["Liquid and HTML in the input", form({ order: "{{ shop.name }}<script>", contact: "{% raw %}" }), { status: 200 }],
  ["a signature made with another secret (GET)", { url: signed({}, { secret: "forged" }) }, { status: 400 }],
  ["a signature made with another secret (POST)", form({ order: "1001", contact: CUSTOMER_EMAIL }, { secret: "forged" }), { status: 400 }],
  ["no signature", { url: unsigned }, { status: 400 }],
  ["a stale timestamp", { url: signed({}, { timestamp: Math.floor(Date.now() / 1000) - 600 }) }, { status: 400 }],
  ["a shop that is no shop domain, correctly signed", { url: signed({}, { shop: "evil.example.com" }) }, { status: 400 }],
  ["Accept-Language fr-CA", { url: signed(), headers: { "Accept-Language": "fr-CA,fr;q=0.9,en;q=0.5" } }, { status: 200 }],
  ["a path prefix of the merchant's choosing", { url: signed({}, { pathPrefix: "/apps/where-is-my-order" }) }, { status: 200 }],
  ["a trailing slash", { url: () => appProxyUrl("/apps/track/") }, { status: 200 }],
  ["the page asked for br", { url: signed(), headers: { "Accept-Encoding": "br, gzip" } }, { status: 200 }],
  ["the page asked for deflate only", { url: signed(), headers: { "Accept-Encoding": "deflate" } }, { status: 200 }],
  ["the page with gzip less wanted than identity", { url: signed(), headers: { "Accept-Encoding": "gzip;q=0.5, identity" } }, { status: 200 }],
  ["the page with any encoding", { url: signed(), headers: { "Accept-Encoding": "*" } }, { status: 200 }],
  ["the page with no Accept-Encoding", { url: signed(), headers: { "Accept-Encoding": "" } }, { status: 200 }],
  [
    "a form with a byte-order mark, a repeated field and bytes that are not UTF-8",
    {
      ...form({}),
      body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("order=1&order=1001&contact="), Buffer.from([0xff]), Buffer.from(`&contact=${CUSTOMER_EMAIL}`)]),
    },
    { status: 200 },
  ],
  ["a form sent in chunks, without a length", { ...form({ tracking: TRACKING_MOVING }), headers: { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" } }, { status: 200 }],
  ["a post whose Content-Type has parameters", { ...form({ tracking: TRACKING_MOVING }), headers: { "Content-Type": "Application/X-WWW-Form-URLEncoded; charset=UTF-8" } }, { status: 200 }],
  ...ALL_PAGE_LOCALES.flatMap((locale): [string, Call, { status: number }][] => [
    [`the page in ${locale}`, { url: signed({ locale }) }, { status: 200 }],
    [`a lookup in ${locale}`, form({ order: "1001", contact: CUSTOMER_EMAIL, locale }), { status: 200 }],
  ]),
];

/** Requests the direct mount leaves to Remix (it takes only GET and urlencoded POST). */
const LEFT_TO_REMIX: [string, Call, { status: number }][] = [
  ["a multipart form", { method: "POST", url: signed(), headers: { "Content-Type": "multipart/form-data; boundary=x" }, body: `--x\r\nContent-Disposition: form-data; name="tracking"\r\n\r\n${TRACKING_MOVING}\r\n--x--\r\n` }, { status: 200 }],
  ["a post without Content-Type", { method: "POST", url: signed(), body: `tracking=${TRACKING_MOVING}` }, { status: 200 }],
  ["a HEAD request", { method: "HEAD", url: signed() }, { status: 200 }],
];

describe("the storefront page answered directly and through Remix", () => {
  it.each(CALLS)("answers %s the same, without Remix", async (_name, call, expected) => {
    const remixCallsBefore = { direct: direct.remixCalls, chained: chained.remixCalls, remix: remix.remixCalls };
    const answers = await both(call);
    expect(answers.viaDirect.status).toBe(expected.status);
    expectSameAnswer(answers);
    expectSameAnswer({ ...answers, viaDirect: answers.viaChained });
    expect(direct.remixCalls).toBe(remixCallsBefore.direct);
    expect(chained.remixCalls).toBe(remixCallsBefore.chained);
    expect(remix.remixCalls).toBe(remixCallsBefore.remix + 1);
  });

  it.each(LEFT_TO_REMIX)("leaves %s to Remix, with the same answer", async (_name, call, expected) => {
    const remixCallsBefore = { direct: direct.remixCalls, chained: chained.remixCalls };
    const answers = await both(call);
    expect(answers.viaDirect.status).toBe(expected.status);
    expectSameAnswer(answers);
    expectSameAnswer({ ...answers, viaDirect: answers.viaChained });
    expect(direct.remixCalls).toBe(remixCallsBefore.direct + 1);
    expect(chained.remixCalls).toBe(remixCallsBefore.chained + 1);
  });

  it("gzips whole answers the client takes gzip for, with a length instead of chunks", async () => {
    const { viaDirect, viaChained, viaRemix } = await both({ url: signed() });
    expect(viaRemix.headers["transfer-encoding"]).toBe("chunked");
    for (const answer of [viaDirect, viaChained]) {
      expect(answer.headers["content-encoding"]).toBe("gzip");
      expect(answer.headers["content-length"]).toBe(String(answer.wireBytes));
      expect(answer.headers["transfer-encoding"]).toBeUndefined();
      expect(answer.wireBytes).toBeLessThan(answer.body.length / 2);
      // Liquid for Shopify's proxy to wrap, with the server's security headers.
      expect(answer.headers["content-type"]).toBe("application/liquid; charset=utf-8");
      expect(answer.headers["content-security-policy"]).toContain("script-src 'none'");
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
      expect(answer.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
      expect(answer.headers.vary).toBe("Accept-Encoding");
    }
  });

  it("rate-limits the same: after 10 failed lookups from one address, 429 with Retry-After", async () => {
    // Failures count in fixed 10-minute windows: start well inside one.
    const windowMs = 10 * 60_000;
    const left = windowMs - (Date.now() % windowMs);
    if (left < 10_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
    const addresses = { direct: "192.0.2.10", chained: "192.0.2.30", remix: "192.0.2.20" };
    for (let attempt = 0; attempt < 10; attempt++) {
      const { viaDirect, viaChained, viaRemix } = await both(form({ order: `${7000 + attempt}`, contact: CUSTOMER_EMAIL }), addresses);
      expect([viaDirect.status, viaChained.status, viaRemix.status]).toEqual([200, 200, 200]);
    }
    const blocked = await both(form({ order: "1001", contact: CUSTOMER_EMAIL }), addresses);
    expect(blocked.viaDirect.status).toBe(429);
    // The wait is counted down between the two requests: the same page but for its minutes.
    const minutesAgnostic = (answer: Answer) => ({ ...answer, body: answer.body.replace(/wait \d+ minutes/, "wait N minutes") });
    expect(blocked.viaDirect.body).toMatch(/wait \d+ minutes/);
    expectSameAnswer({ viaDirect: minutesAgnostic(blocked.viaDirect), viaRemix: minutesAgnostic(blocked.viaRemix) });
    expectSameAnswer({ viaDirect: minutesAgnostic(blocked.viaChained), viaRemix: minutesAgnostic(blocked.viaRemix) });
    const retryAfter = [blocked.viaDirect, blocked.viaRemix].map((answer) => Number(answer.headers["retry-after"]));
    expect(retryAfter[0]).toBeGreaterThan(0);
    expect(Math.abs(retryAfter[0]! - retryAfter[1]!)).toBeLessThanOrEqual(1 + Math.ceil(blocked.elapsedMs / 1000));
  });

  it("counts a shopper link opened from an email as a lookup from the email, once per order", async () => {
    const { db } = database();
    await db.lookupEvent.deleteMany({});
    const token = linkToken();
    expect((await send(direct.url, { url: signed({ t: token, src: "email" }) }, "203.0.113.250")).status).toBe(200);
    expect((await send(direct.url, { url: signed({ t: token, src: "email" }) }, "203.0.113.251")).status).toBe(200);
    expect((await db.lookupEvent.findMany()).map((lookup) => lookup.surface)).toEqual(["email"]);
  });
});

describe("a lookup that fails unexpectedly", () => {
  it("is answered 500 with one log line, the same in front of Express and after its middleware", async () => {
    const failing = async (first: boolean) => {
      const build = await inboundRoutesBuild();
      const route = build.routes[STOREFRONT_ROUTE_ID]!;
      const answerTrackingPage = () => Promise.reject(new Error("database is locked"));
      const module = { ...route.module, answerTrackingPage };
      return serve({ ...build, routes: { ...build.routes, [STOREFRONT_ROUTE_ID]: { ...route, module } } }, { remixCalls: 0 }, first);
    };
    const inFront = await failing(true);
    const afterChain = await failing(false);
    expectConsoleError(2);
    try {
      const call = form({ tracking: TRACKING_MOVING });
      const viaFront = await send(inFront.url, call, "203.0.113.240");
      const viaChain = await send(afterChain.url, call, "203.0.113.241");
      expect(viaFront.status).toBe(500);
      expect(viaFront.body).toBe("Internal error");
      expectSameAnswer({ viaDirect: viaFront, viaRemix: viaChain });
      expect(viaFront.headers["content-security-policy"]).toContain("script-src 'none'");
      expect(vi.mocked(console.error).mock.calls).toEqual([["POST /apps/track failed: database is locked"], ["POST /apps/track failed: database is locked"]]);
    } finally {
      await inFront.close();
      await afterChain.close();
    }
  });
});
