import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";

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

void (demo ? loadDemoFrame() : Promise.resolve()).then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});
