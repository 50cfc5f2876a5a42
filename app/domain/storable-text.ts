/**
 * Text both databases can store: Postgres refuses NUL in text, and an unpaired UTF-16 surrogate
 * (a JSON "\ud800" escape) cannot be written as UTF-8 by either driver. Shopify signs whatever
 * bytes it sends, so such text can arrive authentically and must be recognised before it reaches
 * a write, where it would fail the whole transaction.
 */
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isStorableText(text: string): boolean {
  return !text.includes("\u0000") && !UNPAIRED_SURROGATE.test(text);
}

/**
 * A diagnostic (an error message that may quote the offending input) made storable: unpaired
 * surrogates become U+FFFD and NUL is written as the two characters `\0`. Only for messages we
 * write ourselves; authentic bodies are kept losslessly with `encodeStoredText`.
 */
export function storableMessage(text: string): string {
  return text.replace(new RegExp(UNPAIRED_SURROGATE.source, "g"), "\ufffd").replaceAll("\u0000", "\\0");
}

/**
 * The path of the first key or string value in parsed JSON that is not storable text, or null.
 * Walked with an explicit stack: a signed body may nest thousands of levels deep.
 */
export function unstorableTextPath(value: unknown, path = "(root)"): string | null {
  const stack: { value: unknown; path: string }[] = [{ value, path }];
  while (stack.length > 0) {
    const { value: current, path: at } = stack.pop()!;
    if (typeof current === "string") {
      if (!isStorableText(current)) return at;
      continue;
    }
    const children: { value: unknown; path: string }[] = [];
    if (Array.isArray(current)) {
      current.forEach((entry, index) => children.push({ value: entry, path: `${at}[${index}]` }));
    } else if (current && typeof current === "object") {
      for (const [key, entry] of Object.entries(current)) {
        const child = at === "(root)" ? key : `${at}.${key}`;
        if (!isStorableText(key)) return child;
        children.push({ value: entry, path: child });
      }
    }
    // Reversed onto the stack so the first child is looked at first, as a recursive walk would.
    for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index]!);
  }
  return null;
}

export type StoredTextEncoding = "json" | "base64";

/**
 * A body as a text column can hold it, losslessly: as is when it is storable text, else as a
 * JSON string literal (escapes NUL and unpaired surrogates as ASCII). Bytes that are not UTF-8
 * are stored as base64.
 */
export function encodeStoredText(body: string | Uint8Array): { text: string; encoding: StoredTextEncoding | null } {
  if (typeof body !== "string") return { text: toBase64(body), encoding: "base64" };
  return isStorableText(body) ? { text: body, encoding: null } : { text: JSON.stringify(body), encoding: "json" };
}

/** The inverse of encodeStoredText; base64 bodies come back as their bytes. */
export function decodeStoredText(text: string, encoding: string | null): string | Uint8Array {
  if (encoding === "json") return JSON.parse(text) as string;
  if (encoding === "base64") return fromBase64(text);
  return text;
}

// atob/btoa keep the domain free of Node's Buffer.
function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
