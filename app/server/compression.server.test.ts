import express from "express";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gzipIsNegotiated, responseCompression } from "./compression.server";

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
