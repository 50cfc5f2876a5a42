/** A shop's permanent domain as Shopify writes it in app-proxy queries and webhook headers. */
export const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/**
 * Whether `value` names a shop: `*.myshopify.com`, or a subdomain of the one custom domain
 * configured for development stores (SHOP_CUSTOM_DOMAIN, also given to Shopify's library).
 */
export function isShopDomain(value: string, customDomain?: string): boolean {
  if (SHOP_DOMAIN.test(value)) return true;
  if (!customDomain) return false;
  const suffix = `.${customDomain.toLowerCase().replace(/^\.+/, "")}`;
  return value.endsWith(suffix) && /^[a-z0-9][a-z0-9-]*$/.test(value.slice(0, -suffix.length));
}
