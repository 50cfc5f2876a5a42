import de from "../../../extensions/tracking-page/locales/de.json";
import en from "../../../extensions/tracking-page/locales/en.default.json";
import es from "../../../extensions/tracking-page/locales/es.json";
import fr from "../../../extensions/tracking-page/locales/fr.json";
import it from "../../../extensions/tracking-page/locales/it.json";
import ja from "../../../extensions/tracking-page/locales/ja.json";
import ko from "../../../extensions/tracking-page/locales/ko.json";
import ptBR from "../../../extensions/tracking-page/locales/pt-BR.json";
import zhCN from "../../../extensions/tracking-page/locales/zh-CN.json";
import zhTW from "../../../extensions/tracking-page/locales/zh-TW.json";
import type { SupportedLocale } from "~/domain/locales/index";

/**
 * The storefront tracking page's own words. They live in the theme app extension's locale files,
 * so the "Order tracking" app block (Liquid `| t`) and this server-rendered page read one
 * catalogue; placeholders use the theme's `{{ name }}` syntax.
 */
export type PageMessageKey = keyof typeof en.tracking;

const CATALOGUES: Readonly<Record<SupportedLocale, { tracking: Partial<Record<PageMessageKey, string>> }>> = {
  en,
  de,
  es,
  fr,
  it,
  ja,
  ko,
  "pt-BR": ptBR,
  "zh-CN": zhCN,
  "zh-TW": zhTW,
};

export function pageMessage(locale: SupportedLocale, key: PageMessageKey, values: Readonly<Record<string, string | number>> = {}): string {
  const text = CATALOGUES[locale].tracking[key] ?? en.tracking[key];
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (placeholder, name: string) => (name in values ? String(values[name]) : placeholder));
}

export function pageCatalogueKeys(locale: SupportedLocale): string[] {
  return Object.keys(CATALOGUES[locale].tracking);
}
