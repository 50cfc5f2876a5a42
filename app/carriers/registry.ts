import type { z } from "zod";
import type { AdapterOptions, CarrierAdapter, CarrierCode, ParseResult } from "./adapter";
import { DhlCredentials, createDhlAdapter } from "./dhl/adapter";
import { parseDhlResponse } from "./dhl/parse";
import { FedexCredentials, createFedexAdapter } from "./fedex/adapter";
import { parseFedexResponse } from "./fedex/parse";
import { SeventeenTrackCredentials, createSeventeenTrackAdapter } from "./seventeen_track/adapter";
import { parseSeventeenTrackResponse } from "./seventeen_track/parse";
import { UpsCredentials, createUpsAdapter } from "./ups/adapter";
import { parseUpsResponse } from "./ups/parse";
import { UspsCredentials, createUspsAdapter } from "./usps/adapter";
import { parseUspsResponse } from "./usps/parse";

/**
 * Carrier code → plug-in. The scheduler reads `limits` to pace calls (adapters never sleep), the
 * settings UI validates merchant input with `credentials`, and the CLI uses `parse` to replay saved
 * responses. Limits are the carriers' documented defaults; accounts can negotiate more.
 */
export interface RateWindow {
  requests: number;
  perMs: number;
}

export interface CarrierLimits {
  /** Tracking numbers one HTTP request may carry. */
  numbersPerRequest: number;
  /** Every window must be respected at once (e.g. DHL per second and per day). */
  windows: RateWindow[];
  /** Most times one shipment may be fetched per day (DHL asks for ≤ 10). */
  fetchesPerShipmentPerDay?: number;
  note: string;
}

export interface CarrierPlugin<Credentials = unknown> {
  code: CarrierCode;
  displayName: string;
  credentials: z.ZodType<Credentials>;
  limits: CarrierLimits;
  createAdapter: (options: AdapterOptions<Credentials>) => CarrierAdapter;
  /** Pure parser of one saved response body (numbers help batch carriers label request-wide errors). */
  parse: (json: unknown, trackingNumbers?: readonly string[]) => ParseResult;
}

const SECOND = 1000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export const CARRIER_LIMITS: Record<CarrierCode, CarrierLimits> = {
  ups: { numbersPerRequest: 1, windows: [], note: "Track API v1 takes one inquiry number per call; no published quota" },
  fedex: {
    numbersPerRequest: 30,
    windows: [{ requests: 1400, perMs: 10 * SECOND }],
    note: "Up to 30 numbers per request; 1,400 requests per 10 s per project",
  },
  usps: { numbersPerRequest: 1, windows: [{ requests: 60, perMs: HOUR }], note: "Default quota ~60 requests/hour until USPS raises it" },
  dhl: {
    numbersPerRequest: 1,
    windows: [
      { requests: 1, perMs: SECOND },
      { requests: 250, perMs: DAY },
    ],
    fetchesPerShipmentPerDay: 10,
    note: "Default key: 250 calls/day, 1 call/s; DHL asks for at most 10 fetches per shipment per day",
  },
  seventeen_track: {
    numbersPerRequest: 40,
    windows: [{ requests: 3, perMs: SECOND }],
    note: "Up to 40 numbers per register/gettrackinfo call; 3 requests/s",
  },
};

function plugin<C>(p: CarrierPlugin<C>): CarrierPlugin<C> {
  return p;
}

