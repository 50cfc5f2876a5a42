import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CarrierCode } from "~/carriers/adapter";
import { simulatorAdapter } from "~/testing/carrier-simulator/harness";
import { startCarrierSimulator, type CarrierSimulator } from "~/testing/carrier-simulator/server";
import { database } from "~/data/client.server";
import { parseStoredPod } from "~/domain/proof-of-delivery";
import { generateSampleNumber, seededRandom } from "~/domain/tracking-number/sample-numbers";
import { SyncEngine } from "./sync-engine.server";

const HOUR = 3_600_000;
const shop = "pod-shop.myshopify.com";
const now = Date.parse("2026-11-20T15:00:00Z");
const clock = () => now;
let simulator: CarrierSimulator;

beforeAll(async () => {
  // Labels created ten days ago: every journey has ended.
  simulator = await startCarrierSimulator({ clock, journeyStart: () => now - 240 * HOUR });
  await database().db.shop.create({ data: { domain: shop } });
});

afterAll(async () => {
  await simulator.close();
});

describe("sync keeps the carrier's proof of delivery on the shipment", () => {
  it.each([
    ["ups", "ups_1z", "Front Door", "front_door"],
    ["fedex", "fedex_express_12", "Front desk", "reception"],
    ["usps", "usps_impb", "Front Door/Porch", "front_door"],
  ] as const)("%s", async (carrier, format, text, place) => {
    const { db, provider } = database();
    const random = seededRandom(11);
    const created = [];
    for (let index = 0; index < 12; index++) {
      created.push(
        await db.shipment.create({
          data: {
            shopDomain: shop,
            orderId: `gid://shopify/Order/${carrier}${index}`,
            orderName: `#${carrier}${index}`,
            fulfillmentId: `gid://shopify/Fulfillment/${carrier}${index}`,
            fulfillmentCreatedAt: new Date(now - 240 * HOUR),
            trackingNumber: generateSampleNumber(format, random).number,
            carrier,
            nextCheckAt: new Date(now - 1000),
          },
        }),
      );
    }
    const engine = new SyncEngine({
      db,
      provider,
      owner: `pod-${carrier}`,
      adapters: { adapterFor: async (code: CarrierCode) => simulatorAdapter(simulator, code, { clock, timeoutMs: 2000 }) },
      clock,
      batchSize: 100,
    });
    await engine.runOnce();
    const rows = await db.shipment.findMany({ where: { id: { in: created.map((row) => row.id) } } });
    const delivered = rows.filter((row) => row.status === "delivered");
    expect(delivered.length).toBeGreaterThan(0);
    for (const row of delivered) {
      const pod = parseStoredPod(row.proofOfDeliveryJson);
      expect(pod).toMatchObject({ carrier, leftAt: { place, text } });
      expect(pod?.signedBy).toMatch(/\S/);
    }
    // Parcels that never arrived carry no proof.
    for (const row of rows.filter((r) => r.status !== "delivered" && r.status !== "returned")) expect(row.proofOfDeliveryJson).toBeNull();
  });
});
