/**
 * Does a kept body (a webhook or carrier push stored for replay) identify a customer? Used by
 * customers/redact, which must erase every such body, including failed deliveries that never
 * got as far as naming their order.
 */
export interface CustomerIdentity {
  /** Normalized (trimmed, lower case) email. */
  email: string | null;
  /** The last nine digits of the phone (how lookups normalize it). */
  phoneDigits: string | null;
  /** Shopify's numeric customer id. */
  customerId: string | null;
  /** Numeric order ids. */
  orderIds: string[];
  /** Tracking numbers of the customer's parcels (carrier pushes name nothing else). */
  trackingNumbers: string[];
}

const lastNineDigits = (value: string) => {
  const digits = value.replace(/\D/g, "");
  return digits.length >= 7 ? digits.slice(-9) : null;
};

export function mentionsCustomer(body: string, topic: string, identity: CustomerIdentity): boolean {
  const orderIds = new Set(identity.orderIds);
  const orderGids = new Set(identity.orderIds.map((id) => `gid://shopify/Order/${id}`));
  const numbers = new Set(identity.trackingNumbers);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    // Not JSON (kept because it was unreadable): look for the identifiers as text.
    const lower = body.toLowerCase();
    return (
      (identity.email !== null && lower.includes(identity.email)) ||
      [...orderGids, ...numbers].some((needle) => body.includes(needle)) ||
      (identity.phoneDigits !== null && body.replace(/\D/g, "").includes(identity.phoneDigits))
    );
  }
  const isOrderTopic = topic.startsWith("orders/");
  const visit = (value: unknown, key: string, depth: number): boolean => {
    if (typeof value === "string" || typeof value === "number") {
      const text = String(value);
      if (identity.email !== null && text.trim().toLowerCase() === identity.email) return true;
      if (identity.phoneDigits !== null && /phone/i.test(key) && lastNineDigits(text) === identity.phoneDigits) return true;
      if (orderGids.has(text) || numbers.has(text.trim())) return true;
      if (key === "order_id" && orderIds.has(text)) return true;
      if (key === "id" && depth === 1 && isOrderTopic && orderIds.has(text)) return true;
      if (key === "customer_id" && identity.customerId !== null && text === identity.customerId) return true;
      return false;
    }
    if (Array.isArray(value)) return value.some((entry) => visit(entry, key, depth + 1));
    if (value && typeof value === "object") {
      const record = value as Record<string, unknown>;
      if (key === "customer" && identity.customerId !== null && String(record.id) === identity.customerId) return true;
      return Object.entries(record).some(([child, entry]) => visit(entry, child, depth + 1));
    }
    return false;
  };
  return visit(parsed, "", 0);
}
