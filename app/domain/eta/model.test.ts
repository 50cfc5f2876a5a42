import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DeliveryCalendar, dayNumberOfDate, type HolidaySource } from "./calendar";
import {
  BINS,
  EtaModel,
  chooseEstimateSource,
  predictDelivery,
  stallThresholdBusinessDays,
  stretchDistribution,
  windowQuantiles,
  type Lane,
} from "./model";

const DAY_MS = 86_400_000;
const lane: Lane = { carrier: "usps", originCountry: "US", destinationCountry: "US", destinationRegion: "CA", destinationPostalPrefix: "941" };

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** A distribution over whole business days, drawn by inverse CDF. */
function sampler(weights: number[]): (u: number) => number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return (u) => {
    let running = 0;
    for (let day = 0; day < weights.length; day++) {
      running += weights[day]! / total;
      if (u < running) return day;
    }
    return weights.length - 1;
  };
}

describe("windowQuantiles", () => {
  it("takes the median, an upper end met at least 90 % and a window as close to 80 % as whole days allow", () => {
    const probabilities = new Float64Array(BINS);
    // Uniform over 10 days (0…9): each 10 %.
    for (let day = 0; day < 10; day++) probabilities[day] = 0.1;
    expect(windowQuantiles(probabilities, 0)).toEqual({ low: 1, median: 4, high: 8 });
    // Truncated at day 5: five days of 20 % each.
    expect(windowQuantiles(probabilities, 5)).toEqual({ low: 6, median: 7, high: 9 });
  });
});

