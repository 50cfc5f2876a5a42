import { describe, expect, it } from "vitest";
import { CREDENTIAL_LABELS } from "~/carriers/plugin";
import { CARRIERS } from "~/carriers/registry";
import { SUPPORTED_LOCALES } from "~/domain/locales/resolve";
import { adminMessages } from "./catalog.server";

describe("credential field labels", () => {
  it("names every registered carrier's credential fields in every admin locale", () => {
    for (const locale of SUPPORTED_LOCALES) {
      const messages = adminMessages(locale);
      for (const plugin of CARRIERS) {
        for (const [field, { label }] of Object.entries(plugin.credentialFields)) {
          expect(messages[`settings.accounts.${label}`]?.trim(), `${locale} ${plugin.code}.${field}`).toBeTruthy();
        }
      }
    }
  });

  it("translates the labels, English words only in English", () => {
    const english = adminMessages("en");
    expect(CREDENTIAL_LABELS.map((label) => english[`settings.accounts.${label}`])).toEqual(["Client ID", "Client secret", "API key", "Account number", "Webhook secret", "Default service"]);
    expect(CREDENTIAL_LABELS.map((label) => adminMessages("de")[`settings.accounts.${label}`])).toEqual(["Client-ID", "Client-Secret", "API-Schlüssel", "Kundennummer", "Webhook-Secret", "Standarddienst"]);
    for (const locale of SUPPORTED_LOCALES.filter((l) => l !== "en")) {
      expect(adminMessages(locale)["settings.accounts.defaultService"], locale).not.toBe(english["settings.accounts.defaultService"]);
    }
  });
});
