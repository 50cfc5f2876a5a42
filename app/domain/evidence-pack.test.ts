import { describe, expect, it } from "vitest";
import { buildEvidencePack, evidenceApplies, isDisputeOpen } from "./evidence-pack";
import { evidenceInput } from "./evidence-pack.fixture";
import { buildProofOfDelivery } from "./proof-of-delivery";

describe("dispute evidence", () => {
  it("applies to product not received, and to fraudulent only once delivered", () => {
    expect(evidenceApplies("product_not_received", [{ status: "in_transit" }])).toBe(true);
    expect(evidenceApplies("fraudulent", [{ status: "in_transit" }])).toBe(false);
    expect(evidenceApplies("fraudulent", [{ status: "delivered" }])).toBe(true);
    expect(evidenceApplies("product_unacceptable", [{ status: "delivered" }])).toBe(false);
    expect(evidenceApplies("product_not_received", [])).toBe(false);
    expect(isDisputeOpen("needs_response")).toBe(true);
    expect(isDisputeOpen("won")).toBe(false);
  });

  it("assembles order facts, timeline, proof, address comparison and the shopper's views after delivery", () => {
    const pack = buildEvidencePack(evidenceInput());
    expect(pack.title).toBe("Delivery evidence for order #1042");
    expect(pack.summary).toBe("1 of 1 parcel(s) of order #1042 were delivered (first on Nov 18, 2026, 2:02 PM EST (2026-11-18T19:02:00Z)), with a signature.");
    expect(pack.comparisons[0]?.verdict).toBe("match");
    expect(pack.viewsAfterDelivery.map((v) => v.occurredAt)).toEqual(["2026-11-18T22:15:00.000Z", "2026-11-20T07:30:00.000Z"]);
    expect(pack.accessActivityLog).toBe(
      "Shopper views of the order's tracking after delivery:\nNov 18, 2026, 5:15 PM EST (2026-11-18T22:15:00Z) — order status page (customer account)\nNov 20, 2026, 2:30 AM EST (2026-11-20T07:30:00Z) — store tracking page",
    );
    expect(pack.text).toContain("  Signed by: MARIA LEE");
    expect(pack.text).toContain("  Left at: Front Door");
    expect(pack.text).toContain("Shipping address: 12 Peachtree St, Atlanta, GA, 30303, US");
    expect(pack.text).toContain("Shipping address vs delivery location: MATCH (city Atlanta / ATLANTA; province GA / GA; postalCode 30303 / 30303; country US / US)");
    expect(pack.text).toContain("  Nov 15, 2026, 3:00 PM EST (2026-11-15T20:00:00Z)  Picked up — LOUISVILLE, KY, US");
  });

  it("flags a delivery somewhere else and says so when nothing was viewed", () => {
    const base = evidenceInput();
    const parcel = { ...base.parcels[0]!, proofOfDelivery: buildProofOfDelivery({ carrier: "ups", location: "Mailroom", address: { city: "DECATUR", postalCode: "30030", country: "US" } }) ?? null };
    const pack = buildEvidencePack(evidenceInput({ parcels: [parcel], lookups: [] }));
    expect(pack.comparisons[0]?.verdict).toBe("mismatch");
    expect(pack.text).toContain("MISMATCH (city Atlanta / DECATUR differs; postalCode 30303 / 30030 differs; country US / US)");
    expect(pack.text).toContain("No shopper views of the order's tracking were recorded after delivery.");
    expect(pack.accessActivityLog).toBeNull();
  });
});
