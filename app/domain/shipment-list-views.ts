/** Views every shop has, as the list's first tabs: their filters in the list's query vocabulary. */
export const BUILT_IN_VIEWS = [
  { id: "all", query: "" },
  { id: "needs_attention", query: "attention=stalled,late,exception,invalid,not_picked_up" },
  { id: "late", query: "attention=late" },
  { id: "returns", query: "return=yes" },
] as const;
export type BuiltInViewId = (typeof BUILT_IN_VIEWS)[number]["id"];

/** Attention flags a parcel can carry (the list's "attention" filter). */
export const ATTENTION_KINDS = ["stalled", "late", "exception", "invalid", "not_picked_up"] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

/** Orders the shipments list can be sorted in. */
export const SHIPMENT_SORTS = ["newest", "oldest", "order_asc", "order_desc"] as const;
export type ShipmentSort = (typeof SHIPMENT_SORTS)[number];
