import { PolarisVizProvider } from "@shopify/polaris-viz";
import { useEffect, useState, type ReactNode } from "react";

/**
 * polaris-viz measures the browser window while rendering, so charts cannot be rendered on the
 * server: the server sends a box of the chart's size (no layout shift) and the browser draws the
 * chart into it after hydration. The numbers beside each chart are server-rendered text.
 */
export function ClientChart({ height, label, children }: { height: number; label: string; children: () => ReactNode }) {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return (
    <div style={{ height }} role="figure" aria-label={label}>
      {hydrated && <PolarisVizProvider>{children()}</PolarisVizProvider>}
    </div>
  );
}
