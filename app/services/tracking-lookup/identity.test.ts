import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashCustomerEmail, hashCustomerPhone, normalizePhone, orderNameCandidates, sameHash } from "./identity";

describe("shopper identity checks", () => {
  it("hashes emails case- and space-insensitively, as the demo data and ingestion store them", () => {
    const stored = crypto.createHash("sha256").update("customer1001@example.com").digest("hex");
    expect(hashCustomerEmail("  Customer1001@Example.com ")).toBe(stored);
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
