import { describe, expect, it } from "vitest";
import { isShopDomain } from "./shop-domain";

describe("shop domains", () => {
  it("accepts *.myshopify.com and subdomains of the configured custom domain only", () => {
    expect(isShopDomain("test-shop.myshopify.com")).toBe(true);
    for (const bad of ["evil.example.com", "UPPER.myshopify.com", "a.myshopify.com.evil.com", "", "-x.myshopify.com", "a.b.myshopify.com"]) {
      expect(isShopDomain(bad)).toBe(false);
    }
    expect(isShopDomain("dev-store.shop.dev", "shop.dev")).toBe(true);
    expect(isShopDomain("a.b.shop.dev", "shop.dev")).toBe(false);
    expect(isShopDomain("dev-store.shop.dev")).toBe(false);
  });
});
