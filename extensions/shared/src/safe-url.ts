/**
 * Only http(s) links are rendered (the app already drops others; this holds even if a response
 * carries one). Mirrors app/domain/safe-url.ts.
 */
/** A contact link: https or mailto only (the app already sends nothing else). */
export function safeContactHref(value: string | null | undefined): string | null {
  const text = value?.trim();
  if (!text) return null;
  try {
    const { protocol } = new URL(text);
    return protocol === "https:" || protocol === "mailto:" ? text : null;
  } catch {
    return null;
  }
}

export function safeHttpUrl(value: string | null | undefined): string | null {
  const text = value?.trim();
  if (!text) return null;
  try {
    const { protocol } = new URL(text);
    return protocol === "https:" || protocol === "http:" ? text : null;
  } catch {
    return null;
  }
}
