import { describe, expect, it } from "vitest";
import { asFound, items, only } from "~/testing/parse-results";
import delivered from "./__fixtures__/delivered.json";
import errorBody from "./__fixtures__/error.json";
import inTransit from "./__fixtures__/in-transit.json";
import multiNumber from "./__fixtures__/multi-number.json";
import { parseFedexResponse } from "./parse";

describe("parseFedexResponse", () => {
  it("parses scans with their offsets into UTC and keeps the estimated window", () => {
    const r = asFound(only(parseFedexResponse(inTransit)));
    expect(r.trackingNumber).toBe("794843185271");
    expect(r.events.map((e) => [e.carrierCode, e.status])).toEqual([
      ["OC", "info_received"],
      ["PU", "picked_up"],
      ["DP", "in_transit"],
      ["AR", "in_transit"],
      ["DP", "in_transit"],
    ]);
    expect(r.events[2]).toMatchObject({
      occurredAt: "2026-11-17T05:41:01.000Z",
      localTime: "2026-11-16T23:41:01-06:00",
      location: { city: "CHICAGO", province: "IL", postalCode: "60601", country: "US" },
    });
    expect(r.carrierEta).toEqual({
      start: "2026-11-18T16:00:00.000Z",
      end: "2026-11-19T04:00:00.000Z",
      local: false,
      source: "estimatedDeliveryTimeWindow",
    });
    expect(r.latest).toEqual({ status: "in_transit", carrierCode: "DP", description: "Departed FedEx location" });
    expect(r.unmappedCodes).toEqual([]);
  });

  it("parses a delivery with the signer and the actual delivery time", () => {
    const r = asFound(only(parseFedexResponse(delivered)));
    expect(r.events.at(-1)).toMatchObject({ status: "delivered", occurredAt: "2026-11-18T21:34:27.000Z", carrierCode: "DL" });
    expect(r.events.at(-2)?.status).toBe("out_for_delivery");
    expect(r.delivery).toEqual({
      signedBy: "L MÜLLER",
      deliveryLocation: "Front desk",
      signatureAvailable: true,
      deliveredAt: "2026-11-18T21:34:27.000Z",
    });
    expect(r.carrierEta).toBeUndefined();
  });

  it("returns one item per number: customs journey found, unknown number not_found", () => {
    const [customs, missing] = items(parseFedexResponse(multiNumber));
    const r = asFound(customs);
    expect(r.events.map((e) => e.status)).toEqual([
      "info_received",
      "picked_up",
      "in_transit",
      "in_transit",
      "in_transit",
      "delayed",
      "in_transit",
      "in_transit",
    ]);
    expect(r.events[5]).toMatchObject({ subStatus: "customs_hold", description: "Clearance delay: Import documentation required" });
    expect(r.events[6]).toMatchObject({ subStatus: "customs_cleared" });
    expect(missing).toMatchObject({ kind: "not_found", trackingNumber: "NOTFOUND0000" });
  });

  it("reports unmapped event types as unknown, falling back to the derived code when known", () => {
    const body = structuredClone(inTransit);
    const scans = body.output.completeTrackResults[0]!.trackResults[0]!.scanEvents;
    Object.assign(scans[0]!, { eventType: "QQ", derivedStatusCode: "QQ" });
    Object.assign(scans[1]!, { eventType: "ZX", derivedStatusCode: "IT" });
    const r = asFound(only(parseFedexResponse(body)));
    expect(r.events.at(-1)).toMatchObject({ status: "unknown", carrierCode: "QQ" });
    expect(r.events.at(-2)).toMatchObject({ status: "in_transit", carrierCode: "ZX" });
    expect(r.unmappedCodes).toEqual(["QQ"]);
  });

  it("marks a declared weather delay on the latest status", () => {
    const body = structuredClone(inTransit);
    Object.assign(body.output.completeTrackResults[0]!.trackResults[0]!.latestStatusDetail, { delayDetail: { type: "WEATHER", subType: "SNOW", status: "DELAYED" } });
    expect(asFound(only(parseFedexResponse(body))).latest).toMatchObject({ status: "delayed", subStatus: "weather" });
  });

  it("reports a request-level error body against every requested number", () => {
    const r = items(parseFedexResponse(errorBody, { trackingNumbers: ["1", "2"] }));
    expect(r).toEqual([
      { kind: "error", trackingNumber: "1", code: "fedex:TRACKING.TRACKINGNUMBER.EMPTY", message: "Please provide tracking number.", retryable: false },
      { kind: "error", trackingNumber: "2", code: "fedex:TRACKING.TRACKINGNUMBER.EMPTY", message: "Please provide tracking number.", retryable: false },
    ]);
  });

  it("returns a typed error for other shapes", () => {
    expect(parseFedexResponse({ output: 3 })).toMatchObject({ ok: false, error: { kind: "unexpected_shape" } });
  });
});

describe("FedEx answers that mean what FedEx meant", () => {
  it("HP (ready for recipient pickup) is available_for_pickup, and a delivery exception carries its reason", async () => {
    const heldAtLocation = (await import("./__fixtures__/held-at-location.json")).default;
    const r = asFound(only(parseFedexResponse(heldAtLocation)));
    expect(r.events.slice(-2).map((e) => [e.carrierCode, e.status, e.subStatus])).toEqual([
      ["DE", "attempt_failed", "recipient_unavailable"],
      ["HP", "available_for_pickup", "pickup_point"],
    ]);
    expect(r.latest).toMatchObject({ status: "available_for_pickup", subStatus: "pickup_point", carrierCode: "HP" });
    expect(r.unmappedCodes).toEqual([]);
  });

  it("TRACKING.TRACKINGNUMBER.INVALID is a definitive invalid answer; NOTFOUND stays not found", async () => {
    const body = (await import("./__fixtures__/invalid-and-not-found.json")).default;
    const [invalid, notFound] = items(parseFedexResponse(body));
    expect(invalid).toMatchObject({
      kind: "invalid",
      trackingNumber: "123456789012",
      code: "fedex:TRACKING.TRACKINGNUMBER.INVALID",
      message: "Invalid tracking numbers. Please check the following numbers and resubmit.",
    });
    expect(notFound).toMatchObject({ kind: "not_found", trackingNumber: "794843185271" });
  });
});
