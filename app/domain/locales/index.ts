import { de } from "./de";
import { en, type MessageKey, type Messages } from "./en";
import { es } from "./es";
import { fr } from "./fr";
import { it } from "./it";
import { ja } from "./ja";
import { ko } from "./ko";
import { ptBR } from "./pt-BR";
import { zhCN } from "./zh-CN";
import { zhTW } from "./zh-TW";

export type { MessageKey, Messages };

export const LOCALES = {
  en,
  "zh-CN": zhCN,
  "zh-TW": zhTW,
  ko,
  ja,
  es,
  fr,
  de,
  it,
  "pt-BR": ptBR,
} as const satisfies Record<string, Messages>;

export type SupportedLocale = keyof typeof LOCALES;

/** Traditional-script Chinese regions; every other Chinese request reads Simplified. */
const TRADITIONAL_CHINESE = new Set(["tw", "hk", "mo", "hant"]);

/**
 * The catalogue to use for a requested locale (a shopper's Accept-Language tag, a Shopify locale):
 * exact match first, then the language ("es-MX" → "es"), with "pt" → "pt-BR", "zh" → "zh-CN"
 * ("zh-Hant", "zh-HK" → "zh-TW"), and English for anything else.
 */
export function resolveLocale(requested: string | null | undefined): SupportedLocale {
  const parts = (requested ?? "").trim().replace(/_/g, "-").toLowerCase().split("-").filter(Boolean);
  const [language, ...rest] = parts;
  if (!language) return "en";
  if (language === "zh") return rest.some((part) => TRADITIONAL_CHINESE.has(part)) ? "zh-TW" : "zh-CN";
  if (language === "pt") return "pt-BR";
  const match = (Object.keys(LOCALES) as SupportedLocale[]).find((locale) => locale.toLowerCase() === language);
  return match ?? "en";
}

/** A message with its "{name}" placeholders filled. */
export function message(locale: SupportedLocale, key: MessageKey, values: Readonly<Record<string, string>> = {}): string {
  return LOCALES[locale][key].replace(/\{(\w+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}