export const CARRIER_PLUGINS = {
  ups: plugin({
    code: "ups",
    displayName: "UPS",
    credentials: UpsCredentials,
    limits: CARRIER_LIMITS.ups,
    createAdapter: createUpsAdapter,
    parse: (json, numbers) => parseUpsResponse(json, numbers?.[0] === undefined ? {} : { trackingNumber: numbers[0] }),
  }),
  fedex: plugin({
    code: "fedex",
    displayName: "FedEx",
    credentials: FedexCredentials,
    limits: CARRIER_LIMITS.fedex,
    createAdapter: createFedexAdapter,
    parse: (json, numbers) => parseFedexResponse(json, numbers === undefined ? {} : { trackingNumbers: numbers }),
  }),
  usps: plugin({
    code: "usps",
    displayName: "USPS",
    credentials: UspsCredentials,
    limits: CARRIER_LIMITS.usps,
    createAdapter: createUspsAdapter,
    parse: (json, numbers) => parseUspsResponse(json, numbers?.[0] === undefined ? {} : { trackingNumber: numbers[0] }),
  }),
  dhl: plugin({
    code: "dhl",
    displayName: "DHL",
    credentials: DhlCredentials,
    limits: CARRIER_LIMITS.dhl,
    createAdapter: createDhlAdapter,
    parse: (json, numbers) => parseDhlResponse(json, numbers?.[0] === undefined ? {} : { trackingNumber: numbers[0] }),
  }),
  seventeen_track: plugin({
    code: "seventeen_track",
    displayName: "17TRACK (aggregator)",
    credentials: SeventeenTrackCredentials,
    limits: CARRIER_LIMITS.seventeen_track,
    createAdapter: createSeventeenTrackAdapter,
    parse: (json, numbers) => parseSeventeenTrackResponse(json, numbers === undefined ? {} : { trackingNumbers: numbers }),
  }),
} as const;

// Compile-time check that every carrier code has a plug-in.
const _everyCarrierHasAPlugin: Record<CarrierCode, { code: CarrierCode }> = CARRIER_PLUGINS;
void _everyCarrierHasAPlugin;

export function getCarrierPlugin(code: CarrierCode): CarrierPlugin<unknown> {
  return CARRIER_PLUGINS[code] as unknown as CarrierPlugin<unknown>;
}

/** Carriers we talk to directly; everything else goes through the aggregator. */
export const DIRECT_CARRIERS = ["ups", "fedex", "usps", "dhl"] as const satisfies readonly CarrierCode[];

/**
 * Shopify's `tracking_company` names (and common spellings) of carriers with a direct adapter.
 * Matching is on a normalised name (lower case, letters and digits only).
 */
const DIRECT_ALIASES: Record<string, (typeof DIRECT_CARRIERS)[number]> = {
  ups: "ups",
  unitedparcelservice: "ups",
  fedex: "fedex",
  federalexpress: "fedex",
  usps: "usps",
  unitedstatespostalservice: "usps",
  dhl: "dhl",
  dhlexpress: "dhl",
  dhlparcel: "dhl",
  dhlecommerce: "dhl",
  dhlecommercesolutions: "dhl",
  dhlparcelde: "dhl",
  deutschepostdhl: "dhl",
};

export interface CarrierRoute {
  adapter: CarrierCode;
  /** The merchant's carrier name, kept so the aggregator can be given a hint later. */
  carrierName: string;
}

/** Decides which adapter tracks a shipment: a direct one when we have it, else 17TRACK. */
export function routeCarrier(carrierName: string): CarrierRoute {
  const key = carrierName.toLowerCase().replace(/[^a-z0-9]/g, "");
  const direct = Object.hasOwn(DIRECT_ALIASES, key) ? DIRECT_ALIASES[key] : undefined;
  return { adapter: direct ?? "seventeen_track", carrierName };
}

/** Where a merchant files a claim or contacts the carrier about a parcel in trouble (worklist action). */
export const CARRIER_CLAIM_PAGES: Record<CarrierCode, string | null> = {
  ups: "https://www.ups.com/us/en/support/file-a-claim.page",
  fedex: "https://www.fedex.com/en-us/customer-support/claims.html",
  usps: "https://www.usps.com/help/claims.htm",
  dhl: "https://www.dhl.com/global-en/home/customer-service.html",
  // 17TRACK relays many carriers: the parcel's own carrier page is the place to ask.
  seventeen_track: null,
};
