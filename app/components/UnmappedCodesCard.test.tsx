import { AppProvider } from "@shopify/polaris/build/esm/components/AppProvider/AppProvider.js";
import englishTranslations from "@shopify/polaris/locales/en.json";
import { renderToStaticMarkup } from "react-dom/server";
import { IntlProvider } from "react-intl";
import { adminMessages } from "~/i18n/catalog.server";
import { describe, expect, it } from "vitest";
import { UnmappedCodesCard } from "./DashboardPage";

const text = (codes: Parameters<typeof UnmappedCodesCard>[0]["codes"]) =>
  renderToStaticMarkup(
    <AppProvider i18n={englishTranslations}>
      <IntlProvider locale="en" messages={adminMessages("en")}>
        <UnmappedCodesCard codes={codes} />
      </IntlProvider>
    </AppProvider>,
  )
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

describe("UnmappedCodesCard", () => {
  it("names each carrier code Trackline cannot read, its wording and how many parcels carry it", () => {
    const out = text([
      { carrier: "ups", code: "U", parcels: 12, example: "Updated Delivery Date", lastSeenAt: "2026-11-21T10:00:00.000Z" },
      { carrier: "fedex", code: "", parcels: 1, example: "New scan", lastSeenAt: "2026-11-18T10:00:00.000Z" },
    ]);
    expect(out).toContain("Carrier codes Trackline cannot read yet");
    expect(out).toContain("UPS U Updated Delivery Date 12");
    expect(out).toContain("FedEx (none) New scan 1");
  });
});
