import { describe, expect, it } from "vitest";
import { asFound, items, only } from "~/testing/parse-results";
import delivered from "./__fixtures__/delivered.json";
import errorBody from "./__fixtures__/error.json";
import getTrackInfo from "./__fixtures__/gettrackinfo.json";
import pushStopped from "./__fixtures__/push-stopped.json";
import pushUpdated from "./__fixtures__/push-updated.json";
import { parseSeventeenTrackPush, parseSeventeenTrackResponse } from "./parse";
import { signSeventeenTrackPush, verifySeventeenTrackPush } from "./push.server";

describe("parseSeventeenTrackResponse", () => {
  it("parses accepted items (sub-statuses preferred) and rejected numbers", () => {
    const [transit, returned, rejected] = items(parseSeventeenTrackResponse(getTrackInfo));
    const t = asFound(transit);
    expect(t.trackingNumber).toBe("LX123456789CN");
    expect(t.events.map((e) => [e.carrierCode, e.status])).toEqual([
      ["InfoReceived", "info_received"],
      ["InTransit_PickedUp", "picked_up"],
      ["InTransit_Departure", "in_transit"],
      ["InTransit_Arrival", "in_transit"],
      ["InTransit_Departure", "in_transit"],
      ["InTransit_Arrival", "in_transit"],
    ]);
    expect(t.events[5]).toMatchObject({
      occurredAt: "2026-11-18T06:14:06.190Z",
      localTime: "2026-11-17T23:14:06-07:00",
      location: { city: "DENVER", province: "CO", postalCode: "80202", country: "US" },
    });
    expect(t.carrierEta).toEqual({
      start: "2026-11-18T16:00:00.000Z",
      end: "2026-11-19T04:00:00.000Z",
      local: false,
      source: "time_metrics.estimated_delivery_date(Official)",
    });
    expect(t.latest).toEqual({ status: "in_transit", carrierCode: "InTransit_Arrival", description: "Arrived at facility" });

    const r = asFound(returned);
    expect(r.events.map((e) => e.status).slice(-5)).toEqual(["out_for_delivery", "attempt_failed", "returning", "in_transit", "returned"]);
    expect(r.events.at(-4)).toMatchObject({ subStatus: "recipient_unavailable" });
    expect(r.latest).toMatchObject({ status: "returned", subStatus: "return_to_sender" });

    expect(rejected).toMatchObject({ kind: "error", trackingNumber: "UNREGISTERED1", code: "17track:-18019902", retryable: false });
  });

  it("parses a delivered item", () => {
    const r = asFound(only(parseSeventeenTrackResponse(delivered)));
    expect(r.events.at(-1)).toMatchObject({ status: "delivered", carrierCode: "Delivered_Other" });
    expect(r.carrierEta).toBeUndefined();
  });

  it("reports unknown sub-statuses as unknown, falling back to the stage when it is known", () => {
    const body = structuredClone(getTrackInfo);
    const events = (body.data.accepted[0] as { track_info: { tracking: { providers: { events: Record<string, unknown>[] }[] } } }).track_info.tracking.providers[0]!.events;
    Object.assign(events[0]!, { sub_status: "InTransit_Teleported", stage: null });
    Object.assign(events[1]!, { sub_status: "InTransit_Mystery", stage: "Departure" });
    const r = asFound(items(parseSeventeenTrackResponse(body))[0]);
    expect(r.events.at(-1)).toMatchObject({ status: "unknown", carrierCode: "InTransit_Teleported" });
    expect(r.events.at(-2)).toMatchObject({ status: "in_transit", carrierCode: "InTransit_Mystery" });
    expect(r.unmappedCodes).toEqual(["InTransit_Teleported"]);
  });

  it("treats a registered number without information as not_found", () => {
    const body = {
      code: 0,
      data: {
        accepted: [{ number: "ABC123", carrier: 0, track_info: { latest_status: { status: "NotFound", sub_status: "NotFound_Other" }, tracking: { providers: [] } } }],
        rejected: [],
      },
    };
    expect(only(parseSeventeenTrackResponse(body))).toEqual({ kind: "not_found", trackingNumber: "ABC123", message: "NotFound_Other", raw: body.data.accepted[0] });
  });

  it("reports an account-level error against every requested number", () => {
    expect(items(parseSeventeenTrackResponse(errorBody, { trackingNumbers: ["A", "B"] }))).toEqual([
      { kind: "error", trackingNumber: "A", code: "17track:-18010001", message: "Invalid 17token.", retryable: false },
      { kind: "error", trackingNumber: "B", code: "17track:-18010001", message: "Invalid 17token.", retryable: false },
    ]);
  });
});

