import { describe, expect, it, vi } from "vitest";
import { MalformedResponseError, NetworkError, RateLimitedError, ServerError } from "./errors";
import { TokenCache, fetchJson, parseRetryAfter, readExpiresIn } from "./http.server";

const respond = (status: number, body: string, headers: Record<string, string> = {}) =>
  vi.fn<typeof fetch>().mockResolvedValue(new Response(body, { status, headers }));

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-20T12:00:00Z");
  it("reads delta-seconds and HTTP dates", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Fri, 20 Nov 2026 12:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Fri, 20 Nov 2026 11:00:00 GMT", now)).toBe(0);
  });
  it("ignores absent or garbage values", () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("-5", now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });
});

describe("fetchJson", () => {
  it("returns parsed JSON for 2xx and 4xx", async () => {
    expect((await fetchJson({ fetch: respond(200, '{"a":1}'), url: "http://x" })).json).toEqual({ a: 1 });
    const notFound = await fetchJson({ fetch: respond(404, '{"e":1}'), url: "http://x" });
    expect([notFound.status, notFound.json]).toEqual([404, { e: 1 }]);
  });

  it("throws typed errors for 429, 5xx, non-JSON 2xx and transport failures", async () => {
    await expect(fetchJson({ fetch: respond(429, "", { "retry-after": "3" }), url: "http://x" })).rejects.toMatchObject({ retryAfterMs: 3000 });
    await expect(fetchJson({ fetch: respond(429, ""), url: "http://x" })).rejects.toBeInstanceOf(RateLimitedError);
    await expect(fetchJson({ fetch: respond(503, "down"), url: "http://x" })).rejects.toMatchObject({ retryable: true, body: "down" });
    await expect(fetchJson({ fetch: respond(500, ""), url: "http://x" })).rejects.toBeInstanceOf(ServerError);
    await expect(fetchJson({ fetch: respond(200, "<html>"), url: "http://x" })).rejects.toMatchObject({ body: "<html>" });
    await expect(fetchJson({ fetch: respond(200, "{"), url: "http://x" })).rejects.toBeInstanceOf(MalformedResponseError);
    const broken = vi.fn<typeof fetch>().mockRejectedValue(new TypeError("fetch failed"));
    await expect(fetchJson({ fetch: broken, url: "http://x" })).rejects.toBeInstanceOf(NetworkError);
  });
});

describe("TokenCache", () => {
  it("shares one in-flight fetch between concurrent callers and refreshes before expiry", async () => {
    let now = 0;
    let issued = 0;
    const fetchToken = vi.fn(async () => ({ accessToken: `t${++issued}`, expiresInSeconds: 600 }));
    const cache = new TokenCache(fetchToken, () => now, 60_000);
    expect(await Promise.all([cache.get(), cache.get(), cache.get()])).toEqual(["t1", "t1", "t1"]);
    now = 530_000;
    expect(await cache.get()).toBe("t1");
    now = 541_000; // inside the 60 s safety margin
    expect(await cache.get()).toBe("t2");
    cache.invalidate("t1"); // stale invalidation must not drop the newer token
    expect(await cache.get()).toBe("t2");
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it("reads expires_in as number or string", () => {
    expect(readExpiresIn("14399", 1)).toBe(14399);
    expect(readExpiresIn(3599, 1)).toBe(3599);
    expect(readExpiresIn("x", 1)).toBe(1);
  });
});
