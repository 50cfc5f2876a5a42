import { AppProvider } from "@shopify/polaris/build/esm/components/AppProvider/AppProvider.js";
import englishTranslations from "@shopify/polaris/locales/en.json";
import { renderToStaticMarkup } from "react-dom/server";
import { IntlProvider } from "react-intl";
import { adminMessages } from "~/i18n/catalog.server";
import { describe, expect, it } from "vitest";
import { FreshnessCard } from "./DashboardPage";

const text = (rows: Parameters<typeof FreshnessCard>[0]["rows"]) =>
  renderToStaticMarkup(
    <AppProvider i18n={englishTranslations}>
      <IntlProvider locale="en" messages={adminMessages("en")}>
        <FreshnessCard rows={rows} />
      </IntlProvider>
    </AppProvider>,
  )
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

describe("FreshnessCard", () => {
  it("shows scan → visible and scan → written to Shopify, median and 95th percentile, per carrier", () => {
    const out = text([
      { carrier: "fedex", events: 290, p50Seconds: 3374, p95Seconds: 9047, written: null },
      { carrier: "ups", events: 278, p50Seconds: 15, p95Seconds: 43, written: { events: 120, p50Seconds: 95, p95Seconds: 200 } },
    ]);
    expect(out).toContain("Carrier Scans Median 95th percentile Written to Shopify (median) Written to Shopify (95th percentile)");
    expect(out).toContain("FedEx 290 56 min 2.5 hr — —");
    expect(out).toContain("UPS 278 15 sec 43 sec 95 sec 3 min");
  });
});
