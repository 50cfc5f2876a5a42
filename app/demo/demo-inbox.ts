/** The demo's invented shoppers read these languages, in turn (English, Simplified Chinese and Korean first). */
export const SUPPORTED_DEMO_LOCALES = ["en", "zh-CN", "ko", "ja", "es", "fr", "de", "it", "pt-BR", "zh-TW"] as const;
