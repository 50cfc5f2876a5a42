import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { DEFAULT_LOOKUP_LIMITS, lookupAllowed, orderNumberKey } from "./rate-limit.server";
import { lookupForStorefront, type StorefrontOutcome, type StorefrontQuery } from "./storefront.server";
import { CUSTOMER_EMAIL, SHOP, seedTrackingFixtures, TRACKING_DELIVERED } from "~/testing/tracking-lookup-shop.server";

const key = crypto.randomBytes(32);
/** Each test runs in a window of its own (10-minute windows), so counts never leak between tests. */
let testWindow = 0;
let now = new Date();
const nextWindow = () => {
  testWindow += 1;
  now = new Date(Date.UTC(2026, 11, 6, 0, 0, 0) + testWindow * DEFAULT_LOOKUP_LIMITS.windowMs + 1000);
};

function lookup(ip: string, query: StorefrontQuery): Promise<StorefrontOutcome> {
  return lookupForStorefront(database().db, { client: { shop: SHOP, ip }, query, now, linkKey: key, locale: "en", timeZone: "UTC" });
}

const attacker = (index: number) => `198.18.${Math.floor(index / 250)}.${index % 250}`;

describe("storefront lookup limits", () => {
  beforeAll(async () => {
    await seedTrackingFixtures(database().db);
  });

  it("decides from the counts: stricter per address under attack, guarded order numbers, never shop-wide refusal", () => {
    const limits = DEFAULT_LOOKUP_LIMITS;
    const calm = { address: 0, shop: 0, order: null, addressOnOrder: null };
    expect(lookupAllowed({ ...calm, address: 9 }, limits)).toBe(true);
    expect(lookupAllowed({ ...calm, address: 10 }, limits)).toBe(false);
    // The shop under attack: a fresh address is still checked; a third failure is its last.
    expect(lookupAllowed({ ...calm, shop: 100_000 }, limits)).toBe(true);
    expect(lookupAllowed({ ...calm, shop: 100, address: 2 }, limits)).toBe(true);
    expect(lookupAllowed({ ...calm, shop: 100, address: 3 }, limits)).toBe(false);
    // A guarded order number: a fresh address (or one typo) is checked, a third try is not.
    expect(lookupAllowed({ ...calm, order: 10_000, addressOnOrder: 1 }, limits)).toBe(true);
    expect(lookupAllowed({ ...calm, order: 10_000, addressOnOrder: 2 }, limits)).toBe(false);
    expect(lookupAllowed({ ...calm, order: 4, addressOnOrder: 4 }, limits)).toBe(true);
    expect(orderNumberKey(" #10-01 ")).toBe(orderNumberKey("1001"));
  });

  it("lets a real shopper find their order while 70 addresses guess at it and at others", async () => {
    nextWindow();
    let checked = 0;
    let checkedOnOrder = 0;
    for (let index = 0; index < 70; index++) {
      // Each address guesses the contact of the shopper's order, then tries other order numbers.
      for (const query of [
        { kind: "order" as const, orderNumber: "#1001", contact: `guess${index}-a@example.com` },
        { kind: "order" as const, orderNumber: "1001", contact: `guess${index}-b@example.com` },
        { kind: "order" as const, orderNumber: "1001", contact: `guess${index}-c@example.com` },
        { kind: "order" as const, orderNumber: `${3000 + index}`, contact: CUSTOMER_EMAIL },
        { kind: "tracking" as const, trackingNumber: `1Z${index}` },
      ]) {
        const outcome = await lookup(attacker(index), query);
        expect(outcome.kind === "not_found" || outcome.kind === "rate_limited").toBe(true);
        if (outcome.kind === "not_found") {
          checked += 1;
          if (query.kind === "order" && orderNumberKey(query.orderNumber) === "1001") checkedOnOrder += 1;
        }
      }
    }
    // Enumeration stays bounded: on the guarded order each address got at most 2 guesses, and once
    // the shop was under attack at most 3 failures per address in all.
    expect(checkedOnOrder).toBeLessThanOrEqual(DEFAULT_LOOKUP_LIMITS.perOrder + 70 * DEFAULT_LOOKUP_LIMITS.perAddressOnGuardedOrder);
    expect(checked).toBeLessThanOrEqual(DEFAULT_LOOKUP_LIMITS.shopUnderAttack + 70 * DEFAULT_LOOKUP_LIMITS.perAddressUnderAttack);
    expect(checked).toBeLessThan(70 * 5);

    // The shopper, from their own address, mistypes once and then gets it right: found.
    const shopper = "203.0.113.50";
    expect((await lookup(shopper, { kind: "order", orderNumber: "1001", contact: "jane.doe@exmaple.com" })).kind).toBe("not_found");
    const found = await lookup(shopper, { kind: "order", orderNumber: "#1001", contact: CUSTOMER_EMAIL });
    expect(found.kind).toBe("found");
    // Another shopper with only a tracking number is served too.
    expect((await lookup("203.0.113.51", { kind: "tracking", trackingNumber: TRACKING_DELIVERED })).kind).toBe("found");
  }, 120_000);

  it("gives one address 10 failures in a calm shop, but only 3 while the shop is under attack", async () => {
    nextWindow();
    const failUntilBlocked = async (ip: string) => {
      let failures = 0;
      while ((await lookup(ip, { kind: "tracking", trackingNumber: `NOPE${failures}` })).kind === "not_found") failures += 1;
      return failures;
    };
    expect(await failUntilBlocked("192.0.2.1")).toBe(10);
    for (let index = 0; index < 34; index++) await failUntilBlocked(attacker(index));
    expect(await failUntilBlocked("192.0.2.2")).toBe(3);
  }, 120_000);
});
