import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { shopperLinkKey } from "~/services/shopper-links/key.server";
import { createShopperLinkToken } from "~/services/shopper-links/token.server";
import {
  CUSTOMER_EMAIL,
  CUSTOMER_PHONE,
  OTHER_SHOP,
  SHOP,
  TRACKING_DELIVERED,
  TRACKING_MOVING,
  seedTrackingFixtures,
} from "~/testing/tracking-lookup-shop.server";
import { appProxyUrl } from "~/testing/shopify-requests";
import { action, loader } from "./apps.track";

let ipCounter = 0;
/** Each test its own client IP, so the enumeration limiter only bites where a test wants it. */
let ip = "";
beforeEach(() => {
  ipCounter += 1;
  ip = `203.0.113.${ipCounter}`;
});

function post(fields: Record<string, string>, options: Parameters<typeof appProxyUrl>[1] = {}, headers: Record<string, string> = {}) {
  const request = new Request(appProxyUrl("/apps/track", options), {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
  });
  return action({ request, params: {}, context: { clientAddress: ip } });
}

function get(extra: Record<string, string> = {}, options: Parameters<typeof appProxyUrl>[1] = {}, headers: Record<string, string> = {}) {
  const request = new Request(appProxyUrl("/apps/track", { ...options, extra }), { headers });
  return loader({ request, params: {}, context: { clientAddress: ip } });
}

async function rejection(promise: Promise<Response>): Promise<number> {
  const thrown = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(Response);
  return (thrown as Response).status;
}

