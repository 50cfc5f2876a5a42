import { describe, expect, it } from "vitest";
import { asFound, only } from "~/testing/parse-results";
import delivered from "./__fixtures__/delivered.json";
import errorAuth from "./__fixtures__/error-auth.json";
import inTransit from "./__fixtures__/in-transit.json";
import notFound from "./__fixtures__/not-found.json";
import { parseUspsResponse } from "./parse";

describe("parseUspsResponse", () => {
  it("parses events with GMT times, local wall clock with offset, and the predicted window", () => {
    const r = asFound(only(parseUspsResponse(inTransit)));
    expect(r.trackingNumber).toBe("9400111899223197428490");
    expect(r.events.map((e) => [e.carrierCode, e.status])).toEqual([
      ["GX", "info_received"],
      ["03", "picked_up"],
      ["EF", "in_transit"],
      ["10", "in_transit"],
      ["EF", "in_transit"],
      ["10", "in_transit"],
    ]);
    expect(r.events[3]).toMatchObject({
      occurredAt: "2026-11-17T03:49:00.356Z",
      localTime: "2026-11-16T22:49:00-05:00",
      description: "Arrived at USPS Regional Facility",
      location: { city: "LOUISVILLE", province: "KY", postalCode: "40209" },
    });
    expect(r.carrierEta).toEqual({ start: "2026-11-18T09:00:00", end: "2026-11-18T21:00:00", local: true, source: "predictedDeliveryDate+window" });
    expect(r.unmappedCodes).toEqual([]);
  });

  it("converts local time + GMTOffset when GMTTimestamp is missing", () => {
    const body = structuredClone(inTransit) as { trackingEvents: Record<string, unknown>[] };
    delete body.trackingEvents[5]!.GMTTimestamp;
    const r = asFound(only(parseUspsResponse(body)));
    expect(r.events[0]).toMatchObject({ occurredAt: "2026-11-16T14:00:00.000Z", localTime: "2026-11-16T07:00:00-07:00" });
  });

  it("parses a delivery with the recipient name", () => {
    const r = asFound(only(parseUspsResponse(delivered)));
    expect(r.events.at(-1)).toMatchObject({ status: "delivered", carrierCode: "01", occurredAt: "2026-11-18T16:56:19.692Z" });
    expect(r.delivery).toEqual({ signedBy: "J SMITH", deliveryLocation: "Front Door/Porch", deliveredAt: "2026-11-18T16:56:19.692Z" });
    expect(r.carrierEta).toBeUndefined();
  });

  it("maps notice-left and return-to-sender codes with their reasons, unknown codes to unknown", () => {
    const body = structuredClone(inTransit) as { trackingEvents: Record<string, unknown>[] };
    body.trackingEvents[0]!.eventCode = "02";
    body.trackingEvents[1]!.eventCode = "23";
    body.trackingEvents[2]!.eventCode = "Z9";
    const r = asFound(only(parseUspsResponse(body)));
    expect(r.events.slice(-3).map((e) => [e.status, e.subStatus])).toEqual([
      ["unknown", undefined],
      ["returning", "address_problem"],
      ["attempt_failed", "recipient_unavailable"],
    ]);
    expect(r.unmappedCodes).toEqual(["Z9"]);
  });

  it("accepts expectedDeliveryTimeStamp with an offset as a UTC ETA", () => {
    const body = { ...structuredClone(inTransit), expectedDeliveryTimeStamp: "2026-11-18T20:00:00-05:00" };
    expect(asFound(only(parseUspsResponse(body))).carrierEta).toEqual({
      start: "2026-11-19T01:00:00.000Z",
      end: "2026-11-19T01:00:00.000Z",
      local: false,
      source: "expectedDeliveryTimeStamp",
    });
  });

  it("turns 404 bodies into not_found and other errors into permanent errors", () => {
    expect(only(parseUspsResponse(notFound, { trackingNumber: "9400111899223197428491" }))).toMatchObject({
      kind: "not_found",
      trackingNumber: "9400111899223197428491",
    });
    expect(only(parseUspsResponse(errorAuth, { trackingNumber: "9400" }))).toMatchObject({ kind: "error", code: "usps:PERMISSION_DENIED" });
  });

  it("returns a typed error for other shapes", () => {
    expect(parseUspsResponse([1, 2])).toMatchObject({ ok: false });
  });
});
