/** Views every shop has, as the list's first tabs: their filters in the list's query vocabulary. */
export const BUILT_IN_VIEWS = [
  { id: "all", query: "" },
  { id: "needs_attention", query: "attention=stalled,late,exception,invalid,not_picked_up" },
  { id: "late", query: "attention=late" },
  { id: "returns", query: "return=yes" },
] as const;
export type BuiltInViewId = (typeof BUILT_IN_VIEWS)[number]["id"];
