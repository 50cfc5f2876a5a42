import { describe, expect, it } from "vitest";
import { isoString } from "./iso-time";

describe("isoString", () => {
  it("is toISOString character for character, across years, leap days and the range's ends", () => {
    const edges = [
      0, -1, 1, 999, -999, 951_782_400_000, 951_868_799_999, 4_107_542_400_000, 1_709_164_800_000, 1_798_761_599_999,
      -62_167_219_200_000, 253_402_300_799_999,
    ];
    for (const ms of edges) expect(isoString(ms)).toBe(new Date(ms).toISOString());
    // A fixed pseudo-random spread over years 0–9999 (a simple LCG, so the run is repeatable).
    let state = 2026;
    const differing: number[] = [];
    for (let index = 0; index < 200_000; index++) {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      const ms = Math.floor(-62_167_219_200_000 + (state / 2_147_483_648) * (253_402_300_799_999 + 62_167_219_200_000));
      if (isoString(ms) !== new Date(ms).toISOString()) differing.push(ms);
    }
    expect(differing).toEqual([]);
  });

  it("leaves instants outside years 0–9999 and fractions to the built-in, and throws as it does on NaN", () => {
    for (const ms of [-62_167_219_200_001, 253_402_300_800_000, 8.64e15, -8.64e15, 1.5]) expect(isoString(ms)).toBe(new Date(ms).toISOString());
    expect(() => isoString(Number.NaN)).toThrow(RangeError);
  });
});
