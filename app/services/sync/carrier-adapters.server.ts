import type { CarrierAdapter, CarrierCode } from "../../carriers/adapter";
import { getCarrierPlugin } from "../../carriers/registry";
import type { AppEnv } from "../../config/env.server";
import type { Db } from "../../data/db.server";
import { loadCarrierCredentials } from "../carrier-accounts/carrier-accounts.server";
import type { AdapterSource } from "./sync-engine.server";

/** The simulator serves every carrier under one host, each under its own path prefix. */
const SIMULATOR_PREFIX: Record<CarrierCode, string> = {
  ups: "ups",
  fedex: "fedex",
  usps: "usps",
  dhl: "dhl",
  seventeen_track: "17track",
};

/** App-level credentials from the environment, per carrier (null when not configured). */
export function appCarrierCredentials(env: AppEnv): Record<CarrierCode, unknown | null> {
  const pair = (clientId?: string, clientSecret?: string) => (clientId && clientSecret ? { clientId, clientSecret } : null);
  return {
    ups: pair(env.UPS_CLIENT_ID, env.UPS_CLIENT_SECRET),
    fedex: pair(env.FEDEX_CLIENT_ID, env.FEDEX_CLIENT_SECRET),
    usps: pair(env.USPS_CLIENT_ID, env.USPS_CLIENT_SECRET),
    dhl: env.DHL_API_KEY ? { apiKey: env.DHL_API_KEY } : null,
    seventeen_track: env.SEVENTEEN_TRACK_API_KEY
      ? { apiKey: env.SEVENTEEN_TRACK_API_KEY, ...(env.SEVENTEEN_TRACK_WEBHOOK_KEY ? { webhookKey: env.SEVENTEEN_TRACK_WEBHOOK_KEY } : {}) }
      : null,
  };
}

/**
 * Builds carrier adapters for the sync engine and keeps them for reuse (their OAuth tokens stay
 * cached). A shop's own carrier account wins over the app's credentials.
 */
export class CarrierAdapterSource implements AdapterSource {
  private readonly cache = new Map<string, CarrierAdapter>();

  constructor(
    private readonly options: {
      db: Db;
      appCredentials: Record<CarrierCode, unknown | null>;
      credentialsKey: string | undefined;
      simulatorUrl?: string | undefined;
      clock?: () => number;
      timeoutMs?: number;
    },
  ) {}

  async adapterFor(carrier: CarrierCode, shopDomain: string | null): Promise<CarrierAdapter | null> {
    const key = `${carrier}:${shopDomain ?? "app"}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const credentials = shopDomain
      ? await loadCarrierCredentials(this.options.db, { key: this.options.credentialsKey, shopDomain, carrier })
      : this.options.appCredentials[carrier];
    if (!credentials) return null;
    const plugin = getCarrierPlugin(carrier);
    const parsed = plugin.credentials.safeParse(credentials);
    if (!parsed.success) return null;
    const adapter = plugin.createAdapter({
      credentials: parsed.data,
      ...(this.options.simulatorUrl ? { baseUrl: `${this.options.simulatorUrl.replace(/\/$/, "")}/${SIMULATOR_PREFIX[carrier]}` } : {}),
      ...(this.options.clock ? { clock: this.options.clock } : {}),
      ...(this.options.timeoutMs ? { timeoutMs: this.options.timeoutMs } : {}),
    });
    this.cache.set(key, adapter);
    return adapter;
  }

  /** Forget a shop's adapters (its credentials changed). */
  forgetShop(shopDomain: string): void {
    for (const key of this.cache.keys()) if (key.endsWith(`:${shopDomain}`)) this.cache.delete(key);
  }
}
