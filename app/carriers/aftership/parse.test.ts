import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { aftershipCarrier } from "./carrier";
import { AFTERSHIP_QUOTA_CODE, parseAfterShipPush, parseAfterShipResponse } from "./parse";
import { signAfterShipPush, verifyAfterShipPush } from "./push.server";

const fixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, "__fixtures__", name), "utf8")) as unknown;
const raw = (name: string): string => readFileSync(join(__dirname, "__fixtures__", name), "utf8");

describe("AfterShip parser", () => {
  it("reads a delivered tracking: events in UTC, sub-statuses mapped, signature and ETA kept", () => {
    const result = parseAfterShipResponse(fixture("delivered.json"), ["1Z9Y87E20314466880"]);
    if (!result.ok) throw new Error(result.error.message);
    const item = result.items[0];
    if (item?.kind !== "found") throw new Error("expected found");
    expect(item.events.map((e) => [e.occurredAt, e.status, e.carrierCode])).toEqual([
      ["2026-11-19T00:41:00.000Z", "info_received", "InfoReceived_001"],
      ["2026-11-19T23:30:00.000Z", "in_transit", "InTransit_007"],
      ["2026-11-21T13:14:00.000Z", "out_for_delivery", "OutForDelivery_001"],
      ["2026-11-21T19:02:00.000Z", "delivered", "Delivered_001"],
    ]);
    expect(item.events[3]?.location).toEqual({ city: "Columbus", province: "OH", postalCode: "43215" });
    expect(item.latest).toEqual({ status: "delivered", carrierCode: "Delivered_001", description: "Delivered" });
    expect(item.delivery).toEqual({ signedBy: "FRONT DOOR", deliveredAt: "2026-11-21T19:02:00.000Z" });
    expect(item.carrierEta).toEqual({ start: "2026-11-21T00:00:00", end: "2026-11-21T00:00:00", local: true, source: "courier_estimated_delivery_date" });
    expect(item.handover).toBeUndefined();
  });

  it("parses exception and failed-attempt reasons", () => {
    const result = parseAfterShipResponse(fixture("exception.json"));
    if (!result.ok || result.items[0]?.kind !== "found") throw new Error("expected found");
    expect(result.items[0].events.map((e) => [e.status, e.subStatus])).toEqual([
      ["picked_up", undefined],
      ["delayed", "customs_hold"],
      ["attempt_failed", "recipient_unavailable"],
    ]);
  });

  it("tells not found, invalid, quota and auth apart", () => {
    expect(parseAfterShipResponse(fixture("not-found.json"), ["A1"])).toEqual({ ok: true, items: [{ kind: "not_found", trackingNumber: "A1", message: "Tracking does not exist." }] });
    expect(parseAfterShipResponse(fixture("invalid-number.json"), ["A1"])).toEqual({
      ok: true,
      items: [{ kind: "invalid", trackingNumber: "A1", code: "aftership:4005", message: "The value of `tracking_number` is invalid." }],
    });
    expect(parseAfterShipResponse({ meta: { code: 4017, message: "The format of tracking_number is invalid.", type: "BadRequest" }, data: {} }, ["A1"])).toEqual({
      ok: true,
      items: [{ kind: "invalid", trackingNumber: "A1", code: "aftership:4017", message: "The format of tracking_number is invalid." }],
    });
    expect(parseAfterShipResponse(fixture("quota.json"), ["A1", "A2"])).toEqual({
      ok: true,
      items: ["A1", "A2"].map((trackingNumber) => ({ kind: "error", trackingNumber, code: AFTERSHIP_QUOTA_CODE, message: "Your plan's shipment quota has been used up.", retryable: false })),
    });
    expect(parseAfterShipResponse(fixture("error.json"), ["A1"])).toEqual({
      ok: true,
      items: [{ kind: "error", trackingNumber: "A1", code: "aftership:401", message: "Invalid API key.", retryable: false }],
    });
    expect(parseAfterShipResponse({ nope: 1 }).ok).toBe(false);
  });

  it("shows both legs of a cross-border parcel handed to a last-mile carrier", () => {
    const push = parseAfterShipPush(fixture("push-handover.json"));
    if (push.kind !== "updated" || push.item.kind !== "found") throw new Error("expected an update");
    const item = push.item;
    expect(item.handover).toEqual({
      carrierName: "Royal Mail",
      carrierSlug: "royal-mail",
      trackingNumber: "RM123456785GB",
      trackingUrl: "https://www.royalmail.com/track-your-item#/tracking-results/RM123456785GB",
    });
    expect(item.events.map((e) => [e.occurredAt, e.carrierCode, e.description])).toEqual([
      ["2026-11-17T00:20:00.000Z", "InfoReceived_001", "Shipment information received"],
      ["2026-11-18T14:10:00.000Z", "InTransit_007", "Departed from origin airport"],
      ["2026-11-24T06:45:00.000Z", "InTransit_005", "Customs clearance completed"],
      ["2026-11-24T06:45:00.000Z", "handover", "Handed over to Royal Mail, new tracking number RM123456785GB"],
      ["2026-11-25T07:12:00.000Z", "InTransit_003", "Item received at Heathrow Worldwide Distribution Centre"],
    ]);
    expect(item.events.find((e) => e.carrierCode === "handover")?.status).toBe("in_transit");
    expect(item.carrierEta).toEqual({ start: "2026-11-27T00:00:00", end: "2026-11-28T00:00:00", local: true, source: "courier_estimated_delivery_date" });
  });

  it("places the hand-over at the first leg's last scan before the last-mile carrier has scanned", () => {
    const body = fixture("push-handover.json") as { msg: { checkpoints: unknown[] } };
    body.msg.checkpoints = body.msg.checkpoints.slice(0, 3);
    const push = parseAfterShipPush(body);
    if (push.kind !== "updated" || push.item.kind !== "found") throw new Error("expected an update");
    expect(push.item.events.filter((e) => e.carrierCode === "handover").map((e) => e.occurredAt)).toEqual(["2026-11-24T06:45:00.000Z"]);
  });

  it("ignores webhook events that carry no tracking change", () => {
    expect(parseAfterShipPush(fixture("push-other-event.json"))).toEqual({ kind: "ignored", event: "tracking_pending_time" });
    expect(aftershipCarrier.push?.parse(fixture("push-other-event.json"))).toEqual({ items: [] });
    expect(parseAfterShipPush({ event: 3 }).kind).toBe("invalid");
  });
});

describe("AfterShip webhook signature", () => {
  const body = raw("push-handover.json");
  it("accepts the base64 HMAC-SHA256 of the exact body and refuses anything else", () => {
    const sign = signAfterShipPush(body, "whsec-1");
    expect(sign).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(verifyAfterShipPush(body, sign, "whsec-1")).toBe(true);
    expect(verifyAfterShipPush(`${body} `, sign, "whsec-1")).toBe(false);
    expect(verifyAfterShipPush(body, sign, "whsec-2")).toBe(false);
    expect(verifyAfterShipPush(body, null, "whsec-1")).toBe(false);
    expect(verifyAfterShipPush(body, sign, "")).toBe(false);
    expect(aftershipCarrier.push?.verify(body, new Headers({ "aftership-hmac-sha256": sign }), "whsec-1")).toBe(true);
  });

  it("matches a hand-computed signature", () => {
    // HMAC-SHA256(key "key", "The quick brown fox jumps over the lazy dog") = f7bc83f4…d8, base64 below.
    expect(signAfterShipPush("The quick brown fox jumps over the lazy dog", "key")).toBe("97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=");
  });
});
