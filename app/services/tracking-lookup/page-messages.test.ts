import { describe, expect, it } from "vitest";
import { SUPPORTED_LOCALES } from "~/domain/locales/index";
import { pageCatalogueKeys, pageMessage } from "./page-messages";

describe("tracking page catalogue", () => {
  it("has every English key in every locale, placeholders included", () => {
    const english = pageCatalogueKeys("en").sort();
    for (const locale of SUPPORTED_LOCALES) {
      expect(pageCatalogueKeys(locale).sort(), locale).toEqual(english);
      for (const key of english) {
        const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();
        expect(placeholders(pageMessage(locale, key as never)), `${locale} ${key}`).toEqual(placeholders(pageMessage("en", key as never)));
      }
    }
  });

  it("fills the item line per language", () => {
    expect(pageMessage("en", "item_quantity", { quantity: 2, name: "Tote" })).toBe("2 × Tote");
    expect(pageMessage("zh-CN", "item_quantity", { quantity: 2, name: "Tote" })).toBe("Tote × 2");
  });
});
