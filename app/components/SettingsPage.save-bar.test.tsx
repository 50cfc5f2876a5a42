// @vitest-environment happy-dom
import { useLoaderData } from "@remix-run/react";
import { createRemixStub } from "@remix-run/testing";
import { AppProvider } from "@shopify/polaris/build/esm/components/AppProvider/AppProvider.js";
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { IntlProvider } from "react-intl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { adminMessages, polarisTranslations } from "~/i18n/catalog.server";
import { parseSettingsForm } from "~/services/settings/settings-form";
import { loadSettings, saveSettingsForm } from "~/services/settings/settings.server";
import { TEST_APP } from "~/testing/shopify-requests";
import { installTestShop } from "~/routes/__fixtures__/admin-requests";
import { previewDocument } from "~/services/settings/preview";
import { savedPreviewInput, SettingsPage } from "./SettingsPage";

/**
 * The embedded admin's save bar is App Bridge's `ui-save-bar` element, which Shopify's CDN script
 * defines inside the admin (the demo has none and uses Polaris's bar, covered in Chromium by
 * settings.browser.test.ts). Here the element is the only stand-in — it records show/hide as App
 * Bridge's does — while the page, Remix's fetcher and the save itself are real.
 */
// React's act() is how this test waits for renders.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// happy-dom's requestSubmit() names the form itself as the submitter (browsers name none), which
// FormData then refuses; the page calls requestSubmit() without one, so give it a browser's event.
const requestSubmit = HTMLFormElement.prototype.requestSubmit;
HTMLFormElement.prototype.requestSubmit = function (this: HTMLFormElement, submitter?: HTMLElement | null) {
  if (submitter) return requestSubmit.call(this, submitter);
  this.dispatchEvent(new SubmitEvent("submit", { bubbles: true, cancelable: true, submitter: null }));
};
const calls: string[] = [];
const PREVIEW_NOW_MS = Date.parse("2026-12-01T12:00:00Z");
class UiSaveBar extends HTMLElement {
  show() {
    calls.push("show");
  }
  hide() {
    calls.push("hide");
  }
}

const settingsOf = () => loadSettings(database().db, TEST_APP.shop, { credentialsKey: undefined, appUrl: TEST_APP.appUrl });
let root: Root;
let container: HTMLElement;
const saved: FormData[] = [];

async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 5_000) throw new Error(`timed out waiting for ${what}`);
    await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
  }
}

function setInput(input: HTMLInputElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
  setter.call(input, value);
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

function minutesInput(): HTMLInputElement {
  const label = [...container.querySelectorAll("label")].find((element) => element.textContent === "Support minutes per inquiry");
  const input = label ? document.getElementById(label.htmlFor) : null;
  if (!(input instanceof HTMLInputElement)) throw new Error("no 'Support minutes per inquiry' field");
  return input;
}
const saveBarButton = (label: string) => [...container.querySelectorAll("ui-save-bar button")].find((button) => button.textContent === label) as HTMLButtonElement;

describe("settings in the embedded admin: App Bridge's save bar", () => {
  beforeAll(async () => {
    if (!customElements.get("ui-save-bar")) customElements.define("ui-save-bar", UiSaveBar);
    await installTestShop(database().db);
    const Stub = createRemixStub([
      {
        id: "routes/app",
        path: "/app",
        loader: () => ({ demo: false }),
        children: [
          {
            path: "settings",
            loader: async () => Response.json({ settings: await settingsOf() }),
            // The route's own save path without its authentication: same schema, same repository.
            action: async ({ request }) => {
              const form = await request.formData();
              saved.push(form);
              const submission = parseSettingsForm(form);
              if (submission.status === "success") await saveSettingsForm(database().db, TEST_APP.shop, submission.value);
              return submission.reply();
            },
            Component: function Route() {
              return <SettingsWithData />;
            },
          },
        ],
      },
    ]);
    container = document.createElement("div");
    document.body.append(container);
    root = createRoot(container);
    await act(async () => {
      root.render(
        <AppProvider i18n={polarisTranslations("en")}>
          <IntlProvider locale="en" messages={adminMessages("en")} defaultLocale="en">
            <Stub initialEntries={["/app/settings"]} future={{ v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_lazyRouteDiscovery: true, v3_singleFetch: true }} />
          </IntlProvider>
        </AppProvider>,
      );
    });
    await until(() => container.querySelector("ui-save-bar") !== null, "the settings page");
  });

  afterAll(() => {
    act(() => root.unmount());
  });

  it("shows the loader's preview of the saved settings, and loads the renderer to redraw it after an edit", async () => {
    const frame = () => container.querySelector<HTMLIFrameElement>('[data-testid="tracking-preview"]')!;
    const savedPreview = previewDocument(savedPreviewInput(JSON.parse(JSON.stringify(await settingsOf())), PREVIEW_NOW_MS));
    expect(frame().getAttribute("srcdoc")).toBe(savedPreview);
    const label = [...container.querySelectorAll("label")].find((element) => element.textContent === "Heading");
    const heading = document.getElementById(label!.htmlFor) as HTMLInputElement;
    await act(async () => setInput(heading, "Where is my parcel, Maple?"));
    await until(() => frame().getAttribute("srcdoc")!.includes("Where is my parcel, Maple?"), "the preview to show the new heading");
    expect(frame().getAttribute("srcdoc")).not.toBe(savedPreview);
    // Discarded: the saved settings again, drawn exactly as the loader drew them.
    await until(() => calls.at(-1) === "show", "the save bar to open");
    await act(async () => saveBarButton("Discard").click());
    await until(() => frame().getAttribute("srcdoc") === savedPreview, "the preview of the saved settings");
    await until(() => calls.at(-1) === "hide", "the save bar to close");
  });

  it("opens on an edit, saves the draft through its Save button, and closes once saved", async () => {
    expect(calls.at(-1)).toBe("hide");
    const input = minutesInput();
    const next = input.value === "6" ? "5" : "6";
    await act(async () => setInput(input, next));
    await until(() => calls.at(-1) === "show", "the save bar to open");
    const bar = container.querySelector("ui-save-bar")!;
    expect(bar.id).toBe("settings-save-bar");
    expect([...bar.querySelectorAll("button")].map((button) => button.textContent)).toEqual(["Save", "Discard"]);
    await act(async () => saveBarButton("Save").click());
    await until(() => saved.length === 1 && calls.at(-1) === "hide", "the save and the bar closing");
    expect(saved[0]!.get("intent")).toBe("save");
    expect(saved[0]!.get("supportMinutesPerInquiry")).toBe(next);
    expect((await settingsOf()).general.supportMinutesPerInquiry).toBe(Number(next));
  });

  it("Discard closes it and restores the saved value", async () => {
    const input = minutesInput();
    const before = input.value;
    await act(async () => setInput(input, before === "9" ? "8" : "9"));
    await until(() => calls.at(-1) === "show", "the save bar to open");
    await act(async () => saveBarButton("Discard").click());
    await until(() => calls.at(-1) === "hide", "the save bar to close");
    expect(minutesInput().value).toBe(before);
    expect(saved).toHaveLength(1);
  });
});

function SettingsWithData() {
  const data = useLoaderDataOfSettings();
  return <SettingsPage settings={data.settings} previewNowMs={PREVIEW_NOW_MS} savedPreview={previewDocument(savedPreviewInput(data.settings, PREVIEW_NOW_MS))} />;
}

/** The loader's data as the page receives it: JSON, dates as text (as from the real route). */
function useLoaderDataOfSettings() {
  return useLoaderData<{ settings: Parameters<typeof SettingsPage>[0]["settings"] }>();
}
