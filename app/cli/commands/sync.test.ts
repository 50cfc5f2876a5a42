import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIMULATOR_CREDENTIALS, startCarrierSimulator, type CarrierSimulator } from "~/testing/carrier-simulator/server";
import { database } from "~/data/client.server";
import type { CliIO } from "~/cli/command";

let simulator: CarrierSimulator;

function memoryIO(): CliIO & { out: string; err: string } {
  const io = { out: "", err: "", stdout: (text: string) => void (io.out += text), stderr: (text: string) => void (io.err += text), readStdin: async () => "" };
  return io;
}

beforeAll(async () => {
  simulator = await startCarrierSimulator({ journeyStart: (_carrier, _number, seen) => seen - 30 * 3_600_000 });
  // The CLI reads app-level carrier credentials from the environment, like the worker.
  process.env.CARRIER_SIMULATOR_URL = new URL(simulator.baseUrl("ups")).origin;
  process.env.UPS_CLIENT_ID = SIMULATOR_CREDENTIALS.clientId;
  process.env.UPS_CLIENT_SECRET = SIMULATOR_CREDENTIALS.clientSecret;
  const { db } = database();
  await db.shop.create({ data: { domain: "cli-shop.myshopify.com" } });
  await db.shipment.create({
    data: {
      shopDomain: "cli-shop.myshopify.com",
      orderId: "gid://shopify/Order/1",
      orderName: "#1001",
      fulfillmentId: "gid://shopify/Fulfillment/1",
      trackingNumber: "1Z999AA10123456784",
      carrier: "ups",
    },
  });
});

afterAll(async () => {
  await simulator.close();
});

describe("cli sync", () => {
  it("syncs the shipment with that number now and prints the change", async () => {
    const { syncCommand } = await import("./sync");
    const io = memoryIO();
    expect(await syncCommand.run(["1z999aa1 0123456784", "--json"], io)).toBe(0);
    const line = JSON.parse(io.out.trim()) as { previousStatus: string; status: string; events: number; changed: boolean };
    expect(line.previousStatus).toBe("pending");
    expect(line.status).not.toBe("pending");
    expect(line.changed).toBe(true);
    expect(line.events).toBeGreaterThan(0);
  });

  it("says when no shipment has the number", async () => {
    const { syncCommand } = await import("./sync");
    const io = memoryIO();
    expect(await syncCommand.run(["1Z0000000000000000"], io)).toBe(1);
    expect(io.err).toContain("no shipment with tracking number");
  });
});
