import { describe, expect, it, vi } from "vitest";
import { AuthError, HttpStatusError } from "./errors";
import { TokenCache } from "./http.server";
import { oauthCallOptions, oauthJsonCall, type OAuthCallOptions } from "./oauth-call.server";

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** A carrier API answering the queued responses in order and recording each request. */
function carrierApi(...answers: { status: number; body: string }[]) {
  const seen: Seen[] = [];
  const fetchFn = vi.fn<typeof fetch>(async (input, init) => {
    seen.push({
      url: String(input),
      method: init?.method ?? "GET",
      headers: init?.headers as Record<string, string>,
      body: typeof init?.body === "string" ? init.body : undefined,
    });
    const next = answers.shift();
    if (!next) throw new Error("no answer queued");
    return new Response(next.status === 204 ? null : next.body, { status: next.status });
  });
  return { fetchFn, seen };
}

function options(fetchFn: typeof fetch, extra: Partial<OAuthCallOptions> = {}): OAuthCallOptions {
  let issued = 0;
  const tokens = new TokenCache(async () => ({ accessToken: `token-${++issued}`, expiresInSeconds: 3600 }), () => 0);
  return { carrier: "Carrier", tokens, base: "https://api.example", fetch: fetchFn, clock: () => 0, ...extra };
}

describe("oauthJsonCall", () => {
  it("sends the bearer token, the per-request headers and the JSON body, and returns the answer", async () => {
    const { fetchFn, seen } = carrierApi({ status: 200, body: '{"jobId":"j1"}' });
    let n = 0;
    const answer = await oauthJsonCall(options(fetchFn, { headers: () => ({ "x-id": `req-${++n}` }) }), "POST", "/subs", { a: 1 });
    expect(answer).toEqual({ status: 200, json: { jobId: "j1" } });
    expect(seen).toEqual([
      {
        url: "https://api.example/subs",
        method: "POST",
        headers: { accept: "application/json", authorization: "Bearer token-1", "x-id": "req-1", "content-type": "application/json" },
        body: '{"a":1}',
      },
    ]);
  });

  it("returns a 4xx with a JSON body for the caller to read", async () => {
    const { fetchFn } = carrierApi({ status: 400, body: '{"errors":[{"code":"BAD"}]}' });
    expect(await oauthJsonCall(options(fetchFn), "POST", "/subs", {})).toEqual({ status: 400, json: { errors: [{ code: "BAD" }] } });
  });

  it("fetches a fresh token once after a 401 and retries with it", async () => {
    const { fetchFn, seen } = carrierApi({ status: 401, body: "" }, { status: 204, body: "" });
    expect(await oauthJsonCall(options(fetchFn), "DELETE", "/subs/7", undefined)).toEqual({ status: 204, json: undefined });
    expect(seen.map((s) => s.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it("reports bad credentials when the fresh token is refused too", async () => {
    const { fetchFn } = carrierApi({ status: 401, body: "" }, { status: 401, body: "nope" });
    await expect(oauthJsonCall(options(fetchFn), "POST", "/subs", {})).rejects.toBeInstanceOf(AuthError);
  });

  it("makes a 403 an AuthError only when the caller names the product it is forbidden from", async () => {
    const forbidden = carrierApi({ status: 403, body: '{"errors":[{"code":"FORBIDDEN"}]}' });
    const refused = oauthJsonCall(options(forbidden.fetchFn, { forbidden: "Carrier refused access to the Track API" }), "GET", "/track/1", undefined);
    await expect(refused).rejects.toBeInstanceOf(AuthError);
    await expect(refused).rejects.toMatchObject({ message: "Carrier refused access to the Track API", status: 403 });

    const readable = carrierApi({ status: 403, body: '{"errors":[{"code":"FORBIDDEN"}]}' });
    expect(await oauthJsonCall(options(readable.fetchFn), "POST", "/subs", {})).toEqual({ status: 403, json: { errors: [{ code: "FORBIDDEN" }] } });
  });

  it("throws for a 4xx without a JSON body unless that status is declared an answer", async () => {
    const plain = carrierApi({ status: 404, body: "Not Found" });
    const thrown = oauthJsonCall(options(plain.fetchFn), "DELETE", "/subs/1", undefined);
    await expect(thrown).rejects.toBeInstanceOf(HttpStatusError);
    await expect(thrown).rejects.toMatchObject({ message: "Carrier returned HTTP 404", status: 404, body: "Not Found" });

    const gone = carrierApi({ status: 404, body: "" });
    expect(await oauthJsonCall(options(gone.fetchFn, { bodilessOk: [404] }), "DELETE", "/subs/1", undefined)).toEqual({ status: 404, json: undefined });

    const other = carrierApi({ status: 409, body: "" });
    await expect(oauthJsonCall(options(other.fetchFn, { bodilessOk: [404] }), "DELETE", "/subs/1", undefined)).rejects.toMatchObject({ status: 409 });
  });

  it("builds a client's call options from its own, without the base URL's trailing slash", async () => {
    const { fetchFn, seen } = carrierApi({ status: 200, body: "{}" });
    const tokens = new TokenCache(async () => ({ accessToken: "t", expiresInSeconds: 60 }), () => 0);
    const built = oauthCallOptions("Carrier", tokens, { baseUrl: "https://api.example/v1//", fetch: fetchFn, clock: () => 0, timeoutMs: 5000 }, { bodilessOk: [404] });
    expect({ ...built, tokens: undefined, fetch: undefined, clock: undefined }).toEqual({ carrier: "Carrier", tokens: undefined, base: "https://api.example/v1", fetch: undefined, clock: undefined, timeoutMs: 5000, bodilessOk: [404] });
    await oauthJsonCall(built, "GET", "/x", undefined);
    expect(seen.map((s) => s.url)).toEqual(["https://api.example/v1/x"]);
  });
});
