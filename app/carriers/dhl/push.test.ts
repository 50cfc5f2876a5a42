import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FoundTracking, ParsedTracking } from "~/carriers/adapter";
import delivered from "./__fixtures__/push-delivered.json";
import exception from "./__fixtures__/push-exception.json";
import inTransit from "./__fixtures__/push-in-transit.json";
import outForDelivery from "./__fixtures__/push-out-for-delivery.json";
import { parseDhlPush, readDhlActivation, verifyDhlPushToken } from "./push.server";

function updated(json: unknown): ParsedTracking[] {
  const push = parseDhlPush(json);
  if (push.kind !== "updated") throw new Error(`expected updated, got invalid: ${push.message}`);
  return push.items;
}

function one(json: unknown): FoundTracking & { raw?: unknown } {
  const all = updated(json);
  expect(all).toHaveLength(1);
  const item = all[0]!;
  if (item.kind !== "found") throw new Error(`expected found, got ${item.kind}`);
  return item;
}

describe("parseDhlPush", () => {
  it("in transit: one item per shipment, UTC times, ETA window, raw = that shipment", () => {
    const all = updated(inTransit);
    expect(all.map((i) => i.trackingNumber)).toEqual(["00340434292135100187", "00340434292135100194"]);
    const first = all[0]!;
    if (first.kind !== "found") throw new Error("expected found");
    expect(first.events.map((e) => [e.occurredAt, e.status, e.carrierCode])).toEqual([
      ["2026-11-16T14:00:00.000Z", "info_received", "pre-transit"],
      ["2026-11-17T10:20:12.000Z", "in_transit", "transit"],
    ]);
    expect(first.events[1]).toMatchObject({ localTime: "2026-11-17T11:20:12+01:00", location: { city: "Leipzig", postalCode: "04103", country: "DE" } });
    expect(first.carrierEta).toEqual({ start: "2026-11-18T08:00:00.000Z", end: "2026-11-18T20:00:00.000Z", local: false, source: "estimatedDeliveryTimeFrame" });
    expect(first.latest).toMatchObject({ status: "in_transit", carrierCode: "transit" });
    expect(first.raw).toEqual(inTransit.shipments[0]);
    expect(all[1]!.raw).toEqual(inTransit.shipments[1]);
  });

  it("out for delivery: a push with only `status` yields that status as the event (DHL has no OFD code: transit)", () => {
    const r = one(outForDelivery);
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({
      occurredAt: "2026-11-18T08:21:26.000Z",
      localTime: "2026-11-18T09:21:26+01:00",
      status: "in_transit",
      carrierCode: "transit",
      description: "The shipment has been loaded onto the delivery vehicle",
    });
    expect(r.carrierEta).toEqual({ start: "2026-11-18T13:30:00.000Z", end: "2026-11-18T13:30:00.000Z", local: false, source: "estimatedTimeOfDelivery" });
  });

  it("delivered with signature: proof of delivery details", () => {
    const r = one(delivered);
    expect(r.events.at(-1)).toMatchObject({ status: "delivered", occurredAt: "2026-11-18T14:07:14.000Z", carrierCode: "delivered" });
    expect(r.delivery).toEqual({
      signedBy: "M MUELLER",
      proofOfDeliveryUrl: "https://www.dhl.de/int-verfolgen/pod/00340434292135100187",
      signatureUrl: "https://www.dhl.de/int-verfolgen/pod/00340434292135100187/signature",
      signatureAvailable: true,
      deliveredAt: "2026-11-18T14:07:14.000Z",
    });
    expect(r.unmappedCodes).toEqual([]);
  });

  it("exception: failure → exception", () => {
    const r = one(exception);
    expect(r.events.map((e) => e.status)).toEqual(["in_transit", "exception"]);
    expect(r.events.at(-1)).toMatchObject({
      occurredAt: "2026-11-18T12:48:02.000Z",
      carrierCode: "failure",
      description: "The shipment could not be delivered because the recipient was not found at the delivery address.",
    });
    expect(r.latest).toMatchObject({ status: "exception", subStatus: "recipient_unavailable", carrierCode: "failure" });
    // DHL's only exception code is "failure"; the reason is in its wording ("recipient was not found").
    expect(r.events.at(-1)).toMatchObject({ status: "exception", subStatus: "recipient_unavailable" });
  });

  it("reports codes the status table doesn't know as unknown", () => {
    const body = structuredClone(exception);
    body.shipments[0]!.events[0]!.statusCode = "customs-hold";
    body.shipments[0]!.status.statusCode = "customs-hold";
    const r = one(body);
    expect(r.events.at(-1)).toMatchObject({ status: "unknown", carrierCode: "customs-hold" });
    expect(r.latest).toMatchObject({ status: "unknown" });
    expect(r.unmappedCodes).toEqual(["customs-hold"]);
  });

  it("an empty shipments[] is an update of nothing", () => {
    expect(parseDhlPush({ scope: "subscription.push", shipments: [] })).toEqual({ kind: "updated", items: [] });
  });

  it("bodies without shipments[] (lifecycle messages, problem+json, junk) are invalid, never thrown", () => {
    const lifecycle = parseDhlPush({ scope: "subscription.validate", self: "https://api-eu.dhl.com/tracking/push/v1/subscription/x" });
    expect(lifecycle.kind).toBe("invalid");
    expect(lifecycle.kind === "invalid" && lifecycle.message).toContain('scope "subscription.validate"');
    expect(parseDhlPush({ title: "Unauthorized", status: 401 }).kind).toBe("invalid");
    expect(parseDhlPush(null).kind).toBe("invalid");
    expect(parseDhlPush({ shipments: [{ service: "express" }] })).toEqual({ kind: "invalid", message: "shipments: no shipment with an id" });
  });

  it("never throws on arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        expect(["updated", "invalid"]).toContain(parseDhlPush(json).kind);
      }),
      { numRuns: 500 },
    );
  });

  it("never throws on real payloads with arbitrary shipment field values", () => {
    const shipment = delivered.shipments[0]!;
    const keys = Object.keys(shipment);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), fc.jsonValue()), (patch) => {
        const push = parseDhlPush({ ...delivered, shipments: [{ ...shipment, ...patch }] });
        expect(["updated", "invalid"]).toContain(push.kind);
        if (push.kind === "updated") {
          for (const item of push.items) {
            if (item.kind === "found") for (const e of item.events) expect(e.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("verifyDhlPushToken (documented ApiKeyAuthentication header)", () => {
  it("accepts the configured token and rejects wrong or missing ones", () => {
    expect(verifyDhlPushToken("tok-123", "tok-123")).toBe(true);
    expect(verifyDhlPushToken("tok-124", "tok-123")).toBe(false);
    expect(verifyDhlPushToken("tok-1234", "tok-123")).toBe(false);
    expect(verifyDhlPushToken(null, "tok-123")).toBe(false);
    expect(verifyDhlPushToken("", "tok-123")).toBe(false);
    expect(verifyDhlPushToken("tok-123", "")).toBe(false);
  });
});

describe("readDhlActivation (the subscription hand-shake)", () => {
  const self = "https://api-eu.dhl.com/tracking/push/v1/subscription/3f6c1a52-7d1e-4c1b-9a55-0d2b8e61f0aa";
  const secret = "i5b65gX4CC3j6E8OO6NuQJoQuQelx6c9";

  it("reads the subscription id from `self` and the secret from the body", () => {
    expect(readDhlActivation({ scope: "subscription.validate", secret, self, note: "Subscription validation" }, new Headers())).toEqual({
      subscriptionId: "3f6c1a52-7d1e-4c1b-9a55-0d2b8e61f0aa",
      secret,
    });
  });

  it("prefers an explicit id, and takes the secret from the DHL-API-Hook-Secret header when the body has none", () => {
    expect(readDhlActivation({ scope: "subscription.validate", subscriptionId: "sub-7", self }, new Headers({ "DHL-API-Hook-Secret": secret }))).toEqual({ subscriptionId: "sub-7", secret });
  });

  it("says what is missing from a validation message that cannot activate anything", () => {
    expect(readDhlActivation({ scope: "subscription.validate", self }, new Headers())).toEqual({ error: "DHL validation message without a secret" });
    expect(readDhlActivation({ scope: "subscription.validate", secret }, new Headers())).toEqual({ error: "DHL validation message without a subscription id" });
  });

  it("is null for tracking pushes, other lifecycle messages and junk", () => {
    expect(readDhlActivation(inTransit, new Headers({ "DHL-API-Hook-Secret": secret }))).toBeNull();
    expect(readDhlActivation({ scope: "subscription.failure", secret, self }, new Headers())).toBeNull();
    for (const junk of [null, "subscription.validate", [], 42, { scope: 1 }]) expect(readDhlActivation(junk, new Headers())).toBeNull();
  });
});
