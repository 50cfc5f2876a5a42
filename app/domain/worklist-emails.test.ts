import { describe, expect, it } from "vitest";
import { SUPPORTED_LOCALES } from "./locales/resolve";
import { isSupportMoment, SUPPORT_EMAIL_WORDS, SUPPORT_TEMPLATES, supportMoment, supportTemplateOf, TEMPLATES_BY_KIND } from "./worklist-emails";

describe("worklist email templates", () => {
  it("offers templates that fit each kind, none for problems the shopper cannot help with", () => {
    expect(TEMPLATES_BY_KIND.pickup_waiting).toEqual(["pickup_reminder"]);
    expect(TEMPLATES_BY_KIND.attempt_failed).toEqual(["address_check", "pickup_reminder"]);
    expect(TEMPLATES_BY_KIND.customer_asked).toEqual(["delay_apology", "delivery_check", "address_check", "pickup_reminder"]);
    expect(TEMPLATES_BY_KIND.write_back_failed).toEqual([]);
    expect(TEMPLATES_BY_KIND.dispute_open).toEqual([]);
  });

  it("names its outbox moments so the dispatcher can tell them from tracking notices", () => {
    expect(supportMoment("address_check")).toBe("support_address_check");
    expect(supportTemplateOf("support_address_check")).toBe("address_check");
    expect(supportTemplateOf("support_unknown")).toBeNull();
    expect(supportTemplateOf("stalled")).toBeNull();
    expect(isSupportMoment("support_delay_apology")).toBe(true);
    expect(isSupportMoment("delayed")).toBe(false);
  });

  it("has every template in the ten shopper languages, each subject naming the order", () => {
    expect(Object.keys(SUPPORT_EMAIL_WORDS).sort()).toEqual([...SUPPORTED_LOCALES].sort());
    for (const locale of SUPPORTED_LOCALES) {
      for (const template of SUPPORT_TEMPLATES) {
        const words = SUPPORT_EMAIL_WORDS[locale][template];
        expect(words.subject, `${locale} ${template}`).toContain("{order}");
        expect(words.body.length, `${locale} ${template}`).toBeGreaterThan(20);
        if (locale !== "en") expect(words.body, `${locale} ${template}`).not.toBe(SUPPORT_EMAIL_WORDS.en[template].body);
      }
    }
  });
});
