import { describe, expect, it } from "vitest";
import type { FoundTracking, ParseResult, ParsedTracking } from "~/carriers/adapter";
import delivered from "./__fixtures__/delivered.json";
import errorAuth from "./__fixtures__/error-auth.json";
import failedAttempt from "./__fixtures__/failed-attempt.json";
import inTransit from "./__fixtures__/in-transit.json";
import multiPackage from "./__fixtures__/multi-package.json";
import notFound from "./__fixtures__/not-found.json";
import { parseUpsResponse } from "./parse";

function only(result: ParseResult): ParsedTracking {
  expect(result.ok).toBe(true);
  if (!result.ok) throw new Error("unreachable");
  expect(result.items).toHaveLength(1);
  return result.items[0]!;
}

function found(result: ParseResult): FoundTracking {
  const item = only(result);
  if (item.kind !== "found") throw new Error(`expected found, got ${item.kind}`);
  return item;
}

describe("parseUpsResponse", () => {
  it("parses a journey in transit, oldest first, with UTC times and the scheduled window", () => {
    const r = found(parseUpsResponse(inTransit));
    expect(r.trackingNumber).toBe("1Z999AA10123456784");
    expect(r.events.map((e) => e.status)).toEqual(["info_received", "picked_up", "in_transit", "in_transit", "in_transit", "in_transit"]);
    expect(r.events.map((e) => e.carrierCode)).toEqual(["M", "P", "I", "I", "I", "I"]);
    expect(r.events[0]).toMatchObject({
      occurredAt: "2026-11-16T14:00:00.000Z",
      localTime: "2026-11-16T06:00:00-08:00",
      description: "Shipper created a label, UPS has not received the package yet.",
      location: { city: "LOS ANGELES", province: "CA", postalCode: "90001", country: "US" },
    });
    // 23:21 local on the 16th in -05:00 is the 17th in UTC.
    expect(r.events[3]).toMatchObject({ occurredAt: "2026-11-17T04:21:15.000Z", localTime: "2026-11-16T23:21:15-05:00" });
    expect(r.carrierEta).toEqual({ start: "2026-11-18T09:00:00", end: "2026-11-18T21:00:00", local: true, source: "deliveryDate.SDD+deliveryTime.EDW" });
    expect(r.latest).toEqual({ status: "in_transit", carrierCode: "I", description: "Arrived at Facility" });
    expect(r.unmappedCodes).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.events[0]!.raw).toMatchObject({ date: "20261116", time: "060000" });
  });

  it("parses a delivery with signature and receiver, out-for-delivery from the activity code", () => {
    const r = found(parseUpsResponse(delivered));
    expect(r.events.slice(-2).map((e) => [e.status, e.occurredAt])).toEqual([
      ["out_for_delivery", "2026-11-18T13:26:14.000Z"],
      ["delivered", "2026-11-18T18:32:40.000Z"],
    ]);
    expect(r.delivery).toEqual({ signedBy: "A KUMAR", deliveryLocation: "Front Door", signatureAvailable: true });
    expect(r.carrierEta).toBeUndefined();
    expect(r.latest?.status).toBe("delivered");
  });

  it("reports UPS exceptions on a failed attempt", () => {
    const r = found(parseUpsResponse(failedAttempt));
    expect(r.events.map((e) => e.status)).toContain("exception");
    expect(r.events.at(-1)?.status).toBe("delivered");
  });

  it("merges packages of a multi-package shipment, reports unmapped types and missing offsets", () => {
    const r = found(parseUpsResponse(multiPackage));
    expect(r.pieces).toEqual(["1Z5338FF0107231059", "1Z5338FF0107231068"]);
    // The pickup scan appears on both packages but is one event.
    expect(r.events.map((e) => [e.occurredAt, e.status, e.carrierCode])).toEqual([
      ["2026-11-18T09:10:00.000Z", "info_received", "M"],
      ["2026-11-18T23:15:00.000Z", "picked_up", "P"],
      ["2026-11-19T13:00:00.000Z", "unknown", "ZZ"],
      ["2026-11-21T04:30:00.000Z", "exception", "X"],
    ]);
    expect(r.unmappedCodes).toEqual(["ZZ"]);
    expect(r.warnings).toEqual(["activity 20261118 091000 has no UTC offset; assumed UTC"]);
    // The rescheduled date wins over the original one; CMT gives an end-of-window time.
    expect(r.carrierEta).toEqual({ start: "2026-11-23T00:00:00", end: "2026-11-23T10:30:00", local: true, source: "deliveryDate.RDD+deliveryTime.CMT" });
    expect(r.events[2]!.location).toEqual({ city: "Chicago", province: "IL", postalCode: "60601", country: "US" });
  });

  it("turns the not-found error body into not_found", () => {
    expect(only(parseUpsResponse(notFound, { trackingNumber: "1Z0000000000000000" }))).toEqual({
      kind: "not_found",
      trackingNumber: "1Z0000000000000000",
      message: "No tracking information available",
    });
  });

  it("turns other error bodies into a permanent per-number error", () => {
    expect(only(parseUpsResponse(errorAuth, { trackingNumber: "1Z1" }))).toMatchObject({ kind: "error", code: "ups:250002", retryable: false });
  });

  it("returns a typed error for bodies of another shape", () => {
    expect(parseUpsResponse({ shipments: [] })).toMatchObject({ ok: false, error: { kind: "unexpected_shape" } });
    expect(parseUpsResponse("<html>")).toMatchObject({ ok: false });
  });

  it("skips activities with impossible dates instead of failing the whole response", () => {
    const body = structuredClone(inTransit) as { trackResponse: { shipment: { package: { activity: Record<string, unknown>[] }[] }[] } };
    const first = body.trackResponse.shipment[0]!.package[0]!.activity[0]!;
    Object.assign(first, { date: "20261345", gmtDate: undefined, gmtTime: undefined });
    const r = found(parseUpsResponse(body));
    expect(r.events).toHaveLength(5);
    expect(r.warnings[0]).toMatch(/skipped activity/);
  });
});

describe("UPS answers that mean what UPS meant", () => {
  it("TV1002 (invalid inquiry number) is a definitive invalid answer; 151044 stays not found", async () => {
    const invalid = (await import("./__fixtures__/invalid-number.json")).default;
    expect(only(parseUpsResponse(invalid, { trackingNumber: "1Z999AA10123456784" }))).toEqual({
      kind: "invalid",
      trackingNumber: "1Z999AA10123456784",
      code: "ups:TV1002",
      message: "Invalid inquiry number",
    });
    expect(only(parseUpsResponse(notFound, { trackingNumber: "1Z999AA10123456784" }))).toMatchObject({ kind: "not_found" });
  });

  it("a type X exception carries the reason UPS wrote (receiver not available), not an unspecified exception", () => {
    const r = found(parseUpsResponse(failedAttempt));
    const exception = r.events.find((e) => e.carrierCode === "X");
    expect(exception).toMatchObject({ status: "exception", subStatus: "recipient_unavailable" });
  });
});
