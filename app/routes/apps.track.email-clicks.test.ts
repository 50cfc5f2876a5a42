import { beforeAll, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { shopperLinkKey } from "~/services/shopper-links/key.server";
import { createShopperLinkToken } from "~/services/shopper-links/token.server";
import { ORDER_ID, SHOP, seedTrackingFixtures } from "~/testing/tracking-lookup-shop.server";
import { appProxyUrl } from "~/testing/shopify-requests";
import { loader } from "./apps.track";

const get = (extra: Record<string, string>) =>
  loader({ request: new Request(appProxyUrl("/apps/track", { extra }), { headers: { "X-Forwarded-For": "203.0.113.200" } }), params: {}, context: {} });

describe("tracking links in Trackline emails", () => {
  beforeAll(async () => {
    await seedTrackingFixtures(database().db);
  });

  it("count as lookups from surface `email`; the same link elsewhere counts as storefront", async () => {
    const { db } = database();
    const token = createShopperLinkToken({ shop: SHOP, shipmentId: "ship_moving", expiresAt: new Date(Date.now() + 3_600_000) }, shopperLinkKey());
    await db.lookupEvent.deleteMany({});
    expect(await (await get({ t: token, src: "email" })).text()).toContain("Order #1001");
    expect((await db.lookupEvent.findMany()).map((lookup) => [lookup.surface, lookup.orderId])).toEqual([["email", ORDER_ID]]);
    await get({ t: token });
    expect((await db.lookupEvent.findMany({ orderBy: { occurredAt: "asc" } })).map((lookup) => lookup.surface).sort()).toEqual(["email", "storefront"]);
    // The link in a Trackline text counts as a lookup from surface `sms`.
    await get({ t: token, src: "sms" });
    expect((await db.lookupEvent.findMany()).map((lookup) => lookup.surface).sort()).toEqual(["email", "sms", "storefront"]);
  });
});
