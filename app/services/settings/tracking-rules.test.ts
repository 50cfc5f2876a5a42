import { describe, expect, it } from "vitest";
import { cadenceFor, parseTrackingRules, validateTrackingRules } from "./tracking-rules";

describe("check cadence", () => {
  it("takes the carrier's interval over the shop default and leaves the rest built-in", () => {
    const rules = parseTrackingRules(
      JSON.stringify({ defaults: { checkIntervalMinutes: { in_transit: 240 } }, carriers: { ups: { checkIntervalMinutes: { out_for_delivery: 20 } } } }),
    );
    expect(cadenceFor(rules, "ups")).toEqual({ in_transit: 240, out_for_delivery: 20 });
    expect(cadenceFor(rules, "fedex")).toEqual({ in_transit: 240 });
    expect(cadenceFor(parseTrackingRules(null), "ups")).toEqual({});
  });

  it("rejects intervals outside 15 minutes to a day, field by field", () => {
    const result = validateTrackingRules({ defaults: { checkIntervalMinutes: { in_transit: 5, out_for_delivery: 2000 } } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fieldErrors["defaults.checkIntervalMinutes.in_transit"]).toBe("settings.error.cadenceMin");
      expect(result.fieldErrors["defaults.checkIntervalMinutes.out_for_delivery"]).toBe("settings.error.cadenceMax");
    }
  });
});
