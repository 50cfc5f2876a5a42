import { describe, expect, it } from "vitest";
import type { CanonicalEvent } from "~/domain/status";
import { DeliveryCalendar } from "./calendar";
import { EtaModel } from "./model";
import { estimateParcel, learnFromDelivery, milestonesOf, stallLimitFor } from "./parcel";

const DAY = 86_400_000;
const lane = { carrier: "yunexpress", originCountry: "CN", destinationCountry: "US" };
const t0 = Date.parse("2026-03-02T08:00:00Z"); // Monday

function journey(offsetMs: number): CanonicalEvent[] {
  const at = (days: number) => new Date(t0 + offsetMs + days * DAY).toISOString();
  return [
    { occurredAt: at(0.2), status: "picked_up", carrierCode: "P", description: "Accepted", location: { country: "CN" } },
    { occurredAt: at(1), status: "in_transit", carrierCode: "T", description: "Departed", location: { country: "CN" } },
    { occurredAt: at(7), status: "in_transit", subStatus: "customs_hold", carrierCode: "C", description: "Customs", location: { country: "US" } },
    { occurredAt: at(8), status: "in_transit", carrierCode: "A", description: "Arrived", location: { country: "US" } },
    { occurredAt: at(10), status: "out_for_delivery", carrierCode: "O", description: "Out", location: { country: "US" } },
    { occurredAt: at(10.3), status: "delivered", carrierCode: "D", description: "Delivered", location: { country: "US" } },
  ];
}

describe("parcel milestones and learning", () => {
  it("finds milestones from events: the destination country and customs only after a border crossing", () => {
    const events = journey(0);
    const { reached, current } = milestonesOf(events.slice(0, 4), t0, "US");
    // Both reached; customs is the later milestone of the two.
    expect(current).toBe("customs");
    expect(reached.customs).toBe(t0 + 7 * DAY);
    expect(reached.in_destination_country).toBe(t0 + 7 * DAY);
    const domestic = milestonesOf([{ ...events[0]!, location: { country: "US" } }], t0, "US");
    expect(domestic.reached.in_destination_country).toBeUndefined();
  });

  it("learns transit from every milestone and scan gaps, then stalls on the lane's P95 gap", () => {
    const model = new EtaModel({}, t0);
    const calendar = new DeliveryCalendar("UTC");
    for (let index = 0; index < 30; index++) {
      const offset = index * 3_600_000;
      learnFromDelivery(model, calendar, { lane, shippedAtMs: t0 + offset, deliveredAtMs: t0 + offset + 10.3 * DAY, events: journey(offset) });
    }
    expect(model.milestoneObservations("customs")).toBeCloseTo(30, 0);
    // In transit the longest normal silence is Tuesday → next Monday (4 business days); from
    // customs on, at most 2 (Tuesday → Thursday).
    expect(stallLimitFor(model, lane, journey(0).slice(0, 2), t0, 2)).toBe(5);
    expect(stallLimitFor(model, lane, journey(0).slice(0, 3), t0, 2)).toBe(3);
    // Out for delivery: delivered the same day.
    const estimate = estimateParcel(model, calendar, { lane, shippedAtMs: t0, events: journey(0).slice(0, 5), nowMs: t0 + 10.1 * DAY });
    expect(estimate.prediction.milestone).toBe("out_for_delivery");
    expect(estimate.prediction.p50).toBe("2026-03-12");
    expect(estimate.source).toBe("trackline");
  });
});
