import { describe, expect, it } from "vitest";
import { citiesOf } from "~/testing/carrier-simulator/lanes";
import { buildDemoShop, demoLane, type DemoShipment } from "./demo-data.server";

const NOW = new Date("2026-11-20T12:00:00Z");
const DAY = 86_400_000;
const shop = buildDemoShop({ now: NOW, seed: 42, orders: 1200 });

const delivered = shop.shipments.filter((shipment) => shipment.state.status === "delivered");
const deliveredAt = (shipment: DemoShipment) => Date.parse(shipment.events.find((event) => event.status === "delivered")!.occurredAt);
/** Calendar days from the label scan to the delivery scan. */
const transitDays = (shipment: DemoShipment) => (deliveredAt(shipment) - Date.parse(shipment.events[0]!.occurredAt)) / DAY;

function laneDays(match: (lane: { origin: string; destination: string }) => boolean): number[] {
  return delivered
    .filter((shipment) => match(demoLane(shipment.carrier!, shipment.destinationCountry)))
    .map(transitDays)
    .sort((a, b) => a - b);
}

function quantile(sorted: readonly number[], p: number): number {
  return sorted[Math.floor(p * (sorted.length - 1))]!;
}

describe("demo journeys follow realistic transit times per lane", () => {
  it.each([
    // lane, sample floor, median bounds, P10 floor, P90 ceiling (calendar days)
    ["China → US", (lane: { origin: string; destination: string }) => lane.origin === "CN" && lane.destination === "US", 40, [9, 14], 6, 21],
    ["US domestic", (lane: { origin: string; destination: string }) => lane.origin === "US" && lane.destination === "US", 200, [2.5, 4.5], 1.5, 6.5],
    ["intra-EU", (lane: { origin: string; destination: string }) => lane.origin === "DE" && ["DE", "FR"].includes(lane.destination), 15, [2, 4.5], 1, 6.5],
  ] as const)("%s", (_name, match, minimumCount, [low, high], p10Floor, p90Ceiling) => {
    const days = laneDays(match);
    expect(days.length).toBeGreaterThanOrEqual(minimumCount);
    const median = quantile(days, 0.5);
    expect(median).toBeGreaterThanOrEqual(low);
    expect(median).toBeLessThanOrEqual(high);
    expect(quantile(days, 0.1)).toBeGreaterThanOrEqual(p10Floor);
    expect(quantile(days, 0.9)).toBeLessThanOrEqual(p90Ceiling);
    // A spread, not one fixed time: the P10–P90 range is at least a fifth of the median.
    expect(quantile(days, 0.9) - quantile(days, 0.1)).toBeGreaterThanOrEqual(median / 5);
  });

  it("China → US has a long tail beyond its usual 7–20 days", () => {
    const days = laneDays((lane) => lane.origin === "CN" && lane.destination === "US");
    expect(days[days.length - 1]!).toBeGreaterThan(1.5 * quantile(days, 0.5));
  });

  it("delivers every parcel in its destination country, in one of its cities", () => {
    expect(delivered.length).toBeGreaterThan(500);
    for (const shipment of delivered) {
      const last = shipment.events[shipment.events.length - 1]!;
      expect(last.status).toBe("delivered");
      // USPS reports no country for domestic scans: its city is then the evidence.
      if (last.location?.country) expect(last.location.country).toBe(shipment.destinationCountry);
      const cities = citiesOf(shipment.destinationCountry).map((place) => place.city.toUpperCase());
      expect(cities).toContain(last.location?.city?.toUpperCase());
    }
  });

  it("keeps the window the carrier quoted at label time, and some parcels run past it", () => {
    const withWindow = delivered.filter((shipment) => shipment.estimatedDeliveryEnd);
    expect(withWindow.length).toBe(delivered.length);
    const late = withWindow.filter((shipment) => deliveredAt(shipment) > shipment.estimatedDeliveryEnd!.getTime()).length / withWindow.length;
    expect(late).toBeGreaterThan(0.05);
    expect(late).toBeLessThan(0.35);
  });

  it("flags late exactly the parcels on their way past the window they were given", () => {
    const moving = shop.shipments.filter((shipment) => ["info_received", "picked_up", "in_transit", "out_for_delivery"].includes(shipment.state.status));
    const pastWindow = moving.filter((shipment) => shipment.estimatedDeliveryEnd && shipment.estimatedDeliveryEnd.getTime() < NOW.getTime());
    expect(pastWindow.length).toBeGreaterThan(10);
    expect(moving.filter((shipment) => shipment.state.flags.late).map((shipment) => shipment.id)).toEqual(pastWindow.map((shipment) => shipment.id));
  });
});
