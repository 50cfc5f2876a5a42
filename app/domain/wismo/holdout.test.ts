import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { holdoutBucket, isHeldOut, orderKey } from "./holdout";
import { hmacSha256, sha256, toHex } from "./sha256";

describe("pure SHA-256 / HMAC", () => {
  it("matches the FIPS test vectors and Node's implementation", () => {
    const utf8 = new TextEncoder();
    expect(toHex(sha256(utf8.encode("abc")))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(toHex(sha256(utf8.encode("")))).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    for (const [key, message] of [["key", "The quick brown fox jumps over the lazy dog"], ["k".repeat(100), "x".repeat(200)], ["clé", "订单 5012"]] as const) {
      expect(toHex(hmacSha256(key, message))).toBe(crypto.createHmac("sha256", key).update(message).digest("hex"));
    }
    // RFC 4231 test case 2.
    expect(toHex(hmacSha256("Jefe", "what do ya want for nothing?"))).toBe("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  });
});

describe("holdout assignment", () => {
  const key = "shop-holdout-key-1";

  it("is the first four HMAC bytes modulo 10,000, by numeric order id", () => {
    const digest = crypto.createHmac("sha256", key).update("5012").digest();
    expect(holdoutBucket("gid://shopify/Order/5012", key)).toBe(digest.readUInt32BE(0) % 10_000);
    expect(holdoutBucket("5012", key)).toBe(holdoutBucket("gid://shopify/Order/5012", key));
    expect(orderKey(" gid://shopify/Order/77 ")).toBe("77");
  });

  it("holds out the orders whose bucket is below percent × 100, and none when off", () => {
    const ids = Array.from({ length: 20 }, (_, i) => `gid://shopify/Order/${1000 + i}`);
    const expected = ids.filter((id) => holdoutBucket(id, key) < 2000);
    expect(ids.filter((id) => isHeldOut(id, { enabled: true, percent: 20, key }))).toEqual(expected);
    expect(ids.filter((id) => isHeldOut(id, { enabled: false, percent: 20, key }))).toEqual([]);
    expect(ids.filter((id) => isHeldOut(id, { enabled: true, percent: 0, key }))).toEqual([]);
  });

  it("holds out close to the stated share and changes with the key", () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => String(4_000_000 + i));
    const held = ids.filter((id) => isHeldOut(id, { enabled: true, percent: 10, key })).length;
    expect(held).toBeGreaterThan(900);
    expect(held).toBeLessThan(1100);
    const other = ids.filter((id) => isHeldOut(id, { enabled: true, percent: 10, key: "another-key" }));
    expect(other).not.toEqual(ids.filter((id) => isHeldOut(id, { enabled: true, percent: 10, key })));
  });

  it("caps the held-out share at 50 %", () => {
    const ids = Array.from({ length: 2000 }, (_, i) => String(i));
    const at90 = ids.filter((id) => isHeldOut(id, { enabled: true, percent: 90, key })).length;
    expect(at90).toBe(ids.filter((id) => isHeldOut(id, { enabled: true, percent: 50, key })).length);
  });
});
