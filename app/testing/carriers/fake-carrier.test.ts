import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeCarrierContract } from "~/carriers/plugin.contract";
import { CARRIERS, createCarrierRegistry } from "~/carriers/registry";
import { database } from "~/data/client.server";
import { SyncEngine, minimumPollGapMs, type AdapterSource } from "~/services/sync/sync-engine.server";
import { fakePostCarrier } from "./fake_post/carrier";

/**
 * Adding a carrier is a folder and one line: Fake Post lives only here (./fake_post) and the line
 * below is all it takes for routing, quotas, the conformance contract and the sync engine.
 */
const registry = createCarrierRegistry([...CARRIERS, fakePostCarrier]);

const fixtures = join(__dirname, "fake_post", "__fixtures__");
describeCarrierContract(fakePostCarrier, fixtures);

describe("a carrier folder registered by one line", () => {
  it("is routed by its names and keeps the built-in carriers as they were", () => {
    expect(registry.codes).toEqual(["ups", "fedex", "usps", "dhl", "seventeen_track", "aftership", "fake_post"]);
    expect(registry.route("Fake Post Express")).toEqual({ adapter: "fake_post", carrierName: "Fake Post Express" });
    expect(registry.route("UPS").adapter).toBe("ups");
    expect(registry.route("Royal Mail").adapter).toBe("seventeen_track");
    expect(registry.adapterCodeFor("fake_post")).toBe("fake_post");
    // Its declared quota of 4 fetches per parcel per day spaces polls 6 h apart.
    expect(minimumPollGapMs("fake_post", false, registry)).toBe(6 * 3_600_000);
  });

  describe("tracked by the sync engine", () => {
    let server: Server;
    let baseUrl: string;
    const seen: string[] = [];

    beforeAll(async () => {
      server = createServer((req, res) => {
        seen.push(`${req.method} ${req.url} ${String(req.headers["x-api-key"])}`);
        const number = decodeURIComponent(req.url?.split("/").pop() ?? "");
        const body = number === "FP123456789" ? readFileSync(join(fixtures, "delivered.json"), "utf8") : JSON.stringify({ missing: number });
        res.writeHead(200, { "content-type": "application/json" }).end(body);
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await database().db.shop.create({ data: { domain: "fake-post.myshopify.com" } });
    });
    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it("fetches through the folder's own adapter, parses with its table and stores the result", async () => {
      const { db, provider } = database();
      const now = Date.parse("2026-11-20T12:00:00Z");
      const adapters: AdapterSource = {
        adapterFor: async (code) => {
          if (!registry.isCode(code)) return null;
          const plugin = registry.get(code);
          return plugin.createAdapter({ credentials: plugin.credentials.parse({ apiKey: "k-1" }), baseUrl: `${baseUrl}/${plugin.path}` });
        },
      };
      const shipment = await db.shipment.create({
        data: {
          shopDomain: "fake-post.myshopify.com",
          orderId: "gid://shopify/Order/1",
          orderName: "#1",
          fulfillmentId: "gid://shopify/Fulfillment/1",
          fulfillmentCreatedAt: new Date(now - 48 * 3_600_000),
          trackingNumber: "FP123456789",
          carrier: "fake_post",
          nextCheckAt: new Date(now - 1000),
        },
      });
      const engine = new SyncEngine({ db, provider, owner: "w", adapters, clock: () => now, carriers: registry });
      expect(await engine.runOnce()).toMatchObject({ claimed: 1, updated: 1, failed: 0 });
      expect(seen).toEqual(["GET /fake-post/parcels/FP123456789 k-1"]);
      const stored = await db.shipment.findUniqueOrThrow({ where: { id: shipment.id }, include: { events: { orderBy: { occurredAt: "asc" } } } });
      expect(stored.status).toBe("delivered");
      expect(stored.events.map((event) => [event.carrierCode, event.status])).toEqual([
        ["LBL", "info_received"],
        ["ACC", "picked_up"],
        ["VAN", "out_for_delivery"],
        ["DLV", "delivered"],
      ]);
    });
  });
});
