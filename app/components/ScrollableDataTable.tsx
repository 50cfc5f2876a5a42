import { DataTable } from "@shopify/polaris";
import { useEffect, useRef, type ComponentProps } from "react";

/**
 * Polaris's DataTable whose horizontal scroll area can be reached with the keyboard: a wide table
 * scrolls inside a container that has nothing focusable, so the container is made a labelled,
 * focusable region once rendered (axe-core's "scrollable-region-focusable").
 */
export function ScrollableDataTable({ label, ...props }: ComponentProps<typeof DataTable> & { label: string }) {
  const wrapper = useRef<HTMLDivElement>(null);
  useEffect(() => {
    for (const container of wrapper.current?.querySelectorAll<HTMLElement>(".Polaris-DataTable__ScrollContainer") ?? []) {
      container.tabIndex = 0;
      container.setAttribute("role", "region");
      container.setAttribute("aria-label", label);
    }
  });
  return (
    <div ref={wrapper}>
      <DataTable {...props} />
    </div>
  );
}
