/**
 * Admin pages paint before their stylesheet has arrived: the server puts the rules their HTML can
 * use into `<CriticalStyles />` in the head (app/components/critical-css.server.ts), and the whole
 * stylesheet is linked after the page's content (`<StylesheetAfterContent />`), so neither it
 * nor the forty-odd scripts downloading beside it hold the first paint on a slow connection.
 * Hydration waits for it (app/entry.client.tsx): what React draws then (popovers, sticky headers)
 * has every rule.
 */

/** The attribute that marks the head's style element the server fills. */
export const CRITICAL_CSS_ATTRIBUTE = "data-critical-css";
/** The attribute that marks a stylesheet linked after the content, whose rules the server inlines. */
export const AFTER_CONTENT_ATTRIBUTE = "data-after-content";

/**
 * Empty as React renders it, on the server and in the browser; the server fills it after
 * rendering, and hydration leaves an element's inner HTML as it found it.
 */
export function CriticalStyles() {
  return <style {...{ [CRITICAL_CSS_ATTRIBUTE]: "" }} dangerouslySetInnerHTML={{ __html: "" }} suppressHydrationWarning />;
}

export function StylesheetAfterContent({ href }: { href: string }) {
  return <link rel="stylesheet" href={href} {...{ [AFTER_CONTENT_ATTRIBUTE]: "" }} />;
}

/**
 * Resolves once every stylesheet linked after the content has loaded or failed (a failed one
 * must not keep the page from working). One that failed before this was called fires nothing
 * more: the window's load event, which waits for every resource to load or fail, ends the wait
 * then.
 */
export function stylesheetsAfterContent(document: Document): Promise<void> {
  const pending = [...document.querySelectorAll<HTMLLinkElement>(`link[rel="stylesheet"][${AFTER_CONTENT_ATTRIBUTE}]`)].filter((link) => !link.sheet);
  if (pending.length === 0 || document.readyState === "complete") return Promise.resolve();
  return new Promise((resolve) => {
    let left = pending.length;
    const settled = () => {
      if (--left === 0) resolve();
    };
    for (const link of pending) {
      link.addEventListener("load", settled, { once: true });
      link.addEventListener("error", settled, { once: true });
    }
    document.defaultView?.addEventListener("load", () => resolve(), { once: true });
  });
}
