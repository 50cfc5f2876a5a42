import { describe, expect, it } from "vitest";
import { cachedRegionNames, DATE_TIME_STYLES, regionName, zonedDateTimeFormat, type DateTimeStyle } from "./intl-cache";

describe("cached Intl formatters", () => {
  const instant = Date.UTC(2026, 0, 15, 23, 30);

  it("format exactly as a freshly built formatter, for every style, locale and zone asked", () => {
    for (const style of Object.keys(DATE_TIME_STYLES) as DateTimeStyle[]) {
      for (const locale of ["en", "fr", "de", "ja"]) {
        for (const timeZone of ["UTC", "America/New_York", "Asia/Tokyo"]) {
          const options: Intl.DateTimeFormatOptions = { ...DATE_TIME_STYLES[style], timeZone };
          expect(zonedDateTimeFormat(style, locale, timeZone).format(instant)).toBe(new Intl.DateTimeFormat(locale, options).format(instant));
        }
      }
    }
  });

  it("keeps locale, zone and style apart (a hit never answers for another key)", () => {
    const utc = zonedDateTimeFormat("fullDate", "en", "UTC").format(instant);
    const tokyo = zonedDateTimeFormat("fullDate", "en", "Asia/Tokyo").format(instant);
    expect(utc).toContain("15");
    expect(tokyo).toContain("16");
    expect(zonedDateTimeFormat("moment", "en", "UTC").format(instant)).not.toBe(utc);
    expect(zonedDateTimeFormat("fullDate", "fr", "UTC").format(instant)).not.toBe(utc);
    expect(zonedDateTimeFormat("fullDate", "en", "UTC")).toBe(zonedDateTimeFormat("fullDate", "en", "UTC"));
  });

  it("still rejects an unknown time zone, every time", () => {
    expect(() => zonedDateTimeFormat("moment", "en", "Mars/Olympus")).toThrow(RangeError);
    expect(() => zonedDateTimeFormat("moment", "en", "Mars/Olympus")).toThrow(RangeError);
  });

  it("names regions in the asked locale", () => {
    expect(cachedRegionNames("en").of("DE")).toBe("Germany");
    expect(cachedRegionNames("fr").of("DE")).toBe("Allemagne");
  });

  it("remembers a region's name per locale, and a code Intl refuses as no name", () => {
    expect([regionName("en", "DE"), regionName("fr", "DE"), regionName("en", "DE")]).toEqual(["Germany", "Allemagne", "Germany"]);
    expect(() => cachedRegionNames("en").of("Deutschland")).toThrow(RangeError);
    expect([regionName("en", "Deutschland"), regionName("en", "Deutschland")]).toEqual([undefined, undefined]);
  });
});
