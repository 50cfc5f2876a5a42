import crypto from "node:crypto";
import * as z from "zod";
import type { RequestSpec } from "./kit/load-generator";

/**
 * Requests of the storefront tracking-page benchmark, as Shopify's app proxy forwards them: the
 * query carries shop, path_prefix, timestamp, logged_in_customer_id and the hex HMAC-SHA256
 * `signature` of the sorted `key=value` pairs joined without separator, keyed with the app's
 * secret. The mix is what shoppers do, in turn: open the page, look an order up by number +
 * email (a form post), look a parcel up by tracking number (a form post). Signed here, in the
 * load generator's process, with the current timestamp.
 */
const scenarioOptions = z.object({
  shop: z.string(),
  secret: z.string(),
  shipments: z.array(z.object({ orderName: z.string(), trackingNumber: z.string() })).min(1),
});
export type TrackPageScenarioOptions = z.infer<typeof scenarioOptions>;

export function signedProxyPath(path: string, shop: string, secret: string, now = Date.now()): string {
  const params: Record<string, string> = { shop, logged_in_customer_id: "", path_prefix: "/apps/track", timestamp: String(Math.floor(now / 1000)) };
  const message = Object.keys(params)
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join("");
  const signature = crypto.createHmac("sha256", secret).update(message).digest("hex");
  return `${path}?${new URLSearchParams({ ...params, signature }).toString()}`;
}

export default function trackPageScenario(raw: Record<string, unknown>): (index: number) => RequestSpec {
  const options = scenarioOptions.parse(raw);
  return (index) => {
    const shipment = options.shipments[index % options.shipments.length]!;
    const path = signedProxyPath("/apps/track", options.shop, options.secret);
    const headers = { "X-Forwarded-For": `192.0.2.${index % 250}`, "Accept-Language": "en-US,en;q=0.9" };
    const kind = index % 3;
    if (kind === 0) return { path, headers };
    const form =
      kind === 1
        ? new URLSearchParams({ order: shipment.orderName, contact: `customer${shipment.orderName.slice(1)}@example.com` })
        : new URLSearchParams({ tracking: shipment.trackingNumber });
    return { method: "POST", path, headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" }, body: form.toString() };
  };
}
