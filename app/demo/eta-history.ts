import { DeliveryCalendar, type HolidaySource } from "~/domain/eta/calendar";
import { HISTORY_COLUMNS, historyCsvLine, type HistoryRow } from "~/domain/eta/history";
import { deliveryWeekdaysFor } from "~/carriers/delivery-weekdays";

/**
 * Generated delivery history that behaves like a real shop's: China → US about 7–20 calendar
 * days, US domestic 2–6, intra-EU 2–6, each with a long tail; distance and remote postal areas add
 * days; the peak season (mid-November to December) slows everything; carriers drift over the
 * year; nobody delivers on the destination's public holidays, nor on days the carrier does not
 * deliver (USPS and DHL in Germany deliver on Saturdays, nobody on Sundays). Each row also carries
 * the merchant's fixed promise ("delivered within N days"). Deterministic for a seed.
 */

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

interface Region {
  code: string;
  /** Extra business days to reach this region from the lane's origin. */
  offset: number;
  prefixes: string[];
}

interface LaneSpec {
  share: number;
  carrier: string;
  origin: { country: string; regions: string[]; postal: string[] };
  destinationCountry: string;
  regions: Region[];
  /** Median business days and log-normal spread. */
  medianDays: number;
  sigma: number;
  /** Chance and size (business days) of a long delay. */
  tail: { chance: number; min: number; max: number };
  /** The merchant's fixed promise, calendar days after shipment. */
  promiseDays: number;
  /** Relative change of the median over a year (a carrier getting slower or faster). */
  drift: number;
}

function prefixes(first: number, count: number, width = 3): string[] {
  return Array.from({ length: count }, (_, index) => String(first + index).padStart(width, "0"));
}

const US_REGIONS_FROM_CHINA: Region[] = [
  { code: "CA", offset: -1.5, prefixes: prefixes(900, 12) },
  { code: "WA", offset: -1, prefixes: prefixes(980, 6) },
  { code: "TX", offset: 0.5, prefixes: prefixes(750, 10) },
  { code: "IL", offset: 1, prefixes: prefixes(600, 8) },
  { code: "NY", offset: 1.5, prefixes: prefixes(100, 10) },
  { code: "FL", offset: 2, prefixes: prefixes(320, 8) },
  { code: "MT", offset: 3, prefixes: prefixes(590, 4) },
];

const US_REGIONS_FROM_NJ: Region[] = [
  { code: "NY", offset: -1, prefixes: prefixes(100, 10) },
  { code: "PA", offset: -0.5, prefixes: prefixes(150, 8) },
  { code: "IL", offset: 0.5, prefixes: prefixes(600, 8) },
  { code: "TX", offset: 1, prefixes: prefixes(750, 10) },
  { code: "CA", offset: 2, prefixes: prefixes(900, 12) },
  { code: "AK", offset: 3, prefixes: prefixes(995, 3) },
];

const LANES: LaneSpec[] = [
  {
    share: 0.35,
    carrier: "yunexpress",
    origin: { country: "CN", regions: ["GD", "ZJ"], postal: ["518", "322"] },
    destinationCountry: "US",
    regions: US_REGIONS_FROM_CHINA,
    medianDays: 8.5,
    sigma: 0.18,
    tail: { chance: 0.06, min: 3, max: 12 },
    promiseDays: 30,
    drift: -0.12,
  },
  {
    share: 0.3,
    carrier: "usps",
    origin: { country: "US", regions: ["NJ"], postal: ["070"] },
    destinationCountry: "US",
    regions: US_REGIONS_FROM_NJ,
    medianDays: 2.6,
    sigma: 0.22,
    tail: { chance: 0.05, min: 2, max: 7 },
    promiseDays: 12,
    drift: 0.1,
  },
  {
    share: 0.35,
    carrier: "dhl",
    origin: { country: "DE", regions: ["NW"], postal: ["405"] },
    destinationCountry: "",
    regions: [],
    medianDays: 2.5,
    sigma: 0.22,
    tail: { chance: 0.05, min: 2, max: 7 },
    promiseDays: 12,
    drift: 0.05,
  },
];

/** Intra-EU destinations from a German warehouse: country, regions with their extra days. */
const EU_DESTINATIONS: { country: string; share: number; regions: Region[] }[] = [
  { country: "DE", share: 0.35, regions: [{ code: "BY", offset: 0, prefixes: prefixes(800, 10, 3) }, { code: "BE", offset: -0.3, prefixes: prefixes(100, 6, 3) }] },
  { country: "FR", share: 0.2, regions: [{ code: "IDF", offset: 0.5, prefixes: prefixes(750, 6, 3) }, { code: "PAC", offset: 1.5, prefixes: prefixes(130, 6, 3) }] },
  { country: "NL", share: 0.15, regions: [{ code: "NH", offset: 0, prefixes: prefixes(100, 8, 3) }] },
  { country: "IT", share: 0.15, regions: [{ code: "LOM", offset: 1.5, prefixes: prefixes(201, 6, 3) }, { code: "SIC", offset: 3, prefixes: prefixes(900, 4, 3) }] },
  { country: "ES", share: 0.15, regions: [{ code: "MD", offset: 1.5, prefixes: prefixes(280, 5, 3) }, { code: "AN", offset: 2.5, prefixes: prefixes(410, 5, 3) }] },
];

