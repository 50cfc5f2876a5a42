import { Text } from "@shopify/polaris/build/esm/components/Text/Text.js";
import type { ReactNode, Ref } from "react";

/**
 * A chart as the admin pages show it: a figure named by `label`, a box of the chart's height (so
 * nothing shifts when a chart is drawn into it later), and `caption` under it saying what the axes
 * measure. Shared by the server-drawn SVG charts and the ones polaris-viz draws after hydration.
 */
export function ChartFigure({ height, label, caption, boxRef, children }: { height: number; label: string; caption?: string | undefined; boxRef?: Ref<HTMLDivElement>; children: ReactNode }) {
  return (
    <figure aria-label={label} style={{ margin: 0 }}>
      <div ref={boxRef} style={{ height }}>
        {children}
      </div>
      {caption && (
        <figcaption>
          <Text as="span" variant="bodySm" tone="subdued">
            {caption}
          </Text>
        </figcaption>
      )}
    </figure>
  );
}
