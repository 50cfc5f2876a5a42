import { describe, expect, it } from "vitest";
import { LOCALES, type SupportedLocale } from "~/domain/locales";
import { SHIPMENT_MOMENTS } from "~/domain/shipment-moments";
import { countSmsSegments } from "~/domain/sms/segments";
import { renderSmsText } from "./sms-messages";

const URL = "https://maple.myshopify.com/apps/track?t=v1.abc.def&src=sms";

describe("shopper SMS texts", () => {
  it("say every moment in each of the 10 locales, with the shop, the order and the link", () => {
    const locales = Object.keys(LOCALES) as SupportedLocale[];
    expect(locales).toHaveLength(10);
    for (const locale of locales) {
      for (const moment of SHIPMENT_MOMENTS) {
        const { text, locale: used } = renderSmsText({ locale, shopName: "Maple", orderName: "#1042", moments: [moment], trackUrl: URL });
        expect(used).toBe(locale);
        expect(text.startsWith("Maple: ")).toBe(true);
        expect(text).toContain("#1042");
        expect(text.endsWith(URL)).toBe(true);
        expect(text).not.toMatch(/\{\w+\}/);
        // Short: without the link, one segment in any encoding.
        expect(countSmsSegments(text.replace(URL, "")).segments).toBe(1);
      }
    }
  });

  it("heads coalesced moments with the most consequential one, and falls back to English", () => {
    const { text, locale } = renderSmsText({ locale: "xx-YY", shopName: "Maple", orderName: "#7", moments: ["in_transit", "exception"], trackUrl: URL });
    expect(locale).toBe("en");
    expect(text).toBe(`Maple: There is a problem with the delivery of #7. ${URL}`);
  });
});
