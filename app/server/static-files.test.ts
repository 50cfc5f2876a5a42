import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startInboundServer, type RunningServer } from "~/testing/route-build";
import { hasFileExtension } from "./http-app";
import { DEFAULT_CSP } from "./security-headers.server";
import { precompressBuildAssets, precompressedEncoding } from "./static-assets.server";

/** What helmet and the CSP hook put on every answer that is not a build script or stylesheet. */
const EVERY_ANSWER_HEADERS = {
  "content-security-policy": DEFAULT_CSP,
  "cross-origin-opener-policy": "same-origin-allow-popups",
  "cross-origin-resource-policy": "same-origin",
  "origin-agent-cluster": "?1",
  "referrer-policy": "no-referrer",
  "strict-transport-security": "max-age=31536000; includeSubDomains",
  "x-content-type-options": "nosniff",
  "x-dns-prefetch-control": "off",
  "x-download-options": "noopen",
  "x-permitted-cross-domain-policies": "none",
  "x-xss-protection": "0",
};

/** A script large enough that the compression middleware would compress it (over 1 KB). */
const SCRIPT = `export const rows = ${JSON.stringify(Array.from({ length: 300 }, (_, i) => ({ id: i, label: `row ${i}` })))};\n`;
const STYLESHEET = ".Polaris-Page{margin:0 auto}\n".repeat(100);

let server: RunningServer;
let publicDir: string;

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as it came over the wire, not decoded. */
  body: Buffer;
}

/** A GET with exactly these request headers; the answer's body is left encoded. */
function get(urlPath: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${server.url}${urlPath}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on("error", reject);
  });
}

/** The answer's headers without the three every answer has whatever it is. */
function headersOf(answer: RawAnswer): Record<string, unknown> {
  const { date: _date, connection: _connection, "keep-alive": _keepAlive, ...rest } = answer.headers;
  return rest;
}

const build = (...parts: string[]) => path.join(publicDir, "build", ...parts);

beforeAll(async () => {
  publicDir = fs.mkdtempSync(path.join(os.tmpdir(), "trackline-public-"));
  fs.mkdirSync(build("_assets"), { recursive: true });
  fs.mkdirSync(build("_shared"));
  fs.writeFileSync(path.join(publicDir, "favicon.svg"), "<svg/>");
  fs.writeFileSync(build("entry.client-ABC.js"), "export {};");
  fs.writeFileSync(build("_shared", "chunk-ABC.js"), SCRIPT);
  fs.writeFileSync(build("_assets", "styles-ABC.css"), STYLESHEET);
  fs.writeFileSync(build("_assets", "logo-ABC.svg"), "<svg/>");
  // Compressed once, as `npm run build` does; this one is left without copies.
  precompressBuildAssets(publicDir);
  fs.writeFileSync(build("_shared", "chunk-PLAIN.js"), SCRIPT);
  // A file without an extension is not served: the path belongs to the app's routes.
  fs.writeFileSync(path.join(publicDir, "healthz"), "from the disk");
  server = await startInboundServer({ publicDir });
});
afterAll(async () => {
  await server.close();
  fs.rmSync(publicDir, { recursive: true, force: true });
});

