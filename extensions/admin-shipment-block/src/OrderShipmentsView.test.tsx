// @vitest-environment happy-dom
import type { AdminParcelView, AppResult, OrderTrackingView } from "@trackline/shared";
import { afterEach, describe, expect, it, vi } from "vitest";
import { extensionTranslator } from "../../shared/src/extension-i18n";
import { adminParcelView, orderTrackingView } from "../../shared/src/testing/parcels";
import { click, renderSettled, textOf } from "../../shared/src/testing/render";
import de from "../locales/de.json";
import en from "../locales/en.default.json";
import es from "../locales/es.json";
import fr from "../locales/fr.json";
import it_ from "../locales/it.json";
import ja from "../locales/ja.json";
import ko from "../locales/ko.json";
import ptBR from "../locales/pt-BR.json";
import zhCN from "../locales/zh-CN.json";
import zhTW from "../locales/zh-TW.json";
import { adminTrackingApi, type AdminTrackingApi } from "./admin-api";
import { OrderShipmentsView } from "./OrderShipmentsView";

const catalogues = { en, de, es, fr, it: it_, ja, ko, "pt-BR": ptBR, "zh-CN": zhCN, "zh-TW": zhTW };

type Stub = AdminTrackingApi & { load: ReturnType<typeof vi.fn>; resync: ReturnType<typeof vi.fn>; copy: ReturnType<typeof vi.fn> };

function api(view: AppResult<OrderTrackingView<AdminParcelView>>, locale = "en", overrides: Partial<AdminTrackingApi> = {}): Stub {
  return {
    load: vi.fn(async () => view),
    resync: vi.fn(async () => ({ ok: false, error: "unavailable", status: 503 }) as const),
    copy: vi.fn(async () => true),
    translate: extensionTranslator(catalogues, "en", locale),
    ...overrides,
  } as Stub;
}

afterEach(() => {
  document.body.innerHTML = "";
});

const exception = adminParcelView({
  id: "ship_2",
  status: "exception",
  statusLabel: "Delivery problem",
  subStatus: "address_problem",
  flags: { stalled: true, late: false, notPickedUp: false },
  shopify: { state: "failed", status: "IN_TRANSIT", at: null, error: "THROTTLED" },
  position: 2,
  parcelCount: 2,
});
const delivered = adminParcelView({ id: "ship_1", status: "delivered", statusLabel: "Delivered", position: 1, parcelCount: 2 });

