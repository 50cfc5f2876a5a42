import type { CarrierCode } from "~/carriers/adapter";
import { citiesOf, hubOf, laneTransit, type LaneCountries } from "./lanes";

/**
 * Pure journey model of the fake carrier network: from a tracking number, a seed and a start time
 * it plans every scan a parcel will get, and `visibleScans` shows the ones that "happened" by
 * `now`. Deterministic, so tests and demos can rely on a number always telling the same story.
 *
 * Markers in the number force a scenario (handy in tests and demos): NOTFOUND, RETURN, EXCEPT,
 * FAIL, CUSTOMS, DELAY, INTL. Other numbers draw a scenario from their hash: most are delivered,
 * about one in five goes through an exception, failed attempt, return or weather delay.
 */
export type ScanKind =
  | "label_created"
  | "picked_up"
  | "departed"
  | "arrived"
  | "customs_processing"
  | "customs_held"
  | "customs_released"
  | "weather_delay"
  | "out_for_delivery"
  | "attempt_failed"
  | "delivered"
  | "exception"
  | "returning"
  | "returned";

export type Scenario = "delivered" | "failed_attempt" | "returned" | "exception" | "customs_hold" | "weather_delay" | "not_found";

export interface Place {
  city: string;
  province?: string;
  postalCode: string;
  country: string;
  /** Fixed offset of the place's wall clock (the simulator ignores DST on purpose). */
  utcOffsetMinutes: number;
}

export interface JourneyScan {
  kind: ScanKind;
  /** Epoch milliseconds (UTC). */
  at: number;
  place: Place;
}

export interface Journey {
  carrier: CarrierCode;
  trackingNumber: string;
  scenario: Scenario;
  international: boolean;
  origin: Place;
  destination: Place;
  /** Every planned scan, oldest first; empty for not_found. */
  scans: JourneyScan[];
  /** The promised delivery window (epoch ms), as the carrier would quote it at label time. */
  eta: { start: number; end: number };
  signedBy: string;
}

const US: Place[] = [
  { city: "NEW YORK", province: "NY", postalCode: "10001", country: "US", utcOffsetMinutes: -300 },
  { city: "CHICAGO", province: "IL", postalCode: "60601", country: "US", utcOffsetMinutes: -360 },
  { city: "DENVER", province: "CO", postalCode: "80202", country: "US", utcOffsetMinutes: -420 },
  { city: "LOS ANGELES", province: "CA", postalCode: "90001", country: "US", utcOffsetMinutes: -480 },
  { city: "ATLANTA", province: "GA", postalCode: "30303", country: "US", utcOffsetMinutes: -300 },
];
const US_HUBS: Place[] = [
  { city: "LOUISVILLE", province: "KY", postalCode: "40209", country: "US", utcOffsetMinutes: -300 },
  { city: "MEMPHIS", province: "TN", postalCode: "38118", country: "US", utcOffsetMinutes: -360 },
];
const DE: Place[] = [
  { city: "Berlin", postalCode: "10115", country: "DE", utcOffsetMinutes: 60 },
  { city: "Hamburg", postalCode: "20095", country: "DE", utcOffsetMinutes: 60 },
  { city: "München", postalCode: "80331", country: "DE", utcOffsetMinutes: 60 },
];
const DE_HUBS: Place[] = [{ city: "Leipzig", postalCode: "04103", country: "DE", utcOffsetMinutes: 60 }];
const ABROAD: Place[] = [
  { city: "SHENZHEN", province: "GD", postalCode: "518000", country: "CN", utcOffsetMinutes: 480 },
  { city: "LONDON", postalCode: "EC1A 1BB", country: "GB", utcOffsetMinutes: 0 },
  { city: "TORONTO", province: "ON", postalCode: "M5H 2N2", country: "CA", utcOffsetMinutes: -300 },
];
const NAMES = ["J SMITH", "M GARCIA", "A KUMAR", "L MÜLLER", "FRONT DESK", "R CHEN"];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** FNV-1a; stable across runs and platforms. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: tiny deterministic PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function scenarioFor(trackingNumber: string, seed = 0): Scenario {
  const n = trackingNumber.toUpperCase();
  if (n.includes("NOTFOUND")) return "not_found";
  if (n.includes("RETURN")) return "returned";
  if (n.includes("EXCEPT")) return "exception";
  if (n.includes("FAIL")) return "failed_attempt";
  if (n.includes("CUSTOMS")) return "customs_hold";
  if (n.includes("DELAY")) return "weather_delay";
  const bucket = hashString(`${seed}:${n}`) % 20;
  return bucket === 0 ? "exception" : bucket === 1 ? "failed_attempt" : bucket === 2 ? "returned" : bucket === 3 ? "weather_delay" : "delivered";
}

function pick<T>(items: readonly T[], r: () => number): T {
  const item = items[Math.floor(r() * items.length) % items.length];
  if (item === undefined) throw new Error("pick from empty list");
  return item;
}