describe("public files", () => {
  it("serves files with an extension, fingerprinted build files with a year of caching", async () => {
    const icon = await fetch(`${server.url}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(await icon.text()).toBe("<svg/>");
    expect(icon.headers.get("cache-control")).toBe("public, max-age=3600");
    const script = await fetch(`${server.url}/build/entry.client-ABC.js`);
    expect(script.status).toBe(200);
    expect(await script.text()).toBe("export {};");
    expect(script.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("leaves extensionless paths to the app without looking on disk", async () => {
    const answer = await fetch(`${server.url}/healthz`);
    expect(await answer.text()).not.toBe("from the disk");
    expect(hasFileExtension("/apps/track")).toBe(false);
    expect(hasFileExtension("/webhooks/fulfillments/create")).toBe(false);
    expect(hasFileExtension("/a.b/track")).toBe(false);
    expect(hasFileExtension("/favicon.svg")).toBe(true);
    expect(hasFileExtension("/build/_assets/styles-LVLPI7J7.css")).toBe(true);
  });
});

describe("build scripts and stylesheets", () => {
  it("writes a Brotli and a gzip copy beside every script and stylesheet, and nothing beside other files", () => {
    const written = fs.readdirSync(build(), { recursive: true }).map(String).sort();
    expect(written).toEqual(
      [
        "_assets",
        "_assets/logo-ABC.svg",
        "_assets/styles-ABC.css",
        "_assets/styles-ABC.css.br",
        "_assets/styles-ABC.css.gz",
        "_shared",
        "_shared/chunk-ABC.js",
        "_shared/chunk-ABC.js.br",
        "_shared/chunk-ABC.js.gz",
        "_shared/chunk-PLAIN.js",
        "entry.client-ABC.js",
        "entry.client-ABC.js.br",
        "entry.client-ABC.js.gz",
      ].map((name) => name.split("/").join(path.sep)),
    );
    expect(zlib.brotliDecompressSync(fs.readFileSync(build("_shared", "chunk-ABC.js.br"))).toString()).toBe(SCRIPT);
    expect(zlib.gunzipSync(fs.readFileSync(build("_assets", "styles-ABC.css.gz"))).toString()).toBe(STYLESHEET);
  });

  it("answers with the Brotli copy when the browser takes br, with only the headers that apply to a script", async () => {
    const answer = await get("/build/_shared/chunk-ABC.js", { "Accept-Encoding": "gzip, deflate, br, zstd" });
    expect(answer.status).toBe(200);
    expect(answer.body.equals(fs.readFileSync(build("_shared", "chunk-ABC.js.br")))).toBe(true);
    expect(zlib.brotliDecompressSync(answer.body).toString()).toBe(SCRIPT);
    // Exactly these: no document-only header, no CSP, no ETag, Last-Modified or Accept-Ranges.
    expect(headersOf(answer)).toEqual({
      "cache-control": "public, max-age=31536000, immutable",
      "content-encoding": "br",
      "content-length": String(answer.body.length),
      "content-type": "application/javascript; charset=UTF-8",
      "cross-origin-resource-policy": "same-origin",
      vary: "Accept-Encoding",
      "x-content-type-options": "nosniff",
    });
  });

  it("answers with the gzip copy when br is not taken, and a stylesheet as text/css", async () => {
    const answer = await get("/build/_assets/styles-ABC.css", { "Accept-Encoding": "gzip, deflate" });
    expect(answer.status).toBe(200);
    expect(zlib.gunzipSync(answer.body).toString()).toBe(STYLESHEET);
    expect(headersOf(answer)).toEqual({
      "cache-control": "public, max-age=31536000, immutable",
      "content-encoding": "gzip",
      "content-length": String(answer.body.length),
      "content-type": "text/css; charset=UTF-8",
      "cross-origin-resource-policy": "same-origin",
      vary: "Accept-Encoding",
      "x-content-type-options": "nosniff",
    });
  });

  it("answers the file itself to a client that takes no compression", async () => {
    const answer = await get("/build/_shared/chunk-ABC.js", { "Accept-Encoding": "identity" });
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe(SCRIPT);
    expect(answer.headers["content-encoding"]).toBeUndefined();
    expect(answer.headers["content-type"]).toBe("application/javascript; charset=UTF-8");
    expect(answer.headers["content-security-policy"]).toBeUndefined();
  });

  it("compresses a script without copies on the fly, as before", async () => {
    const answer = await get("/build/_shared/chunk-PLAIN.js", { "Accept-Encoding": "gzip, deflate, br, zstd" });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("br");
    expect(zlib.brotliDecompressSync(answer.body).toString()).toBe(SCRIPT);
    expect(answer.headers["content-security-policy"]).toBeUndefined();
    expect(answer.headers["strict-transport-security"]).toBeUndefined();
    expect(answer.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("keeps every header on other build files, on public files and on a missing build file", async () => {
    // An SVG can be opened as a document: it keeps the CSP and the rest.
    const svg = await get("/build/_assets/logo-ABC.svg");
    expect(svg.status).toBe(200);
    expect(headersOf(svg)).toMatchObject(EVERY_ANSWER_HEADERS);
    const icon = await get("/favicon.svg");
    expect(icon.status).toBe(200);
    expect(headersOf(icon)).toMatchObject(EVERY_ANSWER_HEADERS);
    for (const encoding of ["br", "identity"]) {
      const missing = await get("/build/entry.client-GONE.js", { "Accept-Encoding": encoding });
      expect(missing.status).toBe(404);
      expect(headersOf(missing)).toMatchObject({ ...EVERY_ANSWER_HEADERS, "content-security-policy": expect.any(String) });
    }
    // A compressed copy asked for by its own name is a file like any other.
    const copy = await get("/build/_shared/chunk-ABC.js.br");
    expect(copy.status).toBe(200);
    expect(headersOf(copy)).toMatchObject(EVERY_ANSWER_HEADERS);
  });

  it.each([
    ["gzip, deflate, br, zstd", "br"],
    ["br", "br"],
    ["gzip", "gzip"],
    ["gzip, br;q=0", "gzip"],
    ["br;q=0.4, gzip;q=0.5", "gzip"],
    ["br;q=0.5, gzip;q=0.5", "br"],
    ["*", "br"],
    ["*;q=0.2, gzip", "gzip"],
    ["GZIP;Q=1", "gzip"],
    ["deflate", null],
    ["identity", null],
    ["br;q=0, gzip;q=0", null],
    ["br;q=x", null],
    ["", null],
    [undefined, null],
  ])("picks a compressed copy for Accept-Encoding %j: %s", (header, expected) => {
    expect(precompressedEncoding(header)).toBe(expected);
  });
});
