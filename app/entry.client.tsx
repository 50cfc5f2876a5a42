import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { stylesheetsAfterContent } from "./components/critical-styles";

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

// Stylesheets linked after the content (components/critical-styles.tsx): the first paint used only
// the rules the server's HTML needed; what React draws from hydration on needs them all.
void Promise.all([demo ? loadDemoFrame() : undefined, stylesheetsAfterContent(document)]).then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});