/** Next 08:00–10:00 local morning at `place` after `after`. */
function nextMorning(after: number, place: Place, r: () => number): number {
  const local = after + place.utcOffsetMinutes * 60_000;
  const day = Math.floor(local / (24 * HOUR)) * 24 * HOUR;
  let morning = day + 8 * HOUR + Math.floor(r() * 2 * HOUR);
  if (morning <= local) morning += 24 * HOUR;
  return morning - place.utcOffsetMinutes * 60_000;
}

export interface PlanInput {
  carrier: CarrierCode;
  trackingNumber: string;
  seed?: number;
  /** When the label was created (epoch ms). */
  startAt: number;
  /**
   * Where the parcel goes, by country: the journey then runs from a city of the origin country to
   * one of the destination country, over the lane's transit times (see lanes.ts), and the carrier
   * quotes its window at label time from the lane's usual times, so some parcels run late.
   */
  lane?: LaneCountries;
}

export function planJourney(input: PlanInput): Journey {
  const seed = input.seed ?? 0;
  const r = rng(hashString(`${seed}|${input.carrier}|${input.trackingNumber.toUpperCase()}`));
  if (input.lane) return planLaneJourney(input, input.lane, seed, r);
  let scenario = scenarioFor(input.trackingNumber, seed);
  const n = input.trackingNumber.toUpperCase();
  // USPS journeys stay domestic: its API has no customs events we model.
  const canGoAbroad = input.carrier !== "usps";
  if (scenario === "customs_hold" && !canGoAbroad) scenario = "weather_delay";
  const international = canGoAbroad && (scenario === "customs_hold" || n.includes("INTL") || r() < 0.2);
  const domestic = input.carrier === "dhl" ? DE : US;
  const hubs = input.carrier === "dhl" ? DE_HUBS : US_HUBS;
  const origin = international ? pick(ABROAD, r) : pick(domestic, r);
  let destination = pick(domestic, r);
  if (destination.city === origin.city) destination = domestic[(domestic.indexOf(destination) + 1) % domestic.length] ?? destination;
  const hub = pick(hubs, r);
  const signedBy = pick(NAMES, r);

  const scans: JourneyScan[] = [];
  let t = input.startAt;
  const add = (kind: ScanKind, place: Place, afterHours: number) => {
    t += Math.round(afterHours * HOUR);
    scans.push({ kind, at: t, place });
  };

  add("label_created", origin, 0);
  add("picked_up", origin, 4 + r() * 8);
  add("departed", origin, 2 + r() * 3);
  if (international) {
    add("arrived", hub, 14 + r() * 10);
    add("customs_processing", hub, 1 + r());
    if (scenario === "customs_hold") add("customs_held", hub, 2 + r() * 4);
    add("customs_released", hub, scenario === "customs_hold" ? 30 + r() * 20 : 3 + r() * 5);
  } else {
    add("arrived", hub, 6 + r() * 8);
  }
  if (scenario === "exception") {
    add("exception", hub, 3 + r() * 6);
    return finish();
  }
  add("departed", hub, 2 + r() * 4);
  if (scenario === "weather_delay") add("weather_delay", hub, 1 + r() * 2);
  add("arrived", destination, (scenario === "weather_delay" ? 24 : 6) + r() * 8);
  t = nextMorning(t, destination, r) - HOUR;
  add("out_for_delivery", destination, 1);
  if (scenario === "failed_attempt" || scenario === "returned") {
    add("attempt_failed", destination, 3 + r() * 5);
    if (scenario === "returned") {
      add("returning", destination, 24 * 3);
      add("arrived", origin, 30 + r() * 10);
      add("returned", origin, 20 + r() * 10);
      return finish();
    }
    t = nextMorning(t, destination, r) - HOUR;
    add("out_for_delivery", destination, 1);
  }
  add("delivered", destination, 2 + r() * 5);
  return finish();

  function finish(): Journey {
    const nominal = scans.find((s) => s.kind === "delivered")?.at ?? input.startAt + 4 * 24 * HOUR;
    // The promise is the delivery day 09:00–21:00 local, as quoted before any trouble.
    const local = nominal + destination.utcOffsetMinutes * 60_000;
    const dayStart = Math.floor(local / (24 * HOUR)) * 24 * HOUR - destination.utcOffsetMinutes * 60_000;
    return {
      carrier: input.carrier,
      trackingNumber: input.trackingNumber,
      scenario,
      international,
      origin,
      destination,
      scans: scenario === "not_found" ? [] : scans,
      eta: { start: dayStart + 9 * HOUR, end: dayStart + 21 * HOUR },
      signedBy,
    };
  }
}

/** Standard normal draw (Box–Muller). */
function normal(r: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(r(), 1e-12))) * Math.cos(2 * Math.PI * r());
}

/** Local midnight (as a UTC instant) of the day `at` falls on at `place`. */
function localDayStart(at: number, place: Place): number {
  const offset = place.utcOffsetMinutes * 60_000;
  return Math.floor((at + offset) / DAY) * DAY - offset;
}


