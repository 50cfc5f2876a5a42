import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadDemoFrame } from "./components/demo-frame-slot";

declare global {
  interface Window {
    __remixContext?: { state?: { loaderData?: Record<string, { demo?: unknown } | null | undefined> } };
  }
}

/** Demo pages draw Polaris's own navigation: its code is fetched first, so hydration has it at hand. */
const demo = window.__remixContext?.state?.loaderData?.["routes/app"]?.demo === true;

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
