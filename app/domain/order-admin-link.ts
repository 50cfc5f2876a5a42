/**
 * The link from a shipment to its order in the Shopify admin. Inside the embedded admin, App
 * Bridge's navigation opens `shopify://admin/orders/<id>` in the admin itself (with target
 * "_top"); outside it (the demo, a link copied out) the admin's web address is used.
 */
export type AdminLinkMode = "embedded" | "web";

/** The numeric id of an Admin API gid (gid://shopify/Order/123 → "123"), or null for anything else. */
export function numericOrderId(orderGid: string): string | null {
  const match = /^gid:\/\/shopify\/Order\/(\d+)$/.exec(orderGid.trim());
  return match?.[1] ?? null;
}

export function orderAdminUrl(orderGid: string, shopDomain: string, mode: AdminLinkMode): string | null {
  const id = numericOrderId(orderGid);
  if (!id) return null;
  if (mode === "embedded") return `shopify://admin/orders/${id}`;
  const store = shopDomain.replace(/\.myshopify\.com$/i, "");
  if (!/^[a-z0-9][a-z0-9-]*$/i.test(store)) return null;
  return `https://admin.shopify.com/store/${store}/orders/${id}`;
}
