import { describe, expect, it } from "vitest";
import { parseEnv } from "~/config/env.server";
import { clientAddress, normalizeAddress } from "./client-address.server";

describe("client address from trusted proxy hops", () => {
  const shopper = "198.51.100.7";
  const shopifyEgress = "23.227.38.10";
  const loadBalancer = "10.0.0.5";

  it("takes the entry written by the first trusted proxy, whatever the client put to its left", () => {
    // Shopper → Shopify's app proxy (appends the shopper) → host load balancer (appends Shopify) → app.
    for (const forged of ["", "1.1.1.1", "1.1.1.1, 2.2.2.2", "127.0.0.1", "not-an-ip", "::1, 8.8.8.8"]) {
      const header = [forged, shopper, shopifyEgress].filter(Boolean).join(", ");
      expect(clientAddress(header, loadBalancer, 2)).toBe(shopper);
    }
    // App proxy straight to the app (no load balancer): one hop, the peer is Shopify.
    expect(clientAddress(`1.1.1.1, ${shopper}`, shopifyEgress, 1)).toBe(shopper);
  });

  it("ignores X-Forwarded-For entirely with no trusted proxy: the peer is the client", () => {
    expect(clientAddress("1.1.1.1", shopper, 0)).toBe(shopper);
  });

  it("treats several X-Forwarded-For headers as one list, in order", () => {
    expect(clientAddress(["9.9.9.9", `${shopper}, ${shopifyEgress}`], loadBalancer, 2)).toBe(shopper);
  });

  it("falls back to the left-most entry when fewer proxies wrote than configured", () => {
    expect(clientAddress(undefined, shopper, 1)).toBe(shopper);
    expect(clientAddress(shopper, loadBalancer, 3)).toBe(shopper);
  });

  it("gives null (unknown) when the chosen entry is not an address, never the forged text", () => {
    expect(clientAddress("1.1.1.1, <script>", loadBalancer, 1)).toBeNull();
    expect(clientAddress("1.1.1.1, 2.2.2.2\u0000", loadBalancer, 1)).toBeNull();
  });

  it("normalizes ports, brackets and IPv4-mapped IPv6", () => {
    expect(normalizeAddress("198.51.100.7:5123")).toBe("198.51.100.7");
    expect(normalizeAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(normalizeAddress("unknown")).toBeNull();
  });

  it("reads TRUSTED_PROXY_HOPS from the environment: default 1, whole numbers 0–10 only", () => {
    expect(parseEnv({}).TRUSTED_PROXY_HOPS).toBe(1);
    expect(parseEnv({ TRUSTED_PROXY_HOPS: "2" }).TRUSTED_PROXY_HOPS).toBe(2);
    for (const bad of ["-1", "1.5", "11", "many"]) expect(() => parseEnv({ TRUSTED_PROXY_HOPS: bad })).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});
