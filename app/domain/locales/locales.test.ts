import { describe, expect, it } from "vitest";
import { en } from "./en";
import { LOCALES, message, resolveLocale } from "./index";
import { SUPPORTED_LOCALES } from "./resolve";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("locale catalogues", () => {
  it("ships the ten required locales", () => {
    expect(Object.keys(LOCALES).sort()).toEqual(["de", "en", "es", "fr", "it", "ja", "ko", "pt-BR", "zh-CN", "zh-TW"]);
  });

  it.each(Object.entries(LOCALES))("%s has exactly the keys and placeholders of en", (_locale, messages) => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      const translated = (messages as Record<string, string>)[key] ?? "";
      expect(translated.trim(), key).not.toBe("");
      expect(placeholders(translated), key).toEqual(placeholders(text));
    }
  });

  it.each(Object.entries(LOCALES).filter(([locale]) => locale !== "en"))("%s is translated, not copied from en", (_locale, messages) => {
    const same = Object.entries(en).filter(([key, text]) => (messages as Record<string, string>)[key] === text);
    // Every shipped language words every message differently from English.
    expect(same).toEqual([]);
  });
});

describe("resolveLocale", () => {
  it.each([
    ["en", "en"],
    ["en-GB", "en"],
    ["fr-CA", "fr"],
    ["es_MX", "es"],
    ["pt", "pt-BR"],
    ["pt-PT", "pt-BR"],
    ["pt-br", "pt-BR"],
    ["zh", "zh-CN"],
    ["zh-SG", "zh-CN"],
    ["zh-Hans-CN", "zh-CN"],
    ["zh-TW", "zh-TW"],
    ["zh-Hant", "zh-TW"],
    ["zh-HK", "zh-TW"],
    ["ja-JP", "ja"],
    ["ko", "ko"],
    ["nl", "en"],
    ["", "en"],
    [null, "en"],
  ])("%s → %s", (requested, expected) => {
    expect(resolveLocale(requested)).toBe(expected);
  });

  it("resolves each supported locale to itself, whatever the case or separator it is written with", () => {
    for (const locale of SUPPORTED_LOCALES) {
      expect(resolveLocale(locale)).toBe(locale);
      expect(resolveLocale(locale.toLowerCase().replace("-", "_"))).toBe(locale);
      expect(resolveLocale(` ${locale.toUpperCase()} `)).toBe(locale);
    }
  });
});

describe("message", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(message("en", "location.latest", { location: "Memphis, TN, United States" })).toBe(
      "Last seen in Memphis, TN, United States",
    );
    expect(message("fr", "location.latest")).toBe("Dernière position : {location}");
  });
});
