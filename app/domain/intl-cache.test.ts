import { describe, expect, it } from "vitest";
import { cachedDateTimeFormat, cachedRegionNames } from "./intl-cache";

describe("cached Intl formatters", () => {
  const instant = Date.UTC(2026, 0, 15, 23, 30);

  it("format exactly as a freshly built formatter, for every locale and zone asked", () => {
    for (const locale of ["en", "fr", "de", "ja"]) {
      for (const timeZone of ["UTC", "America/New_York", "Asia/Tokyo"]) {
        const options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short", timeZone };
        expect(cachedDateTimeFormat(locale, options).format(instant)).toBe(new Intl.DateTimeFormat(locale, options).format(instant));
      }
    }
  });

  it("keeps locale, zone and style apart (a hit never answers for another key)", () => {
    const utc = cachedDateTimeFormat("en", { dateStyle: "full", timeZone: "UTC" }).format(instant);
    const tokyo = cachedDateTimeFormat("en", { dateStyle: "full", timeZone: "Asia/Tokyo" }).format(instant);
    expect(utc).toContain("15");
    expect(tokyo).toContain("16");
    expect(cachedDateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(instant)).not.toBe(utc);
    expect(cachedDateTimeFormat("en", { dateStyle: "full", timeZone: "UTC" })).toBe(cachedDateTimeFormat("en", { dateStyle: "full", timeZone: "UTC" }));
  });

  it("still rejects an unknown time zone, every time", () => {
    expect(() => cachedDateTimeFormat("en", { timeZone: "Mars/Olympus" })).toThrow(RangeError);
    expect(() => cachedDateTimeFormat("en", { timeZone: "Mars/Olympus" })).toThrow(RangeError);
  });

  it("names regions in the asked locale", () => {
    expect(cachedRegionNames("en").of("DE")).toBe("Germany");
    expect(cachedRegionNames("fr").of("DE")).toBe("Allemagne");
  });
});