/** A journey over a lane's transit times: see PlanInput.lane. */
function planLaneJourney(input: PlanInput, lane: LaneCountries, seed: number, r: () => number): Journey {
  const international = lane.origin !== lane.destination;
  let scenario = scenarioFor(input.trackingNumber, seed);
  if (scenario === "customs_hold" && !international) scenario = "weather_delay";
  const origins = citiesOf(lane.origin);
  const destinations = citiesOf(lane.destination);
  const origin = pick(origins, r);
  let destination = pick(destinations, r);
  if (destination.city === origin.city && destinations.length > 1) destination = destinations[(destinations.indexOf(destination) + 1) % destinations.length]!;
  const hub = hubOf(lane.destination);
  const signedBy = pick(NAMES, r);
  const transit = laneTransit(lane);

  // Calendar days from label to delivery: the lane's log-normal body, a rare long delay, and the
  // scenario's own trouble on top.
  let days = transit.medianDays * Math.exp(transit.sigma * normal(r));
  if (r() < transit.tail.chance) days += transit.tail.minDays + r() * (transit.tail.maxDays - transit.tail.minDays);
  if (scenario === "weather_delay") days += 1 + r();
  if (scenario === "customs_hold") days += 2 + r() * 2;
  const start = input.startAt;
  let deliveryDay = localDayStart(start + Math.max(days, 1) * DAY, destination);
  // Nobody in the simulated network delivers on a Sunday.
  if (new Date(deliveryDay + destination.utcOffsetMinutes * 60_000).getUTCDay() === 0) deliveryDay += DAY;
  const outForDelivery = deliveryDay + (7 + r() * 2) * HOUR;

  const scans: JourneyScan[] = [];
  const at = (kind: ScanKind, place: Place, time: number) => scans.push({ kind, at: Math.round(time), place });
  at("label_created", origin, start);
  const pickedUp = start + (4 + r() * 8) * HOUR;
  at("picked_up", origin, pickedUp);
  const departed = pickedUp + (2 + r() * 3) * HOUR;
  at("departed", origin, departed);
  const span = Math.max(outForDelivery - departed, 6 * HOUR);
  const step = (fraction: number) => departed + span * fraction;
  let stop = false;
  if (international) {
    at("arrived", hub, step(0.55));
    at("customs_processing", hub, step(0.58));
    if (scenario === "customs_hold") at("customs_held", hub, step(0.6));
    at("customs_released", hub, step(scenario === "customs_hold" ? 0.8 : 0.68));
  } else {
    at("arrived", hub, step(0.35));
  }
  if (scenario === "exception") {
    at("exception", hub, step(0.86));
    stop = true;
  }
  if (!stop) {
    at("departed", hub, step(0.84));
    if (scenario === "weather_delay") at("weather_delay", hub, step(0.86));
    at("arrived", destination, step(0.92));
    at("out_for_delivery", destination, outForDelivery);
    let lastOut = outForDelivery;
    if (scenario === "failed_attempt" || scenario === "returned") {
      const failed = outForDelivery + (3 + r() * 5) * HOUR;
      at("attempt_failed", destination, failed);
      if (scenario === "returned") {
        at("returning", destination, failed + 3 * DAY);
        at("arrived", origin, failed + 3 * DAY + (30 + r() * 10) * HOUR);
        at("returned", origin, failed + 3 * DAY + (50 + r() * 20) * HOUR);
        stop = true;
      } else {
        lastOut = localDayStart(failed, destination) + DAY + (7 + r() * 2) * HOUR;
        at("out_for_delivery", destination, lastOut);
      }
    }
    if (!stop) at("delivered", destination, lastOut + (2 + r() * 6) * HOUR);
  }

  // The carrier's window, quoted at label time from the lane's usual times (never revised).
  const quotedStart = localDayStart(start + transit.medianDays * 0.85 * DAY, destination);
  const quotedEnd = localDayStart(start + transit.medianDays * Math.exp(transit.sigma) * DAY, destination);
  return {
    carrier: input.carrier,
    trackingNumber: input.trackingNumber,
    scenario,
    international,
    origin,
    destination,
    scans: scenario === "not_found" ? [] : scans,
    eta: { start: quotedStart + 9 * HOUR, end: Math.max(quotedEnd, quotedStart) + 21 * HOUR },
    signedBy,
  };
}

/** The scans that have happened by `now`. */
export function visibleScans(journey: Journey, now: number): JourneyScan[] {
  return journey.scans.filter((s) => s.at <= now);
}

/** Wall-clock parts of an instant at a place: used by every wire renderer. */
export function localParts(at: number, place: Place): { date: string; time: string; iso: string; offset: string } {
  const local = new Date(at + place.utcOffsetMinutes * 60_000).toISOString();
  const sign = place.utcOffsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(place.utcOffsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  return { date: local.slice(0, 10), time: local.slice(11, 19), iso: `${local.slice(0, 19)}${offset}`, offset };
}
