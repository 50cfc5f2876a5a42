import { describe, expect, it } from "vitest";
import { isCanonicalStatus, isSubStatus } from "~/domain/status";
import { DHL_STATUS_CODES } from "./dhl/status-map";
import { FEDEX_DELAY_TYPES, FEDEX_EVENT_TYPES } from "./fedex/status-map";
import { lookupStatus, type StatusTable } from "./mapping";
import { SEVENTEEN_TRACK_STAGES, SEVENTEEN_TRACK_STATUSES, SEVENTEEN_TRACK_SUB_STATUSES } from "./seventeen_track/status-map";
import { UPS_ACTIVITY_CODE_OVERRIDES, UPS_STATUS_TYPES } from "./ups/status-map";
import { USPS_EVENT_CODES } from "./usps/status-map";

const TABLES: Record<string, StatusTable> = {
  UPS_STATUS_TYPES,
  UPS_ACTIVITY_CODE_OVERRIDES,
  FEDEX_EVENT_TYPES,
  USPS_EVENT_CODES,
  DHL_STATUS_CODES,
  SEVENTEEN_TRACK_STATUSES,
  SEVENTEEN_TRACK_SUB_STATUSES,
  SEVENTEEN_TRACK_STAGES,
};

describe("status maps", () => {
  it.each(Object.entries(TABLES))("%s maps every code to a valid canonical status and sub-status", (_name, table) => {
    for (const [code, mapping] of Object.entries(table)) {
      expect(isCanonicalStatus(mapping.status), code).toBe(true);
      if (mapping.subStatus !== undefined) expect(isSubStatus(mapping.subStatus), code).toBe(true);
      expect(mapping.meaning.length, code).toBeGreaterThan(0);
      expect(lookupStatus(table, code)).toMatchObject({ status: mapping.status, mapped: true });
    }
  });

  it("covers every code each carrier documents", () => {
    expect(Object.keys(UPS_STATUS_TYPES).sort()).toEqual(["D", "DD", "DO", "I", "M", "MV", "NA", "O", "P", "RS", "W", "X"]);
    expect(Object.keys(DHL_STATUS_CODES).sort()).toEqual(["delivered", "failure", "pre-transit", "transit", "unknown"]);
    expect(Object.keys(SEVENTEEN_TRACK_STATUSES)).toHaveLength(9);
    expect(Object.keys(SEVENTEEN_TRACK_SUB_STATUSES)).toHaveLength(30);
    // USPS return-to-sender family (09, 21–29, 31) and attempted family (02, 52–56).
    for (const code of ["09", "21", "22", "23", "24", "25", "26", "27", "28", "29", "31"]) expect(USPS_EVENT_CODES[code as keyof typeof USPS_EVENT_CODES].status).toBe("returning");
    for (const code of ["02", "52", "53", "54", "55", "56"]) expect(USPS_EVENT_CODES[code as keyof typeof USPS_EVENT_CODES].status).toBe("attempt_failed");
    for (const sub of Object.values(FEDEX_DELAY_TYPES)) expect(isSubStatus(sub)).toBe(true);
  });

  it("never guesses: unknown, empty and prototype codes are unmapped", () => {
    for (const code of ["", "??", "constructor", "toString", "__proto__", undefined]) {
      expect(lookupStatus(USPS_EVENT_CODES, code)).toEqual({ status: "unknown", mapped: false });
    }
  });
});
