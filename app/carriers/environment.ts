import type { CarrierPlugin } from "./plugin";
import { CARRIERS } from "./registry";

/**
 * The environment variables a list of carrier folders declares: the app-level credential of each
 * field (`credentialEnv`) and the push secrets (`push.secretEnv`), each once, in folder order.
 */
export function carrierEnvNames(plugins: readonly CarrierPlugin<unknown>[]): string[] {
  const names = plugins.flatMap((plugin) => [...Object.values(plugin.credentialEnv), ...(plugin.push?.secretEnv ?? [])]);
  return [...new Set(names)];
}

/** Every variable the registered carriers read; the app's environment schema has one entry for each. */
export const CARRIER_ENV_NAMES: readonly string[] = carrierEnvNames(CARRIERS);
