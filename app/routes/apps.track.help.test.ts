import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { CUSTOMER_EMAIL, ORDER_ID, TRACKING_DELIVERED, seedTrackingFixtures } from "~/testing/tracking-lookup-shop.server";
import { MAX_PER_ORDER_PER_DAY } from "~/services/wismo/storefront-help.server";
import { appProxyUrl } from "~/testing/shopify-requests";
import { action, loader } from "./apps.track";

/** "Still need help?" on the storefront page: the answer from the parcel, then a recorded inquiry. */
let ipCounter = 0;
let ip = "";
beforeEach(() => {
  ipCounter += 1;
  ip = `198.51.100.${ipCounter}`;
});

function post(fields: Record<string, string>) {
  const request = new Request(appProxyUrl("/apps/track"), {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": ip },
  });
  return action({ request, params: {}, context: {} });
}

describe("Still need help? on the tracking page", () => {
  beforeAll(async () => {
    await seedTrackingFixtures(database().db);
  });
  beforeEach(async () => {
    await database().db.inquiry.deleteMany({});
  });

  it("answers from the parcel's state first and offers the reasons in the page's language", async () => {
    const html = await (await post({ order: "#1001", contact: CUSTOMER_EMAIL, locale: "fr" })).text();
    expect(html).toContain('<h2 id="tl-help-heading">Besoin d&#39;aide ?</h2>');
    // The order's undelivered parcel (a carrier exception: address problem) is the one answered about.
    expect(html).toContain("Le transporteur signale un problème avec cette livraison.");
    expect(html).toContain('<option value="delivered_not_received">Indiqué livré, mais je ne l&#39;ai pas</option>');
    expect(html).toContain('<input type="hidden" name="intent" value="help">');
    expect(await database().db.inquiry.count()).toBe(0);
  });

  it("records a posted reason with the parcel's state, re-checking the lookup", async () => {
    const response = await post({ order: "#1001", contact: CUSTOMER_EMAIL, locale: "en", intent: "help", help_reason: "delayed", help_message: "Any news?" });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Your message reached the shop");
    const rows = await database().db.inquiry.findMany({ select: { orderId: true, source: true, reason: true, shipmentId: true, parcelStatus: true, lookedAtTracking: true, messageSealed: true } });
    expect(rows).toEqual([{ orderId: ORDER_ID, source: "tracking_page", reason: "delayed", shipmentId: "ship_moving", parcelStatus: "exception", lookedAtTracking: true, messageSealed: null }]);
  });

  it("records nothing for a wrong contact, an unknown reason or a GET", async () => {
    const wrong = await post({ order: "#1001", contact: "someone@else.com", intent: "help", help_reason: "delayed" });
    expect(await wrong.text()).not.toContain("tl-help-heading");
    await post({ order: "#1001", contact: CUSTOMER_EMAIL, intent: "help", help_reason: "free_stuff" });
    const request = new Request(appProxyUrl("/apps/track", { extra: { tracking: TRACKING_DELIVERED, intent: "help", help_reason: "damaged" } }), { headers: { "X-Forwarded-For": ip } });
    const html = await (await loader({ request, params: {}, context: {} })).text();
    expect(html).toContain("The carrier reports this parcel as delivered.");
    expect(await database().db.inquiry.count()).toBe(0);
  });

  it(`takes at most ${MAX_PER_ORDER_PER_DAY} messages per order a day`, async () => {
    for (let i = 0; i < MAX_PER_ORDER_PER_DAY; i++) {
      expect(await (await post({ tracking: TRACKING_DELIVERED, intent: "help", help_reason: "delivered_not_received" })).text()).toContain("Your message reached the shop");
    }
    const refused = await (await post({ tracking: TRACKING_DELIVERED, intent: "help", help_reason: "delivered_not_received" })).text();
    expect(refused).toContain("You have already sent several messages about this order today.");
    expect(await database().db.inquiry.count()).toBe(MAX_PER_ORDER_PER_DAY);
  });
});
