import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CarrierCode } from "~/carriers/adapter";
import { simulatorAdapter } from "~/testing/carrier-simulator/harness";
import { startCarrierSimulator, type CarrierSimulator } from "~/testing/carrier-simulator/server";
import { database } from "~/data/client.server";
import { parseStoredPod } from "~/domain/proof-of-delivery";
import { generateSampleNumber, seededRandom } from "~/domain/tracking-number/sample-numbers";
import { SyncEngine } from "./sync-engine.server";

const SECOND = 1000;
const HOUR = 3_600_000;
const shop = "pod-pg.myshopify.com";
const now = Date.parse("2026-11-20T15:00:00Z");
let simulator: CarrierSimulator;

beforeAll(async () => {
  simulator = await startCarrierSimulator({ clock: () => now, journeyStart: () => now - 240 * HOUR });
  await database().db.shop.create({ data: { domain: shop } });
});

afterAll(async () => {
  await simulator.close();
});

describe("proof of delivery persisted by the batched sync update (postgres)", () => {
  it.each([
    ["dhl", "dhl_express"],
    ["fedex", "fedex_express_12"],
  ] as const)("%s", async (carrier, format) => {
    const { db, provider } = database();
    expect(provider).toBe("postgres");
    const random = seededRandom(5);
    const ids: string[] = [];
    for (let index = 0; index < 8; index++) {
      const row = await db.shipment.create({
        data: {
          shopDomain: shop,
          orderId: `gid://shopify/Order/${carrier}${index}`,
          orderName: `#${carrier}${index}`,
          fulfillmentId: `gid://shopify/Fulfillment/${carrier}${index}`,
          trackingNumber: generateSampleNumber(format, random).number,
          carrier,
          nextCheckAt: new Date(now - 1000),
        },
      });
      ids.push(row.id);
    }
    let at = now;
    const engine = new SyncEngine({
      db,
      provider,
      owner: `pod-pg-${carrier}`,
      adapters: { adapterFor: async (code: CarrierCode) => simulatorAdapter(simulator, code, { clock: () => now, timeoutMs: 2000 }) },
      clock: () => at,
      batchSize: 50,
    });
    // DHL takes one call a second: a pass tracks one parcel and defers the others to the next
    // second, so passes run, a few seconds apart, until every parcel has been asked about.
    for (let pass = 0; pass < ids.length; pass++) {
      const report = await engine.runOnce();
      if (report.deferred === 0) break;
      at += 2 * SECOND;
    }
    const rows = await db.shipment.findMany({ where: { id: { in: ids } } });
    expect(rows.filter((row) => row.lastCheckedAt === null)).toEqual([]);
    const delivered = rows.filter((row) => row.status === "delivered");
    expect(delivered.length).toBeGreaterThan(0);
    for (const row of delivered) expect(parseStoredPod(row.proofOfDeliveryJson)?.signedBy).toMatch(/\S/);
  });
});
