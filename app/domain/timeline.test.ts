import { describe, expect, it } from "vitest";
import { crossBorderChina, dhlFailedAttempt, domesticUps, returnToSender } from "./event-sequences.fixture";
import { deriveShipmentState } from "./shipment-state";
import type { CanonicalEvent } from "./status";
import { buildTimeline, type TimelineShipment } from "./timeline";

function shipmentFrom(events: CanonicalEvent[], now: string, extra: Partial<TimelineShipment> = {}): TimelineShipment {
  const state = deriveShipmentState(events, new Date(now), { shipmentId: "s", trackingStartedAt: "2026-10-28T00:00:00Z" });
  return { state, orderedAt: "2026-10-27T12:00:00Z", ...extra };
}

const summary = (milestones: { key: string; state: string }[]) => milestones.map((milestone) => `${milestone.key}:${milestone.state}`);

describe("buildTimeline", () => {
  it("shows the happy path with localized labels and human times in the shopper's zone", () => {
    const timeline = buildTimeline(shipmentFrom(domesticUps, "2026-11-20T00:00:00Z"), domesticUps, "en-US", {
      timeZone: "America/New_York",
    });
    expect(summary(timeline.milestones)).toEqual([
      "ordered:done",
      "confirmed:done",
      "shipped:done",
      "in_transit:done",
      "out_for_delivery:done",
      "delivered:current",
    ]);
    const delivered = timeline.milestones.at(-1);
    expect(delivered).toMatchObject({ labelKey: "milestone.delivered", label: "Delivered", at: "2026-11-19T18:48:00.000Z" });
    expect(delivered?.time).toMatch(/Nov 19, 2026.*1:48/);
    expect(timeline.statusLabel).toBe("Delivered");
    expect(timeline.latestLocation?.label).toBe("Last seen in Brooklyn, NY, United States");
    expect(timeline.explanation).toBeNull();
  });

  it("adds a customs step for cross-border parcels and explains a hold in plain words", () => {
    const held = crossBorderChina.slice(0, 5);
    const timeline = buildTimeline(shipmentFrom(held, "2026-11-04T12:00:00Z", { international: true }), held, "en", {
      timeZone: "America/Los_Angeles",
    });
    expect(summary(timeline.milestones)).toEqual([
      "ordered:done",
      "confirmed:done",
      "shipped:done",
      "in_transit:done",
      "customs:done",
      "exception:current",
      "out_for_delivery:upcoming",
      "delivered:upcoming",
    ]);
    expect(timeline.milestones.find((milestone) => milestone.key === "customs")?.detail).toBe("Held at customs");
    expect(timeline.explanation).toEqual({
      key: "explanation.customs_hold",
      text: "Your package is with customs. This is routine for international parcels and usually takes a few days.",
    });

    const delivered = buildTimeline(shipmentFrom(crossBorderChina, "2026-11-09T00:00:00Z", { international: true }), crossBorderChina, "zh-CN", {
      timeZone: "Asia/Shanghai",
    });
    const customs = delivered.milestones.find((milestone) => milestone.key === "customs");
    expect(customs).toMatchObject({ state: "done", label: "海关", detail: "已清关", at: "2026-11-06T17:10:00.000Z" });
    expect(delivered.statusLabel).toBe("已签收");
    expect(delivered.latestLocation?.label).toBe("最新位置：Pasadena, CA, 美国");
  });

  it("shows a failed attempt as the current step, in the shopper's language", () => {
    const attempt = dhlFailedAttempt.slice(0, 5);
    const timeline = buildTimeline(shipmentFrom(attempt, "2026-11-10T12:00:00Z"), attempt, "fr-FR", { timeZone: "Europe/Paris" });
    expect(summary(timeline.milestones)).toEqual([
      "ordered:done",
      "confirmed:done",
      "shipped:done",
      "in_transit:done",
      "out_for_delivery:done",
      "attempt_failed:current",
      "delivered:upcoming",
    ]);
    expect(timeline.milestones.find((milestone) => milestone.key === "attempt_failed")).toMatchObject({
      label: "Tentative de livraison",
      at: "2026-11-10T11:20:00.000Z",
      time: expect.stringMatching(/10 nov\. 2026.*12:20/),
    });
    expect(timeline.explanation?.key).toBe("explanation.recipient_unavailable");
    expect(timeline.explanation?.text).toContain("Personne n'était disponible");
  });

  it("follows the failure path on a return to sender", () => {
    const returning = returnToSender.slice(0, 6);
    const timeline = buildTimeline(shipmentFrom(returning, "2026-11-05T12:00:00Z"), returning, "pt", { timeZone: "America/Toronto" });
    expect(timeline.locale).toBe("pt-BR");
    expect(summary(timeline.milestones)).toEqual([
      "ordered:done",
      "confirmed:done",
      "shipped:done",
      "in_transit:done",
      "returning:current",
      "returned:upcoming",
    ]);
    expect(timeline.explanation?.text).toBe("O pacote foi recusado na entrega e será devolvido para nós.");
  });

  it("shows the expected delivery date while the parcel is on its way", () => {
    const moving = domesticUps.slice(0, 3);
    const timeline = buildTimeline(
      shipmentFrom(moving, "2026-11-18T12:00:00Z", { estimatedDeliveryAt: "2026-11-19T22:00:00Z" }),
      moving,
      "de",
      { timeZone: "Europe/Berlin" },
    );
    expect(timeline.estimatedDelivery?.label).toBe("Voraussichtlich am Donnerstag, 19. November 2026");
    expect(timeline.milestones.at(-1)).toMatchObject({ key: "delivered", state: "upcoming", label: "Zugestellt" });
  });

  it("falls back to English for an unknown locale", () => {
    const timeline = buildTimeline(shipmentFrom([], "2026-10-28T01:00:00Z"), [], "xx-YY", { timeZone: "UTC" });
    expect(timeline.locale).toBe("en");
    expect(summary(timeline.milestones)).toEqual([
      "ordered:current",
      "confirmed:upcoming",
      "shipped:upcoming",
      "in_transit:upcoming",
      "out_for_delivery:upcoming",
      "delivered:upcoming",
    ]);
    expect(timeline.statusLabel).toBe("Waiting for the carrier");
  });
});
