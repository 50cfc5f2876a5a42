/**
 * The ten locales Trackline speaks (shopper surfaces, emails, the merchant admin), and how a
 * requested tag maps onto them. Kept apart from the catalogues so the admin's browser bundle can
 * resolve a locale without carrying every shopper message.
 */
export const SUPPORTED_LOCALES = ["en", "zh-CN", "zh-TW", "ko", "ja", "es", "fr", "de", "it", "pt-BR"] as const;

export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

const SUPPORTED: ReadonlySet<string> = new Set(SUPPORTED_LOCALES);

/** Traditional-script Chinese regions; every other Chinese request reads Simplified. */
const TRADITIONAL_CHINESE = new Set(["tw", "hk", "mo", "hant"]);

/**
 * The catalogue to use for a requested locale (a shopper's Accept-Language tag, a Shopify locale):
 * exact match first, then the language ("es-MX" → "es"), with "pt" → "pt-BR", "zh" → "zh-CN"
 * ("zh-Hant", "zh-HK" → "zh-TW"), and English for anything else.
 */
export function resolveLocale(requested: string | null | undefined): SupportedLocale {
  // Already one of ours (a page's locale resolved once and passed on): itself, as the rules give.
  if (requested && SUPPORTED.has(requested)) return requested as SupportedLocale;
  const parts = (requested ?? "").trim().replace(/_/g, "-").toLowerCase().split("-").filter(Boolean);
  const [language, ...rest] = parts;
  if (!language) return "en";
  if (language === "zh") return rest.some((part) => TRADITIONAL_CHINESE.has(part)) ? "zh-TW" : "zh-CN";
  if (language === "pt") return "pt-BR";
  const match = SUPPORTED_LOCALES.find((locale) => locale.toLowerCase() === language);
  return match ?? "en";
}

