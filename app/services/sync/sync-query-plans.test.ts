import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CarrierCode } from "~/carriers/adapter";
import { database } from "~/data/client.server";
import { generateSampleNumber, seededRandom } from "~/domain/tracking-number/sample-numbers";
import { simulatorAdapter } from "~/testing/carrier-simulator/harness";
import { startCarrierSimulator, type CarrierSimulator } from "~/testing/carrier-simulator/server";
import { fullTableScans, SqliteConnection } from "~/testing/query-plans";
import { SyncEngine, type AdapterSource } from "./sync-engine.server";

/**
 * Every statement a sync pass prepares on SQLite, planned by SQLite itself: none may read a table
 * in full. A pass runs many times a minute against tables that only grow (events, moments,
 * write-backs), so a statement that scans one costs more every day; reading a batch's recorded
 * moments by subject once scanned every moment ever recorded, twice per pass.
 */

const HOUR = 3_600_000;
const shop = "plans-shop.myshopify.com";
let now = Date.parse("2026-11-20T15:00:00Z");
const clock = () => now;
let simulator: CarrierSimulator;
const prepared = new Set<string>();
const prepare = SqliteConnection.prototype.prepare;

const adapters: AdapterSource = {
  adapterFor: async (carrier: CarrierCode) => simulatorAdapter(simulator, carrier, { clock, timeoutMs: 2000 }),
};

beforeAll(async () => {
  simulator = await startCarrierSimulator({ clock, journeyStart: () => now - 30 * HOUR });
  SqliteConnection.prototype.prepare = function (this: InstanceType<typeof SqliteConnection>, sql: string) {
    prepared.add(sql);
    return prepare.call(this, sql);
  };
});

afterAll(async () => {
  SqliteConnection.prototype.prepare = prepare;
  await simulator.close();
});

describe("a sync pass on SQLite", () => {
  it("reads and writes through indexes only, with moments, events and write-backs already stored", async () => {
    const { db, provider } = database();
    await db.shop.create({ data: { domain: shop, writeBackEnabled: true } });
    const random = seededRandom(11);
    for (let index = 0; index < 12; index++) {
      await db.shipment.create({
        data: {
          shopDomain: shop,
          orderId: `gid://shopify/Order/${index % 6}`,
          orderName: `#${index % 6}`,
          fulfillmentId: `gid://shopify/Fulfillment/${index}`,
          fulfillmentCreatedAt: new Date(now - 30 * HOUR),
          trackingNumber: generateSampleNumber("fedex_express_12", random).number,
          carrier: "fedex",
          destinationCountry: "US",
          nextCheckAt: new Date(now - 1000),
        },
      });
    }
    const engine = new SyncEngine({ db, provider, owner: "plans", adapters, clock, batchSize: 50 });
    expect(await engine.runOnce()).toMatchObject({ claimed: 12, updated: 12, failed: 0 });
    // A second pass a day on: the parcels now have history, moments and write-backs to read.
    now += 24 * HOUR;
    await db.shipment.updateMany({ data: { nextCheckAt: new Date(now - 1000) } });
    expect(await engine.runOnce()).toMatchObject({ claimed: 12, updated: 12, failed: 0 });
    expect(await db.shipmentMoment.count()).toBeGreaterThan(0);

    const statements = [...prepared].filter((sql) => /^\s*(SELECT|UPDATE|DELETE|WITH|INSERT)/i.test(sql));
    expect(statements.some((sql) => sql.includes(`FROM "ShipmentMoment" WHERE "subjectKey" IN`))).toBe(true);
    expect(fullTableScans(process.env.DATABASE_URL as string, statements)).toEqual([]);
  });
});
