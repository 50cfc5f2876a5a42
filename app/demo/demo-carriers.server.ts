import type { CarrierCode } from "~/carriers/adapter";
import { startCarrierSimulator, type CarrierSimulator } from "~/testing/carrier-simulator/server";
import type { AppEnv } from "~/config/env.server";
import type { Db } from "~/data/db.server";
import { DEMO_CARRIER_SEED, demoJourneyStart, demoLane } from "./demo-data.server";
import { simulatorWorkerEnv } from "~/testing/carrier-simulator/worker-env";
import { DEMO_SHOP } from "~/config/demo-mode.server";
import { shipmentJourneyStarts } from "~/data/shipments.server";

/**
 * The demo's carrier network: the simulator on a loopback port, telling for every demo parcel
 * the journey the seed was built from (same lane, same transit times), so the sync loop moves parcels along in real time.
 */
export async function startDemoCarrierNetwork(db: Db): Promise<CarrierSimulator> {
  const shipments = await shipmentJourneyStarts(db, DEMO_SHOP);
  const starts = new Map(shipments.map((shipment) => [shipment.trackingNumber, demoJourneyStart(shipment.trackingNumber, shipment.startedAt.getTime())]));
  const lanes = new Map(
    shipments.flatMap((shipment) =>
      shipment.carrier && shipment.destinationCountry ? [[shipment.trackingNumber, demoLane(shipment.carrier, shipment.destinationCountry)] as const] : [],
    ),
  );
  return startCarrierSimulator({
    seed: DEMO_CARRIER_SEED,
    journeyStart: (_carrier: CarrierCode, trackingNumber: string, firstSeenAt: number) => starts.get(trackingNumber) ?? firstSeenAt,
    journeyLane: (_carrier: CarrierCode, trackingNumber: string) => lanes.get(trackingNumber),
  });
}

/** The environment the sync engine needs to use the demo network with the app's credentials. */
export function demoCarrierEnv(env: AppEnv, simulatorOrigin: string): AppEnv {
  return { ...env, ...simulatorWorkerEnv(simulatorOrigin) };
}
