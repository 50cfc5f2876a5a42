import type { CarrierCode, ParseResult } from "~/carriers/adapter";
import { parseAfterShipResponse } from "~/carriers/aftership/parse";
import { parseDhlResponse } from "~/carriers/dhl/parse";
import { parseFedexResponse } from "~/carriers/fedex/parse";
import { parseSeventeenTrackResponse } from "~/carriers/seventeen_track/parse";
import { hashString, planJourney, type Journey } from "~/testing/carrier-simulator/journey";
import {
  renderAfterShipTracking,
  renderDhl,
  renderFedex,
  renderFedexResult,
  renderSeventeenTrackInfo,
  renderUps,
  renderUsps,
} from "~/testing/carrier-simulator/render";
import { parseUpsResponse } from "~/carriers/ups/parse";
import { parseUspsResponse } from "~/carriers/usps/parse";
import { proofOfDeliveryFrom } from "~/carriers/proof-of-delivery";
import { eventDedupeKey } from "~/domain/events";
import type { ProofOfDelivery } from "~/domain/proof-of-delivery";
import { deriveShipmentState, type ShipmentState } from "~/domain/shipment-state";
import type { CanonicalEvent } from "~/domain/status";
import { s10CheckDigit } from "~/domain/tracking-number/check-digits";
import { detectTrackingNumber } from "~/domain/tracking-number/detect";
import { generateSampleNumber, seededRandom, type RandomSource } from "~/domain/tracking-number/sample-numbers";
import { TEST_AND_DEMO_IDENTITY_HASH_KEY } from "~/config/env.server";
import { hashCustomerEmail } from "~/data/identity.server";
import { DEMO_SHOP } from "~/config/demo-mode.server";

/**
 * The demo shop's data, built the way production builds it: every parcel's history is what the
 * simulated carrier would answer at `now` (journey → carrier wire JSON → the adapter's parser),
 * and its state comes from the domain's deriveShipmentState. Same seed and day → same shop.
 */
export interface DemoShipment {
  id: string;
  orderId: string;
  orderName: string;
  orderCreatedAt: Date;
  fulfillmentId: string;
  fulfillmentCreatedAt: Date;
  trackingNumber: string;
  trackingUrl: string | null;
  declaredCarrier: string;
  carrier: string | null;
  destinationCountry: string;
  originCountry: string | null;
  lineItemCount: number;
  customerEmailHash: string;
  estimatedDeliveryAt: Date | null;
  estimatedDeliveryEnd: Date | null;
  state: ShipmentState;
  events: (CanonicalEvent & { dedupeKey: string })[];
  lookups: { surface: "storefront" | "customer_account" | "admin"; occurredAt: Date }[];
  /** What the carrier stated at delivery, as the sync engine would keep it. */
  proofOfDelivery?: ProofOfDelivery | null;
}

export interface DemoShop {
  domain: string;
  name: string;
  shipments: DemoShipment[];
  orderCount: number;
}

interface CarrierProfile {
  code: string;
  declaredName: string;
  weight: number;
  /** Which simulated carrier network answers for it (long-tail carriers go through 17TRACK). */
  network: CarrierCode;
  trackingNumber: (random: RandomSource) => string;
}

const CARRIERS: readonly CarrierProfile[] = [
  { code: "ups", declaredName: "UPS", weight: 28, network: "ups", trackingNumber: (r) => generateSampleNumber("ups_1z", r).number },
  { code: "usps", declaredName: "USPS", weight: 24, network: "usps", trackingNumber: (r) => generateSampleNumber("usps_impb", r).number },
  { code: "fedex", declaredName: "FedEx", weight: 18, network: "fedex", trackingNumber: (r) => generateSampleNumber("fedex_express_12", r).number },
  { code: "dhl", declaredName: "DHL Express", weight: 12, network: "dhl", trackingNumber: (r) => generateSampleNumber("dhl_express", r).number },
  {
    code: "china_post",
    declaredName: "China Post",
    weight: 10,
    network: "seventeen_track",
    trackingNumber: (r) => {
      const serial = String(Math.floor(r() * 1e8)).padStart(8, "0");
      return `L${"ABCDEFGHJKLMNPQRSTUVWXYZ".charAt(Math.floor(r() * 24))}${serial}${s10CheckDigit(serial)}CN`;
    },
  },
  { code: "yunexpress", declaredName: "YunExpress", weight: 8, network: "seventeen_track", trackingNumber: (r) => generateSampleNumber("yunexpress", r).number },
];

const DESTINATIONS: readonly (readonly [country: string, weight: number])[] = [
  ["US", 62],
  ["CA", 8],
  ["GB", 8],
  ["DE", 10],
  ["FR", 5],
  ["AU", 7],
];

