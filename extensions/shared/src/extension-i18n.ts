/**
 * What Shopify's `i18n.translate` does with an extension's locale files, for tests: the buyer's
 * locale file, then its language ("pt-BR" → "pt"), then the `.default` file; `{{name}}`
 * placeholders; plural objects chosen by `count` with Intl.PluralRules.
 */
type Catalogue = Record<string, unknown>;

function lookup(catalogue: Catalogue | undefined, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Catalogue)[part] : undefined), catalogue);
}

export function extensionTranslator(
  catalogues: Readonly<Record<string, Catalogue>>,
  defaultLocale: string,
  locale: string,
): (key: string, options?: Record<string, string | number>) => string {
  const language = locale.split("-")[0] ?? locale;
  const chain = [catalogues[locale], catalogues[language], catalogues[defaultLocale]];
  return (key, options = {}) => {
    for (const catalogue of chain) {
      let entry = lookup(catalogue, key);
      if (entry && typeof entry === "object" && typeof options.count === "number") {
        const form = new Intl.PluralRules(locale).select(options.count);
        entry = (entry as Catalogue)[form] ?? (entry as Catalogue).other;
      }
      if (typeof entry === "string") {
        return entry.replace(/\{\{\s*(\w+)\s*\}\}/g, (placeholder, name: string) => (name in options ? String(options[name]) : placeholder));
      }
    }
    return key;
  };
}
