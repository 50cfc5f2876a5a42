import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FoundTracking } from "~/carriers/adapter";
import delivered from "./__fixtures__/track-alert-delivered.json";
import exception from "./__fixtures__/track-alert-exception.json";
import inTransit from "./__fixtures__/track-alert-in-transit.json";
import outForDelivery from "./__fixtures__/track-alert-out-for-delivery.json";
import { parseUpsTrackAlert, verifyUpsTrackAlertCredential } from "./track-alert.server";

function found(json: unknown): FoundTracking & { raw?: unknown } {
  const push = parseUpsTrackAlert(json);
  if (push.kind !== "updated") throw new Error(`expected updated, got invalid: ${push.message}`);
  if (push.item.kind !== "found") throw new Error(`expected found, got ${push.item.kind}`);
  return push.item;
}

describe("parseUpsTrackAlert", () => {
  it("in transit: GMT fields give the UTC instant, local fields the wall clock; scheduled date is a whole-day local ETA", () => {
    const r = found(inTransit);
    expect(r.trackingNumber).toBe("1Z999AA10123456784");
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({
      occurredAt: "2024-04-23T02:54:00.000Z",
      localTime: "2024-04-22T22:54:00-04:00",
      status: "in_transit",
      carrierCode: "I",
      description: "On the Way",
      location: { city: "Hickory", province: "NC", country: "US" },
      raw: inTransit,
    });
    expect(r.carrierEta).toEqual({ start: "2024-04-23T00:00:00", end: "2024-04-23T23:59:59", local: true, source: "scheduledDeliveryDate" });
    expect(r.delivery).toBeUndefined();
    expect(r.latest).toBeUndefined();
    expect(r.unmappedCodes).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.raw).toEqual(inTransit);
  });

  it("out for delivery: activity code OT overrides type I; the delivery window becomes the ETA", () => {
    const r = found(outForDelivery);
    expect(r.events[0]).toMatchObject({
      occurredAt: "2024-04-23T13:15:19.000Z",
      localTime: "2024-04-23T09:15:19-04:00",
      status: "out_for_delivery",
      carrierCode: "I",
      description: "Out for Delivery",
    });
    expect(r.carrierEta).toEqual({
      start: "2024-04-23T13:00:00",
      end: "2024-04-23T17:00:00",
      local: true,
      source: "scheduledDeliveryDate+deliveryStartTime/deliveryEndTime",
    });
  });

  it("delivered with signature: receivedBy, photo and the actual delivery time in UTC; no ETA any more", () => {
    const r = found(delivered);
    expect(r.events[0]).toMatchObject({
      occurredAt: "2024-04-23T19:50:04.000Z",
      localTime: "2024-04-23T15:50:04-04:00",
      status: "delivered",
      carrierCode: "D",
      description: "Delivered",
      location: { city: "CHARLOTTE", province: "NC", postalCode: "28209", country: "US" },
    });
    expect(r.delivery).toEqual({ signedBy: "JOHNSON", signatureAvailable: true, deliveredAt: "2024-04-23T19:50:04.000Z" });
    expect(r.carrierEta).toBeUndefined();
    // The base64 photo is not copied into stored raw payloads.
    expect((r.raw as Record<string, unknown>).deliveryPhoto).toBe("[base64 image omitted, 96 chars]");
    expect((r.events[0]!.raw as Record<string, unknown>).receivedBy).toBe("JOHNSON");
  });

  it("exception: type X in another time zone (Arizona, UTC-7)", () => {
    const r = found(exception);
    expect(r.events[0]).toMatchObject({
      occurredAt: "2024-04-23T14:12:00.000Z",
      localTime: "2024-04-23T07:12:00-07:00",
      status: "exception",
      // "a weather condition has delayed delivery": the cause, not the rescheduling it led to.
      subStatus: "weather",
      carrierCode: "X",
    });
    expect(r.carrierEta).toMatchObject({ start: "2024-04-24T00:00:00", end: "2024-04-24T23:59:59" });
  });

  it("reports status types the table doesn't know as unknown (e.g. documented type U, updated delivery date)", () => {
    const body = { ...inTransit, activityStatus: { type: "U", code: "SD", description: "Updated Delivery Date" }, scheduledDeliveryDate: "20240425" };
    const r = found(body);
    expect(r.events[0]).toMatchObject({ status: "unknown", carrierCode: "U", occurredAt: "2024-04-23T02:54:00.000Z" });
    expect(r.unmappedCodes).toEqual(["U"]);
    expect(r.carrierEta).toMatchObject({ start: "2024-04-25T00:00:00" });
  });

  it("without GMT fields falls back to the local time as UTC, with a warning", () => {
    const r = found({ ...inTransit, gmtActivityDate: "", gmtActivityTime: "" });
    expect(r.events[0]).toMatchObject({ occurredAt: "2024-04-22T22:54:00.000Z", status: "in_transit" });
    expect(r.events[0]!.localTime).toBeUndefined();
    expect(r.warnings).toEqual(["activity 20240422 225400 has no UTC offset; assumed UTC"]);
  });

  it("uses the enhanced gmtOffset when only local time is sent", () => {
    const r = found({ ...delivered, gmtActivityDate: "", gmtActivityTime: "" });
    expect(r.events[0]).toMatchObject({ occurredAt: "2024-04-23T19:50:04.000Z", localTime: "2024-04-23T15:50:04-04:00" });
    expect(r.delivery?.deliveredAt).toBe("2024-04-23T19:50:04.000Z");
    expect(r.warnings).toEqual([]);
  });

  it("does not invent a delivery time when no offset is known", () => {
    const { gmtOffset: _gmtOffset, ...rest } = delivered;
    const r = found({ ...rest, gmtActivityDate: "", gmtActivityTime: "" });
    expect(r.delivery).toEqual({ signedBy: "JOHNSON", signatureAvailable: true });
    expect(r.warnings).toContain("actual delivery 20240423 155004 has no UTC offset; delivery time not recorded");
  });

  it("trims the tracking number (UPS's own example has a leading space) and skips unreadable times with a warning", () => {
    const r = found({ ...inTransit, trackingNumber: " 1Z999AA10123456784", localActivityDate: "2024-13-45", gmtActivityDate: "" });
    expect(r.trackingNumber).toBe("1Z999AA10123456784");
    expect(r.events).toEqual([]);
    expect(r.warnings).toEqual(["skipped activity with unreadable date/time 2024-13-45 225400"]);
  });

  it("is invalid without a tracking number or for non-object bodies", () => {
    expect(parseUpsTrackAlert({ ...inTransit, trackingNumber: "" })).toEqual({ kind: "invalid", message: "trackingNumber: missing" });
    expect(parseUpsTrackAlert([]).kind).toBe("invalid");
    expect(parseUpsTrackAlert(null).kind).toBe("invalid");
    expect(parseUpsTrackAlert({ trackingNumber: "1Z", activityStatus: "D" }).kind).toBe("invalid");
  });

  it("never throws on arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const push = parseUpsTrackAlert(json);
        expect(["updated", "invalid"]).toContain(push.kind);
      }),
      { numRuns: 500 },
    );
  });

  it("never throws on real payloads with arbitrary field values", () => {
    const keys = Object.keys(delivered);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), fc.jsonValue()), (patch) => {
        const push = parseUpsTrackAlert({ ...delivered, ...patch });
        expect(["updated", "invalid"]).toContain(push.kind);
        if (push.kind === "updated" && push.item.kind === "found") {
          for (const e of push.item.events) expect(e.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("verifyUpsTrackAlertCredential", () => {
  const credential = "7f3c9a1e-5b2d-4c8f-9e0a-1d2b3c4d5e6f";

  it("accepts the subscription's credential", () => {
    expect(verifyUpsTrackAlertCredential(credential, credential)).toBe(true);
  });

  it("rejects a wrong, truncated, padded or differently-cased credential", () => {
    expect(verifyUpsTrackAlertCredential("wrong", credential)).toBe(false);
    expect(verifyUpsTrackAlertCredential(credential.slice(0, -1), credential)).toBe(false);
    expect(verifyUpsTrackAlertCredential(`${credential}0`, credential)).toBe(false);
    expect(verifyUpsTrackAlertCredential(credential.toUpperCase(), credential)).toBe(false);
  });

  it("rejects a missing header or a missing configured credential", () => {
    expect(verifyUpsTrackAlertCredential(null, credential)).toBe(false);
    expect(verifyUpsTrackAlertCredential(undefined, credential)).toBe(false);
    expect(verifyUpsTrackAlertCredential("", credential)).toBe(false);
    expect(verifyUpsTrackAlertCredential(credential, "")).toBe(false);
    expect(verifyUpsTrackAlertCredential("", "")).toBe(false);
    expect(verifyUpsTrackAlertCredential(credential, null)).toBe(false);
  });
});
