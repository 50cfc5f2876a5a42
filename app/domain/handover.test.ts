import { describe, expect, it } from "vitest";
import { carrierNameFromSlug, handoverDescription } from "./handover";

describe("carrier hand-over", () => {
  it("words the hand-over for the timeline", () => {
    expect(handoverDescription({ carrierName: "Royal Mail", carrierSlug: "royal-mail", trackingNumber: "RM123456785GB" })).toBe(
      "Handed over to Royal Mail, new tracking number RM123456785GB",
    );
  });

  it("reads a carrier name from an aggregator slug", () => {
    expect(carrierNameFromSlug("royal-mail")).toBe("Royal Mail");
    expect(carrierNameFromSlug("usps")).toBe("USPS");
    expect(carrierNameFromSlug("canada-post")).toBe("Canada Post");
    expect(carrierNameFromSlug("dpd-uk")).toBe("DPD UK");
  });
});
