import type { ParcelStatus } from "./tracking-view";

/**
 * One visual tone per status, shared by every surface: success when it arrived, critical when the
 * shopper must act or the parcel is going back, warning when it is late or stuck, info while it
 * moves normally, neutral while nothing is known yet.
 */
export type StatusTone = "success" | "critical" | "warning" | "info" | "neutral";

const TONES: Readonly<Record<ParcelStatus, StatusTone>> = {
  pending: "neutral",
  info_received: "neutral",
  picked_up: "info",
  in_transit: "info",
  out_for_delivery: "info",
  available_for_pickup: "warning",
  attempt_failed: "critical",
  delayed: "warning",
  exception: "critical",
  returning: "critical",
  returned: "critical",
  delivered: "success",
  cancelled: "neutral",
  expired: "warning",
  invalid: "critical",
  unknown: "neutral",
};

export function statusTone(status: ParcelStatus): StatusTone {
  return TONES[status] ?? "neutral";
}

/** Statuses where the shopper (or support) has something to do. */
export function needsAttention(status: ParcelStatus): boolean {
  const tone = statusTone(status);
  return tone === "critical" || tone === "warning";
}
