import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { SUPPORTED_LOCALES } from "~/domain/locales/resolve";
import { adminMessages, NAMESPACES, polarisTranslations } from "./catalog.server";
import { adminTranslator } from "./admin-intl.server";

/**
 * The argument names and rich-text tags a message uses. Types may differ: a language without
 * plural forms writes "{days} 天" where English needs "{days, plural, …}".
 */
function argumentsOf(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument) found.add(element.value);
    if (element.type === TYPE.number) found.add(element.value);
    if (element.type === TYPE.date || element.type === TYPE.time) found.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      found.add(element.value);
      for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    }
    if (element.type === TYPE.tag) {
      found.add(`<${element.value}>`);
      argumentsOf(element.children, found);
    }
  }
  return found;
}

describe("admin message catalogue", () => {
  for (const [namespace, byLocale] of Object.entries(NAMESPACES)) {
    const english = byLocale.en as Record<string, string>;
    for (const locale of SUPPORTED_LOCALES) {
      it(`${namespace}: ${locale} has exactly English's keys, valid ICU, and the same placeholders`, () => {
        const messages = byLocale[locale] as Record<string, string>;
        expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
        for (const [key, text] of Object.entries(messages)) {
          expect(text.trim(), `${namespace}.${key} (${locale}) is empty`).not.toBe("");
          const expected = [...argumentsOf(parse(english[key] ?? ""))].sort();
          expect([...argumentsOf(parse(text))].sort(), `${namespace}.${key} (${locale})`).toEqual(expected);
        }
      });
    }
  }

  it("flattens namespaces to 'namespace.key' and formats with the locale's rules", () => {
    expect(adminMessages("ko")["nav.shipments"]).toBe("배송");
    expect(adminMessages("zh-CN")["common.save"]).toBe("保存");
    expect(adminTranslator("de")("nav.settings")).toBe("Einstellungen");
  });

  it("gives Polaris its own translations in every locale", () => {
    expect(polarisTranslations("ja").Polaris.Common.cancel).toBe("キャンセル");
    expect(polarisTranslations("zh-TW").Polaris.Common.cancel).not.toBe(polarisTranslations("en").Polaris.Common.cancel);
  });
});