describe("admin order block", () => {
  it("lists every parcel: status, exception reason, flags, last scan, Shopify state, actions", async () => {
    const root = await renderSettled(<OrderShipmentsView api={api({ ok: true, data: orderTrackingView([delivered, exception]) })} />);
    const text = textOf(root);
    const block = root.querySelector("s-admin-block") as (HTMLElement & { collapsedSummary?: string }) | null;
    expect(block?.collapsedSummary ?? block?.getAttribute("collapsedsummary")).toBe("1 of 2 delivered");
    const headings = [...root.querySelectorAll("s-section")].map((section) => (section as HTMLElement & { heading?: string }).heading ?? section.getAttribute("heading"));
    expect(headings).toEqual(["Parcel 1 of 2", "Parcel 2 of 2"]);
    expect(text).toContain("Address problem");
    expect(text).toContain("Stalled");
    expect(text).toContain("Last scan Nov 11, 2026, 3:00 PM · Atlanta, GA, US");
    expect(text).toContain("Shopify update failed: THROTTLED");
    expect(text).toContain("Shopify updated: IN_TRANSIT");
    const links = [...root.querySelectorAll("s-link")].map((link) => link.getAttribute("href"));
    expect(links).toContain("app:app/shipments/ship_2");
  });

  it("shows the messages Trackline sent the shopper per parcel, and the dispute evidence download", async () => {
    const withMessages = {
      ...exception,
      messages: [
        { moment: "exception", momentLabel: "Delivery problem", channel: "email", channelLabel: "Email", state: "sent", stateLabel: "Sent", at: "2026-11-12T09:05:00.000Z", time: "Nov 12, 2026, 10:05 AM" },
        { moment: "exception", momentLabel: "Delivery problem", channel: "sms", channelLabel: "SMS", state: "failed", stateLabel: "Failed", at: "2026-11-12T09:05:00.000Z", time: "Nov 12, 2026, 10:05 AM" },
      ],
      evidencePath: "/app/shipments/ship_2/evidence",
    };
    const quiet = { ...delivered, messages: [], evidencePath: null };
    const root = await renderSettled(<OrderShipmentsView api={api({ ok: true, data: orderTrackingView([quiet, withMessages]) })} />);
    const text = textOf(root);
    expect(text).toContain("Messages to the shopper");
    expect(text).toContain("No message sent for this parcel yet");
    expect(text).toContain("Delivery problem · Email · Nov 12, 2026, 10:05 AM · Sent");
    expect(text).toContain("Delivery problem · SMS · Nov 12, 2026, 10:05 AM · Failed");
    const evidence = [...root.querySelectorAll("s-link")].filter((link) => link.textContent === "Dispute evidence (PDF)");
    expect(evidence.map((link) => link.getAttribute("href"))).toEqual(["app:app/shipments/ship_2/evidence"]);
  });

  it("resyncs a parcel and shows what changed", async () => {
    const after = { ...exception, status: "out_for_delivery" as const, statusLabel: "Out for delivery", subStatus: null };
    const stub = api({ ok: true, data: orderTrackingView([exception]) }, "en", {
      resync: vi.fn(async () => ({ ok: true as const, data: { changed: true, parcel: after } })),
    });
    const root = await renderSettled(<OrderShipmentsView api={stub} />);
    await click([...root.querySelectorAll("s-button")].find((button) => button.textContent === "Resync now"));
    expect(stub.resync).toHaveBeenCalledWith("ship_2");
    expect(textOf(root)).toContain("Updated from the carrier");
    expect(textOf(root)).toContain("Out for delivery");
  });

  it("says so when the carrier cannot be reached", async () => {
    const stub = api({ ok: true, data: orderTrackingView([exception]) });
    const root = await renderSettled(<OrderShipmentsView api={stub} />);
    await click([...root.querySelectorAll("s-button")].find((button) => button.textContent === "Resync now"));
    expect(textOf(root)).toContain("The carrier could not be reached.");
  });

  it("copies the signed shopper link, or shows it when the clipboard is unavailable", async () => {
    const copied = api({ ok: true, data: orderTrackingView([exception]) });
    const root = await renderSettled(<OrderShipmentsView api={copied} />);
    await click([...root.querySelectorAll("s-button")].find((button) => button.textContent === "Copy tracking link"));
    expect(copied.copy).toHaveBeenCalledWith(exception.shopperLink);
    expect(textOf(root)).toContain("Tracking link copied");

    document.body.innerHTML = "";
    const blocked = api({ ok: true, data: orderTrackingView([exception]) }, "en", { copy: vi.fn(async () => false) });
    const second = await renderSettled(<OrderShipmentsView api={blocked} />);
    await click([...second.querySelectorAll("s-button")].find((button) => button.textContent === "Copy tracking link"));
    expect(textOf(second)).toContain("Copy the link below");
    expect(second.querySelector("s-text-field")).not.toBeNull();
  });

  it("explains an order Trackline does not track, and offers a retry on errors", async () => {
    expect(textOf(await renderSettled(<OrderShipmentsView api={api({ ok: false, error: "not_found", status: 404 })} />))).toContain(
      "Trackline is not tracking any parcel of this order yet.",
    );
    const root = await renderSettled(<OrderShipmentsView api={api({ ok: false, error: "unavailable", status: 503 })} />);
    expect(textOf(root)).toContain("Shipments could not be loaded.");
  });

  it.each([
    ["ja", "今すぐ同期"],
    ["zh-CN", "立即同步"],
    ["de", "Jetzt aktualisieren"],
    ["fr", "Synchroniser"],
    ["es", "Sincronizar ahora"],
    ["ko", "지금 동기화"],
    ["zh-TW", "立即同步"],
    ["it", "Sincronizza ora"],
    ["pt-BR", "Sincronizar agora"],
    ["nl", "Resync now"],
  ])("speaks the admin's language (%s), English otherwise", async (locale, label) => {
    const root = await renderSettled(<OrderShipmentsView api={api({ ok: true, data: orderTrackingView([exception]) }, locale)} />);
    expect([...root.querySelectorAll("s-button")].map((button) => button.textContent)).toContain(label);
  });

  it("asks the app with the order id and the admin's locale, relative to the app URL", async () => {
    const fetchStub = vi.fn<typeof fetch>(async () => new Response(JSON.stringify(orderTrackingView([exception])), { status: 200 }));
    const platform = { data: { selected: [{ id: "gid://shopify/Order/1" }] }, i18n: { translate: extensionTranslator(catalogues, "en", "ja") } };
    const client = adminTrackingApi(platform, undefined, fetchStub);
    expect((await client.load()).ok).toBe(true);
    expect(fetchStub).toHaveBeenCalledWith("/api/admin/order-tracking?orderId=gid%3A%2F%2Fshopify%2FOrder%2F1&locale=ja", expect.objectContaining({ method: "GET" }));
    await client.resync("ship 2");
    expect(fetchStub).toHaveBeenLastCalledWith("/api/admin/shipments/ship%202/resync?locale=ja", expect.objectContaining({ method: "POST" }));
    expect(await client.copy("x")).toBe(false);
  });
});
