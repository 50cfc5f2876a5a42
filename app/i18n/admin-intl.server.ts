import { createIntl, createIntlCache, type IntlShape } from "react-intl";
import type { AdminLocale } from "./define";
import { adminMessages, type AdminMessageKey } from "./catalog.server";

const cache = createIntlCache();
const intls = new Map<AdminLocale, IntlShape>();

/**
 * Server-side formatting for text a loader or action produces (results of actions, page titles,
 * errors): the same catalogue and ICU rules the pages use.
 */
export function adminIntl(locale: AdminLocale): IntlShape {
  let intl = intls.get(locale);
  if (!intl) {
    intl = createIntl({ locale, messages: adminMessages(locale), defaultLocale: "en" }, cache);
    intls.set(locale, intl);
  }
  return intl;
}

/** A translator bound to one locale: `t("shipments.resynced", { count: 2 })`. */
export function adminTranslator(locale: AdminLocale) {
  const intl = adminIntl(locale);
  return (key: AdminMessageKey, values?: Record<string, string | number | Date>) => intl.formatMessage({ id: key }, values);
}

/**
 * For services that answer with a catalogue key (they know no locale): the key's text in the
 * staff member's language, or the text itself when it is not a key (a carrier's own words).
 */
export function adminKeyTranslator(locale: AdminLocale) {
  const messages = adminMessages(locale);
  const t = adminTranslator(locale);
  return (text: string, values?: Record<string, string | number | Date>) => (Object.hasOwn(messages, text) ? t(text as AdminMessageKey, values) : text);
}

/** Every field error of a service's answer through `adminKeyTranslator`. */
export function translateFieldErrors(translate: ReturnType<typeof adminKeyTranslator>, fieldErrors: Record<string, string>, values?: Record<string, string | number>) {
  return Object.fromEntries(Object.entries(fieldErrors).map(([field, text]) => [field, translate(text, values)]));
}
