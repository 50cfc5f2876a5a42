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

describe("buildTimeline estimates tell the truth", () => {
  const moving = domesticUps.slice(0, 3);
  const now = Date.parse("2026-12-08T15:00:00Z"); // Tuesday 8 December

  it("never shows a past date as an expectation: past the window, a late parcel reads the new window", () => {
    const timeline = buildTimeline(
      shipmentFrom(moving, "2026-12-08T15:00:00Z", { late: true, estimateWindow: { start: "2026-12-10T05:00:00Z", end: "2026-12-14T22:00:00Z" } }),
      moving,
      "en",
      { timeZone: "America/New_York", nowMs: now },
    );
    expect(timeline.estimatedDelivery).toEqual({
      at: "2026-12-10T05:00:00.000Z",
      start: "2026-12-10T05:00:00.000Z",
      end: "2026-12-14T22:00:00.000Z",
      late: true,
      label: "Running late — new estimate Thu, Dec 10\u2009–\u2009Mon, Dec 14",
    });
  });

  it("with only a past date, says there is no new date yet, in every locale", () => {
    const expected: Record<string, string> = {
      en: "We don't have a new date from the carrier yet",
      de: "Wir haben noch kein neues Datum vom Versanddienstleister",
      es: "Aún no tenemos una nueva fecha del transportista",
      fr: "Nous n’avons pas encore de nouvelle date du transporteur",
      it: "Non abbiamo ancora una nuova data dal corriere",
      ja: "配送業者からの新しいお届け日はまだ届いていません",
      ko: "아직 택배사에서 새 도착일을 받지 못했습니다",
      "pt-BR": "Ainda não temos uma nova data da transportadora",
      "zh-CN": "承运商尚未提供新的送达日期",
      "zh-TW": "物流業者尚未提供新的送達日期",
    };
    for (const [locale, label] of Object.entries(expected)) {
      const timeline = buildTimeline(shipmentFrom(moving, "2026-12-08T15:00:00Z", { estimatedDeliveryAt: "2026-11-23T17:00:00Z" }), moving, locale, {
        timeZone: "UTC",
        nowMs: now,
      });
      expect(timeline.estimatedDelivery).toEqual({ at: null, start: null, end: null, late: true, label });
    }
  });

  it("late with a new window in every locale names it as running late", () => {
    for (const locale of ["en", "de", "es", "fr", "it", "ja", "ko", "pt-BR", "zh-CN", "zh-TW"]) {
      const timeline = buildTimeline(
        shipmentFrom(moving, "2026-12-08T15:00:00Z", { late: true, estimateWindow: { start: "2026-12-10T12:00:00Z", end: "2026-12-14T12:00:00Z" } }),
        moving,
        locale,
        { timeZone: "UTC", nowMs: now },
      );
      expect(timeline.estimatedDelivery?.late).toBe(true);
      expect(timeline.estimatedDelivery?.label).not.toContain("{date}");
      expect(timeline.estimatedDelivery?.label).toMatch(/10/);
      expect(timeline.estimatedDelivery?.label).toMatch(/14/);
    }
  });

  it("a window that began before today is shown from today", () => {
    const timeline = buildTimeline(
      shipmentFrom(moving, "2026-12-08T15:00:00Z", { estimateWindow: { start: "2026-12-07T12:00:00Z", end: "2026-12-09T12:00:00Z" } }),
      moving,
      "en",
      { timeZone: "UTC", nowMs: now },
    );
    expect(timeline.estimatedDelivery?.label).toBe("Expected Tue, Dec 8\u2009–\u2009Wed, Dec 9");
  });

  it("shows customs only for cross-border parcels, cleared only on evidence", () => {
    const held: CanonicalEvent[] = [
      { occurredAt: "2026-11-02T10:00:00Z", status: "in_transit", carrierCode: "A", description: "Departed", location: { country: "CN" } },
      { occurredAt: "2026-11-05T10:00:00Z", status: "in_transit", subStatus: "customs_hold", carrierCode: "C", description: "Customs", location: { country: "US" } },
    ];
    const domestic = buildTimeline(shipmentFrom(held.slice(0, 1), "2026-11-06T00:00:00Z", { international: false }), held.slice(0, 1), "en", { timeZone: "UTC" });
    expect(domestic.milestones.map((milestone) => milestone.key)).not.toContain("customs");
    const stillHeld = buildTimeline(shipmentFrom(held, "2026-11-06T00:00:00Z", { international: true, destinationCountry: "US" }), held, "en", { timeZone: "UTC" });
    expect(stillHeld.milestones.find((milestone) => milestone.key === "customs")).toMatchObject({ state: "current", detail: "Held at customs" });
    const arrived: CanonicalEvent[] = [
      ...held,
      { occurredAt: "2026-11-07T10:00:00Z", status: "in_transit", carrierCode: "A", description: "Arrived at facility", location: { country: "US", city: "Chicago" } },
    ];
    const cleared = buildTimeline(shipmentFrom(arrived, "2026-11-08T00:00:00Z", { international: true, destinationCountry: "US" }), arrived, "en", { timeZone: "UTC" });
    expect(cleared.milestones.find((milestone) => milestone.key === "customs")).toMatchObject({ state: "current", at: "2026-11-07T10:00:00.000Z" });
    expect(cleared.milestones.find((milestone) => milestone.key === "customs")?.detailKey).toBe("customs.cleared");
  });
});
