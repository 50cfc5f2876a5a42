import { describe, expect, it } from "vitest";
import { appProxyUrl, TEST_APP } from "~/testing/shopify-requests";
import { requireAppProxy } from "./shopify.server";

describe("requireAppProxy", () => {
  it("accepts a request Shopify signed for the app proxy", async () => {
    const request = new Request(appProxyUrl("/apps/track", { loggedInCustomerId: "7001" }));
    expect(await requireAppProxy(request)).toEqual({ shop: TEST_APP.shop, loggedInCustomerId: "7001" });
  });

  it.each([
    ["another secret", { secret: "forged" }],
    ["a stale timestamp", { timestamp: Math.floor(Date.now() / 1000) - 600 }],
  ])("rejects a signature made with %s", async (_name, options) => {
    const thrown = await requireAppProxy(new Request(appProxyUrl("/apps/track", options))).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBeGreaterThanOrEqual(400);
  });

  it("rejects a request whose query was changed after signing", async () => {
    const url = new URL(appProxyUrl("/apps/track"));
    url.searchParams.set("shop", "someone-else.myshopify.com");
    const thrown = await requireAppProxy(new Request(url)).catch((error: unknown) => error);
    expect((thrown as Response).status).toBeGreaterThanOrEqual(400);
  });
});
