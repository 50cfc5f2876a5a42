import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CANONICAL_STATUSES } from "../../../app/domain/status";
import { PARCEL_STATUSES, needsAttention, statusTone, summarizeParcels } from "./index";

const extensionsDir = path.resolve(__dirname, "../..");

function keysOf(node: unknown, prefix = ""): string[] {
  if (typeof node !== "object" || node === null) return [prefix];
  const entries = Object.entries(node as Record<string, unknown>);
  // Plural forms ({one, other}) are one message.
  if (entries.length > 0 && entries.every(([key]) => ["zero", "one", "two", "few", "many", "other"].includes(key))) return [prefix];
  return entries.flatMap(([key, value]) => keysOf(value, prefix ? `${prefix}.${key}` : key));
}

function placeholders(node: unknown): string[] {
  return [...JSON.stringify(node).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? "").sort();
}

describe("shared surface vocabulary", () => {
  it("mirrors the app's canonical statuses exactly", () => {
    expect([...PARCEL_STATUSES]).toEqual([...CANONICAL_STATUSES]);
  });

  it("gives every status a tone and flags the ones that need someone", () => {
    expect(statusTone("delivered")).toBe("success");
    expect(statusTone("exception")).toBe("critical");
    expect(needsAttention("delayed")).toBe(true);
    expect(needsAttention("in_transit")).toBe(false);
  });

  it("summarizes an order by its least advanced parcel", () => {
    expect(summarizeParcels(["delivered", "in_transit", "out_for_delivery"])).toEqual({
      total: 3,
      delivered: 1,
      needsAttention: 0,
      slowestStatus: "in_transit",
    });
    expect(summarizeParcels([])).toEqual({ total: 0, delivered: 0, needsAttention: 0, slowestStatus: null });
  });
});

describe("extension locale files", () => {
  const extensions: [name: string, expected: string[]][] = [
    ["customer-order-tracking", ["de", "en.default", "es", "fr", "it", "ja", "ko", "pt-BR", "zh-CN", "zh-TW"]],
    ["tracking-page", ["de", "en.default", "es", "fr", "it", "ja", "ko", "pt-BR", "zh-CN", "zh-TW"]],
    ["admin-shipment-block", ["de", "en.default", "es", "fr", "it", "ja", "ko", "pt-BR", "zh-CN", "zh-TW"]],
  ];
  it.each(extensions)("%s has every locale, each with the default's keys and placeholders", (name, expected) => {
    const dir = path.join(extensionsDir, name, "locales");
    const files = fs.readdirSync(dir).filter((file) => file.endsWith(".json") && !file.includes(".schema."));
    expect(files.map((file) => file.replace(/\.json$/, "")).sort()).toEqual(expected);
    const read = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Record<string, unknown>;
    const reference = read("en.default.json");
    for (const file of files) {
      const catalogue = read(file);
      expect(keysOf(catalogue).sort(), file).toEqual(keysOf(reference).sort());
      for (const key of keysOf(reference)) {
        const at = (root: unknown) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], root);
        expect(placeholders(at(catalogue)), `${file} ${key}`).toEqual(placeholders(at(reference)));
      }
    }
  });
});
