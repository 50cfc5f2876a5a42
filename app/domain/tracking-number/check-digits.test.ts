import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  luhnCheckDigit,
  mod10CheckDigit,
  mod11Mod10CheckDigit,
  mod37_36CheckCharacter,
  mod7CheckDigit,
  s10CheckDigit,
  upsCharValue,
} from "./check-digits";

const digitString = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((list) => list.join(""));

describe("upsCharValue", () => {
  it("keeps digits and folds letters as (ASCII - 3) mod 10", () => {
    expect(upsCharValue("7".charCodeAt(0))).toBe(7);
    expect(upsCharValue("A".charCodeAt(0))).toBe(2); // 65 - 3 = 62
    expect(upsCharValue("H".charCodeAt(0))).toBe(9); // 72 - 3 = 69
    expect(upsCharValue("I".charCodeAt(0))).toBe(0); // 73 - 3 = 70
    expect(upsCharValue("R".charCodeAt(0))).toBe(9); // 82 - 3 = 79
    expect(upsCharValue("Z".charCodeAt(0))).toBe(7); // 90 - 3 = 87
    expect(upsCharValue("-".charCodeAt(0))).toBe(-1);
  });
});

describe("mod10CheckDigit", () => {
  it("computes the UPS 1Z check by hand", () => {
    // 1Z5R89390357567127, payload 5R8939035756712 (R = 9).
    // Even positions x1: 5+8+3+0+5+5+7+2 = 35. Odd positions x2: (9+9+9+3+7+6+1) * 2 = 88.
    // 35 + 88 = 123 -> 10 - 3 = 7.
    expect(mod10CheckDigit("5R8939035756712", { even: 1, odd: 2, letters: true })).toBe(7);
  });

  it("folds OnTrac's leading C as 4", () => {
    // C 1 1 0 3 1 5 0 0 0 0 1 8 7. Even positions x1: C=4, 1, 3, 5, 0, 0, 8 = 21.
    // Odd positions x2: (1 + 0 + 1 + 0 + 0 + 1 + 7) * 2 = 20. 41 -> 9 (OnTrac C11031500001879).
    expect(mod10CheckDigit("C1103150000187", { even: 1, odd: 2, letters: true })).toBe(9);
  });

  it("rejects letters unless the format folds them", () => {
    expect(mod10CheckDigit("12A4", { even: 3, odd: 1 })).toBe(-1);
  });

  it("counts positions from the right when asked (GS1/USPS)", () => {
    // "12" from the right: 2*3 + 1*1 = 7 -> 3. From the left: 1*3 + 2*1 = 5 -> 5.
    expect(mod10CheckDigit("12", { even: 3, odd: 1, fromRight: true })).toBe(3);
    expect(mod10CheckDigit("12", { even: 3, odd: 1 })).toBe(5);
    // "123" from the right: 3*3 + 2 + 1*3 = 14 -> 6 (odd length: both directions agree).
    expect(mod10CheckDigit("123", { even: 3, odd: 1, fromRight: true })).toBe(6);
    expect(mod10CheckDigit("123", { even: 3, odd: 1 })).toBe(6);
  });

  it("returns 0 when the weighted sum is already a multiple of ten", () => {
    // 5*1 + 5*1 = 10 -> 0.
    expect(mod10CheckDigit("55", { even: 1, odd: 1 })).toBe(0);
  });

  it("GS1 weights catch every single-digit substitution", () => {
    fc.assert(
      fc.property(digitString(1, 30), fc.nat(), fc.integer({ min: 1, max: 9 }), (payload, at, delta) => {
        const index = at % payload.length;
        const changed =
          payload.slice(0, index) + String((Number(payload[index]) + delta) % 10) + payload.slice(index + 1);
        const weights = { even: 3, odd: 1, fromRight: true };
        expect(mod10CheckDigit(changed, weights)).not.toBe(mod10CheckDigit(payload, weights));
      }),
    );
  });
});

describe("mod7CheckDigit", () => {
  it("is the payload modulo 7", () => {
    // 331881002 = 7 * 47411571 + 5 -> DHL 3318810025.
    expect(mod7CheckDigit("331881002")).toBe(5);
    // 7389105114 = 7 * 1055586444 + 6 -> DHL 73891051146.
    expect(mod7CheckDigit("7389105114")).toBe(6);
  });

  it("stays exact beyond 2^53", () => {
    // 10^20 mod 7: 10 mod 7 = 3, 3^20 mod 7 = 3^(20 mod 6) = 3^2 = 2.
    expect(mod7CheckDigit(`1${"0".repeat(20)}`)).toBe(2);
  });

  it("matches BigInt arithmetic on random payloads", () => {
    fc.assert(
      fc.property(digitString(1, 40), (payload) => {
        expect(mod7CheckDigit(payload)).toBe(Number(BigInt(payload) % 7n));
      }),
    );
  });
});

