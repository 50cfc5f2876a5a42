import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEnv, identityHashKey, TEST_AND_DEMO_IDENTITY_HASH_KEY } from "~/config/env.server";
import { hashCustomerEmail, hashCustomerPhone, normalizePhone, orderNameCandidates, sameHash } from "./identity.server";

describe("shopper identity checks", () => {
  it("hashes emails case- and space-insensitively with a keyed HMAC, as the demo data and ingestion store them", () => {
    const sha256 = crypto.createHash("sha256").update("customer1001@example.com").digest("hex");
    const stored = crypto.createHmac("sha256", TEST_AND_DEMO_IDENTITY_HASH_KEY).update(sha256).digest("hex");
    expect(hashCustomerEmail("  Customer1001@Example.com ")).toBe(stored);
    // Without the key, the unkeyed hash (which anyone can compute from a guess) no longer matches.
    expect(hashCustomerEmail("customer1001@example.com")).not.toBe(sha256);
    expect(hashCustomerEmail("customer1001@example.com", "another-key-of-at-least-32-characters")).not.toBe(stored);
    expect(hashCustomerPhone("613 555 0123")).not.toBe(crypto.createHash("sha256").update("135550123").digest("hex"));
  });

  it("requires IDENTITY_HASH_KEY outside tests and the demo, and validates it", () => {
    expect(() => identityHashKey(parseEnv({ NODE_ENV: "production" }))).toThrow(/IDENTITY_HASH_KEY: required/);
    expect(() => parseEnv({ IDENTITY_HASH_KEY: "short" })).toThrow(/IDENTITY_HASH_KEY: must be at least 32 characters/);
    expect(identityHashKey(parseEnv({ NODE_ENV: "production", IDENTITY_HASH_KEY: "k".repeat(32) }))).toBe("k".repeat(32));
    expect(identityHashKey(parseEnv({ NODE_ENV: "test" }))).toBe(TEST_AND_DEMO_IDENTITY_HASH_KEY);
    expect(identityHashKey(parseEnv({ TRACKLINE_DEMO: "1" }))).toBe(TEST_AND_DEMO_IDENTITY_HASH_KEY);
  });

  it("matches a phone typed without country code against the checkout's international form", () => {
    expect(normalizePhone("+1 (613) 555-0123")).toBe(normalizePhone("613 555 0123"));
    expect(hashCustomerPhone("+44 7700 900123")).toBe(hashCustomerPhone("07700 900123"));
    expect(hashCustomerPhone("12-34")).toBeNull();
  });

  it("reads order numbers with or without #", () => {
    expect(orderNameCandidates(" 1001 ")).toEqual(["1001", "#1001"]);
    expect(orderNameCandidates("#1001")).toEqual(["#1001", "1001"]);
    expect(orderNameCandidates("  ")).toEqual([]);
    expect(orderNameCandidates("#")).toEqual([]);
  });

  it("compares hashes only when both exist", () => {
    const hash = hashCustomerEmail("a@b.c");
    expect(sameHash(hash, hash)).toBe(true);
    expect(sameHash(hash, hashCustomerEmail("a@b.d"))).toBe(false);
    expect(sameHash(null, hash)).toBe(false);
    expect(sameHash(hash, null)).toBe(false);
    expect(sameHash(null, null)).toBe(false);
  });
});
