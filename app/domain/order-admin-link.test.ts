import { describe, expect, it } from "vitest";
import { numericOrderId, orderAdminUrl } from "./order-admin-link";

describe("orderAdminUrl", () => {
  it("opens the order inside the embedded admin through App Bridge's shopify:// protocol", () => {
    expect(orderAdminUrl("gid://shopify/Order/5512345678", "acme.myshopify.com", "embedded")).toBe("shopify://admin/orders/5512345678");
  });

  it("uses the admin's web address outside the embedded admin", () => {
    expect(orderAdminUrl("gid://shopify/Order/42", "acme-store.myshopify.com", "web")).toBe("https://admin.shopify.com/store/acme-store/orders/42");
  });

  it("gives no link for ids that are not order gids or shops that are not store handles", () => {
    expect(numericOrderId("gid://shopify/Fulfillment/42")).toBeNull();
    expect(orderAdminUrl("42", "acme.myshopify.com", "web")).toBeNull();
    expect(orderAdminUrl("gid://shopify/Order/42", "evil.example/../x", "web")).toBeNull();
  });
});
