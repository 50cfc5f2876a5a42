import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { numberOption, flag, stringOption } from "./options";
import { freePort } from "~/testing/free-port";
import { distribution, percentile, summaryLine } from "./stats";
import { tempDir } from "./temp";
import { stepPasses, type Step } from "./saturation";

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
        result: { rate: 10, sent: answered + failed, latencies: [], timeline: [], statuses, failed, maxSendLagMs: 0, elapsedSeconds: 1, encodedBytes: 0, encodings: {} },
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
