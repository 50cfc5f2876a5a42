import { describe, expect, it } from "vitest";
import { appProxyUrl, TEST_APP } from "~/testing/shopify-requests";
import { requireAppProxyUrl } from "./shopify.server";

/** What the check threw (the refusing Response), or undefined when it accepted. */
function refusal(url: string | URL): unknown {
  try {
    requireAppProxyUrl(new URL(url));
    return undefined;
  } catch (error) {
    return error;
  }
}

describe("requireAppProxyUrl", () => {
  it("accepts a request Shopify signed for the app proxy", () => {
    const url = new URL(appProxyUrl("/apps/track", { loggedInCustomerId: "7001" }));
    expect(requireAppProxyUrl(url)).toEqual({ shop: TEST_APP.shop, loggedInCustomerId: "7001" });
  });

  it.each([
    ["another secret", { secret: "forged" }],
    ["a stale timestamp", { timestamp: Math.floor(Date.now() / 1000) - 600 }],
  ])("rejects a signature made with %s", (_name, options) => {
    const thrown = refusal(appProxyUrl("/apps/track", options));
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBeGreaterThanOrEqual(400);
  });

  it("rejects a request whose query was changed after signing", () => {
    const url = new URL(appProxyUrl("/apps/track"));
    url.searchParams.set("shop", "someone-else.myshopify.com");
    const thrown = refusal(url);
    expect((thrown as Response).status).toBeGreaterThanOrEqual(400);
  });
});
