import { describe, expect, it } from "vitest";
import { avoidedInquiries, estimateDeflection, newcombeDifference, wilsonInterval } from "./statistics";

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

describe("Wilson score interval", () => {
  it("reproduces published values", () => {
    // 0/10: (0, 0.2775); 81/263: (0.2553, 0.3662) (Newcombe 1998, single proportion examples).
    const zero = wilsonInterval(0, 10);
    expect([round4(zero.lower), round4(zero.upper)]).toEqual([0, 0.2775]);
    const w = wilsonInterval(81, 263);
    expect([round4(w.lower), round4(w.upper)]).toEqual([0.2553, 0.3662]);
  });
});

describe("Newcombe hybrid score interval for a difference of proportions", () => {
  it("reproduces Newcombe (1998) Table II, method 10", () => {
    const cases: Array<[number, number, number, number, number, number]> = [
      [56, 70, 48, 80, 0.0524, 0.3339],
      [9, 10, 3, 10, 0.1705, 0.809],
      [5, 56, 0, 29, -0.0381, 0.1926],
      [0, 10, 0, 10, -0.2775, 0.2775],
      [10, 10, 0, 20, 0.6791, 1],
    ];
    for (const [x1, n1, x2, n2, lower, upper] of cases) {
      const interval = newcombeDifference({ ordersWithInquiry: x1, orders: n1 }, { ordersWithInquiry: x2, orders: n2 });
      expect([round4(interval.lower), round4(interval.upper)]).toEqual([lower, upper]);
    }
  });
});

describe("measured deflection", () => {
  it("computes held-out minus treated per 100 orders with its interval (hand-checked)", () => {
    // Treated 36 of 900 orders asked (4.00 per 100); held-out 10 of 100 (10.00 per 100).
    // Wilson 10/100: (0.05523, 0.17437); Wilson 36/900: (0.02904, 0.05494).
    // Lower = 0.06 − √(0.04477² + 0.01494²) = 0.06 − 0.04720 = 0.01280; upper = 0.06 + √(0.07437² + 0.01096²) = 0.13517.
    const estimate = estimateDeflection({ orders: 900, ordersWithInquiry: 36 }, { orders: 100, ordersWithInquiry: 10 });
    expect(estimate.kind).toBe("estimate");
    if (estimate.kind !== "estimate") return;
    expect(estimate.treated.per100).toBe(4);
    expect(estimate.heldOut.per100).toBe(10);
    expect(round4(estimate.avoidedPer100)).toBe(6);
    expect(Math.round(estimate.lowerPer100 * 100) / 100).toBe(1.28);
    expect(Math.round(estimate.upperPer100 * 100) / 100).toBe(13.52);
    expect(estimate.significant).toBe(true);
    expect(avoidedInquiries(estimate, 900)).toBe(54);
  });

  it("says when there is not enough data instead of showing a number", () => {
    expect(estimateDeflection({ orders: 900, ordersWithInquiry: 36 }, { orders: 49, ordersWithInquiry: 10 })).toEqual({
      kind: "insufficient",
      treated: { orders: 900, ordersWithInquiry: 36 },
      heldOut: { orders: 49, ordersWithInquiry: 10 },
      reason: "49 held-out orders so far; 50 needed in each group",
    });
    const few = estimateDeflection({ orders: 500, ordersWithInquiry: 5 }, { orders: 120, ordersWithInquiry: 4 });
    expect(few).toMatchObject({ kind: "insufficient", reason: "9 orders with an inquiry so far; 10 needed" });
    expect(avoidedInquiries(few, 500)).toBeNull();
  });

  it("is not significant when the interval spans zero", () => {
    const estimate = estimateDeflection({ orders: 400, ordersWithInquiry: 20 }, { orders: 100, ordersWithInquiry: 6 });
    expect(estimate).toMatchObject({ kind: "estimate", significant: false });
  });
});
