import { Suspense, useEffect, useRef, useState, type ReactNode } from "react";
import { ChartFigure } from "./ChartFigure";
import { PolarisVizProvider } from "./charts";

/**
 * polaris-viz measures the browser window while rendering, so charts cannot be rendered on the
 * server: the server sends a box of the chart's size (no layout shift) and the browser draws the
 * chart into it after hydration, once polaris-viz's code has arrived (charts.ts loads it then). The
 * numbers beside each chart are server-rendered text.
 *
 * The chart is a figure named by `label`; `caption` (shown under it) says what each axis measures,
 * since polaris-viz has no axis titles. Every SVG the chart draws gets the figure's name, so a
 * screen reader never meets an unnamed graphic.
 */
export function ClientChart({ height, label, caption, children }: { height: number; label: string; caption?: string; children: () => ReactNode }) {
  const [hydrated, setHydrated] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    const node = box.current;
    if (!hydrated || !node) return;
    // Each SVG becomes one named image; polaris-viz's own roles and labels inside it (list roles
    // without list items, labels on plain paths) would be announced as broken structure, and the
    // same numbers are on the page as text beside the chart.
    const name = () => {
      for (const element of node.querySelectorAll("[role], [aria-label]")) {
        if (element instanceof SVGSVGElement) continue;
        element.removeAttribute("role");
        element.removeAttribute("aria-label");
      }
      for (const svg of node.querySelectorAll("svg")) {
        if (svg.getAttribute("role") !== "img") svg.setAttribute("role", "img");
        if (svg.getAttribute("aria-label") !== label) svg.setAttribute("aria-label", label);
      }
    };
    name();
    // polaris-viz redraws on resize and on hover: name the new SVGs too.
    const observer = new MutationObserver(name);
    observer.observe(node, { childList: true, subtree: true, attributes: true, attributeFilter: ["role", "aria-label"] });
    return () => observer.disconnect();
  }, [hydrated, label]);
  return (
    <ChartFigure height={height} label={label} caption={caption} boxRef={box}>
      {hydrated && (
        <Suspense fallback={null}>
          <PolarisVizProvider>{children()}</PolarisVizProvider>
        </Suspense>
      )}
    </ChartFigure>
  );
}
