import { afterAll, beforeAll } from "vitest";
import type { CarrierCode } from "~/carriers/adapter";
import { database } from "~/data/client.server";
import { SyncEngine, type AdapterSource } from "~/services/sync/sync-engine.server";
import { simulatorAdapter } from "./carrier-simulator/harness";
import { startCarrierSimulator, type CarrierSimulator, type SimulatorOptions } from "./carrier-simulator/server";

const HOUR = 3_600_000;

/**
 * A sync engine on the shared test database against the carrier simulator, for tests of one shop's
 * long-tail parcels (YunExpress numbers routed to 17TRACK or AfterShip) with a clock they move.
 * Registers its own beforeAll/afterAll: the simulator starts (its journeys begun six days before
 * the clock) and the shop row is created with `shopData`.
 */
export function longTailSyncHarness(options: { shop: string; owner: string; simulator: Omit<SimulatorOptions, "clock" | "journeyStart">; shopData?: { longTailAggregator?: string } }) {
  const state = { now: Date.parse("2026-11-20T15:00:00Z"), simulator: null as CarrierSimulator | null };
  const clock = () => state.now;
  const simulator = (): CarrierSimulator => {
    if (!state.simulator) throw new Error("the carrier simulator starts in beforeAll");
    return state.simulator;
  };
  const adapters: AdapterSource = {
    adapterFor: async (carrier: CarrierCode) => simulatorAdapter(simulator(), carrier, { clock, timeoutMs: 2000 }),
  };

  beforeAll(async () => {
    state.simulator = await startCarrierSimulator({ clock, journeyStart: () => state.now - 6 * 24 * HOUR, ...options.simulator });
    await database().db.shop.create({ data: { domain: options.shop, ...options.shopData } });
  });
  afterAll(async () => {
    await state.simulator?.close();
  });

  return {
    get now() {
      return state.now;
    },
    advance(ms: number) {
      state.now += ms;
    },
    simulator,
    engine() {
      const { db, provider } = database();
      return new SyncEngine({ db, provider, owner: options.owner, adapters, clock, batchSize: 500 });
    },
    /** A long-tail parcel of the shop, due now, fulfilled 30 hours ago. */
    async addShipment(id: string, trackingNumber: string) {
      await database().db.shipment.create({
        data: {
          id,
          shopDomain: options.shop,
          orderId: `gid://shopify/Order/${id}`,
          orderName: `#${id}`,
          fulfillmentId: `gid://shopify/Fulfillment/${id}`,
          fulfillmentCreatedAt: new Date(state.now - 30 * HOUR),
          trackingNumber,
          carrier: "yunexpress",
          nextCheckAt: new Date(state.now - 1000),
        },
      });
    },
  };
}