describe("storefront tracking page (app proxy /apps/track)", () => {
  beforeAll(async () => {
    await seedTrackingFixtures(database().db);
  });

  it("answers a validly signed request with Liquid for the theme to wrap, and no script", async () => {
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/liquid/);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const html = await response.text();
    expect(html).toContain("Track your order");
    expect(html).toContain('<label for="tl-order">');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain("<html");
  });

  it.each([
    ["a signature made with another secret", { secret: "forged" }],
    ["an expired timestamp", { timestamp: Math.floor(Date.now() / 1000) - 600 }],
  ])("rejects %s", async (_name, options) => {
    expect(await rejection(get({}, options))).toBeGreaterThanOrEqual(400);
    expect(await rejection(post({ order: "1001", contact: CUSTOMER_EMAIL }, options))).toBeGreaterThanOrEqual(400);
  });

  it("rejects a query tampered with after signing (another shop)", async () => {
    const url = new URL(appProxyUrl("/apps/track"));
    url.searchParams.set("shop", OTHER_SHOP);
    expect(await rejection(loader({ request: new Request(url), params: {}, context: {} }))).toBeGreaterThanOrEqual(400);
  });

  it("finds an order by number + email and shows every parcel's timeline", async () => {
    const db = database().db;
    const before = await db.lookupEvent.count({ where: { shopDomain: SHOP, surface: "storefront" } });
    const response = await post({ order: "1001", contact: "  JANE.DOE@example.com " });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Order #1001");
    expect(html).toContain("1 of 2 parcels delivered");
    expect(html).toContain("Parcel 1 of 2");
    expect(html).toContain(TRACKING_DELIVERED);
    expect(html).toContain(TRACKING_MOVING);
    expect(html).toContain("The carrier could not find or confirm the delivery address.");
    expect(html).toContain('aria-current="step"');
    expect(await db.lookupEvent.count({ where: { shopDomain: SHOP, surface: "storefront" } })).toBe(before + 1);
  });

  it("finds an order by number + phone typed without the country code", async () => {
    const html = await (await post({ order: "#1001", contact: "(613) 555-0123" })).text();
    expect(html).toContain("Order #1001");
    expect(CUSTOMER_PHONE).toContain("613");
  });

  it("gives one answer for a wrong email and an unknown order: no hint which field was wrong", async () => {
    const wrongEmail = await (await post({ order: "1001", contact: "someone@example.com" })).text();
    const unknownOrder = await (await post({ order: "9999", contact: CUSTOMER_EMAIL })).text();
    const message = "We couldn&#39;t find an order with those details.";
    expect(wrongEmail).toContain(message);
    expect(unknownOrder).toContain(message);
    expect(wrongEmail).not.toContain(TRACKING_DELIVERED);
    // Same page apart from the echoed input.
    expect(wrongEmail.replace(/value="[^"]*"/g, "")).toBe(unknownOrder.replace(/value="[^"]*"/g, ""));
  });

  it("never crosses shops: the other shop's order is not found here, and ours not there", async () => {
    const html = await (await post({ order: "1001", contact: CUSTOMER_EMAIL }, { shop: OTHER_SHOP })).text();
    expect(html).not.toContain(TRACKING_DELIVERED);
    expect(html).toContain("OTHERSHOP123");
    const ours = await (await post({ tracking: "OTHERSHOP123" })).text();
    expect(ours).toContain("We couldn&#39;t find a parcel with that tracking number.");
  });

  it("shows a parcel by tracking number alone without any personal data", async () => {
    const html = await (await post({ tracking: ` ${TRACKING_MOVING.toLowerCase()} ` })).text();
    expect(html).toContain(TRACKING_MOVING);
    expect(html).toContain("Your parcel");
    expect(html).not.toContain("Order #1001");
    expect(html).not.toContain(TRACKING_DELIVERED);
    expect(html).not.toContain("Parcel 2 of 2");
    expect(html).not.toMatch(/jane|doe|613/i);
  });

  it("limits failed lookups per IP (10 per 10 minutes) with a clear message, then blocks even right answers", async () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await post({ order: `${2000 + attempt}`, contact: CUSTOMER_EMAIL })).status).toBe(200);
    }
    const blocked = await post({ order: "1001", contact: CUSTOMER_EMAIL });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    const html = await blocked.text();
    expect(html).toMatch(/Too many attempts\. Please wait \d+ minutes and try again\./);
    expect(html).not.toContain(TRACKING_DELIVERED);
    // Another shopper (another IP) is not locked out.
    ip = "198.51.100.77";
    expect(await (await post({ order: "1001", contact: CUSTOMER_EMAIL })).text()).toContain("Order #1001");
  });

  it("opens a signed shopper link, and explains an expired or forged one", async () => {
    const token = createShopperLinkToken({ shop: SHOP, shipmentId: "ship_moving", expiresAt: new Date(Date.now() + 3_600_000) }, shopperLinkKey());
    const found = await (await get({ t: token })).text();
    expect(found).toContain("Order #1001");
    expect(found).toContain(TRACKING_MOVING);

    const expired = createShopperLinkToken({ shop: SHOP, shipmentId: "ship_moving", expiresAt: new Date(Date.now() - 1000) }, shopperLinkKey());
    expect(await (await get({ t: expired })).text()).toContain("This tracking link has expired.");
    const otherShop = createShopperLinkToken({ shop: OTHER_SHOP, shipmentId: "ship_other_shop", expiresAt: new Date(Date.now() + 3_600_000) }, shopperLinkKey());
    expect(await (await get({ t: otherShop })).text()).toContain("This tracking link is not valid.");
    // A character inside the signature, where all six of its bits count (the last one's lowest two do not).
    const at = token.length - 10;
    const tampered = `${token.slice(0, at)}${token[at] === "A" ? "B" : "A"}${token.slice(at + 1)}`;
    expect(await (await get({ t: tampered })).text()).toContain("This tracking link is not valid.");
  });

  it("speaks the storefront's language: explicit choice, then Accept-Language, else English", async () => {
    expect(await (await get({ locale: "de" })).text()).toContain("Bestellung verfolgen");
    expect(await (await get({}, {}, { "Accept-Language": "fr-CA,fr;q=0.9,en;q=0.5" })).text()).toContain("Suivre votre commande");
    expect(await (await get({ locale: "nl" })).text()).toContain("Track your order");
    const german = await (await post({ order: "1001", contact: CUSTOMER_EMAIL, locale: "de" })).text();
    expect(german).toContain("Zugestellt");
    expect(german).toContain('lang="de"');
  });

  it("keeps Liquid and HTML in shoppers' input inert", async () => {
    const html = await (await post({ order: "{{ shop.name }}<script>", contact: "{% raw %}" })).text();
    expect(html).not.toContain("{{");
    expect(html).not.toContain("{%");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&#123;&#123; shop.name &#125;&#125;&lt;script&gt;");
  });

  it("asks for the missing field instead of guessing", async () => {
    const response = await post({ order: "1001" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Enter your order number and your email or phone number, or a tracking number.");
  });
});
