import { describe, expect, it } from "vitest";
import { asFound, items, only } from "~/testing/parse-results";
import delivered from "./__fixtures__/delivered.json";
import errorAuth from "./__fixtures__/error-auth.json";
import inTransit from "./__fixtures__/in-transit.json";
import notFound from "./__fixtures__/not-found.json";
import { parseDhlResponse } from "./parse";

describe("parseDhlResponse", () => {
  it("parses events with offsets into UTC and keeps the delivery time frame", () => {
    const r = asFound(only(parseDhlResponse(inTransit)));
    expect(r.trackingNumber).toBe("00340434292135100186");
    expect(r.events.map((e) => e.status)).toEqual(["info_received", "in_transit", "in_transit", "in_transit", "in_transit"]);
    expect(r.events[2]).toMatchObject({
      occurredAt: "2026-11-16T23:43:19.000Z",
      localTime: "2026-11-17T00:43:19+01:00",
      carrierCode: "transit",
      location: { city: "Berlin", postalCode: "10115", country: "DE" },
    });
    expect(r.carrierEta).toEqual({ start: "2026-11-18T08:00:00.000Z", end: "2026-11-18T20:00:00.000Z", local: false, source: "estimatedDeliveryTimeFrame" });
    expect(r.latest).toMatchObject({ status: "in_transit", carrierCode: "transit" });
  });

  it("parses proof of delivery", () => {
    const r = asFound(only(parseDhlResponse(delivered)));
    expect(r.events.at(-1)).toMatchObject({ status: "delivered", occurredAt: "2026-11-18T14:07:14.000Z" });
    expect(r.delivery).toEqual({
      signedBy: "A KUMAR",
      proofOfDeliveryUrl: "https://www.dhl.de/int-verfolgen/pod/00340434292135100186",
      signatureUrl: "https://www.dhl.de/int-verfolgen/pod/00340434292135100186/signature",
      signatureAvailable: true,
      deliveredAt: "2026-11-18T14:07:14.000Z",
    });
  });

  it("assumes UTC (with a warning) for Express timestamps without offset, and reports unknown codes", () => {
    const body = structuredClone(inTransit);
    const events = body.shipments[0]!.events as Record<string, unknown>[];
    events[0]!.timestamp = "2026-11-17T16:44:51";
    events[1]!.statusCode = "customs";
    const r = asFound(only(parseDhlResponse(body)));
    expect(r.events.at(-1)).toMatchObject({ occurredAt: "2026-11-17T16:44:51.000Z" });
    expect(r.events.at(-1)?.localTime).toBeUndefined();
    expect(r.warnings).toEqual(["event 2026-11-17T16:44:51 has no UTC offset; assumed UTC"]);
    expect(r.events.at(-2)).toMatchObject({ status: "unknown", carrierCode: "customs" });
    expect(r.unmappedCodes).toEqual(["customs"]);
  });

  it("groups one number found under two services into one item", () => {
    const body = structuredClone(inTransit);
    body.shipments.push({ ...structuredClone(body.shipments[0]!), service: "express" });
    expect(items(parseDhlResponse(body))).toHaveLength(1);
  });

  it("maps problem+json: 404 → not_found, others → error", () => {
    expect(only(parseDhlResponse(notFound, { trackingNumber: "X1" }))).toEqual({
      kind: "not_found",
      trackingNumber: "X1",
      message: "No shipment with given tracking number found.",
    });
    expect(only(parseDhlResponse(errorAuth, { trackingNumber: "X1" }))).toMatchObject({ kind: "error", code: "dhl:401" });
  });

  it("returns a typed error for other shapes", () => {
    expect(parseDhlResponse(null)).toMatchObject({ ok: false });
  });
});
