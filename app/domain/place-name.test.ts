import { describe, expect, it } from "vitest";
import { placeNameCase, scanPlace } from "./place-name";

describe("placeNameCase", () => {
  it("writes a carrier's capitals in normal case and keeps state and country codes", () => {
    expect(placeNameCase("LOS ANGELES, CA")).toBe("Los Angeles, CA");
    expect(placeNameCase("WINSTON-SALEM, NC, US")).toBe("Winston-Salem, NC, US");
    expect(placeNameCase("O'FALLON, MO")).toBe("O'Fallon, MO");
    expect(placeNameCase("ST. LOUIS, MO US")).toBe("St. Louis, MO US");
    expect(placeNameCase("RIO DE JANEIRO, BR")).toBe("Rio de Janeiro, BR");
  });

  it("keeps a first word of two letters as a word, postal codes as written, and mixed case untouched", () => {
    expect(placeNameCase("EL PASO, TX")).toBe("El Paso, TX");
    expect(placeNameCase("LONDON, SW1A 1AA, GB")).toBe("London, SW1A 1AA, GB");
    expect(placeNameCase("Köln, DE")).toBe("Köln, DE");
    expect(placeNameCase("  MÜNCHEN ,  DE ")).toBe("München, DE");
    expect(placeNameCase("深圳市, CN")).toBe("深圳市, CN");
    expect(placeNameCase("   ")).toBe("");
  });

  it("joins the parts of a scan's place, or says there is none", () => {
    expect(scanPlace({ city: "LOS ANGELES", province: "CA", country: "US" })).toBe("Los Angeles, CA, US");
    expect(scanPlace({ city: "MEMPHIS", province: null, country: "" })).toBe("Memphis");
    expect(scanPlace({ city: null, province: null, country: null })).toBeNull();
  });
});
