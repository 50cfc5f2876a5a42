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

import type { SupportedLocale } from "./resolve";

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
} as const satisfies Record<SupportedLocale, Messages>;

export type { SupportedLocale } from "./resolve";
export { resolveLocale, SUPPORTED_LOCALES } from "./resolve";

/** A message with its "{name}" placeholders filled. */
export function message(locale: SupportedLocale, key: MessageKey, values: Readonly<Record<string, string>> = {}): string {
  return LOCALES[locale][key].replace(/\{(\w+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}
