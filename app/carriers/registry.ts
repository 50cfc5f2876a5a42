import { aftershipCarrier } from "./aftership/carrier";
import { dhlCarrier } from "./dhl/carrier";
import { fedexCarrier } from "./fedex/carrier";
import type { CarrierLimits, CarrierPlugin } from "./plugin";
import { seventeenTrackCarrier } from "./seventeen_track/carrier";
import { upsCarrier } from "./ups/carrier";
import { uspsCarrier } from "./usps/carrier";

export type { CarrierLimits, CarrierPlugin, RateWindow } from "./plugin";

/**
 * The one list of carrier folders. Everything else about a carrier (code, name, quotas,
 * credentials and their environment variables, Shopify carrier-name aliases, simulator path,
 * status tables, push parser, conformance fixtures) is declared in its folder's `carrier.ts`;
 * adding a carrier is a new folder and one line here.
 */
export const CARRIERS = [upsCarrier, fedexCarrier, uspsCarrier, dhlCarrier, seventeenTrackCarrier, aftershipCarrier] as const;

export type CarrierCode = (typeof CARRIERS)[number]["code"];

/** Lookups derived from a list of carrier plug-ins; `createCarrierRegistry` builds one for any list. */
export interface CarrierRegistry<Code extends string = string> {
  readonly plugins: readonly CarrierPlugin<unknown, Code>[];
  readonly codes: readonly Code[];
  isCode(value: string): value is Code;
  /** Throws for a code that is not registered (a programming error, never silent). */
  get(code: Code): CarrierPlugin<unknown, Code>;
  /** Carriers tracked through their own API. */
  readonly direct: readonly Code[];
  /** The default long-tail carrier: the first aggregator listed. */
  readonly aggregator: Code;
  /** Every long-tail carrier a shop may choose, default first. */
  readonly aggregators: readonly Code[];
  /** The shop's chosen aggregator when it is registered, else the default. */
  aggregatorFor(preferred: string | null | undefined): Code;
  /** Which plug-in tracks a shipment whose merchant-given carrier name is `carrierName`. */
  route(carrierName: string, preferredAggregator?: string | null): CarrierRoute<Code>;
  /** Which plug-in tracks a shipment of our carrier code (from detection or mapping); long-tail numbers go to the shop's aggregator. */
  adapterCodeFor(carrier: string, preferredAggregator?: string | null): Code;
}

export interface CarrierRoute<Code extends string = CarrierCode> {
  adapter: Code;
  /** The merchant's carrier name, kept so the aggregator can be given a hint later. */
  carrierName: string;
}

function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

export function createCarrierRegistry<Code extends string>(plugins: readonly CarrierPlugin<unknown, Code>[]): CarrierRegistry<Code> {
  const byCode = new Map<string, CarrierPlugin<unknown, Code>>();
  const byAlias = new Map<string, Code>();
  for (const plugin of plugins) {
    if (byCode.has(plugin.code)) throw new Error(`carrier ${plugin.code} is registered twice`);
    if ([...byCode.values()].some((other) => other.path === plugin.path)) throw new Error(`carrier path ${plugin.path} is used twice`);
    byCode.set(plugin.code, plugin);
    for (const alias of plugin.aliases) {
      const key = normalizeName(alias);
      const owner = byAlias.get(key);
      if (owner !== undefined && owner !== plugin.code) throw new Error(`carrier name "${alias}" is claimed by ${owner} and ${plugin.code}`);
      byAlias.set(key, plugin.code);
    }
  }
  const aggregators = plugins.filter((plugin) => plugin.role === "aggregator").map((plugin) => plugin.code);
  if (aggregators.length === 0) throw new Error("at least one aggregator carrier must be registered, found 0");
  const aggregator = aggregators[0]!;
  const aggregatorFor = (preferred: string | null | undefined): Code =>
    preferred != null && (aggregators as readonly string[]).includes(preferred) ? (preferred as Code) : aggregator;
  const direct = plugins.filter((plugin) => plugin.role === "direct").map((plugin) => plugin.code);
  const isCode = (value: string): value is Code => byCode.has(value);
  return {
    plugins,
    codes: plugins.map((plugin) => plugin.code),
    isCode,
    get(code) {
      const plugin = byCode.get(code);
      if (!plugin) throw new Error(`no carrier ${code} is registered`);
      return plugin;
    },
    direct,
    aggregator,
    aggregators,
    aggregatorFor,
    route(carrierName, preferredAggregator) {
      return { adapter: byAlias.get(normalizeName(carrierName)) ?? aggregatorFor(preferredAggregator), carrierName };
    },
    adapterCodeFor(carrier, preferredAggregator) {
      if ((direct as readonly string[]).includes(carrier)) return carrier as Code;
      // A number already routed to an aggregator stays with the shop's choice of aggregator.
      return aggregatorFor(preferredAggregator);
    },
  };
}

/** The app's registry, built from `CARRIERS`. */
export const carrierRegistry: CarrierRegistry<CarrierCode> = createCarrierRegistry<CarrierCode>(CARRIERS as readonly CarrierPlugin<unknown, CarrierCode>[]);

export const CARRIER_CODES: readonly CarrierCode[] = carrierRegistry.codes;

export function isCarrierCode(value: string): value is CarrierCode {
  return carrierRegistry.isCode(value);
}

/** Carrier code → plug-in, with each plug-in's own credential type. */
export const CARRIER_PLUGINS = Object.fromEntries(CARRIERS.map((plugin) => [plugin.code, plugin])) as {
  [P in (typeof CARRIERS)[number] as P["code"]]: P;
};

export function getCarrierPlugin(code: CarrierCode): CarrierPlugin<unknown> {
  return carrierRegistry.get(code);
}

/** Quotas per carrier, as each folder declares them. */
export const CARRIER_LIMITS = Object.fromEntries(CARRIERS.map((plugin) => [plugin.code, plugin.limits])) as Readonly<Record<CarrierCode, CarrierLimits>>;

/** Carriers we talk to directly; everything else goes through the aggregator. */
export const DIRECT_CARRIERS: readonly CarrierCode[] = carrierRegistry.direct;

/** Decides which adapter tracks a shipment: a direct one when we have it, else the aggregator. */
export function routeCarrier(carrierName: string, preferredAggregator?: string | null): CarrierRoute {
  return carrierRegistry.route(carrierName, preferredAggregator);
}

/** Where a merchant files a claim or contacts the carrier about a parcel in trouble (worklist action), as each folder declares it. */
export const CARRIER_CLAIM_PAGES = Object.fromEntries(CARRIERS.map((plugin) => [plugin.code, plugin.claimPage])) as Readonly<Record<CarrierCode, string | null>>;
