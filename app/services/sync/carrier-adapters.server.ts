import type { CarrierAdapter, CarrierCode } from "~/carriers/adapter";
import { CARRIERS, getCarrierPlugin } from "~/carriers/registry";
import type { AppEnv } from "~/config/env.server";
import type { Db } from "~/data/db.server";
import { loadCarrierCredentials } from "~/services/carrier-accounts/carrier-accounts.server";
import type { AdapterSource } from "./sync-engine.server";

/**
 * App-level credentials from the environment, per carrier (null when not configured): each
 * carrier folder names the variable behind each credential field, and its own schema decides
 * whether what is set is enough.
 */
export function appCarrierCredentials(env: AppEnv): Record<CarrierCode, unknown | null> {
  const values: Readonly<Record<string, unknown>> = env;
  const entries = CARRIERS.map((plugin) => {
    const given = Object.entries(plugin.credentialEnv).flatMap(([field, name]) => {
      const value = values[name];
      return typeof value === "string" && value !== "" ? [[field, value] as const] : [];
    });
    const credentials = Object.fromEntries(given);
    return [plugin.code, given.length > 0 && plugin.credentials.safeParse(credentials).success ? credentials : null] as const;
  });
  return Object.fromEntries(entries) as Record<CarrierCode, unknown | null>;
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
      ...(this.options.simulatorUrl ? { baseUrl: `${this.options.simulatorUrl.replace(/\/$/, "")}/${plugin.path}` } : {}),
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
