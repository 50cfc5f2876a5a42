// @vitest-environment happy-dom
import type { AppResult, OrderTrackingView } from "@trackline/shared";
import { afterEach, describe, expect, it, vi } from "vitest";
import { extensionTranslator } from "../../shared/src/extension-i18n";
import { orderTrackingView, parcelView } from "../../shared/src/testing/parcels";
import { click, renderSettled, textOf } from "../../shared/src/testing/render";
import de from "../locales/de.json";
import en from "../locales/en.default.json";
import fr from "../locales/fr.json";
import ptBR from "../locales/pt-BR.json";
import { FulfillmentTrackingView } from "./FulfillmentTrackingView";
import { OrderSummaryView } from "./OrderSummaryView";
import type { CustomerTrackingApi } from "./tracking-api";

const catalogues = { en, de, fr, "pt-BR": ptBR };

function api(results: AppResult<OrderTrackingView>[], locale = "en"): CustomerTrackingApi & { load: ReturnType<typeof vi.fn> } {
  const queue = [...results];
  return {
    load: vi.fn(async () => queue.shift() ?? results[results.length - 1]!),
    translate: extensionTranslator(catalogues, "en", locale),
    requireLogin: vi.fn(async () => undefined),
  };
}

afterEach(() => {
  document.body.innerHTML = "";
});

describe("fulfillment tracking (customer account order status page)", () => {
  it("shows a moving parcel: status in words, estimate, milestones with the current one marked, carrier link", async () => {
    const parcel = parcelView({
      status: "in_transit",
      statusLabel: "In transit",
      estimatedDelivery: { label: "Expected Tue, Nov 24 – Thu, Nov 26", start: "2026-11-24T15:00:00Z", end: "2026-11-26T23:00:00Z" },
      latestLocation: { label: "Last seen in Louisville, KY, United States", at: "2026-11-12T08:00:00Z", time: "Nov 12, 3:00 AM" },
      position: 2,
      parcelCount: 3,
    });
    const stub = api([{ ok: true, data: orderTrackingView([parcel]) }]);
    const root = await renderSettled(<FulfillmentTrackingView api={stub} fulfillmentId="gid://shopify/Fulfillment/1" />);
    expect(stub.load).toHaveBeenCalledWith("gid://shopify/Fulfillment/1");
    const text = textOf(root);
    expect(text).toContain("Parcel 2 of 3");
    expect(text).toContain("In transit");
    expect(text).toContain("Expected Tue, Nov 24 – Thu, Nov 26");
    expect(text).toContain("Last seen in Louisville");
    expect(text).toContain("Shipped · Nov 11, 2026, 3:00 PM (current)");
    expect(root.querySelectorAll("s-list-item")).toHaveLength(3);
    expect(root.querySelector("s-link")?.getAttribute("href")).toBe(parcel.trackingUrl);
  });

  it("offers the merchant's contact under a late parcel's estimate only, in the shopper's language", async () => {
    const late = parcelView({ status: "in_transit", estimatedDelivery: { label: "Now expected Fri, Nov 27", start: "2026-11-27T15:00:00Z", end: null, late: true } });
    const view = { ...orderTrackingView([late]), supportHref: "mailto:help@maple.example" };
    const root = await renderSettled(<FulfillmentTrackingView api={api([{ ok: true, data: view }], "de")} fulfillmentId="f" />);
    expect(textOf(root)).toContain("Entschuldigen Sie die Verzögerung. Fragen dazu? Kontaktieren Sie uns");
    expect([...root.querySelectorAll("s-link")].map((link) => link.getAttribute("href"))).toContain("mailto:help@maple.example");
    document.body.innerHTML = "";
    const onTime = parcelView({ status: "in_transit", estimatedDelivery: { label: "Expected Fri, Nov 27", start: "2026-11-27T15:00:00Z", end: null } });
    const calm = await renderSettled(<FulfillmentTrackingView api={api([{ ok: true, data: { ...orderTrackingView([onTime]), supportHref: "mailto:help@maple.example" } }])} fulfillmentId="f" />);
    expect(textOf(calm)).not.toContain("Questions about the delay?");
    document.body.innerHTML = "";
    const unsafe = await renderSettled(<FulfillmentTrackingView api={api([{ ok: true, data: { ...orderTrackingView([late]), supportHref: "javascript:alert(1)" } }])} fulfillmentId="f" />);
    expect(textOf(unsafe)).not.toContain("Questions about the delay?");
  });

  it("renders no carrier link that is not http(s), whatever the app answers", async () => {
    const parcel = parcelView({ status: "in_transit", trackingUrl: "javascript:alert(document.cookie)" });
    const root = await renderSettled(<FulfillmentTrackingView api={api([{ ok: true, data: orderTrackingView([parcel]) }])} fulfillmentId="f" />);
    expect(textOf(root)).toContain("Ordered");
    expect(root.querySelector("s-link")).toBeNull();
  });

  it("explains an exception in plain words", async () => {
    const parcel = parcelView({ status: "exception", statusLabel: "Delivery problem", explanation: "The carrier could not find or confirm the delivery address." });
    const root = await renderSettled(<FulfillmentTrackingView api={api([{ ok: true, data: orderTrackingView([parcel]) }])} fulfillmentId="f" />);
    expect(textOf(root)).toContain("The carrier could not find or confirm the delivery address.");
    expect(root.querySelector("s-paragraph")?.getAttribute("tone")).toBe("critical");
  });

  it("asks for sign-in and calls requireLogin when the shopper is not signed in", async () => {
    const stub = api([{ ok: false, error: "login_required", status: 401 }]);
    const root = await renderSettled(<FulfillmentTrackingView api={stub} fulfillmentId="f" />);
    expect(textOf(root)).toContain("Sign in to see live tracking for this parcel.");
    await click(root.querySelector("s-button"));
    expect(stub.requireLogin).toHaveBeenCalledTimes(1);
  });

  it("offers a retry when the app is unavailable, and recovers", async () => {
    const stub = api([
      { ok: false, error: "unavailable", status: 503 },
      { ok: true, data: orderTrackingView([parcelView({ status: "delivered", statusLabel: "Delivered" })]) },
    ]);
    const root = await renderSettled(<FulfillmentTrackingView api={stub} fulfillmentId="f" />);
    expect(textOf(root)).toContain("Tracking is unavailable right now.");
    await click(root.querySelector("s-button"));
    expect(stub.load).toHaveBeenCalledTimes(2);
    expect(textOf(root)).toContain("Delivered");
  });

  it("renders nothing for a fulfillment Trackline does not track", async () => {
    const root = await renderSettled(<FulfillmentTrackingView api={api([{ ok: false, error: "not_found", status: 404 }])} fulfillmentId="f" />);
    expect(textOf(root)).toBe("");
  });

  it.each([
    ["de", "Sendungsnummer 1Z999AA10123456784"],
    ["fr-CA", "Numéro de suivi 1Z999AA10123456784"],
    ["pt-BR", "Código de rastreio 1Z999AA10123456784"],
    ["nl", "Tracking number 1Z999AA10123456784"],
  ])("uses the %s locale file, falling back by language then to English", async (locale, expected) => {
    const root = await renderSettled(
      <FulfillmentTrackingView api={api([{ ok: true, data: orderTrackingView([parcelView({ status: "in_transit" })]) }], locale)} fulfillmentId="f" />,
    );
    expect(textOf(root)).toContain(expected);
  });
});

