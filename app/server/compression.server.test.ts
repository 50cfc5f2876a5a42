import express from "express";
import fc from "fast-check";
import { spawnSync } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gzipIsNegotiated, gzipPage, responseCompression } from "./compression.server";

let server: http.Server;
let base = "";

beforeAll(async () => {
  const app = express();
  app.use(responseCompression());
  app.get("/liquid", (_req, res) => {
    res.type("application/liquid; charset=utf-8").send("x".repeat(4096));
  });
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The Content-Encoding the compression middleware picks for a 4 KB Liquid answer. */
function middlewareEncoding(acceptEncoding: string | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${base}/liquid`, { headers: acceptEncoding === undefined ? {} : { "Accept-Encoding": acceptEncoding } }, (response) => {
      response.resume();
      response.on("end", () => resolve(String(response.headers["content-encoding"] ?? "identity")));
    });
    request.on("error", reject);
  });
}

const HEADERS: [string | undefined, boolean][] = [
  ["gzip", true],
  ["gzip, deflate", true],
  ["deflate, gzip", true],
  ["GZIP", true],
  ["gzip;q=1.0, identity;q=0.5", true],
  ["gzip, deflate;q=1", true],
  ["gzip;q=0.8, deflate;q=0.8", true],
  ["gzip;q=0.8, deflate;q=0.9", false],
  ["gzip;q=0.5, identity", false],
  ["gzip;q=0", false],
  ["gzip;q=abc", false],
  ["br", false],
  ["gzip, deflate, br", false],
  ["br;q=0, gzip", false],
  ["*", false],
  ["deflate", false],
  ["identity", false],
  ["", false],
  [undefined, false],
];

describe("gzipIsNegotiated", () => {
  it.each(HEADERS)("Accept-Encoding %j → %s, never where the middleware would not gzip", async (header, expected) => {
    expect(gzipIsNegotiated(header)).toBe(expected);
    if (expected) expect(await middlewareEncoding(header)).toBe("gzip");
  });

  it("leaves to the middleware what it answers otherwise", async () => {
    expect(await middlewareEncoding("gzip, deflate, br")).toBe("br");
    expect(await middlewareEncoding("gzip;q=0.5, identity")).toBe("identity");
    expect(await middlewareEncoding("deflate")).toBe("deflate");
    expect(await middlewareEncoding("br;q=0, gzip")).toBe("gzip");
  });
});

describe("gzipPage", () => {
  const style = `<style>.tl{--tl-accent:#1f2937}${".tl li{padding:0 0 1rem 1.75rem}".repeat(60)}</style>`;
  const page = `${style}<div class="tl" lang="de"><h1>Sendungsverfolgung – Bestellung #1001</h1>${"<li>Zugestellt · 10:59 🚚</li>".repeat(80)}</div>`;

  it("is one gzip member that gzip itself decodes to the page, the stylesheet's part kept for the next page", () => {
    const first = gzipPage(page);
    const again = gzipPage(page);
    expect(again.equals(first)).toBe(true);
    expect(zlib.gunzipSync(first).toString()).toBe(page);
    const decoded = spawnSync("gzip", ["-dc"], { input: first });
    expect(decoded.status).toBe(0);
    expect(decoded.stdout.toString()).toBe(page);
  });

  it("gzips a page without a leading stylesheet, or with one never closed, as zlib does", () => {
    for (const text of [`<div>${"x".repeat(2000)}</div>`, `<style>${"y".repeat(2000)}`, ` ${style}`]) expect(gzipPage(text).equals(zlib.gzipSync(text, { level: 1 }))).toBe(true);
  });

  it("decodes to any page, whatever its stylesheet and text, after any other page", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), fc.string({ unit: "grapheme", maxLength: 600 }), fc.boolean(), (css, rest, styled) => {
        const text = styled ? `<style>${css}</style>${rest}` : `${css}${rest}`;
        expect(zlib.gunzipSync(gzipPage(text)).toString()).toBe(text);
      }),
    );
  });
});
