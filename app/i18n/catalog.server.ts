import deTranslations from "@shopify/polaris/locales/de.json";
import enTranslations from "@shopify/polaris/locales/en.json";
import esTranslations from "@shopify/polaris/locales/es.json";
import frTranslations from "@shopify/polaris/locales/fr.json";
import itTranslations from "@shopify/polaris/locales/it.json";
import jaTranslations from "@shopify/polaris/locales/ja.json";
import koTranslations from "@shopify/polaris/locales/ko.json";
import ptBRTranslations from "@shopify/polaris/locales/pt-BR.json";
import zhCNTranslations from "@shopify/polaris/locales/zh-CN.json";
import zhTWTranslations from "@shopify/polaris/locales/zh-TW.json";
import type { AdminLocale } from "./define";
import { common } from "./messages/common";
import { backfill } from "./messages/backfill";
import { dashboard } from "./messages/dashboard";
import { nav } from "./messages/nav";
import { settings } from "./messages/settings";
import { setup } from "./messages/setup";
import { shipment } from "./messages/shipment";
import { shipments } from "./messages/shipments";
import { demoInbox } from "./messages/demo-inbox";
import { estimates } from "./messages/estimates";
import { notifications } from "./messages/notifications";
import { status } from "./messages/status";
import { wismo } from "./messages/wismo";
import { worklist } from "./messages/worklist";

/**
 * Every namespace of the admin's messages. A page's messages live in their own file under
 * `messages/`, registered here once; keys reach components as "namespace.key".
 */
export const NAMESPACES = { common, nav, status, backfill, dashboard, settings, setup, shipment, shipments, demoInbox, estimates, notifications, wismo, worklist } as const;

type Namespaces = typeof NAMESPACES;
export type AdminMessageKey = {
  [namespace in keyof Namespaces]: `${namespace & string}.${keyof Namespaces[namespace]["en"] & string}`;
}[keyof Namespaces];

export type AdminMessages = Record<AdminMessageKey, string>;

const flattened = new Map<AdminLocale, AdminMessages>();

/** The flat catalogue of one locale: what the admin layout sends to the browser. */
export function adminMessages(locale: AdminLocale): AdminMessages {
  let messages = flattened.get(locale);
  if (!messages) {
    const entries: [string, string][] = [];
    for (const [namespace, byLocale] of Object.entries(NAMESPACES)) {
      for (const [key, text] of Object.entries(byLocale[locale] as Record<string, string>)) entries.push([`${namespace}.${key}`, text]);
    }
    messages = Object.fromEntries(entries) as AdminMessages;
    flattened.set(locale, messages);
  }
  return messages;
}

const POLARIS_TRANSLATIONS: Record<AdminLocale, typeof enTranslations> = {
  en: enTranslations,
  "zh-CN": zhCNTranslations,
  "zh-TW": zhTWTranslations,
  ko: koTranslations,
  ja: jaTranslations,
  es: esTranslations,
  fr: frTranslations,
  de: deTranslations,
  it: itTranslations,
  "pt-BR": ptBRTranslations,
};

/** Polaris's own strings (pagination, filters, date pickers) in the same locale. */
export function polarisTranslations(locale: AdminLocale): typeof enTranslations {
  return POLARIS_TRANSLATIONS[locale];
}
