import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { AFTER_CONTENT_ATTRIBUTE } from "./components/critical-styles";

declare global {
  interface Window {
    __remixContext?: { state?: { loaderData?: Record<string, { demo?: unknown } | null | undefined> } };
  }
}

/** Demo pages draw Polaris's own navigation: its code is fetched first, so hydration has it at hand. */
const demo = window.__remixContext?.state?.loaderData?.["routes/app"]?.demo === true;

const loadDemoFrame = async () => {
  globalThis.tracklineDemoFrame = (await import("./components/DemoFrame")).default;
};

/**
 * Stylesheets linked after the content (app/components/critical-styles.tsx): the first paint used
 * only the rules the server's HTML needed; what React draws from hydration on needs them all.
 */
function stylesheetsAfterContent(): Promise<unknown> {
  const links = [...document.querySelectorAll<HTMLLinkElement>(`link[rel="stylesheet"][${AFTER_CONTENT_ATTRIBUTE}]`)];
  return Promise.all(
    links.filter((link) => !link.sheet).map((link) => new Promise((resolve) => {
      // A stylesheet that fails to load must not keep the page from working.
      link.addEventListener("load", resolve, { once: true });
      link.addEventListener("error", resolve, { once: true });
    })),
  );
}

void Promise.all([demo ? loadDemoFrame() : undefined, stylesheetsAfterContent()]).then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});