/** Remote postal areas: a stable few prefixes per region take longer. */
function remoteExtra(prefix: string): number {
  let hash = 0;
  for (const char of prefix) hash = (hash * 31 + char.charCodeAt(0)) % 9973;
  return hash % 5 === 0 ? 1.5 : 0;
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

const DAY_MS = 86_400_000;

export interface GeneratedHistoryOptions {
  rows: number;
  seed?: number;
  /** First shipment; rows are spread over `spanDays` after it. */
  startMs?: number;
  spanDays?: number;
  holidays: HolidaySource;
  /** Multiplies every lane's log-normal spread (1 = as described above). */
  spread?: number;
  /** Multiplies every lane's chance of a long delay. */
  tails?: number;
  /** Slow-down of the peak season (1.3 = 30 % slower from mid-November through December). */
  peak?: number;
  /**
   * Filled, by row id, with the business days a parcel's own distribution has as its median: the
   * best P50 any estimate could give it, knowing everything the generator knows.
   */
  trueMedians?: Map<string, number>;
}

/** Standard normal distribution function (Abramowitz and Stegun 26.2.17, error below 1e-7). */
function normalCdf(x: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(x));
  const density = 0.3989422804014327 * Math.exp((-x * x) / 2);
  const tail = density * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return x > 0 ? 1 - tail : tail;
}

/**
 * The median of whole business days (at least 1) of a parcel whose days are `median` times a
 * log-normal of spread `sigma`, plus, with chance `tailChance`, a delay uniform on the tail's range.
 */
function mixtureMedian(median: number, sigma: number, tailChance: number, tail: { min: number; max: number }): number {
  const logNormalBelow = (x: number) => (x <= 0 ? 0 : normalCdf(Math.log(x / median) / sigma));
  const STEPS = 64;
  for (let days = 1; days < 64; days++) {
    const below = days + 0.5;
    let delayedBelow = 0;
    for (let step = 0; step < STEPS; step++) delayedBelow += logNormalBelow(below - (tail.min + ((step + 0.5) / STEPS) * (tail.max - tail.min))) / STEPS;
    if ((1 - tailChance) * logNormalBelow(below) + tailChance * delayedBelow >= 0.5) return days;
  }
  return 64;
}

export function generateHistory(options: GeneratedHistoryOptions): HistoryRow[] {
  const random = seededRandom(options.seed ?? 13);
  const startMs = options.startMs ?? Date.UTC(2025, 0, 6);
  const spanDays = options.spanDays ?? 700;
  const calendar = new DeliveryCalendar("UTC", options.holidays);
  const rows: HistoryRow[] = [];
  for (let index = 0; index < options.rows; index++) {
    const roll = random();
    const spec = roll < LANES[0]!.share ? LANES[0]! : roll < LANES[0]!.share + LANES[1]!.share ? LANES[1]! : LANES[2]!;
    let destinationCountry = spec.destinationCountry;
    let regions = spec.regions;
    if (spec.regions.length === 0) {
      let pickRoll = random();
      const destination = EU_DESTINATIONS.find((candidate) => (pickRoll -= candidate.share) < 0) ?? EU_DESTINATIONS[0]!;
      destinationCountry = destination.country;
      regions = destination.regions;
    }
    const region = pick(regions, random);
    const prefix = pick(region.prefixes, random);
    // Shipped on a working day during working hours (UTC).
    let shipDay = Math.floor((startMs + Math.floor(random() * spanDays) * DAY_MS) / DAY_MS);
    while (!calendar.isBusinessDay(shipDay, spec.origin.country)) shipDay += 1;
    const shippedAtMs = shipDay * DAY_MS + Math.floor((8 + random() * 9) * 3_600_000);
    const yearFraction = (shipDay * DAY_MS - startMs) / (365 * DAY_MS);
    const date = new Date(shipDay * DAY_MS);
    const month = date.getUTCMonth();
    const peak = (month === 10 && date.getUTCDate() >= 15) || month === 11 ? (options.peak ?? 1.3) : 1;
    const median = Math.max(0.8, (spec.medianDays + region.offset + remoteExtra(prefix)) * (1 + spec.drift * yearFraction) * peak);
    const sigma = spec.sigma * (options.spread ?? 1);
    const tailChance = spec.tail.chance * (options.tails ?? 1);
    let days = median * Math.exp(sigma * normal(random));
    if (random() < tailChance) days += spec.tail.min + random() * (spec.tail.max - spec.tail.min);
    const businessDays = Math.max(1, Math.round(days));
    const deliveredDay = calendar.add(shipDay, businessDays, destinationCountry, deliveryWeekdaysFor(spec.carrier, destinationCountry));
    const deliveredAtMs = deliveredDay * DAY_MS + Math.floor((9 + random() * 10) * 3_600_000);
    const orderedAtMs = shippedAtMs - Math.floor((2 + random() * 60) * 3_600_000);
    const promisedAt = new Date((shipDay + spec.promiseDays + 1) * DAY_MS - 1000).toISOString();
    const id = `h${String(index + 1).padStart(7, "0")}`;
    options.trueMedians?.set(id, mixtureMedian(median, sigma, tailChance, spec.tail));
    rows.push({
      id,
      orderedAtMs,
      shippedAtMs,
      deliveredAtMs,
      promisedAt,
      lane: {
        carrier: spec.carrier,
        originCountry: spec.origin.country,
        originRegion: pick(spec.origin.regions, random),
        originPostalPrefix: pick(spec.origin.postal, random),
        destinationCountry,
        destinationRegion: region.code,
        destinationPostalPrefix: prefix,
      },
    });
  }
  return rows.sort((a, b) => a.shippedAtMs - b.shippedAtMs);
}

export function historyCsv(rows: readonly HistoryRow[]): string {
  return [HISTORY_COLUMNS.join(","), ...rows.map(historyCsvLine)].join("\n") + "\n";
}
