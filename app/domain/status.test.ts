import { describe, expect, it } from "vitest";
import { CANONICAL_STATUSES, isCanonicalStatus, isSubStatus } from "./status";

describe("status vocabulary", () => {
  it("recognises canonical statuses and rejects others", () => {
    expect(CANONICAL_STATUSES).toContain("out_for_delivery");
    expect(isCanonicalStatus("delivered")).toBe(true);
    expect(isCanonicalStatus("PICKED_UP")).toBe(false);
    expect(isSubStatus("customs_hold")).toBe(true);
    expect(isSubStatus("delivered")).toBe(false);
  });
});
