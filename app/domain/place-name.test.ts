import { describe, expect, it } from "vitest";
import { normalCase, placeName } from "./place-name";

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