describe("order summary block", () => {
  it("says how many parcels arrived and what the order still waits on", async () => {
    const view = orderTrackingView([
      parcelView({ id: "a", status: "delivered", statusLabel: "Delivered" }),
      parcelView({ id: "b", status: "delivered", statusLabel: "Delivered" }),
      parcelView({ id: "c", status: "attempt_failed", statusLabel: "Delivery attempted" }),
    ]);
    const root = await renderSettled(<OrderSummaryView api={api([{ ok: true, data: view }])} />);
    const text = textOf(root);
    expect(text).toContain("2 of 3 parcels delivered");
    expect(text).toContain("Still waiting on: Delivery attempted");
    expect(text).toContain("1 parcel needs attention");
    expect(root.querySelector("s-progress")?.getAttribute("value")).toBe("2");
  });

  it("stays out of the way for single-parcel orders and when tracking is unavailable", async () => {
    const single = await renderSettled(<OrderSummaryView api={api([{ ok: true, data: orderTrackingView([parcelView({ status: "in_transit" })]) }])} />);
    expect(textOf(single)).toBe("");
    const down = await renderSettled(<OrderSummaryView api={api([{ ok: false, error: "unavailable", status: 503 }])} />);
    expect(textOf(down)).toBe("");
  });

  it("pluralizes per locale", async () => {
    const view = orderTrackingView([parcelView({ id: "a", status: "delivered" }), parcelView({ id: "b", status: "in_transit" })]);
    const root = await renderSettled(<OrderSummaryView api={api([{ ok: true, data: view }], "de")} />);
    expect(textOf(root)).toContain("1 von 2 Paketen zugestellt");
  });
});
