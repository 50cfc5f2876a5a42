import { describe, expect, it } from "vitest";
import { brandingOf, parseSettingsForm, supportContactHref } from "./settings-form";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

const VALID = { supportMinutesPerInquiry: "6", "locales[0]": "en", longTailAggregator: "seventeen_track" };

describe("the settings form schema", () => {
  it("turns the posted fields into typed values: checkboxes, numbers, per-locale copy, lower-case colours", () => {
    const result = parseSettingsForm(
      form({ ...VALID, writeBackEnabled: "on", brandAccentColor: "#AA3300", "heading.ja": " 配送状況 ", "intro.en": "", supportContact: "https://maple.example/help", showScanHistory: "on" }),
    );
    expect(result.status).toBe("success");
    if (result.status !== "success") return;
    expect(result.value).toEqual({
      writeBackEnabled: true,
      supportMinutesPerInquiry: 6,
      locales: ["en"],
      longTailAggregator: "seventeen_track",
      brandAccentColor: "#aa3300",
      backgroundColor: null,
      heading: { ja: "配送状況" },
      intro: {},
      supportContact: "https://maple.example/help",
      showScanHistory: true,
      showLineItems: false,
      showEstimate: false,
    });
    expect(brandingOf(result.value)).toEqual({
      heading: { ja: "配送状況" },
      intro: {},
      supportContact: "https://maple.example/help",
      backgroundColor: null,
      sections: { scanHistory: true, lineItems: false, estimate: false },
    });
  });

  it("names every problem by field with a catalogue key", () => {
    const result = parseSettingsForm(
      form({ supportMinutesPerInquiry: "2.5", "locales[0]": "en", "locales[1]": "en", brandAccentColor: "#12345", backgroundColor: "white", "intro.ko": "가".repeat(401), supportContact: "javascript:alert(1)" }),
    );
    expect(result.reply().error).toEqual({
      supportMinutesPerInquiry: ["settings.error.minutesWhole"],
      locales: ["settings.error.localesTwice"],
      longTailAggregator: ["settings.error.longTail"],
      brandAccentColor: ["settings.error.colour"],
      backgroundColor: ["settings.error.colour"],
      "intro.ko": ["settings.error.introLong"],
      supportContact: ["settings.error.contact"],
    });
    expect(parseSettingsForm(form({ "locales[0]": "en", longTailAggregator: "x" })).reply().error).toEqual({ supportMinutesPerInquiry: ["settings.error.minutesRequired"] });
    expect(parseSettingsForm(form({ supportMinutesPerInquiry: "241", longTailAggregator: "x" })).reply().error).toEqual({
      supportMinutesPerInquiry: ["settings.error.minutesMax"],
      locales: ["settings.error.localesMin"],
    });
  });

  it("links a support contact only as an email or an https page", () => {
    expect(supportContactHref("help@maple.example")).toBe("mailto:help@maple.example");
    expect(supportContactHref("https://maple.example/help")).toBe("https://maple.example/help");
    expect(supportContactHref("http://maple.example/help")).toBeNull();
    expect(supportContactHref("javascript:alert(1)")).toBeNull();
    expect(supportContactHref("  ")).toBeNull();
  });
});
