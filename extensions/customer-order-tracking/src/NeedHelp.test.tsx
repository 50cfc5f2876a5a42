// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import { extensionTranslator } from "../../shared/src/extension-i18n";
import { click, renderSettled, settle, textOf } from "../../shared/src/testing/render";
import en from "../locales/en.default.json";
import ja from "../locales/ja.json";
import { NeedHelp } from "./NeedHelp";
import type { CustomerTrackingApi, HelpView } from "./tracking-api";

const view = (result: HelpView["result"]): HelpView => ({
  answer: "late",
  result,
  texts: {
    heading: "Still need help?",
    answer: "This parcel is running later than expected.",
    whatNext: "If this did not answer your question, tell us what is wrong.",
    reasonLabel: "What do you need help with?",
    messageLabel: "Message (optional)",
    submit: "Send to the shop",
    result: result === "sent" ? "Thank you. Your message reached the shop." : null,
  },
  reasons: [
    { value: "where_is_my_order", label: "Where is my order?" },
    { value: "delayed", label: "My order is delayed" },
  ],
});

function api(locale = "en") {
  const help = vi.fn(async (_fulfillmentId: string | null, posted: { reason: string; message: string } | null) => ({ ok: true as const, data: view(posted ? "sent" : null) }));
  const stub: CustomerTrackingApi = {
    load: vi.fn(),
    translate: extensionTranslator({ en, ja }, "en", locale),
    requireLogin: vi.fn(async () => undefined),
    help,
  };
  return { stub, help };
}

afterEach(() => {
  document.body.innerHTML = "";
});

describe("Still need help? (order status page)", () => {
  it("asks the app only when the shopper wants help, shows the answer first, then sends the reason", async () => {
    const { stub, help } = api();
    const root = await renderSettled(<NeedHelp api={stub} fulfillmentId="gid://shopify/Fulfillment/1" />);
    expect(help).not.toHaveBeenCalled();
    expect(textOf(root)).toBe("Still need help?");
    await click(root.querySelector("s-button"));
    expect(help).toHaveBeenCalledWith("gid://shopify/Fulfillment/1", null);
    const text = textOf(root);
    expect(text.indexOf("This parcel is running later than expected.")).toBeLessThan(text.indexOf("Send to the shop"));
    expect([...root.querySelectorAll("s-option")].map((option) => option.getAttribute("value"))).toEqual(["where_is_my_order", "delayed"]);

    const select = root.querySelector("s-select") as HTMLElement & { value: string };
    select.value = "delayed";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    const area = root.querySelector("s-text-area") as HTMLElement & { value: string };
    area.value = "Stuck since Monday";
    area.dispatchEvent(new Event("input", { bubbles: true }));
    await settle();
    await click(root.querySelector("s-button"));
    expect(help).toHaveBeenLastCalledWith("gid://shopify/Fulfillment/1", { reason: "delayed", message: "Stuck since Monday" });
    expect(textOf(root)).toBe("Thank you. Your message reached the shop.");
  });

  it("labels the entry in the shopper's language", async () => {
    const { stub } = api("ja");
    const root = await renderSettled(<NeedHelp api={stub} fulfillmentId="gid://shopify/Fulfillment/1" />);
    expect(textOf(root)).toBe("まだお困りですか?");
  });
});
