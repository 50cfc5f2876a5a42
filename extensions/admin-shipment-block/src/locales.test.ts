import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const directory = fileURLToPath(new URL("../locales/", import.meta.url));
/** The admin's ten languages; English is the default file. */
const LOCALES = ["en.default", "zh-CN", "zh-TW", "ko", "ja", "es", "fr", "de", "it", "pt-BR"];

type Catalogue = { [key: string]: string | Catalogue };

function flatten(catalogue: Catalogue, prefix = ""): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") entries.set(name, value);
    else for (const [inner, text] of flatten(value, name)) entries.set(inner, text);
  }
  return entries;
}

const read = (file: string) => flatten(JSON.parse(fs.readFileSync(path.join(directory, file), "utf8")) as Catalogue);
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();

describe("admin block locales", () => {
  const english = read("en.default.json");

  it("ships exactly the admin's ten languages", () => {
    expect(fs.readdirSync(directory).filter((file) => file.endsWith(".json")).map((file) => file.replace(/\.json$/, "")).sort()).toEqual([...LOCALES].sort());
  });

  for (const locale of LOCALES.filter((name) => name !== "en.default")) {
    it(`${locale}: every English key, no other, each translated with the same placeholders`, () => {
      const messages = read(`${locale}.json`);
      expect([...messages.keys()].sort()).toEqual([...english.keys()].sort());
      expect(messages.get("meta.locale")).toBe(locale);
      for (const [key, text] of english) {
        const translated = messages.get(key) ?? "";
        expect(translated.trim(), `${locale} ${key}`).not.toBe("");
        expect(placeholders(translated), `${locale} ${key}`).toEqual(placeholders(text));
      }
    });
  }
});
