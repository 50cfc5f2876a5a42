import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { normalCase, placeName, placeNameCase, scanPlace } from "./place-name";

describe("placeName", () => {
  it("writes shouted carrier places in normal case", () => {
    expect(normalCase("LOS ANGELES")).toBe("Los Angeles");
    expect(normalCase("FRANKFURT AM MAIN")).toBe("Frankfurt am Main");
    expect(normalCase("WINSTON-SALEM")).toBe("Winston-Salem");
    expect(normalCase("O'FALLON")).toBe("O'Fallon");
    expect(normalCase("ST. LOUIS")).toBe("St. Louis");
    expect(normalCase("  SAN   JUAN DE LA  CRUZ ")).toBe("San Juan de la Cruz");
    expect(normalCase("london")).toBe("London");
  });

  it("keeps what the carrier already wrote in mixed case, codes and scripts without case", () => {
    expect(normalCase("McAllen")).toBe("McAllen");
    expect(normalCase("深圳市")).toBe("深圳市");
    expect(normalCase("LONDON SW1A")).toBe("London SW1A");
    expect(normalCase("")).toBe("");
  });

  it("joins city, province code and country, localising the country when asked", () => {
    expect(placeName({ city: "LOS ANGELES", province: "CA", country: "us" })).toBe("Los Angeles, CA, US");
    const names = new Intl.DisplayNames(["de"], { type: "region" });
    expect(placeName({ city: "KOELN", province: "NORDRHEIN-WESTFALEN", country: "DE" }, (code) => names.of(code))).toBe(
      "Koeln, Nordrhein-Westfalen, Deutschland",
    );
    expect(placeName({ city: "SINGAPORE", province: "SINGAPORE", country: "SG" })).toBe("Singapore, SG");
    expect(placeName({ country: "FR" })).toBe("FR");
    expect(placeName(undefined)).toBe("");
  });
});


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

  it("answers a name the same whether it was normal-cased before or not, whatever came in between", async () => {
    const word = fc.constantFrom("LOS", "angeles", "AM", "MAIN", "O'FALLON", "WINSTON-SALEM", "Köln", "MÜNCHEN", "SW1A", "DE", "深圳市", " ", "", "x".repeat(120));
    const name = fc.array(word, { maxLength: 4 }).map((words) => words.join(" "));
    await fc.assert(
      fc.asyncProperty(fc.array(name, { minLength: 1, maxLength: 12 }), async (names) => {
        vi.resetModules();
        const fresh = (await import("./place-name")).normalCase;
        const expected = [...names].reverse().map((text) => fresh(text)).reverse();
        // The shared instance has seen other names (and these, from earlier runs) already.
        expect(names.map((text) => normalCase(text))).toEqual(expected);
        expect(names.map((text) => normalCase(text))).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });
});
