import { DataTable } from "@shopify/polaris/build/esm/components/DataTable/DataTable.js";
import { useEffect, useRef, type ComponentProps } from "react";

/**
 * Polaris's DataTable whose horizontal scroll area can be reached with the keyboard: a wide table
 * scrolls inside a container that has nothing focusable, so the container is made a labelled,
 * focusable region once rendered (axe-core's "scrollable-region-focusable").
 */
export function ScrollableDataTable({ label, ...props }: ComponentProps<typeof DataTable> & { label: string }) {
  const wrapper = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = wrapper.current;
    if (!root) return;
    const label_ = () => {
      for (const container of root.querySelectorAll<HTMLElement>(".Polaris-DataTable__ScrollContainer")) {
        if (container.getAttribute("aria-label") === label) continue;
        container.tabIndex = 0;
        container.setAttribute("role", "region");
        container.setAttribute("aria-label", label);
      }
    };
    label_();
    // The table re-renders its scroll container after measuring itself: label it again then.
    const observer = new MutationObserver(label_);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [label]);
  return (
    <div ref={wrapper}>
      <DataTable {...props} />
    </div>
  );
}
