import type { CarrierCode } from "../carriers/adapter";
import { SIMULATOR_CREDENTIALS, startCarrierSimulator, type CarrierSimulator } from "../carriers/simulator/server";
import type { AppEnv } from "../config/env.server";
import type { Db } from "../data/db.server";
import { DEMO_CARRIER_SEED, demoJourneyStart } from "./demo-data";
import { DEMO_SHOP } from "./demo-mode.server";

/**
 * The demo's carrier network: the simulator on a loopback port, telling for every demo parcel
 * the journey the seed was built from, so the sync loop moves parcels along in real time.
 */
export async function startDemoCarrierNetwork(db: Db): Promise<CarrierSimulator> {
  const shipments = await db.shipment.findMany({
    where: { shopDomain: DEMO_SHOP },
    select: { trackingNumber: true, fulfillmentCreatedAt: true, createdAt: true },
  });
  const starts = new Map(
    shipments.map((shipment) => [
      shipment.trackingNumber,
      demoJourneyStart(shipment.trackingNumber, (shipment.fulfillmentCreatedAt ?? shipment.createdAt).getTime()),
    ]),
  );
  return startCarrierSimulator({
    seed: DEMO_CARRIER_SEED,
    journeyStart: (_carrier: CarrierCode, trackingNumber: string, firstSeenAt: number) => starts.get(trackingNumber) ?? firstSeenAt,
  });
}

/** The environment the sync engine needs to use the demo network with the app's credentials. */
export function demoCarrierEnv(env: AppEnv, simulatorBaseUrl: string): AppEnv {
  const { clientId, clientSecret, apiKey } = SIMULATOR_CREDENTIALS;
  return {
    ...env,
    CARRIER_SIMULATOR_URL: simulatorBaseUrl,
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
