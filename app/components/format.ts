import type { Badge } from "@shopify/polaris";
import type { ComponentProps } from "react";

/** Display helpers shared by the admin pages (labels, dates, rates). */
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

export function statusLabel(status: string): string {
  const text = status.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const ATTENTION_LABELS: Record<string, string> = {
  stalled: "Stalled",
  late: "Late",
  exception: "Exception",
  invalid: "Invalid tracking",
  not_picked_up: "Not picked up",
};

const CARRIER_NAMES: Record<string, string> = {
  ups: "UPS",
  fedex: "FedEx",
  usps: "USPS",
  dhl: "DHL",
  seventeen_track: "17TRACK",
  aftership: "AfterShip",
  unresolved: "Unresolved",
};

export function carrierLabel(code: string | null): string {
  if (!code) return "Unresolved";
  return CARRIER_NAMES[code] ?? statusLabel(code);
}

export function formatDate(iso: string | null, timeZone = "UTC"): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone });
}

export function formatDateTime(iso: string | null, timeZone = "UTC"): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleString("en-US", {
    month: "short",
    day: "numeric",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  });
}

export function formatPercent(value: number | null): string {
  return value === null ? "—" : `${(value * 100).toFixed(1)}%`;
}

export function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}

export function formatDays(value: number | null): string {
  return value === null ? "—" : `${value} d`;
}

/** What a loader's value looks like after the trip to the browser: dates become ISO strings. */
export type Serialized<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Serialized<U>[]
    : T extends object
      ? { [K in keyof T]: Serialized<T[K]> }
      : T;
