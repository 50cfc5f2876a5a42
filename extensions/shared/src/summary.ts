import { needsAttention } from "./status-tone";
import type { ParcelStatus, ParcelSummary } from "./tracking-view";

/**
 * How far along each status is on the way to the door; the order waits on its least advanced
 * parcel. Dead ends (returned, cancelled) count as finished: nothing more will arrive.
 */
const PROGRESS: Readonly<Record<ParcelStatus, number>> = {
  invalid: 0,
  unknown: 0,
  pending: 1,
  info_received: 2,
  expired: 2,
  picked_up: 3,
  in_transit: 4,
  delayed: 4,
  exception: 4,
  attempt_failed: 5,
  out_for_delivery: 6,
  available_for_pickup: 6,
  returning: 7,
  returned: 8,
  cancelled: 8,
  delivered: 9,
};

/** "2 of 3 parcels delivered" and what the order as a whole is waiting on. */
export function summarizeParcels(statuses: readonly ParcelStatus[]): ParcelSummary {
  let slowest: ParcelStatus | null = null;
  for (const status of statuses) {
    if (slowest === null || PROGRESS[status] < PROGRESS[slowest]) slowest = status;
  }
  return {
    total: statuses.length,
    delivered: statuses.filter((status) => status === "delivered").length,
    needsAttention: statuses.filter(needsAttention).length,
    slowestStatus: slowest,
  };
}
