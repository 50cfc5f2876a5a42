import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { createShopperLinkToken, shopperLinkUrl, verifyShopperLinkToken } from "./token.server";

const key = crypto.randomBytes(32);
const now = new Date("2026-11-20T12:00:00Z");
const claims = { shop: "shop-a.myshopify.com", shipmentId: "ship_1", expiresAt: new Date("2026-12-01T00:00:00Z") };

describe("shopper link tokens", () => {
  it("round-trips the shop, shipment and expiry", () => {
    const token = createShopperLinkToken(claims, key);
    expect(verifyShopperLinkToken(token, key, now)).toEqual({ ok: true, claims });
    expect(shopperLinkUrl(claims.shop, token)).toBe(`https://shop-a.myshopify.com/apps/track?t=${encodeURIComponent(token)}`);
  });

  it("rejects a token signed with another key", () => {
    const token = createShopperLinkToken(claims, crypto.randomBytes(32));
    expect(verifyShopperLinkToken(token, key, now)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects a payload changed after signing (another shipment)", () => {
    const [version, , signature] = createShopperLinkToken(claims, key).split(".");
    const forged = Buffer.from(JSON.stringify({ s: claims.shop, i: "ship_2", e: 1_900_000_000 })).toString("base64url");
    expect(verifyShopperLinkToken(`${version}.${forged}.${signature}`, key, now)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects an expired token, and only after its expiry", () => {
    const token = createShopperLinkToken(claims, key);
    expect(verifyShopperLinkToken(token, key, new Date("2026-11-30T23:59:59Z")).ok).toBe(true);
    expect(verifyShopperLinkToken(token, key, new Date("2026-12-01T00:00:00Z"))).toEqual({ ok: false, reason: "expired" });
  });

  it.each(["", "v1", "v1..", "v2.abc.def", "v1.abc", "garbage.with.dots.more"])("calls %j malformed", (token) => {
    expect(verifyShopperLinkToken(token, key, now)).toEqual({ ok: false, reason: "malformed" });
  });
});
