import { describe, expect, it } from "vitest";
import { decideShopifyWrite, movesShopifyBackwards, SHOPIFY_FULFILLMENT_EVENT_STATUSES, toShopifyEventStatus } from "./shopify-status";
import { CANONICAL_STATUSES } from "./status";

describe("toShopifyEventStatus", () => {
  it.each([
    ["pending", "CONFIRMED"],
    ["info_received", "LABEL_PURCHASED"],
    ["picked_up", "CARRIER_PICKED_UP"],
    ["in_transit", "IN_TRANSIT"],
    ["out_for_delivery", "OUT_FOR_DELIVERY"],
    ["available_for_pickup", "READY_FOR_PICKUP"],
    ["attempt_failed", "ATTEMPTED_DELIVERY"],
    ["delayed", "DELAYED"],
    ["exception", "FAILURE"],
    ["returning", "FAILURE"],
    ["returned", "FAILURE"],
    ["delivered", "DELIVERED"],
    ["cancelled", null],
    ["invalid", null],
    ["expired", null],
    ["unknown", null],
  ] as const)("%s → %s", (status, shopify) => {
    expect(toShopifyEventStatus(status)).toBe(shopify);
  });

  it("reads a customs or weather exception as a delay, not a failure", () => {
    expect(toShopifyEventStatus("exception", "customs_hold")).toBe("DELAYED");
    expect(toShopifyEventStatus("exception", "weather")).toBe("DELAYED");
    expect(toShopifyEventStatus("exception", "damaged")).toBe("FAILURE");
  });

  it("only ever produces values valid in Admin API 2026-10 (never PICKED_UP)", () => {
    const produced = CANONICAL_STATUSES.map((status) => toShopifyEventStatus(status)).filter((value) => value !== null);
    for (const value of produced) expect(SHOPIFY_FULFILLMENT_EVENT_STATUSES).toContain(value);
    expect(SHOPIFY_FULFILLMENT_EVENT_STATUSES as readonly string[]).not.toContain("PICKED_UP");
  });
});

describe("movesShopifyBackwards", () => {
  it("flags earlier journey steps and anything after delivery", () => {
    expect(movesShopifyBackwards("IN_TRANSIT", "LABEL_PURCHASED")).toBe(true);
    expect(movesShopifyBackwards("OUT_FOR_DELIVERY", "IN_TRANSIT")).toBe(true);
    expect(movesShopifyBackwards("DELIVERED", "IN_TRANSIT")).toBe(true);
    expect(movesShopifyBackwards("DELIVERED", "FAILURE")).toBe(true);
  });

  it("lets the journey move forward and recover from a failure", () => {
    expect(movesShopifyBackwards(null, "IN_TRANSIT")).toBe(false);
    expect(movesShopifyBackwards("IN_TRANSIT", "OUT_FOR_DELIVERY")).toBe(false);
    expect(movesShopifyBackwards("IN_TRANSIT", "DELAYED")).toBe(false);
    expect(movesShopifyBackwards("FAILURE", "IN_TRANSIT")).toBe(false);
    expect(movesShopifyBackwards("IN_TRANSIT", "FAILURE")).toBe(false);
  });
});

describe("decideShopifyWrite", () => {
  it("writes forward moves and skips repeats", () => {
    expect(decideShopifyWrite(null, "in_transit")).toMatchObject({ write: true, status: "IN_TRANSIT" });
    expect(decideShopifyWrite("IN_TRANSIT", "in_transit")).toMatchObject({ write: false, status: "IN_TRANSIT" });
  });

  it("never writes expired, unknown, cancelled or invalid", () => {
    for (const status of ["expired", "unknown", "cancelled", "invalid"] as const) {
      expect(decideShopifyWrite("IN_TRANSIT", status)).toMatchObject({ write: false, status: null });
    }
  });

  it("refuses to move Shopify backwards on a stale scan", () => {
    expect(decideShopifyWrite("DELIVERED", "in_transit")).toMatchObject({ write: false });
    expect(decideShopifyWrite("IN_TRANSIT", "info_received")).toMatchObject({ write: false });
  });

  it("allows going backwards when the carrier really did: a return after delivery, a second attempt", () => {
    expect(decideShopifyWrite("DELIVERED", "returning")).toMatchObject({ write: true, status: "FAILURE" });
    expect(decideShopifyWrite("ATTEMPTED_DELIVERY", "in_transit")).toMatchObject({ write: true, status: "IN_TRANSIT" });
  });
});
