import { describe, expect, it } from "vitest";
import { knownCarrierCodes, normalizeCarrierName, resolveCarrierName } from "./carrier-names";
import { PARCEL_CARRIERS } from "./formats";
import { POSTAL_OPERATORS } from "./postal-operators";

describe("normalizeCarrierName", () => {
  it("folds case, accents, punctuation and Shopify's language tags", () => {
    expect(normalizeCarrierName("  Lietuvos Paštas ")).toBe("lietuvos pastas");
    expect(normalizeCarrierName("Japan Post (JA)")).toBe("japan post");
    expect(normalizeCarrierName("U.S. Postal-Service")).toBe("u s postal service");
    expect(normalizeCarrierName("Heppner GmbH & Co.")).toBe("heppner gmbh and co");
  });
});

describe("resolveCarrierName", () => {
  it.each([
    ["UPS", "ups"],
    ["United Parcel Service", "ups"],
    ["ups", "ups"],
    ["FedEx", "fedex"],
    ["FedEx Ground", "fedex"],
    ["Federal Express", "fedex"],
    ["USPS", "usps"],
    ["United States Postal Service", "usps"],
    ["DHL eCommerce", "dhl"],
    ["DHL Express", "dhl"],
    ["China Post", "china_post"],
    ["Yun Express", "yunexpress"],
    ["YunExpress", "yunexpress"],
    ["4PX", "four_px"],
    ["Amazon Logistics US", "amazon"],
    ["Canada Post", "canada_post"],
    ["Royal Mail", "royal_mail"],
    ["Japan Post (EN)", "japan_post"],
    ["日本郵便", "japan_post"],
    ["Spee-Dee Delivery", "speedee"],
    ["Old Dominion Freight Line", "old_dominion"],
    ["PostNord SE", "postnord_se"],
    ["Colissimo", "la_poste"],
  ])("maps %s to %s", (name, carrier) => {
    expect(resolveCarrierName(name)?.carrier).toBe(carrier);
  });

  it("reads a known name followed by a product as that carrier", () => {
    expect(resolveCarrierName("FedEx International Priority")).toEqual({ carrier: "fedex", matchedBy: "prefix" });
    expect(resolveCarrierName("DPD UK Next Day")).toEqual({ carrier: "dpd", matchedBy: "prefix" });
    // Whole words only: "Upsilon" is not UPS.
    expect(resolveCarrierName("Upsilon Couriers")).toBeNull();
  });

  it("accepts carrier codes themselves", () => {
    expect(resolveCarrierName("old_dominion")).toEqual({ carrier: "old_dominion", matchedBy: "exact" });
    expect(resolveCarrierName("canada_post")?.carrier).toBe("canada_post");
  });

  it("lets a shop's own mappings win over the built-in names", () => {
    const mappings = [
      { name: "Local Express", carrier: "canpar" },
      { name: "UPS", carrier: "ups_freight" },
    ];
    expect(resolveCarrierName("local  express", mappings)).toEqual({ carrier: "canpar", matchedBy: "merchant" });
    expect(resolveCarrierName("UPS", mappings)).toEqual({ carrier: "ups_freight", matchedBy: "merchant" });
    expect(resolveCarrierName("UPS")).toEqual({ carrier: "ups", matchedBy: "exact" });
  });

  it("returns null for names it does not know", () => {
    expect(resolveCarrierName("")).toBeNull();
    expect(resolveCarrierName("Bob's Delivery")).toBeNull();
  });

  it("knows every carrier detection can report", () => {
    const codes = knownCarrierCodes();
    for (const carrier of PARCEL_CARRIERS) expect(codes).toContain(carrier);
    for (const operator of ["china_post", "royal_mail", "la_poste", "deutsche_post", "japan_post", "korea_post", "australia_post"]) {
      expect(codes).toContain(operator);
      expect([...POSTAL_OPERATORS.values()].map((entry) => entry.carrier)).toContain(operator);
    }
  });
});
