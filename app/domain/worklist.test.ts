import { describe, expect, it } from "vitest";
import { inquiryProblems, reconcileWorklist, shipmentProblems, slaColour, ageLabel, type InquiryFacts, type ShipmentFacts, type StoredItemFacts } from "./worklist";

const now = new Date("2026-12-06T12:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

function facts(overrides: Partial<ShipmentFacts> = {}): ShipmentFacts {
  return {
    id: "s1",
    orderId: "gid://shopify/Order/1",
    orderName: "#1",
    status: "in_transit",
    stalled: false,
    trackingIssue: null,
    isReturn: false,
    lastEventAt: hoursAgo(10),
    createdAt: hoursAgo(100),
    trackingStoppedAt: null,
    latestWriteBack: null,
    ...overrides,
  };
}

describe("worklist", () => {
  it("finds each kind of problem a parcel can have", () => {
    const kinds = (f: Partial<ShipmentFacts>) => shipmentProblems(facts(f), now, { pickupAttentionDays: 5 }).map((p) => p.kind);
    expect(kinds({})).toEqual([]);
    expect(kinds({ stalled: true })).toEqual(["stalled"]);
    expect(kinds({ status: "exception" })).toEqual(["exception"]);
    expect(kinds({ status: "attempt_failed" })).toEqual(["attempt_failed"]);
    expect(kinds({ status: "available_for_pickup", lastEventAt: hoursAgo(4 * 24) })).toEqual([]);
    expect(kinds({ status: "available_for_pickup", lastEventAt: hoursAgo(6 * 24) })).toEqual(["pickup_waiting"]);
    expect(kinds({ status: "returning" })).toEqual(["returning"]);
    expect(kinds({ status: "returning", isReturn: true })).toEqual([]);
    expect(kinds({ trackingIssue: "carrier_mismatch" })).toEqual(["tracking_issue"]);
    expect(kinds({ latestWriteBack: { state: "failed", updatedAt: hoursAgo(1) } })).toEqual(["write_back_failed"]);
    expect(kinds({ latestWriteBack: { state: "done", updatedAt: hoursAgo(1) } })).toEqual([]);
    expect(kinds({ status: "exception", trackingStoppedAt: hoursAgo(1) })).toEqual([]);
  });

  it("colours age against the kind's SLA", () => {
    expect(slaColour("exception", hoursAgo(11), now)).toBe("green");
    expect(slaColour("exception", hoursAgo(13), now)).toBe("amber");
    expect(slaColour("exception", hoursAgo(24), now)).toBe("red");
    expect(slaColour("dispute_open", hoursAgo(24), now)).toBe("green");
    expect(ageLabel(hoursAgo(0.5), now)).toBe("30 min");
    expect(ageLabel(hoursAgo(30), now)).toBe("30 h");
    expect(ageLabel(hoursAgo(80), now)).toBe("3 d");
  });

  it("creates, resolves by itself, and brings an item back only for a new occurrence", () => {
    const problem = shipmentProblems(facts({ stalled: true }), now, { pickupAttentionDays: 5 });
    expect(reconcileWorklist([], problem).map((r) => r.action)).toEqual(["create"]);
    const open: StoredItemFacts = { id: "i1", kind: "stalled", subjectId: "s1", state: "waiting_carrier", openedAt: hoursAgo(10), resolvedAt: null };
    expect(reconcileWorklist([open], problem)).toEqual([]);
    // The parcel moved on: the stall is gone.
    expect(reconcileWorklist([open], [])).toEqual([{ action: "auto_resolve", itemId: "i1" }]);
    const resolved: StoredItemFacts = { ...open, state: "resolved", resolvedAt: hoursAgo(5) };
    // Same stall as when someone resolved it: stays resolved.
    expect(reconcileWorklist([resolved], problem)).toEqual([]);
    // A new scan after the resolution, then silence again: it comes back.
    const again = shipmentProblems(facts({ stalled: true, lastEventAt: hoursAgo(2) }), now, { pickupAttentionDays: 5 });
    expect(reconcileWorklist([resolved], again)).toEqual([{ action: "reopen", itemId: "i1", problem: again[0] }]);
  });

  it("keeps a shopper's inquiry on the list until the parcel is delivered and the inquiry answered or old", () => {
    const inquiry: InquiryFacts = {
      shipmentId: "s1",
      orderId: "gid://shopify/Order/1",
      orderName: "#1",
      reason: "delayed",
      source: "tracking_page",
      askedAt: hoursAgo(30),
      parcelStatus: "in_transit",
      answeredAt: null,
    };
    expect(inquiryProblems(inquiry, now)).toEqual([
      {
        kind: "customer_asked",
        subjectId: "s1",
        shipmentId: "s1",
        orderId: "gid://shopify/Order/1",
        orderName: "#1",
        since: hoursAgo(30),
        inquiry: { reason: "delayed", source: "tracking_page" },
      },
    ]);
    // Answered but not delivered yet: still on the list.
    expect(inquiryProblems({ ...inquiry, answeredAt: hoursAgo(1) }, now)).toHaveLength(1);
    // Delivered, neither answered nor old: still on the list (the shopper may say it never came).
    expect(inquiryProblems({ ...inquiry, parcelStatus: "delivered" }, now)).toHaveLength(1);
    // Delivered and answered after the question: gone.
    expect(inquiryProblems({ ...inquiry, parcelStatus: "delivered", answeredAt: hoursAgo(1) }, now)).toEqual([]);
    // An answer from before this question does not answer it.
    expect(inquiryProblems({ ...inquiry, parcelStatus: "delivered", answeredAt: hoursAgo(31) }, now)).toHaveLength(1);
    // Delivered and older than three days: gone.
    expect(inquiryProblems({ ...inquiry, parcelStatus: "delivered", askedAt: hoursAgo(73) }, now)).toEqual([]);
    expect(inquiryProblems({ ...inquiry, parcelStatus: "delivered", askedAt: hoursAgo(71) }, now)).toHaveLength(1);
  });

  it("updates an open inquiry item when a newer inquiry has another reason or source", () => {
    const problem = inquiryProblems(
      { shipmentId: "s1", orderId: "o", orderName: "#1", reason: "damaged", source: "zendesk", askedAt: hoursAgo(2), parcelStatus: "in_transit", answeredAt: null },
      now,
    );
    const open: StoredItemFacts = { id: "i1", kind: "customer_asked", subjectId: "s1", state: "open", openedAt: hoursAgo(20), resolvedAt: null, inquiryReason: "delayed", inquirySource: "tracking_page" };
    expect(reconcileWorklist([open], problem)).toEqual([{ action: "update", itemId: "i1", problem: problem[0] }]);
    expect(reconcileWorklist([{ ...open, inquiryReason: "damaged", inquirySource: "zendesk" }], problem)).toEqual([]);
    // Resolved before the new inquiry: it comes back with the new reason.
    expect(reconcileWorklist([{ ...open, state: "resolved", resolvedAt: hoursAgo(3) }], problem)).toEqual([{ action: "reopen", itemId: "i1", problem: problem[0] }]);
  });
});
