import { beforeEach, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { isOptedOut } from "~/data/notifications.server";
import { createUnsubscribeToken, unsubscribeKeyFrom, unsubscribeUrl } from "~/services/notifications/unsubscribe-token.server";
import { shopperLinkKey } from "~/services/shopper-links/key.server";
import { hashCustomerEmail } from "~/data/identity.server";
import { action, loader } from "./notifications.unsubscribe";

const SHOP = "unsubscribe-shop.myshopify.com";
const ORDER = "gid://shopify/Order/42";
const HASH = hashCustomerEmail("lea@example.com");

const link = (scope?: "order" | "shop") =>
  unsubscribeUrl("https://trackline.test", createUnsubscribeToken({ shop: SHOP, orderId: ORDER, emailHash: HASH }, unsubscribeKeyFrom(shopperLinkKey())), scope);

describe("unsubscribe link", () => {
  beforeEach(async () => {
    await database().db.notificationOptOut.deleteMany({});
  });

  it("shows the choice on GET without unsubscribing (mail scanners follow links)", async () => {
    const response = await loader({ request: new Request(link("order")), params: {}, context: {} });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Stop all tracking emails from unsubscribe-shop");
    expect(await isOptedOut(database().db, SHOP, HASH, ORDER)).toBe(false);
  });

  it("stops the order's emails on a one-click POST (RFC 8058)", async () => {
    const body = new URLSearchParams({ "List-Unsubscribe": "One-Click" });
    const response = await action({ request: new Request(link("order"), { method: "POST", body }), params: {}, context: {} });
    expect(response.status).toBe(200);
    expect(await isOptedOut(database().db, SHOP, HASH, ORDER)).toBe(true);
    expect(await isOptedOut(database().db, SHOP, HASH, "gid://shopify/Order/43")).toBe(false);
  });

  it("stops every email of the shop from the preferences form, and refuses forged links", async () => {
    const body = new URLSearchParams({ scope: "shop" });
    await action({ request: new Request(link(), { method: "POST", body }), params: {}, context: {} });
    expect(await isOptedOut(database().db, SHOP, HASH, "gid://shopify/Order/99")).toBe(true);
    const forged = link().replace(/t=u1\.([^.]+)\./, "t=u1.$1x.");
    const response = await action({ request: new Request(forged, { method: "POST", body }), params: {}, context: {} });
    expect(response.status).toBe(400);
  });
});
