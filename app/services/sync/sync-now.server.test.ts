import { describe, expect, it } from "vitest";
import { parcelOutcome } from "./sync-now.server";
import type { SyncPassReport } from "./sync-engine.server";

const pass = (changes: Partial<SyncPassReport>): SyncPassReport => ({
  claimed: 1, updated: 0, statusChanges: 0, writeBacksEnqueued: 0, notFound: 0, invalidConfirmed: 0, invalidToRecheck: 0, failed: 0, deferred: 0, lostLease: 0,
  ...changes,
});
const parcel = (changes: Partial<Parameters<typeof parcelOutcome>[1]> = {}) => ({
  carrier: "fedex", lastErrorBefore: null, lastErrorAfter: null, statusChanged: false, newEvents: 0, ...changes,
});

describe("parcelOutcome", () => {
  it("counts new events, and says 'no news' only when the carrier answered with nothing new", () => {
    expect(parcelOutcome(pass({ updated: 1 }), parcel({ newEvents: 3, statusChanged: true }))).toEqual({ kind: "new_events", newEvents: 3, statusChanged: true });
    expect(parcelOutcome(pass({ updated: 1 }), parcel())).toEqual({ kind: "no_news" });
  });

  it("reports a carrier without credentials, a rate limit and a carrier error as failures with their reason", () => {
    expect(parcelOutcome(pass({ deferred: 1 }), parcel({ lastErrorAfter: "no fedex credentials configured" }))).toEqual({ kind: "failed", reason: "no_credentials", carrier: "fedex", detail: null });
    expect(parcelOutcome(pass({ deferred: 1 }), parcel())).toEqual({ kind: "failed", reason: "rate_limited", carrier: "fedex", detail: null });
    expect(parcelOutcome(pass({ failed: 1 }), parcel({ lastErrorAfter: "HTTP_500: upstream down" }))).toEqual({ kind: "failed", reason: "carrier_error", carrier: "fedex", detail: "HTTP_500: upstream down" });
    expect(parcelOutcome(pass({ updated: 1, notFound: 1 }), parcel())).toEqual({ kind: "failed", reason: "not_found", carrier: "fedex", detail: null });
    expect(parcelOutcome(pass({ updated: 1, invalidToRecheck: 1 }), parcel())).toEqual({ kind: "failed", reason: "invalid_number", carrier: "fedex", detail: null });
  });

  it("tells a parcel nobody can ask (no carrier) from one another worker holds", () => {
    expect(parcelOutcome(pass({ claimed: 0 }), parcel({ carrier: null }))).toEqual({ kind: "failed", reason: "no_carrier", carrier: null, detail: null });
    expect(parcelOutcome(pass({ claimed: 0 }), parcel())).toEqual({ kind: "failed", reason: "busy", carrier: "fedex", detail: null });
  });
});
