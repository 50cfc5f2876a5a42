import type { SupportedLocale } from "~/domain/locales/resolve";

export type AdminLocale = SupportedLocale;

/**
 * One namespace of the admin's messages in all ten locales. English fixes the keys; the type
 * refuses a locale that misses a key or adds one, so a missing translation fails `tsc`, and
 * `catalog.test.ts` checks every message's ICU syntax and placeholders against English.
 */
export function defineNamespace<const English extends Record<string, string>>(
  messages: { en: English } & { [locale in Exclude<AdminLocale, "en">]: { [key in keyof English]: string } },
): { [locale in AdminLocale]: { [key in keyof English]: string } } {
  return messages;
}
