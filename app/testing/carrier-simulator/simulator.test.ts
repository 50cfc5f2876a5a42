import { describe, expect, it } from "vitest";
import type { CarrierCode } from "~/carriers/adapter";
import { CARRIER_PLUGINS } from "~/carriers/registry";
import { AfterShipTracking } from "~/carriers/aftership/wire";
import { DhlTrackResponse } from "~/carriers/dhl/wire";
import { FedexTrackResponse } from "~/carriers/fedex/wire";
import { SeventeenTrackAccepted } from "~/carriers/seventeen_track/wire";
import { UpsTrackResponse } from "~/carriers/ups/wire";
import { UspsTrackingResponse } from "~/carriers/usps/wire";
import { planJourney, scenarioFor, visibleScans, type Scenario } from "./journey";
import { startCarrierSimulator } from "./server";
import { renderAfterShipTracking, renderDhl, renderFedex, renderFedexResult, renderSeventeenTrackInfo, renderUps, renderUsps } from "./render";

const START = Date.parse("2026-11-16T14:00:00Z");
const CARRIERS: CarrierCode[] = ["ups", "fedex", "usps", "dhl", "seventeen_track", "aftership"];

function render(carrier: CarrierCode, number: string, now: number): { wire: unknown; parsed: unknown } {
  const j = planJourney({ carrier, trackingNumber: number, startAt: START });
  switch (carrier) {
    case "ups":
      return { wire: UpsTrackResponse.safeParse(renderUps(j, now)), parsed: renderUps(j, now) };
    case "fedex": {
      const body = renderFedex([renderFedexResult(j, now)], "t");
      return { wire: FedexTrackResponse.safeParse(body), parsed: body };
    }
    case "usps":
      return { wire: UspsTrackingResponse.safeParse(renderUsps(j, now)), parsed: renderUsps(j, now) };
    case "dhl":
      return { wire: DhlTrackResponse.safeParse(renderDhl(j, now, "parcel-de")), parsed: renderDhl(j, now, "parcel-de") };
    case "seventeen_track": {
      const item = renderSeventeenTrackInfo(j, now);
      return { wire: SeventeenTrackAccepted.safeParse(item), parsed: { code: 0, data: { accepted: [item], rejected: [] } } };
    }
    case "aftership": {
      const item = renderAfterShipTracking(j, now);
      return { wire: AfterShipTracking.safeParse(item), parsed: { meta: { code: 200 }, data: { trackings: [item] } } };
    }
  }
}

describe("journey model", () => {
  it("is deterministic for a number and seed", () => {
    const a = planJourney({ carrier: "fedex", trackingNumber: "794843185271", seed: 3, startAt: START });
    const b = planJourney({ carrier: "fedex", trackingNumber: "794843185271", seed: 3, startAt: START });
    expect(a).toEqual(b);
  });

  it.each<[string, Scenario]>([
    ["1ZNOTFOUND1", "not_found"],
    ["RETURN123", "returned"],
    ["EXCEPT1", "exception"],
    ["FAIL99", "failed_attempt"],
    ["CUSTOMS1", "customs_hold"],
    ["DELAY7", "weather_delay"],
  ])("marker %s forces scenario %s", (number, scenario) => {
    expect(scenarioFor(number)).toBe(scenario);
  });

  it("sends most numbers to delivery and some deterministically into trouble", () => {
    const scenarios = Array.from({ length: 400 }, (_, i) => scenarioFor(`1Z${i}`));
    const delivered = scenarios.filter((s) => s === "delivered").length;
    expect(delivered).toBeGreaterThan(280);
    expect(new Set(scenarios)).toEqual(new Set(["delivered", "exception", "failed_attempt", "returned", "weather_delay"]));
  });

  it("plans scans in time order ending in the scenario's outcome", () => {
    const last = (number: string) => planJourney({ carrier: "ups", trackingNumber: number, startAt: START }).scans.at(-1)?.kind;
    expect(last("1Z1")).toBeDefined();
    expect(last("RETURN1")).toBe("returned");
    expect(last("EXCEPT1")).toBe("exception");
    expect(last("FAIL1")).toBe("delivered");
    const customs = planJourney({ carrier: "dhl", trackingNumber: "CUSTOMS1", startAt: START });
    expect(customs.international).toBe(true);
    expect(customs.scans.map((s) => s.kind)).toContain("customs_held");
    for (const j of [customs, planJourney({ carrier: "usps", trackingNumber: "FAIL2", startAt: START })]) {
      const times = j.scans.map((s) => s.at);
      expect(times).toEqual([...times].sort((x, y) => x - y));
    }
  });

  it("reveals scans over time", () => {
    const j = planJourney({ carrier: "usps", trackingNumber: "9400111899223197428490", startAt: START });
    expect(visibleScans(j, START - 1)).toHaveLength(0);
    expect(visibleScans(j, START)).toHaveLength(1);
    expect(visibleScans(j, START + 30 * 86_400_000)).toHaveLength(j.scans.length);
  });
});

describe("simulator renderings", () => {
  const numbers = ["1Z999AA10123456784", "RETURN42", "EXCEPT7", "FAIL3", "CUSTOMS9", "DELAY5", "INTL55"];
  for (const carrier of CARRIERS) {
    it(`${carrier}: every scenario parses with our wire schema and maps without unknown codes`, () => {
      for (const number of numbers) {
        for (const days of [0.2, 1.5, 3, 20]) {
          const { wire, parsed } = render(carrier, number, START + days * 86_400_000);
          expect((wire as { success: boolean }).success, `${carrier} ${number}`).toBe(true);
          const result = CARRIER_PLUGINS[carrier].parse(parsed, [number]);
          if (!result.ok) throw new Error(result.error.message);
          const item = result.items[0];
          expect(item?.kind).toBe("found");
          if (item?.kind === "found") {
            expect(item.unmappedCodes).toEqual([]);
            expect(item.warnings).toEqual([]);
          }
        }
      }
    });
  }
});

describe("journeys over a lane", () => {
  it("the running simulator plans the lane it is told, as the seed's planJourney does", async () => {
    const simulator = await startCarrierSimulator({
      seed: 42,
      clock: () => START,
      journeyStart: () => START,
      journeyLane: (_carrier, trackingNumber) => (trackingNumber === "LANE1" ? { origin: "CN", destination: "GB" } : undefined),
    });
    try {
      const served = simulator.journey("seventeen_track", "LANE1");
      expect(served).toEqual(planJourney({ carrier: "seventeen_track", trackingNumber: "LANE1", seed: 42, startAt: START, lane: { origin: "CN", destination: "GB" } }));
      expect(served.origin.country).toBe("CN");
      expect(served.destination.country).toBe("GB");
      expect(served.scans.at(-1)?.place.country).toBe(served.scenario === "returned" ? "CN" : "GB");
      // A number without a lane keeps the carrier's home network.
      expect(simulator.journey("ups", "1Z999AA10123456784")).toEqual(planJourney({ carrier: "ups", trackingNumber: "1Z999AA10123456784", seed: 42, startAt: START }));
    } finally {
      await simulator.close();
    }
  });
});