describe("EtaModel", () => {
  it("P10–P90 windows cover about 80 % of deliveries drawn from known distributions", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 6, maxLength: 25 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (shape, shift, seed) => {
          const weights = [...new Array<number>(shift).fill(0), ...shape];
          const draw = sampler(weights);
          const random = seeded(seed);
          const calendar = new DeliveryCalendar("UTC");
          const model = new EtaModel({ halfLifeDays: 10_000 }, 0);
          const start = Date.UTC(2026, 0, 5, 10);
          for (let i = 0; i < 4000; i++) model.observeTransit(lane, "label", draw(random()), start);
          const prediction = predictDelivery(model, { lane, milestone: "label", milestoneAtMs: start, shippedAtMs: start, nowMs: start }, calendar);
          const startDay = calendar.dayOf(start);
          let covered = 0;
          let byP90 = 0;
          const trials = 4000;
          for (let i = 0; i < trials; i++) {
            const day = calendar.add(startDay, draw(random()), "US");
            if (day >= prediction.p10Day && day <= prediction.p90Day) covered++;
            if (day <= prediction.p90Day) byP90++;
          }
          // Whole days make a single window's coverage land within one day's mass of 80 %; the
          // upper end is never below 90 %.
          const maxDayMass = Math.max(...weights) / weights.reduce((sum, weight) => sum + weight, 0);
          expect(byP90 / trials).toBeGreaterThan(0.9 - 0.03);
          expect(Math.abs(covered / trials - 0.8)).toBeLessThan(maxDayMass / 2 + 0.04);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("predicted dates never move earlier as time passes without a delivery, and are never in the past", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: 0, max: 40 * 24 }), { minLength: 2, maxLength: 8 }),
        (transits, hours) => {
          const calendar = new DeliveryCalendar("America/New_York");
          const model = new EtaModel();
          const shipped = Date.UTC(2026, 10, 20, 15);
          for (const days of transits) model.observeTransit(lane, "label", days, shipped);
          const sorted = [...hours].sort((a, b) => a - b);
          let previous: ReturnType<typeof predictDelivery> | null = null;
          for (const hour of sorted) {
            const nowMs = shipped + hour * 3_600_000;
            const prediction = predictDelivery(model, { lane, milestone: "label", milestoneAtMs: shipped, shippedAtMs: shipped, nowMs }, calendar);
            expect(prediction.p10Day).toBeGreaterThanOrEqual(calendar.dayOf(nowMs));
            expect(prediction.p10Day).toBeLessThanOrEqual(prediction.p50Day);
            expect(prediction.p50Day).toBeLessThanOrEqual(prediction.p90Day);
            if (previous) {
              expect(prediction.p10Day).toBeGreaterThanOrEqual(previous.p10Day);
              expect(prediction.p50Day).toBeGreaterThanOrEqual(previous.p50Day);
              expect(prediction.p90Day).toBeGreaterThanOrEqual(previous.p90Day);
            }
            previous = prediction;
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("never predicts delivery on a destination public holiday or a day the carrier does not deliver", () => {
    const holidays: HolidaySource = { publicHolidays: (country, year) => (country === "US" && year === 2026 ? ["2026-12-25", "2026-12-28"] : []) };
    const calendar = new DeliveryCalendar("UTC", holidays);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 20 }), (transits, shipOffset) => {
        const model = new EtaModel();
        const shipped = Date.UTC(2026, 11, 10 + shipOffset, 12);
        for (const days of transits) model.observeTransit(lane, "label", days, shipped);
        const prediction = predictDelivery(model, { lane, milestone: "label", milestoneAtMs: shipped, shippedAtMs: shipped, nowMs: shipped }, calendar);
        for (const date of [prediction.p10, prediction.p50, prediction.p90]) {
          expect(["2026-12-25", "2026-12-28"]).not.toContain(date);
          expect([0, 6]).not.toContain(new Date(`${date}T00:00:00Z`).getUTCDay());
        }
      }),
      { numRuns: 80 },
    );
    // Three business days after Wednesday 23 Dec: Thursday 24, (25 holiday, weekend, 28 holiday), 29, 30.
    expect(calendar.add(dayNumberOfDate("2026-12-23"), 3, "US")).toBe(dayNumberOfDate("2026-12-30"));
    // A Saturday-delivering carrier gets Saturday the 26th as a business day.
    expect(calendar.add(dayNumberOfDate("2026-12-23"), 2, "US", [1, 2, 3, 4, 5, 6])).toBe(dayNumberOfDate("2026-12-26"));
  });

  it("backs off lane → destination postal prefix → destination region → country pair → carrier → global, and shrinks each level toward its parent", () => {
    const levels = ["global", "carrier", "destination_country", "destination_region", "destination_postal_prefix", "lane"] as const;
    const full: Lane = { carrier: "ups", originCountry: "US", originRegion: "NJ", destinationCountry: "US", destinationRegion: "TX", destinationPostalPrefix: "750" };
    // The same lane with its finer parts changed: each shares exactly the levels above it.
    const relatives: Lane[] = [
      { carrier: "fedex", originCountry: "CA", destinationCountry: "MX" },
      { carrier: "ups", originCountry: "CA", destinationCountry: "MX" },
      { ...full, destinationRegion: "CA", destinationPostalPrefix: "900" },
      { ...full, destinationPostalPrefix: "751" },
      { ...full, originRegion: "PA" },
      full,
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        (depth, count, parentDays, ownDays) => {
          const model = new EtaModel({ priorStrength: 4 }, 0);
          // Deliveries on a relative that shares the lane's levels down to `depth`.
          for (let i = 0; i < 200; i++) model.observeTransit(relatives[depth]!, "label", parentDays, 0);
          const borrowed = model.distribution(full, "label");
          expect(borrowed.level).toBe(levels[depth]);
          expect(borrowed.probabilities[parentDays]).toBeGreaterThan(0.95);
          if (depth === 5) return;
          // The lane's own deliveries: its distribution is its own counts plus 4 pseudo-observations
          // shaped like its parent, so its own days weigh at least n / (n + 4) and the parent's
          // shape keeps a share (the intermediate levels hold the lane's deliveries too).
          for (let i = 0; i < count; i++) model.observeTransit(full, "label", ownDays, 0);
          const mixed = model.distribution(full, "label");
          expect(mixed.level).toBe("lane");
          const own = count / (count + 4);
          if (ownDays !== parentDays) {
            expect(mixed.probabilities[ownDays]).toBeGreaterThanOrEqual(own - 1e-9);
            expect(mixed.probabilities[parentDays]).toBeGreaterThan(0);
            // Right under the level holding the 200, that level's share of them comes through 4 / (n + 4).
            if (depth === 4) expect(mixed.probabilities[parentDays]).toBeGreaterThanOrEqual(((4 / (count + 4)) * 200) / (200 + count + 4) - 1e-9);
            expect(mixed.probabilities[parentDays]).toBeLessThanOrEqual(1 - own + 1e-9);
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it("a small lane borrows from its region, a large one speaks for itself", () => {
    const model = new EtaModel({ priorStrength: 4 }, 0);
    const regionLane: Lane = { ...lane, destinationPostalPrefix: "900" };
    for (let i = 0; i < 400; i++) model.observeTransit(regionLane, "label", 3, 0);
    model.observeTransit(lane, "label", 9, 0);
    const small = model.distribution(lane, "label");
    expect(small.level).toBe("lane");
    // One observation against four pseudo-observations at each of its two finest levels: 1/5 at 9
    // days for its postal prefix (shaped by the region), (1 + 4 × 1/5) / 5 for the lane.
    expect(model.distribution({ ...lane, originRegion: "XX" }, "label").probabilities[9]).toBeCloseTo(0.2, 2);
    expect(small.probabilities[9]).toBeCloseTo(0.36, 2);
    for (let i = 0; i < 399; i++) model.observeTransit(lane, "label", 9, 0);
    expect(model.distribution(lane, "label").probabilities[9]).toBeGreaterThan(0.98);
  });

  it("learns how much each level borrows: origin regions that differ only by chance borrow almost wholly, ones that differ speak for themselves", () => {
    const from = (originRegion: string): Lane => ({ ...lane, originRegion });
    const fill = (model: EtaModel, originRegion: string, days: number, count: number) => {
      for (let i = 0; i < count; i++) model.observeTransit(from(originRegion), "label", days, 0);
    };
    // The same lane from two warehouses: 26 and 24 of 50 in 3 days (the rest in 5), a chance difference.
    const alike = new EtaModel({ priorStrength: 1 }, 0);
    fill(alike, "NJ", 3, 26);
    fill(alike, "NJ", 5, 24);
    fill(alike, "PA", 3, 24);
    fill(alike, "PA", 5, 26);
    // The postal level holds both: 50 of 100 in 3 days. Each warehouse's own 52 % or 48 % is pulled almost all the way there.
    expect(alike.distribution(from("NJ"), "label").probabilities[3]).toBeCloseTo(0.5, 2);
    expect(alike.distribution(from("PA"), "label").probabilities[3]).toBeCloseTo(0.5, 2);
    // Two warehouses that really differ: 3 days from one, 8 from the other.
    const apart = new EtaModel({ priorStrength: 1 }, 0);
    fill(apart, "NJ", 3, 50);
    fill(apart, "CA", 8, 50);
    expect(apart.distribution(from("NJ"), "label").probabilities[3]).toBeGreaterThan(0.98);
    expect(apart.distribution(from("CA"), "label").probabilities[8]).toBeGreaterThan(0.98);
  });

  it("weighs recent deliveries more: after a slowdown the estimate follows within a few half-lives", () => {
    const model = new EtaModel({ halfLifeDays: 14 }, 0);
    const calendar = new DeliveryCalendar("UTC");
    const t0 = Date.UTC(2026, 0, 5);
    for (let i = 0; i < 300; i++) model.observeTransit(lane, "label", 2, t0);
    const t1 = t0 + 60 * DAY_MS;
    for (let i = 0; i < 100; i++) model.observeTransit(lane, "label", 6, t1);
    const prediction = predictDelivery(model, { lane, milestone: "label", milestoneAtMs: t1, shippedAtMs: t1, nowMs: t1 }, calendar);
    expect(calendar.between(calendar.dayOf(t1), prediction.p50Day, "US")).toBe(6);
  });

  it("conditions on the milestone once enough parcels were seen from it", () => {
    const model = new EtaModel();
    const calendar = new DeliveryCalendar("UTC");
    const t = Date.UTC(2026, 2, 2, 9); // Monday
    for (let i = 0; i < 50; i++) {
      model.observeTransit(lane, "label", 8, t);
      model.observeTransit(lane, "out_for_delivery", 0, t);
    }
    const shipped = t - 7 * DAY_MS;
    const prediction = predictDelivery(model, { lane, milestone: "out_for_delivery", milestoneAtMs: t, shippedAtMs: shipped, nowMs: t }, calendar);
    expect(prediction.milestone).toBe("out_for_delivery");
    expect(prediction.p50).toBe("2026-03-02");
    const early = predictDelivery(model, { lane, milestone: "customs", milestoneAtMs: t, shippedAtMs: shipped, nowMs: t }, calendar);
    expect(early.milestone).toBe("label");
    // Eight business days after Monday 23 Feb.
    expect(early.p50).toBe("2026-03-05");
  });

  it("survives a JSON round trip unchanged", () => {
    const model = new EtaModel({}, Date.UTC(2026, 0, 1));
    model.observeTransit(lane, "label", 4, Date.UTC(2026, 1, 1));
    model.observeGap(lane, "in_transit", 2, Date.UTC(2026, 1, 1));
    model.observeAccuracy(lane, "carrier", { errorDays: 2, inWindow: false, late: true }, Date.UTC(2026, 1, 1));
    model.observeSeason(lane, dayNumberOfDate("2026-01-27"), 4, 3);
    const copy = EtaModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(copy.toJSON()).toEqual(model.toJSON());
    const rounded = (values: Float64Array) => [...values].map((value) => value.toFixed(6));
    expect(rounded(copy.distribution(lane, "label").probabilities)).toEqual(rounded(model.distribution(lane, "label").probabilities));
  });

  it("stretches a distribution on the scale of 1 + days, keeping its mass and its tail", () => {
    const probabilities = new Float64Array(BINS);
    probabilities[1] = 0.25;
    probabilities[3] = 0.5;
    probabilities[BINS - 1] = 0.25;
    expect([...stretchDistribution(probabilities, 1)]).toEqual([...probabilities]);
    const stretched = stretchDistribution(probabilities, 1.25);
    // 1 day → 2 × 1.25 − 1 = 1.5: half on 1, half on 2; 3 days → 4 × 1.25 − 1 = 4.
    expect(stretched[1]).toBeCloseTo(0.125, 12);
    expect(stretched[2]).toBeCloseTo(0.125, 12);
    expect(stretched[4]).toBeCloseTo(0.5, 12);
    expect(stretched[BINS - 1]).toBeCloseTo(0.25, 12);
    expect(stretched.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 12);
  });

  it("expects a season that was slow a year ago to be slow again, and changes nothing without a year of history", () => {
    const calendar = new DeliveryCalendar("UTC");
    const peak = (day: number) => {
      const date = new Date(day * DAY_MS);
      return (date.getUTCMonth() === 10 && date.getUTCDate() >= 15) || date.getUTCMonth() === 11;
    };
    // 20 parcels a day, 4 business days in transit (1 + 4 = 5), 6 from mid-November (1 + 6 = 7).
    const fill = (model: EtaModel, from: string, to: string) => {
      for (let day = dayNumberOfDate(from); day <= dayNumberOfDate(to); day++) {
        const days = peak(day) ? 6 : 4;
        const deliveredMs = calendar.startOfDay(calendar.add(day, days, "US")) + 12 * 3_600_000;
        if (deliveredMs > Date.UTC(2026, 10, 23)) continue;
        for (let i = 0; i < 20; i++) model.observeTransit(lane, "label", days, deliveredMs);
        model.observeSeason(lane, day, days, 20);
      }
    };
    const withYear = new EtaModel({}, Date.UTC(2025, 0, 1));
    fill(withYear, "2025-01-01", "2026-11-13");
    const thisYearOnly = new EtaModel({}, Date.UTC(2026, 0, 1));
    fill(thisYearOnly, "2026-01-01", "2026-11-13");
    const shipped = dayNumberOfDate("2026-11-24");
    // 7 / 5, a little less: the weeks compared with include the first weekend of last year's peak.
    expect(withYear.seasonFactor(lane, shipped, 4)).toBeGreaterThan(1.35);
    expect(withYear.seasonFactor(lane, shipped, 4)).toBeLessThanOrEqual(7 / 5 + 1e-9);
    expect(withYear.seasonFactor(lane, dayNumberOfDate("2026-06-16"), 4)).toBeCloseTo(1, 6);
    expect(thisYearOnly.seasonFactor(lane, shipped, 4)).toBe(1);
    const shippedMs = calendar.startOfDay(shipped) + 10 * 3_600_000;
    const input = { lane, milestone: "label" as const, milestoneAtMs: shippedMs, shippedAtMs: shippedMs, nowMs: shippedMs };
    // Tuesday 24 November 2026: 4 business days is Monday the 30th, 6 is Wednesday 2 December.
    expect(predictDelivery(thisYearOnly, input, calendar).p50).toBe("2026-11-30");
    expect(predictDelivery(withYear, input, calendar).p50).toBe("2026-12-02");
  });

  it("carries a lane that keeps getting faster forward to today, and sees no drift in a season that repeats or without a year of history", () => {
    const calendar = new DeliveryCalendar("UTC");
    // 20 parcels a day; 1 + business days falls from 11 to about 8.1 over two years (−14 % a year).
    const fill = (model: EtaModel, from: string, to: string, daysOn: (day: number) => number) => {
      const start = dayNumberOfDate("2025-01-01");
      for (let day = dayNumberOfDate(from); day <= dayNumberOfDate(to); day++) {
        const days = daysOn(day - start);
        const deliveredMs = calendar.startOfDay(calendar.add(day, days, "US")) + 12 * 3_600_000;
        if (deliveredMs > Date.UTC(2026, 11, 1)) continue;
        for (let i = 0; i < 20; i++) model.observeTransit(lane, "label", days, deliveredMs);
        model.observeSeason(lane, day, days, 20);
      }
    };
    const faster = (age: number) => Math.round(11 * Math.exp((-0.15 * age) / 365) - 1);
    const drifting = new EtaModel({}, Date.UTC(2025, 0, 1));
    fill(drifting, "2025-01-01", "2026-11-20", faster);
    const shipped = dayNumberOfDate("2026-12-01");
    const factor = drifting.driftFactor(lane, shipped, 9);
    // The histogram's parcels were shipped about 19 weeks (recency-weighted) before: 0.15 × 19 / 52 ≈ 5.5 % faster now.
    expect(factor).toBeLessThan(0.97);
    expect(factor).toBeGreaterThan(0.92);
    const shippedMs = calendar.startOfDay(shipped) + 10 * 3_600_000;
    const input = { lane, milestone: "label" as const, milestoneAtMs: shippedMs, shippedAtMs: shippedMs, nowMs: shippedMs };
    const steady = new EtaModel({}, Date.UTC(2025, 0, 1));
    fill(steady, "2025-01-01", "2026-11-20", () => 8);
    expect(steady.driftFactor(lane, shipped, 9)).toBeCloseTo(1, 6);
    expect(predictDelivery(drifting, input, calendar).p50Day).toBeLessThan(predictDelivery(steady, input, calendar).p50Day);
    // The same slow November every year is a season, not a drift.
    const seasonal = new EtaModel({}, Date.UTC(2025, 0, 1));
    fill(seasonal, "2025-01-01", "2026-11-20", (age) => (new Date((dayNumberOfDate("2025-01-01") + age) * DAY_MS).getUTCMonth() === 10 ? 11 : 8));
    // (52 weeks are a day short of a year, so the compared weeks differ by a day or two of November.)
    expect(seasonal.driftFactor(lane, shipped, 9)).toBeCloseTo(1, 2);
    const young = new EtaModel({}, Date.UTC(2026, 4, 1));
    fill(young, "2026-05-01", "2026-11-20", faster);
    expect(young.driftFactor(lane, shipped, 9)).toBe(1);
  });

  it("stall thresholds follow the lane's P95 gap, never below the floor", () => {
    const model = new EtaModel();
    for (let i = 0; i < 100; i++) model.observeGap(lane, "customs", i < 94 ? 2 : 6, 0);
    for (let i = 0; i < 100; i++) model.observeGap(lane, "in_transit", 0, 0);
    expect(stallThresholdBusinessDays(model, lane, "customs", 2)).toBe(7);
    expect(stallThresholdBusinessDays(model, lane, "in_transit", 2)).toBe(2);
    expect(stallThresholdBusinessDays(new EtaModel(), lane, "customs", 3)).toBeNull();
  });

  it("shows the carrier's estimate only where it has been the more accurate one", () => {
    const model = new EtaModel();
    expect(chooseEstimateSource(model, lane, false)).toEqual({ source: "trackline", reason: "no_carrier_estimate" });
    expect(chooseEstimateSource(model, lane, true)).toEqual({ source: "carrier", reason: "not_enough_history" });
    for (let i = 0; i < 20; i++) {
      model.observeAccuracy(lane, "carrier", { errorDays: 3, inWindow: false, late: true }, 0);
      model.observeAccuracy(lane, "trackline", { errorDays: 1, inWindow: true, late: false }, 0);
    }
    expect(chooseEstimateSource(model, lane, true)).toEqual({ source: "trackline", reason: "trackline_more_accurate" });
    for (let i = 0; i < 100; i++) model.observeAccuracy(lane, "carrier", { errorDays: 0, inWindow: true, late: false }, 0);
    expect(chooseEstimateSource(model, lane, true)).toEqual({ source: "carrier", reason: "carrier_more_accurate" });
  });
});
