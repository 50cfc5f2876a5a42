import { DHL_STATUS_CODES } from "~/carriers/dhl/status-map";
import { FEDEX_EVENT_TYPES } from "~/carriers/fedex/status-map";
import { lookupStatus, type StatusTable } from "~/carriers/mapping";
import { SEVENTEEN_TRACK_STAGES, SEVENTEEN_TRACK_STATUSES, SEVENTEEN_TRACK_SUB_STATUSES } from "~/carriers/seventeen_track/status-map";
import { UPS_ACTIVITY_CODE_OVERRIDES, UPS_STATUS_TYPES } from "~/carriers/ups/status-map";
import { USPS_EVENT_CODES } from "~/carriers/usps/status-map";

/**
 * Which row of a carrier's status table turned a carrier code into our status: shown beside every
 * event on the shipment page so support can see why "Delivered" or "Exception" was chosen. The
 * tables are searched in the order the carrier's parser prefers them.
 */
const TABLES_BY_CARRIER: Record<string, readonly (readonly [name: string, table: StatusTable])[]> = {
  ups: [
    ["UPS activity code", UPS_ACTIVITY_CODE_OVERRIDES],
    ["UPS status type", UPS_STATUS_TYPES],
  ],
  fedex: [["FedEx event type", FEDEX_EVENT_TYPES]],
  usps: [["USPS event code", USPS_EVENT_CODES]],
  dhl: [["DHL status code", DHL_STATUS_CODES]],
};

/** Carriers without a direct adapter are tracked through 17TRACK and carry its codes. */
const AGGREGATOR_TABLES: readonly (readonly [string, StatusTable])[] = [
  ["17TRACK sub-status", SEVENTEEN_TRACK_SUB_STATUSES],
  ["17TRACK stage", SEVENTEEN_TRACK_STAGES],
  ["17TRACK status", SEVENTEEN_TRACK_STATUSES],
];

export interface MappingRule {
  /** The table the code was found in, e.g. "USPS event code"; null when no table has it. */
  table: string | null;
  code: string;
  /** The status (and sub-status) the table maps the code to. */
  mapsTo: string | null;
  meaning: string | null;
  /**
   * False when the stored event status differs from the table's (the parser applied a documented
   * refinement, such as a FedEx delay detail); the event's own status is what counts.
   */
  matchesEvent: boolean;
}

export function mappingRuleFor(carrier: string | null, carrierCode: string, eventStatus: string, eventSubStatus: string | null): MappingRule {
  const tables = (carrier && TABLES_BY_CARRIER[carrier]) || AGGREGATOR_TABLES;
  for (const [name, table] of tables) {
    const found = lookupStatus(table, carrierCode);
    if (!found.mapped) continue;
    const entry = table[carrierCode]!;
    const mapsTo = found.subStatus ? `${found.status} (${found.subStatus})` : found.status;
    return {
      table: name,
      code: carrierCode,
      mapsTo,
      meaning: entry.meaning,
      matchesEvent: found.status === eventStatus && (found.subStatus ?? null) === (eventSubStatus ?? found.subStatus ?? null),
    };
  }
  return { table: null, code: carrierCode, mapsTo: null, meaning: null, matchesEvent: eventStatus === "unknown" };
}
