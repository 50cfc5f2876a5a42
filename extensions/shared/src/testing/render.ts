import { render, type VNode } from "preact";
import { act } from "preact/test-utils";

/**
 * Renders a component into the test document and settles its effects and promises; the UI
 * extension components (`s-*`) render as plain custom elements, so their text and attributes
 * can be read like any DOM.
 */
export async function renderSettled(vnode: VNode): Promise<HTMLElement> {
  const root = document.createElement("div");
  document.body.append(root);
  await act(async () => {
    render(vnode, root);
  });
  await settle();
  return root;
}

export async function settle(): Promise<void> {
  for (let round = 0; round < 5; round++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

/** The visible text of a rendered tree, whitespace collapsed. */
export function textOf(element: Element): string {
  return (element.textContent ?? "").replace(/\s+/g, " ").trim();
}

export async function click(element: { dispatchEvent(event: Event): boolean } | null | undefined): Promise<void> {
  if (!element) throw new Error("nothing to click");
  await act(async () => {
    element.dispatchEvent(new Event("click", { bubbles: true }));
  });
  await settle();
}
