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
