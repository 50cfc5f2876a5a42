import type { Badge } from "@shopify/polaris";
import type { ComponentProps } from "react";

/** Badge tones per status and the loader-data type the admin pages share; words and numbers come from use-admin-format.ts. */
type Tone = ComponentProps<typeof Badge>["tone"];

export const STATUS_TONE: Partial<Record<string, Tone>> = {
  delivered: "success",
  out_for_delivery: "info",
  available_for_pickup: "info",
  attempt_failed: "warning",
  delayed: "warning",
  exception: "critical",
  invalid: "critical",
  returning: "attention",
  returned: "attention",
  expired: "new",
};

/** What a loader's value looks like after the trip to the browser: dates become ISO strings. */
export type Serialized<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Serialized<U>[]
    : T extends object
      ? { [K in keyof T]: Serialized<T[K]> }
      : T;