describe("17TRACK push", () => {
  const key = "push-secret";
  const raw = JSON.stringify(pushUpdated);

  it("accepts the signature 17TRACK computes: sha256(body + '/' + key)", () => {
    const sign = signSeventeenTrackPush(raw, key);
    expect(sign).toMatch(/^[0-9a-f]{64}$/);
    expect(verifySeventeenTrackPush(raw, sign, key)).toBe(true);
    expect(verifySeventeenTrackPush(Buffer.from(raw), sign.toUpperCase(), key)).toBe(true);
  });

  it("rejects a tampered body, a wrong key, a missing or malformed header", () => {
    const sign = signSeventeenTrackPush(raw, key);
    expect(verifySeventeenTrackPush(`${raw} `, sign, key)).toBe(false);
    expect(verifySeventeenTrackPush(raw, sign, "other-key")).toBe(false);
    expect(verifySeventeenTrackPush(raw, null, key)).toBe(false);
    expect(verifySeventeenTrackPush(raw, "abc", key)).toBe(false);
    expect(verifySeventeenTrackPush(raw, sign, "")).toBe(false);
  });

  it("parses TRACKING_UPDATED into a canonical item and TRACKING_STOPPED into a stop", () => {
    const updated = parseSeventeenTrackPush(pushUpdated);
    expect(updated.kind).toBe("updated");
    if (updated.kind !== "updated") throw new Error("unreachable");
    expect(asFound(updated.item).events.at(-1)?.status).toBe("delivered");
    expect(parseSeventeenTrackPush(pushStopped)).toEqual({ kind: "stopped", trackingNumber: "LX123456789CN", carrier: 190271 });
    expect(parseSeventeenTrackPush({ event: "SOMETHING_NEW", data: { number: "X" } })).toEqual({ kind: "ignored", event: "SOMETHING_NEW" });
    expect(parseSeventeenTrackPush("nope")).toMatchObject({ kind: "invalid" });
  });
});

describe("17TRACK answers that mean what the carrier meant", () => {
  it("NotFound_InvalidCode is a definitive invalid answer; NotFound_Other stays not found", async () => {
    const body = (await import("./__fixtures__/invalid-and-not-found.json")).default;
    const [invalid, notFound] = items(parseSeventeenTrackResponse(body));
    expect(invalid).toMatchObject({
      kind: "invalid",
      trackingNumber: "RR000000000XX",
      code: "17track:NotFound_InvalidCode",
      message: "The tracking number is invalid and cannot be queried",
    });
    expect(notFound).toMatchObject({ kind: "not_found", trackingNumber: "LX999999999CN" });
  });
});

describe("17TRACK quota answers", () => {
  it("reads -18019907 (daily limit) and -18019908 (quota used up) as quota exhaustion, request-wide or per number", () => {
    const requestWide = parseSeventeenTrackResponse({ code: -18019907, data: { errors: [{ code: -18019907, message: "Exceeded the daily limit." }] } }, { trackingNumbers: ["A1", "B2"] });
    expect(items(requestWide)).toEqual([
      { kind: "error", trackingNumber: "A1", code: "17track:quota_exhausted", message: "Exceeded the daily limit.", retryable: false },
      { kind: "error", trackingNumber: "B2", code: "17track:quota_exhausted", message: "Exceeded the daily limit.", retryable: false },
    ]);
    const perNumber = parseSeventeenTrackResponse({
      code: 0,
      data: {
        accepted: [],
        rejected: [
          { number: "C3", error: { code: -18019908, message: "The quota has been used up." } },
          { number: "D4", error: { code: -18019902, message: "The tracking number 'D4' does not register, please register first." } },
        ],
      },
    });
    expect(items(perNumber).map((item) => (item.kind === "error" ? [item.trackingNumber, item.code] : item.kind))).toEqual([
      ["C3", "17track:quota_exhausted"],
      ["D4", "17track:-18019902"],
    ]);
  });
});
