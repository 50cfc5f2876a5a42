import type { CarrierAdapter, CarrierCode } from "~/carriers/adapter";
import { createAfterShipAdapter } from "~/carriers/aftership/adapter";
import { createDhlAdapter } from "~/carriers/dhl/adapter";
import { createFedexAdapter } from "~/carriers/fedex/adapter";
import { createSeventeenTrackAdapter } from "~/carriers/seventeen_track/adapter";
import { createUpsAdapter } from "~/carriers/ups/adapter";
import { createUspsAdapter } from "~/carriers/usps/adapter";
import { SIMULATOR_CREDENTIALS, type CarrierSimulator } from "./server";

/**
 * Builds a real adapter (production client code) pointed at the simulator with the credentials
 * it accepts. Used by tests, demo mode and local development.
 */
export function simulatorAdapter(
  sim: CarrierSimulator,
  carrier: CarrierCode,
  options: { clock?: () => number; timeoutMs?: number; fetch?: typeof fetch; badCredentials?: boolean } = {},
): CarrierAdapter {
  const secret = options.badCredentials ? "wrong-secret" : SIMULATOR_CREDENTIALS.clientSecret;
  const apiKey = options.badCredentials ? "wrong-key" : SIMULATOR_CREDENTIALS.apiKey;
  const common = {
    baseUrl: sim.baseUrl(carrier),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  const oauth = { clientId: SIMULATOR_CREDENTIALS.clientId, clientSecret: secret };
  switch (carrier) {
    case "ups":
      return createUpsAdapter({ ...common, credentials: oauth });
    case "fedex":
      return createFedexAdapter({ ...common, credentials: oauth });
    case "usps":
      return createUspsAdapter({ ...common, credentials: oauth });
    case "dhl":
      return createDhlAdapter({ ...common, credentials: { apiKey } });
    case "seventeen_track":
      return createSeventeenTrackAdapter({ ...common, credentials: { apiKey } });
    case "aftership":
      return createAfterShipAdapter({ ...common, credentials: { apiKey } });
  }
}
