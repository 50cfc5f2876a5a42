import type { Db } from "~/data/db.server";
import { sessionToken, TEST_APP } from "~/testing/shopify-requests";

/**
 * Embedded-admin requests for route tests: a real session token for TEST_APP.shop (verified by
 * the real Shopify library) and the installed shop's offline session, so no token exchange is
 * attempted.
 */
export async function installTestShop(db: Db, timezone = "UTC"): Promise<void> {
  await db.shop.upsert({ where: { domain: TEST_APP.shop }, create: { domain: TEST_APP.shop, timezone }, update: { timezone } });
  await db.session.upsert({
    where: { id: `offline_${TEST_APP.shop}` },
    create: {
      id: `offline_${TEST_APP.shop}`,
      shop: TEST_APP.shop,
      state: "installed",
      isOnline: false,
      scope: "read_orders,write_fulfillments",
      accessToken: "shpat_test",
    },
    update: {},
  });
}

export function adminRequest(pathAndQuery: string, init: { method?: string; form?: Record<string, string | string[]> } = {}): Request {
  const headers = new Headers({ Authorization: `Bearer ${sessionToken()}` });
  let body: URLSearchParams | undefined;
  if (init.form) {
    body = new URLSearchParams();
    for (const [key, value] of Object.entries(init.form)) for (const item of [value].flat()) body.append(key, item);
    headers.set("Content-Type", "application/x-www-form-urlencoded");
  }
  return new Request(`${TEST_APP.appUrl}${pathAndQuery}`, { method: init.method ?? (body ? "POST" : "GET"), headers, ...(body ? { body } : {}) });
}
