// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { stylesheetsAfterContent } from "./critical-styles";

/** A document whose after-content stylesheets have not loaded yet (happy-dom fetches nothing here). */
function pageWith(count: number): { document: Document; links: HTMLLinkElement[] } {
  const page = document.implementation.createHTMLDocument("admin");
  const links = Array.from({ length: count }, (_, i) => {
    const link = page.createElement("link");
    link.rel = "stylesheet";
    link.setAttribute("data-after-content", "");
    link.setAttribute("data-href", `/build/_assets/styles-${i}.css`);
    page.body.append(link);
    return link;
  });
  Object.defineProperty(page, "readyState", { value: "interactive", configurable: true });
  return { document: page, links };
}

const settledWithin = (promise: Promise<void>) => Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 50))]);

describe("waiting for the stylesheets linked after the content", () => {
  it("waits until every one has loaded or failed", async () => {
    const { document: page, links } = pageWith(2);
    const wait = stylesheetsAfterContent(page);
    links[0]!.dispatchEvent(new Event("load"));
    expect(await settledWithin(wait)).toBe(false);
    links[1]!.dispatchEvent(new Event("error"));
    expect(await settledWithin(wait)).toBe(true);
  });

  it("does not wait when there is none, or the document has finished loading", async () => {
    expect(await settledWithin(stylesheetsAfterContent(pageWith(0).document))).toBe(true);
    const { document: page } = pageWith(1);
    Object.defineProperty(page, "readyState", { value: "complete" });
    expect(await settledWithin(stylesheetsAfterContent(page))).toBe(true);
  });

  it("stops waiting at the window's load event, for one that failed before the wait began", async () => {
    const { document: page } = pageWith(1);
    const view = new EventTarget();
    Object.defineProperty(page, "defaultView", { value: view });
    const wait = stylesheetsAfterContent(page);
    expect(await settledWithin(wait)).toBe(false);
    view.dispatchEvent(new Event("load"));
    expect(await settledWithin(wait)).toBe(true);
  });
});
