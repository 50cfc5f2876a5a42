import { renderToStaticMarkup } from "react-dom/server";
import { IntlProvider } from "react-intl";
import { describe, expect, it } from "vitest";
import type { AdminLocale } from "~/i18n/define";
import { adminMessages } from "~/i18n/catalog.server";
import { useAdminFormat } from "./use-admin-format";

function Probe({ run }: { run: (format: ReturnType<typeof useAdminFormat>) => string }) {
  return <>{run(useAdminFormat())}</>;
}

function render(locale: AdminLocale, run: (format: ReturnType<typeof useAdminFormat>) => string): string {
  return renderToStaticMarkup(
    <IntlProvider locale={locale} messages={adminMessages(locale)}>
      <Probe run={run} />
    </IntlProvider>,
  );
}

describe("admin formatting per locale", () => {
  it("writes carriers by their proper names, never by capitalising codes", () => {
    expect(render("en", (f) => [f.carrierLabel("yunexpress"), f.carrierLabel("china_post"), f.carrierLabel("seventeen_track"), f.carrierLabel("fedex")].join("|"))).toBe("YunExpress|China Post|17TRACK|FedEx");
    expect(render("en", (f) => f.carrierLabel("house_courier", "Bob's Couriers"))).toBe("Bob&#x27;s Couriers");
    expect(render("ko", (f) => f.carrierLabel(null))).toBe("미확인");
  });

  it("translates statuses and attention flags", () => {
    expect(render("zh-CN", (f) => `${f.statusLabel("delivered")}/${f.attentionLabel("not_picked_up")}`)).toBe("已送达/未揽收");
    expect(render("de", (f) => f.statusLabel("out_for_delivery"))).toBe("In Zustellung");
  });

  it("formats numbers, percentages, plurals and dates by the locale's rules", () => {
    expect(render("de", (f) => f.formatCount(12345))).toBe("12.345");
    expect(render("fr", (f) => f.formatPercent(0.256))).toBe("25,6\u00a0%");
    expect(render("en", (f) => `${f.formatDays(1)}, ${f.formatDays(3)}`)).toBe("1 day, 3 days");
    expect(render("ja", (f) => f.formatDate("2026-03-04T12:00:00Z"))).toBe("2026/03/04");
    expect(render("en", (f) => f.formatDateTime("2026-03-04T12:00:00Z", "America/New_York"))).toBe("Mar 4, 2026, 7:00 AM EST");
  });

  it("words Shopify Payments disputes and their amounts per locale; an unknown reason is shown as sent", () => {
    expect(render("ja", (f) => `${f.disputeReasonLabel("product_not_received")}|${f.disputeStatusLabel("needs_response")}`)).toBe("商品未着|要対応");
    expect(render("en", (f) => `${f.disputeReasonLabel("brand_new_reason")}|${f.disputeStatusLabel("paused")}`)).toBe("Other (brand_new_reason)|paused");
    expect(render("de", (f) => f.formatMoney("12.50", "EUR"))).toBe("12,50\u00a0€");
    expect(render("en", (f) => `${f.formatMoney("12.5", "USD")}|${f.formatMoney(null, "USD")}|${f.formatMoney("7", null)}`)).toBe("$12.50|—|7");
  });

  it("names a parcel's messages as the notifications page does, the team's own emails by their template", () => {
    const labels = (locale: AdminLocale, message: { moment: string; channel: string; state: string }) =>
      render(locale, (f) => Object.values(f.messageLabels(message)).join("|"));
    expect(labels("ja", { moment: "out_for_delivery", channel: "sms", state: "sent" })).toBe(
      render("ja", (f) => [f.t("notifications.moment_out_for_delivery"), f.t("notifications.channel_sms"), f.t("notifications.state_sent")].join("|")),
    );
    expect(labels("ko", { moment: "support_delay_apology", channel: "email", state: "sent" }).split("|")[0]).toBe(render("ko", (f) => f.t("worklist.template_delay_apology")));
    expect(labels("en", { moment: "support_delay_apology", channel: "email", state: "sent" }).split("|")[0]).toBe("Delay apology");
    expect(labels("en", { moment: "brand_new", channel: "pigeon", state: "odd" })).toBe("brand_new|pigeon|odd");
    expect(labels("de", { moment: "delivered", channel: "email", state: "failed" })).not.toContain("delivered");
  });
});
