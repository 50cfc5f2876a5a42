import { Frame } from "@shopify/polaris/build/esm/components/Frame/Frame.js";
import { Navigation } from "@shopify/polaris/build/esm/components/Navigation/Navigation.js";
import { useEffect, type ReactNode } from "react";

declare global {
  /**
   * The demo's layout once its module is here: set by app/components/demo-frame.server.ts on the
   * server and by app/entry.client.tsx before a demo page hydrates. A global rather than a shared
   * module, so no page outside the demo fetches one more file for it.
   */
  var tracklineDemoFrame: typeof DemoFrame | undefined;
}

/**
 * Demo mode's layout: outside the Shopify admin there is no App Bridge, so Polaris draws the
 * navigation itself. Only the demo draws it, so the layout loads this module (Frame, Navigation
 * and what they bring: toasts, loading bar, contextual save bar) on its own, never in the admin.
 */
export default function DemoFrame({ location, items, children }: { location: string; items: { url: string; label: string; exactMatch: boolean }[]; children: ReactNode }) {
  useEffect(() => {
    // Polaris's Frame wraps its <nav> in a labelled div with a dismiss button beside it: make that
    // wrapper the navigation landmark, so nothing of the frame sits outside a landmark. The Frame
    // may draw (or redraw) the wrapper after this effect has run, so it is watched for.
    const markNavigation = () => {
      const wrapper = document.getElementById("AppFrameNav");
      if (wrapper && wrapper.getAttribute("role") !== "navigation") wrapper.setAttribute("role", "navigation");
    };
    markNavigation();
    const observer = new MutationObserver(markNavigation);
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["role"] });
    return () => observer.disconnect();
  }, []);
  return (
    <Frame
      navigation={
        <Navigation location={location}>
          <Navigation.Section items={items} />
        </Navigation>
      }
    >
      {children}
    </Frame>
  );
}
