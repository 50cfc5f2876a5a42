import { SIMULATOR_CREDENTIALS } from "./server";

/** Worker environment that points every carrier client at the simulator with its credentials. */
export function simulatorWorkerEnv(simulatorOrigin: string): Record<string, string> {
  const { clientId, clientSecret, apiKey } = SIMULATOR_CREDENTIALS;
  return {
    CARRIER_SIMULATOR_URL: simulatorOrigin,
    UPS_CLIENT_ID: clientId,
    UPS_CLIENT_SECRET: clientSecret,
    FEDEX_CLIENT_ID: clientId,
    FEDEX_CLIENT_SECRET: clientSecret,
    USPS_CLIENT_ID: clientId,
    USPS_CLIENT_SECRET: clientSecret,
    DHL_API_KEY: apiKey,
    SEVENTEEN_TRACK_API_KEY: apiKey,
  };
}
