import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { loadEstimateModels } from "~/data/estimates.server";
import type { CliIO } from "~/cli/command";
import { runCli } from "~/cli/run";

function memoryIO(): CliIO & { out: string; err: string } {
  const io = { out: "", err: "", stdout: (text: string) => void (io.out += text), stderr: (text: string) => void (io.err += text), readStdin: async () => "" };
  return io;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trackline-eta-"));
const file = path.join(dir, "history.csv");

beforeAll(async () => {
  const io = memoryIO();
  expect(await runCli(["eta", "generate", "--rows", "12000", "--seed", "5", file], io)).toBe(0);
  expect(io.out).toBe(`wrote 12000 rows to ${file}\n`);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("cli eta backtest", () => {
  it("prints exactly the named fields, and meets the targets on generated history", async () => {
    const io = memoryIO();
    expect(await runCli(["eta", "backtest", file], io)).toBe(0);
    const fields = io.out.trim().split("\n").map((line) => line.split(": ")[0]);
    expect(fields).toEqual([
      "rows",
      "train_rows",
      "test_rows",
      "p50_mae_days",
      "p10_p90_coverage",
      "p10_p90_mean_width_days",
      "p90_on_time",
      "p90_mean_padding_days",
      "promised_on_time",
      "promised_mean_padding_days",
      "baseline_p50_mae_days",
      "p50_mae_improvement",
    ]);
    const json = memoryIO();
    expect(await runCli(["eta", "backtest", "--json", file], json)).toBe(0);
    const report = JSON.parse(json.out) as Record<string, number>;
    expect(report).toMatchObject({ rows: 12000, train_rows: 8400, test_rows: 3600 });
    expect(report.p10_p90_coverage).toBeGreaterThanOrEqual(0.77);
    expect(report.p10_p90_coverage).toBeLessThanOrEqual(0.83);
    expect(report.p90_on_time).toBeGreaterThanOrEqual(0.9);
    expect(report.p90_mean_padding_days!).toBeLessThan(report.promised_mean_padding_days! / 2);
    expect(report.promised_on_time).toBeGreaterThanOrEqual(0.95);
    expect(report.p50_mae_days!).toBeLessThan(report.baseline_p50_mae_days!);
  });

  it("refuses a file without the history header", async () => {
    const bad = path.join(dir, "bad.csv");
    fs.writeFileSync(bad, "id,shipped_at\n1,2026-01-01T00:00:00Z\n");
    const io = memoryIO();
    expect(await runCli(["eta", "backtest", bad], io)).toBe(1);
    expect(io.err).toContain("CSV header is missing: ordered_at, delivered_at");
  });
});

describe("cli history import", () => {
  it("folds the delivered rows into the shop's model", async () => {
    const { db } = database();
    await db.shop.create({ data: { domain: "history-shop.myshopify.com" } });
    const io = memoryIO();
    expect(await runCli(["history", "import", "--shop", "history-shop.myshopify.com", "--json", file], io)).toBe(0);
    expect(JSON.parse(io.out)).toEqual({ shop: "history-shop.myshopify.com", imported: 12000, without_delivery: 0, rejected: 0, model_observations: 12000 });
    const stored = (await loadEstimateModels(database().db, ["history-shop.myshopify.com"])).get("history-shop.myshopify.com");
    expect(stored?.observations).toBe(12000);
    expect(JSON.parse(stored!.modelJson).transit["label#yunexpress/|CN>US"]).toBeDefined();
  });
});
