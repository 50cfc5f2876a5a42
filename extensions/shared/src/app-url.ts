/**
 * The app's public URL for extensions that must call it by absolute URL (customer-account
 * extensions: Shopify resolves relative URLs only for admin extensions). Baked in at build time
 * from SHOPIFY_APP_URL — the same variable the app server runs with — by `shopify app build` /
 * `deploy`. Null when the build had none, and the surface then says tracking is unavailable.
 * Nothing else of `process` exists in the extension sandbox: when the build had no value the
 * expression is left as is and throws there, hence the try.
 */
export function appUrl(): string | null {
  let value: string | undefined;
  try {
    value = process.env.SHOPIFY_APP_URL;
  } catch {
    value = undefined;
  }
  return value && /^https?:\/\//.test(value) ? value.replace(/\/+$/, "") : null;
}
