import type { Place } from "./journey";

/**
 * Transit times of the simulated carrier network per lane (origin country → destination country),
 * shaped like real parcel networks: China → US about 7–20 calendar days, US domestic 2–6, intra-EU
 * 2–6, each with a long tail. Times are calendar days from the label to the delivery scan, drawn
 * log-normally around `medianDays` with spread `sigma`, plus a rare long delay (`tail`).
 */
export interface LaneTransit {
  medianDays: number;
  sigma: number;
  tail: { chance: number; minDays: number; maxDays: number };
}

export interface LaneCountries {
  origin: string;
  destination: string;
}

/** Cities per country with their wall-clock offsets (fixed: the simulator ignores DST on purpose). */
export const CITIES: Readonly<Record<string, readonly Place[]>> = {
  US: [
    { city: "NEW YORK", province: "NY", postalCode: "10001", country: "US", utcOffsetMinutes: -300 },
    { city: "CHICAGO", province: "IL", postalCode: "60601", country: "US", utcOffsetMinutes: -360 },
    { city: "DENVER", province: "CO", postalCode: "80202", country: "US", utcOffsetMinutes: -420 },
    { city: "LOS ANGELES", province: "CA", postalCode: "90001", country: "US", utcOffsetMinutes: -480 },
    { city: "ATLANTA", province: "GA", postalCode: "30303", country: "US", utcOffsetMinutes: -300 },
  ],
  CA: [
    { city: "TORONTO", province: "ON", postalCode: "M5H 2N2", country: "CA", utcOffsetMinutes: -300 },
    { city: "VANCOUVER", province: "BC", postalCode: "V6B 1A1", country: "CA", utcOffsetMinutes: -480 },
    { city: "CALGARY", province: "AB", postalCode: "T2P 1J9", country: "CA", utcOffsetMinutes: -420 },
  ],
  GB: [
    { city: "LONDON", postalCode: "EC1A 1BB", country: "GB", utcOffsetMinutes: 0 },
    { city: "MANCHESTER", postalCode: "M1 1AE", country: "GB", utcOffsetMinutes: 0 },
    { city: "GLASGOW", postalCode: "G1 1XQ", country: "GB", utcOffsetMinutes: 0 },
  ],
  DE: [
    { city: "Berlin", postalCode: "10115", country: "DE", utcOffsetMinutes: 60 },
    { city: "Hamburg", postalCode: "20095", country: "DE", utcOffsetMinutes: 60 },
    { city: "München", postalCode: "80331", country: "DE", utcOffsetMinutes: 60 },
  ],
  FR: [
    { city: "Paris", postalCode: "75001", country: "FR", utcOffsetMinutes: 60 },
    { city: "Lyon", postalCode: "69001", country: "FR", utcOffsetMinutes: 60 },
  ],
  AU: [
    { city: "SYDNEY", province: "NSW", postalCode: "2000", country: "AU", utcOffsetMinutes: 600 },
    { city: "MELBOURNE", province: "VIC", postalCode: "3000", country: "AU", utcOffsetMinutes: 600 },
    { city: "PERTH", province: "WA", postalCode: "6000", country: "AU", utcOffsetMinutes: 480 },
  ],
  CN: [
    { city: "SHENZHEN", province: "GD", postalCode: "518000", country: "CN", utcOffsetMinutes: 480 },
    { city: "YIWU", province: "ZJ", postalCode: "322000", country: "CN", utcOffsetMinutes: 480 },
  ],
};

/** The sorting hub a parcel passes through in its destination country. */
export const HUBS: Readonly<Record<string, Place>> = {
  US: { city: "LOUISVILLE", province: "KY", postalCode: "40209", country: "US", utcOffsetMinutes: -300 },
  CA: { city: "MISSISSAUGA", province: "ON", postalCode: "L5T 2T5", country: "CA", utcOffsetMinutes: -300 },
  GB: { city: "EAST MIDLANDS", postalCode: "DE74 2SA", country: "GB", utcOffsetMinutes: 0 },
  DE: { city: "Leipzig", postalCode: "04103", country: "DE", utcOffsetMinutes: 60 },
  FR: { city: "Roissy", postalCode: "95700", country: "FR", utcOffsetMinutes: 60 },
  AU: { city: "SYDNEY AIRPORT", province: "NSW", postalCode: "2020", country: "AU", utcOffsetMinutes: 600 },
  CN: { city: "GUANGZHOU", province: "GD", postalCode: "510000", country: "CN", utcOffsetMinutes: 480 },
};

const EU = new Set(["DE", "FR"]);

/** Per-lane transit, the examples of real networks the demo follows. */
const LANES: Readonly<Record<string, LaneTransit>> = {
  "CN>US": { medianDays: 11, sigma: 0.25, tail: { chance: 0.07, minDays: 4, maxDays: 12 } },
  "CN>CA": { medianDays: 13, sigma: 0.25, tail: { chance: 0.07, minDays: 4, maxDays: 12 } },
  "CN>GB": { medianDays: 10, sigma: 0.25, tail: { chance: 0.07, minDays: 4, maxDays: 12 } },
  "CN>DE": { medianDays: 10, sigma: 0.25, tail: { chance: 0.07, minDays: 4, maxDays: 12 } },
  "CN>AU": { medianDays: 12, sigma: 0.25, tail: { chance: 0.07, minDays: 4, maxDays: 12 } },
  "US>US": { medianDays: 3.5, sigma: 0.25, tail: { chance: 0.05, minDays: 2, maxDays: 6 } },
  "US>CA": { medianDays: 6, sigma: 0.25, tail: { chance: 0.06, minDays: 2, maxDays: 7 } },
  "US>GB": { medianDays: 7, sigma: 0.25, tail: { chance: 0.06, minDays: 3, maxDays: 8 } },
  "US>DE": { medianDays: 7, sigma: 0.25, tail: { chance: 0.06, minDays: 3, maxDays: 8 } },
  "US>AU": { medianDays: 9, sigma: 0.25, tail: { chance: 0.06, minDays: 3, maxDays: 8 } },
  "DE>DE": { medianDays: 2.5, sigma: 0.25, tail: { chance: 0.05, minDays: 2, maxDays: 5 } },
  "DE>GB": { medianDays: 4.5, sigma: 0.25, tail: { chance: 0.05, minDays: 2, maxDays: 5 } },
  "DE>FR": { medianDays: 3.5, sigma: 0.25, tail: { chance: 0.05, minDays: 2, maxDays: 5 } },
};

/** Transit for a lane: the table's entry, else a generic domestic / intra-EU / international lane. */
export function laneTransit(lane: LaneCountries): LaneTransit {
  const known = LANES[`${lane.origin}>${lane.destination}`];
  if (known) return known;
  if (lane.origin === lane.destination) return { medianDays: 3.5, sigma: 0.25, tail: { chance: 0.05, minDays: 2, maxDays: 6 } };
  if (EU.has(lane.origin) && EU.has(lane.destination)) return { medianDays: 4, sigma: 0.25, tail: { chance: 0.05, minDays: 2, maxDays: 5 } };
  return { medianDays: 8, sigma: 0.3, tail: { chance: 0.06, minDays: 3, maxDays: 10 } };
}

export function citiesOf(country: string): readonly Place[] {
  return CITIES[country] ?? CITIES.US!;
}

export function hubOf(country: string): Place {
  return HUBS[country] ?? HUBS.US!;
}