describe("s10CheckDigit", () => {
  it("weights 8,6,4,2,3,5,9,7 and maps 11 - r", () => {
    // 12345678: 8+12+12+8+15+30+63+56 = 204; 204 mod 11 = 6; 11 - 6 = 5 -> RB123456785GB.
    expect(s10CheckDigit("12345678")).toBe(5);
  });

  it("maps a remainder of 0 to 5 and a remainder of 1 to 0", () => {
    // 00000000: sum 0, 11 - 0 = 11 -> 5.
    expect(s10CheckDigit("00000000")).toBe(5);
    // 00060000: 6 * 2 = 12, 12 mod 11 = 1, 11 - 1 = 10 -> 0.
    expect(s10CheckDigit("00060000")).toBe(0);
  });

  it("refuses serials that are not eight digits", () => {
    expect(s10CheckDigit("1234567")).toBe(-1);
    expect(s10CheckDigit("1234567A")).toBe(-1);
  });
});

describe("luhnCheckDigit", () => {
  it("doubles every second digit from the right", () => {
    // 7992739871 from the right: 1->2, 7, 8->16->7, 9, 3->6, 7, 2->4, 9, 9->18->9, 7 = 67 -> 3.
    expect(luhnCheckDigit("7992739871")).toBe(3);
    // Purolator 320595463938: payload 32059546393 -> 8.
    expect(luhnCheckDigit("32059546393")).toBe(8);
  });

  it("catches every single-digit substitution", () => {
    fc.assert(
      fc.property(digitString(1, 30), fc.nat(), fc.integer({ min: 1, max: 9 }), (payload, at, delta) => {
        const index = at % payload.length;
        const changed =
          payload.slice(0, index) + String((Number(payload[index]) + delta) % 10) + payload.slice(index + 1);
        expect(luhnCheckDigit(changed)).not.toBe(luhnCheckDigit(payload));
      }),
    );
  });
});

describe("mod37_36CheckCharacter", () => {
  it("follows ISO 7064 MOD 37,36 by hand", () => {
    // "0": (36 + 0) mod 36 = 0 -> 36; 36 * 2 mod 37 = 35; (37 - 35) mod 36 = 2.
    expect(mod37_36CheckCharacter("0")).toBe("2");
    // "A" (10): (36 + 10) mod 36 = 10; 20 mod 37 = 20; 37 - 20 = 17 -> "H".
    expect(mod37_36CheckCharacter("A")).toBe("H");
    // "A1": after "A" the product is 20; (20 + 1) mod 36 = 21; 42 mod 37 = 5; 37 - 5 = 32 -> "W".
    expect(mod37_36CheckCharacter("A1")).toBe("W");
  });

  it("gives the check characters printed on DPD labels", () => {
    expect(mod37_36CheckCharacter("09980000020034")).toBe("D");
    expect(mod37_36CheckCharacter("008182709980000020033350276")).toBe("C");
    expect(mod37_36CheckCharacter("008182709980000020045327276")).toBe("N");
  });

  it("matches the ISO 7064 example", () => {
    expect(mod37_36CheckCharacter("A12425GABC1234002")).toBe("M");
  });

  it("returns no character for input outside 0-9A-Z", () => {
    expect(mod37_36CheckCharacter("12-4")).toBe("");
  });
});

describe("mod11Mod10CheckDigit", () => {
  it("computes FedEx Express by hand", () => {
    // 98657878885 from the right with 1,3,7: 5+24+56+8+21+56+7+15+42+8+27 = 269;
    // 269 mod 11 = 5; 5 mod 10 = 5 -> 986578788855.
    expect(mod11Mod10CheckDigit("98657878885", [1, 3, 7])).toBe(5);
  });

  it("computes a FedEx 34-digit barcode with form code 275 by hand", () => {
    // 1027590111820004833500785458233610: "10" + form 275 + 10 digits + ZIP 48335, then the
    // tracking number padded to 14: payload 0078545823361, check 0.
    // Payload from the right, weights 1,3,7 repeating:
    // 1*1 + 6*3 + 3*7 + 3*1 + 2*3 + 8*7 + 5*1 + 4*3 + 5*7 + 8*1 + 7*3 + 0*7 + 0*1
    // = 1 + 18 + 21 + 3 + 6 + 56 + 5 + 12 + 35 + 8 + 21 + 0 + 0 = 186; 186 mod 11 = 10; 10 mod 10 = 0.
    expect(mod11Mod10CheckDigit("0078545823361", [1, 3, 7])).toBe(0);
  });

  it("turns a remainder of 10 into 0", () => {
    // 00000000031: 1*1 + 3*3 = 10; 10 mod 11 = 10; 10 mod 10 = 0.
    expect(mod11Mod10CheckDigit("00000000031", [1, 3, 7])).toBe(0);
  });
});
