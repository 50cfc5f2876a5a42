import { describe, expect, it } from "vitest";
import { isHeldOut } from "~/domain/wismo/holdout";
import { buildDemoShop } from "./demo-data.server";
import { DEMO_HOLDOUT, planDemoInquiries } from "./demo-inquiries";

describe("demo inquiries", () => {
  const now = new Date("2026-11-20T12:00:00Z");
  const shop = buildDemoShop({ now, seed: 42, orders: 520 });
  const plan = planDemoInquiries(shop.shipments, { now, seed: 42, shipmentId: (shipment) => shipment.id });

  it("is deterministic, after each parcel shipped and before now, from every surface", () => {
    expect(planDemoInquiries(shop.shipments, { now, seed: 42, shipmentId: (shipment) => shipment.id })).toEqual(plan);
    const shippedAt = new Map(shop.shipments.map((shipment) => [shipment.id, shipment.fulfillmentCreatedAt.getTime()]));
    for (const inquiry of plan) {
      expect(inquiry.at.getTime()).toBeGreaterThan(shippedAt.get(inquiry.shipmentId)!);
      expect(inquiry.at.getTime()).toBeLessThan(now.getTime());
    }
    expect(new Set(plan.map((inquiry) => inquiry.surface))).toEqual(new Set(["tracking_page", "order_status_extension", "zendesk", "gorgias"]));
    expect(plan.filter((inquiry) => inquiry.ticket).every((inquiry) => inquiry.ticket!.subject.includes("#"))).toBe(true);
  });

  it("has held-out orders asking more often than treated ones (the effect the holdout measures)", () => {
    const orders = [...new Set(shop.shipments.map((shipment) => shipment.orderId))];
    const held = orders.filter((orderId) => isHeldOut(orderId, DEMO_HOLDOUT));
    const asked = new Set(plan.map((inquiry) => inquiry.orderId));
    const rate = (group: string[]) => group.filter((orderId) => asked.has(orderId)).length / group.length;
    expect(held.length).toBeGreaterThan(50);
    expect(rate(held)).toBeGreaterThan(rate(orders.filter((orderId) => !isHeldOut(orderId, DEMO_HOLDOUT))));
  });
});
