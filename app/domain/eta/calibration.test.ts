import { describe, expect, it } from "vitest";
import { calibrate, type CalibrationInput } from "./calibration";

const d = (text: string) => new Date(`${text}T12:00:00Z`);

function row(extra: Partial<CalibrationInput>): CalibrationInput {
  return {
    carrier: "ups",
    originCountry: "US",
    destinationCountry: "US",
    deliveredAt: d("2026-12-10"),
    predictedDeliveryStart: null,
    predictedDeliveryEnd: null,
    firstPredictedDeliveryAt: null,
    shownEstimateEnd: null,
    estimatedDeliveryAt: null,
    estimatedDeliveryEnd: null,
    firstCarrierEstimateAt: null,
    estimateSource: null,
    ...extra,
  };
}

describe("calibrate", () => {
  it("scores Trackline's and the carrier's estimates side by side per carrier and lane", () => {
    const rows = [
      // Trackline: first P50 one day early, inside its window, not late. Carrier: 3 days early, late.
      row({
        firstPredictedDeliveryAt: d("2026-12-09"),
        predictedDeliveryStart: d("2026-12-09"),
        predictedDeliveryEnd: d("2026-12-11"),
        shownEstimateEnd: d("2026-12-11"),
        estimatedDeliveryAt: d("2026-12-07"),
        firstCarrierEstimateAt: d("2026-12-07"),
        estimateSource: "trackline",
      }),
      // Trackline exact but delivered after the first shown window; carrier exact.
      row({
        firstPredictedDeliveryAt: d("2026-12-10"),
        predictedDeliveryStart: d("2026-12-10"),
        predictedDeliveryEnd: d("2026-12-10"),
        shownEstimateEnd: d("2026-12-08"),
        estimatedDeliveryAt: d("2026-12-10"),
        firstCarrierEstimateAt: d("2026-12-10"),
        estimateSource: "trackline",
      }),
      row({ carrier: "dhl", originCountry: "DE", destinationCountry: "FR", firstPredictedDeliveryAt: d("2026-12-12"), estimateSource: "trackline" }),
    ];
    const { lanes, overall, histogram } = calibrate(rows, "UTC");
    expect(lanes[0]).toEqual({
      carrier: "ups",
      lane: "US → US",
      parcels: 2,
      trackline: { parcels: 2, meanErrorDays: 0.5, windowCoverage: 1, lateRate: 0.5 },
      carrierEstimate: { parcels: 2, meanErrorDays: 1.5, windowCoverage: 0.5, lateRate: 0.5 },
      shown: "trackline",
    });
    expect(lanes[1]).toMatchObject({ carrier: "dhl", lane: "DE → FR", trackline: { parcels: 1, meanErrorDays: 2, windowCoverage: null } });
    expect(overall.parcels).toBe(3);
    expect(histogram.find((bucket) => bucket.errorDays === 3)).toEqual({ errorDays: 3, trackline: 0, carrier: 1 });
    expect(histogram.find((bucket) => bucket.errorDays === -2)).toEqual({ errorDays: -2, trackline: 1, carrier: 0 });
  });
});
