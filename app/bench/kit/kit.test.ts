import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import zlib from "node:zlib";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { numberOption, flag, stringOption } from "./options";
import { freePort } from "~/testing/free-port";
import { distribution, percentile, summaryLine } from "./stats";
import { tempDir } from "./temp";
import { stepPasses, type Step } from "./saturation";
import { runOpenLoop } from "./load-generator";

describe("percentile (nearest rank)", () => {
  const oneToHundred = Array.from({ length: 100 }, (_, index) => index + 1);

  it("is the value at rank ⌈p/100 · n⌉ of the sorted samples", () => {
    expect(percentile(oneToHundred, 50)).toBe(50);
    expect(percentile(oneToHundred, 95)).toBe(95);
    expect(percentile(oneToHundred, 99)).toBe(99);
    expect(percentile(oneToHundred, 100)).toBe(100);
    expect(percentile(oneToHundred, 0)).toBe(1);
    expect(percentile([15, 20, 35, 40, 50], 30)).toBe(20);
    expect(percentile([15, 20, 35, 40, 50], 40)).toBe(20);
    expect(percentile([15, 20, 35, 40, 50], 50)).toBe(35);
  });

  it("is always one of the samples (no interpolation), and NaN for none", () => {
    expect(percentile([3, 7], 50)).toBe(3);
    expect(percentile([3, 7], 51)).toBe(7);
    expect(percentile([42], 99)).toBe(42);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it("distribution sorts a copy and reports p50/p95/p99/max", () => {
    const samples = [...oneToHundred].reverse();
    expect(distribution(samples)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
    expect(samples[0]).toBe(100);
  });
});

describe("options", () => {
  const argv = ["node", "bench.ts", "--rate", "250", "--seconds", "x", "--only", "sqlite", "--no-search", "--empty"];
  it("reads numbers, falling back on missing or invalid ones", () => {
    expect(numberOption("rate", 100, argv)).toBe(250);
    expect(numberOption("seconds", 30, argv)).toBe(30);
    expect(numberOption("absent", 7, argv)).toBe(7);
  });
  it("reads strings and flags", () => {
    expect(stringOption("only", argv)).toBe("sqlite");
    expect(stringOption("no-search", argv)).toBeUndefined();
    expect(stringOption("empty", argv)).toBeUndefined();
    expect(flag("no-search", argv)).toBe(true);
    expect(flag("cpu-prof", argv)).toBe(false);
  });
});

describe("helpers", () => {
  it("freePort returns a port that can be listened on", async () => {
    const port = await freePort();
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    await new Promise((resolve) => server.close(resolve));
  });

  it("tempDir removes everything made inside it, SQLite side files included", () => {
    const dir = tempDir("kit-test");
    for (const name of ["db.sqlite", "db.sqlite-wal", "db.sqlite-shm"]) fs.writeFileSync(dir.file(name), "x");
    fs.mkdirSync(path.join(dir.path, "nested"));
    dir.remove();
    expect(fs.existsSync(dir.path)).toBe(false);
  });

  it("summaryLine is one greppable line", () => {
    expect(summaryLine("track-page", { p99_ms: 12.345, rate: 100, ok: true, saturation: null })).toBe("SUMMARY track-page p99_ms=12.35 rate=100 ok=true saturation=null");
  });

  it("a saturation step passes only with p99 < 100 ms and every request answered without a 5xx", () => {
    const step = (p99: number, statuses: Record<string, number>, failed = 0): Step => {
      const answered = Object.values(statuses).reduce((sum, count) => sum + count, 0);
      return {
        rate: 10,
        result: { rate: 10, sent: answered + failed, latencies: [], timeline: [], statuses, failed, maxSendLagMs: 0, generatorCpuMsPerRequest: 0.5, elapsedSeconds: 1, encodedBytes: 0, encodings: {} },
        latency: { count: answered, p50: p99, p95: p99, p99, max: p99 },
        cpuMsPerRequest: 1,
        serverCores: 0.01,
        achievedRate: answered,
      };
    };
    expect(stepPasses(step(99, { 200: 10 }))).toBe(true);
    expect(stepPasses(step(100, { 200: 10 }))).toBe(false);
    expect(stepPasses(step(5, { 200: 9, 503: 1 }))).toBe(false);
    expect(stepPasses(step(5, { 200: 9 }, 1))).toBe(false);
    expect(stepPasses(step(5, { 200: 9, 429: 1 }))).toBe(true);
  });
});

describe("open-loop load generator", () => {
  it("sends fetch's default headers unless the scenario names them, decodes answers, and counts statuses, failures and bytes", async () => {
    const seen: { path: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
    const page = zlib.gzipSync(Buffer.from("a lookup page ".repeat(100)));
    const server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        seen.push({ path: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks).toString() });
        if (request.url === "/page") return void response.writeHead(200, { "content-encoding": "gzip", "content-length": page.length }).end(page);
        if (request.url === "/broken") return void response.writeHead(200, { "content-encoding": "gzip" }).end("not gzip");
        if (request.url === "/busy") return void response.writeHead(503).end("busy");
        // "/slow": never answered, so the generator's timeout fails it.
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const dir = tempDir("kit-load-generator");
    try {
      const scenario = dir.file("scenario.mjs");
      fs.writeFileSync(
        scenario,
        `const specs = [
          { path: "/page" },
          { method: "POST", path: "/page", headers: { "Accept-Language": "fr", "Content-Type": "application/x-www-form-urlencoded" }, body: "tracking=1Z%20X" },
          { path: "/busy" },
          { path: "/broken" },
          { path: "/slow" },
        ];
        export default () => (index) => specs[index];`,
      );
      const port = (server.address() as net.AddressInfo).port;
      const result = await runOpenLoop({ url: `http://127.0.0.1:${port}`, rate: 50, seconds: 0.1, scenario, timeoutMs: 1000 });
      expect(result.sent).toBe(5);
      expect(result.statuses).toEqual({ 200: 2, 503: 1 });
      expect(result.failed).toBe(2);
      expect(result.latencies).toHaveLength(3);
      expect(result.encodings).toEqual({ gzip: 2, identity: 1 });
      expect(result.encodedBytes).toBe(2 * page.length);
      expect(result.generatorCpuMsPerRequest).toBeGreaterThan(0);
      const byPath = (path: string, method = "GET") => seen.find((request) => request.path === path && (method === "GET" ? request.body === "" : request.body !== ""));
      expect(byPath("/page")?.headers).toMatchObject({ accept: "*/*", "accept-language": "*", "accept-encoding": "gzip, deflate", "user-agent": "node", connection: "keep-alive" });
      const posted = byPath("/page", "POST");
      expect(posted?.headers).toMatchObject({ "accept-language": "fr", "content-type": "application/x-www-form-urlencoded", "content-length": "15" });
      expect(posted?.body).toBe("tracking=1Z%20X");
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      dir.remove();
    }
  });
});
