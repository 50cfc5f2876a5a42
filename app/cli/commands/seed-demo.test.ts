import { describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { DEMO_SHOP } from "~/config/demo-mode.server";
import { runCli } from "~/cli/run";

describe("seed-demo", () => {
  it("seeds through signed fulfillments/create deliveries and the sync engine's apply path", async () => {
    let stdout = "";
    let stderr = "";
    const code = await runCli(["seed-demo", "--orders", "60", "--now", "2026-11-20T12:00:00Z", "--json"], {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      readStdin: async () => "",
    });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { webhooks: number; shipments: number; events: number; synced: number };
    const { db } = database();
    // Every fulfillment went through the webhook route: one processed receipt each.
    const receipts = await db.webhookReceipt.count({ where: { shopDomain: DEMO_SHOP, outcome: "processed", topic: "fulfillments/create" } });
    expect(receipts).toBe(result.webhooks);
    expect(await db.shipment.count({ where: { shopDomain: DEMO_SHOP } })).toBe(result.shipments);
    expect(await db.trackingEvent.count({ where: { shipment: { shopDomain: DEMO_SHOP } } })).toBe(result.events);
    expect(result.events).toBeGreaterThan(100);
    const statuses = await db.shipment.groupBy({ by: ["status"], where: { shopDomain: DEMO_SHOP }, _count: { _all: true } });
    expect(statuses.length).toBeGreaterThan(4);
    const shop = await db.shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP } });
    expect(shop).toMatchObject({ backfillStatus: "done", backfillImported: 60 });
    // Re-seeding replaces the shop rather than adding to it.
    const again = await runCli(["seed-demo", "--orders", "60", "--now", "2026-11-20T12:00:00Z"], { stdout: () => {}, stderr: () => {}, readStdin: async () => "" });
    expect(again).toBe(0);
    expect(await database().db.shipment.count({ where: { shopDomain: DEMO_SHOP } })).toBe(result.shipments);
  });
});
