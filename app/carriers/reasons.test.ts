import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSubStatus } from "~/domain/status";
import { REASON_PHRASES, reasonFromText, withReason } from "./reasons";

describe("reasonFromText", () => {
  it.each([
    ["The receiver was not available for delivery. We'll make a second attempt the next business day.", "recipient_unavailable"],
    ["The shipment could not be delivered because the recipient was not found at the delivery address.", "recipient_unavailable"],
    ["Delivery Attempt Rescheduled: a weather condition has delayed delivery.", "weather"],
    ["The receiver refused the delivery.", "refused"],
    ["Incorrect address. Customer contacted.", "address_problem"],
    ["The address is incomplete", "address_problem"],
    ["Business was closed at time of delivery", "business_closed"],
    ["Package damaged, contents being repaired", "damaged"],
    ["Clearance delay - Import", "customs_hold"],
    ["Your package is being held by customs", "customs_hold"],
    ["Released by customs", "customs_cleared"],
    ["Import duties and taxes are due before delivery: payment required", "payment_required"],
    ["Package was missorted", "missed_connection"],
    ["Returning to shipper", "return_to_sender"],
    ["Customer requested future delivery date", "rescheduled"],
  ] as const)("%s → %s", (text, reason) => {
    expect(reasonFromText(text)).toBe(reason);
  });

  it("leaves the reason unset when the wording names none", () => {
    expect(reasonFromText("Exception", "Update", undefined, null, "")).toBeUndefined();
  });

  it("tries texts in order", () => {
    expect(reasonFromText("Delivery exception", "Customer not available or business closed")).toBe("recipient_unavailable");
  });

  it("every phrase names a canonical reason", () => {
    for (const { reason } of REASON_PHRASES) expect(isSubStatus(reason), reason).toBe(true);
  });

  it("never throws and only ever answers a canonical reason, whatever the text", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const reason = reasonFromText(a, b);
        return reason === undefined || isSubStatus(reason);
      }),
    );
  });
});

describe("withReason", () => {
  it("adds the reason only to exceptions, failed attempts, delays and returns the table left without one", () => {
    const text = "The receiver refused the delivery";
    expect(withReason({ status: "exception", mapped: true }, text)).toEqual({ status: "exception", subStatus: "refused", mapped: true });
    expect(withReason({ status: "attempt_failed", mapped: true }, text)).toMatchObject({ subStatus: "refused" });
    expect(withReason({ status: "in_transit", mapped: true }, text)).toEqual({ status: "in_transit", mapped: true });
    expect(withReason({ status: "exception", subStatus: "lost", mapped: true }, text)).toMatchObject({ subStatus: "lost" });
    expect(withReason({ status: "unknown", mapped: false }, text)).toEqual({ status: "unknown", mapped: false });
  });
});
