import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countSmsSegments, isGsm7 } from "./segments";

describe("SMS segments", () => {
  it("counts GSM-7 texts: 160 alone, 153 per part", () => {
    expect(countSmsSegments("")).toEqual({ encoding: "GSM-7", units: 0, segments: 0 });
    expect(countSmsSegments("a".repeat(160))).toEqual({ encoding: "GSM-7", units: 160, segments: 1 });
    expect(countSmsSegments("a".repeat(161))).toEqual({ encoding: "GSM-7", units: 161, segments: 2 });
    expect(countSmsSegments("a".repeat(306))).toMatchObject({ segments: 2 });
    expect(countSmsSegments("a".repeat(307))).toMatchObject({ segments: 3 });
  });

  it("counts extension characters as two septets and never splits them across parts", () => {
    expect(countSmsSegments("€".repeat(80))).toEqual({ encoding: "GSM-7", units: 160, segments: 1 });
    expect(countSmsSegments(`${"a".repeat(159)}€`)).toEqual({ encoding: "GSM-7", units: 161, segments: 2 });
    // 152 septets, then an escape pair that does not fit in the first part's last septet.
    expect(countSmsSegments(`${"a".repeat(152)}${"{"}${"a".repeat(152)}`)).toMatchObject({ units: 306, segments: 3 });
  });

  it("keeps the GSM alphabet's accented letters in GSM-7, anything else makes the text UCS-2", () => {
    expect(isGsm7("Ihre Bestellung ist unterwegs: Zustellung heute! ÄÖÜäöüß é à ñ")).toBe(true);
    expect(isGsm7("Votre commande est en cours de livraison")).toBe(true);
    expect(isGsm7("Votre colis a été livré, ça y est")).toBe(false); // ç (lower case) is not in GSM-7
    expect(countSmsSegments("您的订单已发货")).toEqual({ encoding: "UCS-2", units: 7, segments: 1 });
    expect(countSmsSegments("ê".repeat(70))).toEqual({ encoding: "UCS-2", units: 70, segments: 1 });
    expect(countSmsSegments("ê".repeat(71))).toEqual({ encoding: "UCS-2", units: 71, segments: 2 });
    expect(countSmsSegments("ê".repeat(134))).toMatchObject({ segments: 2 });
    expect(countSmsSegments("ê".repeat(135))).toMatchObject({ segments: 3 });
  });

  it("counts an emoji as two UTF-16 units and keeps the pair in one part", () => {
    expect(countSmsSegments("📦")).toEqual({ encoding: "UCS-2", units: 2, segments: 1 });
    expect(countSmsSegments(`${"a".repeat(66)}📦${"a".repeat(10)}`)).toMatchObject({ units: 78, segments: 2 });
    expect(countSmsSegments(`${"a".repeat(66)}📦${"a".repeat(66)}`)).toMatchObject({ units: 134, segments: 3 });
  });

  it("never needs fewer parts than the units allow, nor more than one per character", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "€", "é", "ç", "中", "📦", " ", "{"), maxLength: 400 }), (text) => {
        const { encoding, units, segments } = countSmsSegments(text);
        const [single, perPart] = encoding === "GSM-7" ? [160, 153] : [70, 67];
        if (units === 0) expect(segments).toBe(0);
        else if (units <= single) expect(segments).toBe(1);
        else {
          expect(segments).toBeGreaterThanOrEqual(Math.ceil(units / perPart));
          expect(segments).toBeLessThanOrEqual(Math.ceil(units / (perPart - 1)));
        }
      }),
    );
  });
});
