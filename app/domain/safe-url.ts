/**
 * A link Trackline will keep or render: an absolute http(s) URL, nothing else. A fulfillment's
 * `tracking_url` is merchant- or integration-supplied text, and a `javascript:` or `data:` URL
 * rendered as a link runs in the shopper's or agent's page.
 */
export function httpUrlOrNull(value: string | null | undefined): string | null {
  const text = value?.trim();
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  // The WHATWG parser drops tabs and newlines ("java\tscript:"), so the parsed scheme is what a browser would use.
  return url.protocol === "https:" || url.protocol === "http:" ? text : null;
}