/** Destinations the demo's German warehouse serves (DHL); everything else leaves from the US. */
const FROM_GERMANY = new Set(["DE", "FR", "GB"]);

/**
 * Where a demo parcel travels: China Post and YunExpress parcels come from China (drop-shipped),
 * DHL parcels to Europe from the shop's German warehouse, the rest from its US warehouse.
 */
export function demoLane(carrier: string, destinationCountry: string): { origin: string; destination: string } {
  const origin = carrier === "china_post" || carrier === "yunexpress" ? "CN" : carrier === "dhl" && FROM_GERMANY.has(destinationCountry) ? "DE" : "US";
  return { origin, destination: destinationCountry };
}

/** USPS takes the demo's domestic parcels only (its simulated API has no customs scans). */
function servesDestination(profile: CarrierProfile, destination: string): boolean {
  return profile.code !== "usps" || destination === "US";
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The demo's carrier seed: the simulator started by `npm run demo` plans the same journeys. */
export const DEMO_CARRIER_SEED = 42;

/**
 * When the carrier picked up a demo parcel's label: up to three hours after fulfillment, derived
 * from the number alone so the running simulator can tell the same story the seed told.
 */
export function demoJourneyStart(trackingNumber: string, fulfilledAt: number): number {
  return fulfilledAt + (hashString(trackingNumber) % 180) * 60_000;
}

function weighted<T>(random: RandomSource, items: readonly T[], weightOf: (item: T) => number): T {
  const total = items.reduce((sum, item) => sum + weightOf(item), 0);
  let ticket = random() * total;
  for (const item of items) {
    ticket -= weightOf(item);
    if (ticket < 0) return item;
  }
  return items[items.length - 1] as T;
}

/**
 * What the simulated carrier answers for a journey at `now`, parsed by the real adapter parser,
 * with the journey it tells.
 */
function carrierAnswer(
  network: CarrierCode,
  trackingNumber: string,
  startAt: number,
  now: number,
  seed: number,
  lane: { origin: string; destination: string },
): { answer: ParseResult; journey: Journey } {
  const journey = planJourney({ carrier: network, trackingNumber, seed, startAt, lane });
  return { answer: parsedAnswer(network, trackingNumber, journey, now), journey };
}

function parsedAnswer(network: CarrierCode, trackingNumber: string, journey: Journey, now: number): ParseResult {
  switch (network) {
    case "ups":
      return parseUpsResponse(renderUps(journey, now), { trackingNumber });
    case "fedex":
      return parseFedexResponse(renderFedex([renderFedexResult(journey, now)], "demo-seed"), { trackingNumbers: [trackingNumber] });
    case "usps":
      return parseUspsResponse(renderUsps(journey, now), { trackingNumber });
    case "dhl":
      return parseDhlResponse(renderDhl(journey, now, "express"), { trackingNumber });
    case "seventeen_track":
      return parseSeventeenTrackResponse(
        { code: 0, data: { accepted: [renderSeventeenTrackInfo(journey, now)], rejected: [] } },
        { trackingNumbers: [trackingNumber] },
      );
    case "aftership":
      return parseAfterShipResponse({ meta: { code: 200 }, data: { trackings: [renderAfterShipTracking(journey, now)] } }, [trackingNumber]);
  }
}

/** Changes one digit: the kind of typo merchants make when they key a number in by hand. */
function typo(trackingNumber: string, random: RandomSource): string {
  const digits = [...trackingNumber].map((char, index) => (/\d/.test(char) ? index : -1)).filter((index) => index >= 0);
  const position = digits[Math.floor(random() * digits.length)] ?? 0;
  const old = Number(trackingNumber[position]);
  return `${trackingNumber.slice(0, position)}${(old + 1 + Math.floor(random() * 8)) % 10}${trackingNumber.slice(position + 1)}`;
}

export function buildDemoShop(options: { now: Date; seed?: number; orders?: number }): DemoShop {
  const seed = options.seed ?? 42;
  const orderCount = options.orders ?? 520;
  const random = seededRandom(seed);
  const now = options.now.getTime();
  const shipments: DemoShipment[] = [];

  for (let index = 0; index < orderCount; index++) {
    const orderNumber = 1001 + index;
    // Two in five orders are from the last week (parcels still moving), the rest from 50 days.
    const ageDays = random() < 0.4 ? random() * 7 : random() * 50;
    const orderCreatedAt = now - Math.floor(ageDays * DAY) - 2 * HOUR;
    const destination = weighted(random, DESTINATIONS, ([, weight]) => weight)[0];
    const parcels = random() < 0.08 ? 2 : 1;
    const lineItemCount = 1 + Math.floor(random() * 4);
    // The demo server hashes lookups with the fixed test-and-demo key, whatever seeded it.
    const customerEmailHash = hashCustomerEmail(`customer${orderNumber}@example.com`, TEST_AND_DEMO_IDENTITY_HASH_KEY);
    for (let parcel = 0; parcel < parcels; parcel++) {
      const profile = weighted(
        random,
        CARRIERS.filter((carrier) => servesDestination(carrier, destination)),
        (carrier) => carrier.weight,
      );
      const fulfilledAt = Math.min(orderCreatedAt + (2 + random() * 38) * HOUR, now - HOUR);
      const validNumber = profile.trackingNumber(random);
      const mistyped = random() < 0.015;
      const trackingNumber = mistyped ? typo(validNumber, random) : validNumber;
      const detection = detectTrackingNumber(trackingNumber, { hint: profile.declaredName });
      const candidate = detection.candidates.find((found) => found.carrier === profile.code) ?? detection.candidates[0];
      const shipmentId = `demo_${orderNumber}_${parcel + 1}`;

      let events: CanonicalEvent[] = [];
      let eta: { start: string; end: string } | null = null;
      let proofOfDelivery: ProofOfDelivery | null = null;
      if (detection.valid) {
        const { answer, journey } = carrierAnswer(
          profile.network,
          trackingNumber,
          demoJourneyStart(trackingNumber, fulfilledAt),
          now,
          DEMO_CARRIER_SEED,
          demoLane(profile.code, destination),
        );
        const found = answer.ok ? answer.items.find((item) => item.kind === "found") : undefined;
        if (found && found.kind === "found") {
          events = found.events;
          // The window the carrier quoted at label time, kept after delivery as the sync engine keeps
          // the estimate a parcel was given (carriers stop sending it once a parcel is delivered).
          eta = found.carrierEta ?? (events.length > 0 ? { start: new Date(journey.eta.start).toISOString(), end: new Date(journey.eta.end).toISOString() } : null);
          proofOfDelivery = proofOfDeliveryFrom(profile.network, found) ?? null;
        }
      }
      const international = events.some((event) => event.location?.country && event.location.country !== destination);
      const state: ShipmentState = detection.valid
        ? deriveShipmentState(events, options.now, {
            shipmentId,
            trackingStartedAt: new Date(fulfilledAt).toISOString(),
            estimatedDeliveryAt: eta?.end ?? null,
            international,
          })
        : {
            status: "invalid",
            subStatus: null,
            statusEvent: null,
            deliveredAt: null,
            pickedUpAt: null,
            lastEventAt: null,
            flags: { stalled: false, late: false, notPickedUp: false },
            nextCheckAt: null,
            regression: null,
            explanations: [detection.reason ?? "tracking number failed validation"],
          };

      const lookups: DemoShipment["lookups"] = [];
      const lookupCount = state.status === "pending" || state.status === "invalid" ? 0 : Math.floor(random() * random() * 5);
      for (let lookup = 0; lookup < lookupCount; lookup++) {
        const surface = weighted(random, ["storefront", "customer_account", "admin"] as const, (name) =>
          name === "storefront" ? 5 : name === "customer_account" ? 4 : 1,
        );
        lookups.push({ surface, occurredAt: new Date(fulfilledAt + random() * Math.max(now - fulfilledAt, HOUR)) });
      }

      shipments.push({
        id: shipmentId,
        orderId: `gid://shopify/Order/${5_100_000_000 + index}`,
        orderName: `#${orderNumber}`,
        orderCreatedAt: new Date(orderCreatedAt),
        fulfillmentId: `gid://shopify/Fulfillment/${4_200_000_000 + index * 2 + parcel}`,
        fulfillmentCreatedAt: new Date(fulfilledAt),
        trackingNumber,
        trackingUrl: candidate?.trackingUrl ?? null,
        declaredCarrier: profile.declaredName,
        carrier: detection.valid ? profile.code : null,
        destinationCountry: destination,
        originCountry: events.find((event) => event.location?.country)?.location?.country ?? null,
        lineItemCount,
        customerEmailHash,
        estimatedDeliveryAt: eta ? new Date(eta.start) : null,
        estimatedDeliveryEnd: eta ? new Date(eta.end) : null,
        state,
        events: events.map((event) => ({ ...event, dedupeKey: eventDedupeKey(event) })),
        lookups,
        proofOfDelivery,
      });
    }
  }
  return { domain: DEMO_SHOP, name: "Trackline Demo Store", shipments, orderCount };
}
