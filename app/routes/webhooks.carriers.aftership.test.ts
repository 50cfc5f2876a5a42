import type { ActionFunctionArgs } from "@remix-run/node";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { AFTERSHIP_SIGNATURE_HEADER, signAfterShipPush } from "~/carriers/aftership/push.server";
import { database } from "~/data/client.server";

process.env.AFTERSHIP_WEBHOOK_SECRET = "aftership-webhook-secret";
const carrierPushes = await import("./webhooks.carriers.$carrier");
const { action } = { action: (args: ActionFunctionArgs) => carrierPushes.action({ ...args, params: { carrier: "aftership" } }) };

const body = fs.readFileSync(path.join(import.meta.dirname, "../carriers/aftership/__fixtures__/push-handover.json"), "utf8");
const shop = "aftership-push.myshopify.com";

function post(raw: string, headers: Record<string, string>) {
  return action({ request: new Request("https://trackline.test/webhooks/carriers/aftership", { method: "POST", body: raw, headers }), params: {}, context: {} });
}

describe("AfterShip webhook", () => {
  beforeAll(async () => {
    // The shop keeps the default aggregator (17TRACK): a number AfterShip pushes is still merged.
    await database().db.shop.create({ data: { domain: shop } });
    await database().db.shipment.create({
      data: {
        id: "aftership-parcel",
        shopDomain: shop,
        orderId: "gid://shopify/Order/aftership-parcel",
        orderName: "#AS1",
        fulfillmentId: "gid://shopify/Fulfillment/aftership-parcel",
        trackingNumber: "YT2612345678901234",
        carrier: "yunexpress",
        nextCheckAt: new Date(),
      },
    });
  });

  it("refuses a body without the right HMAC", async () => {
    expect((await post(body, {})).status).toBe(401);
    expect((await post(body, { [AFTERSHIP_SIGNATURE_HEADER]: signAfterShipPush(body, "another-secret") })).status).toBe(401);
    expect((await post(`${body}\n`, { [AFTERSHIP_SIGNATURE_HEADER]: signAfterShipPush(body, "aftership-webhook-secret") })).status).toBe(401);
  });

  it("merges a signed push with both legs of the journey, once", async () => {
    const headers = { [AFTERSHIP_SIGNATURE_HEADER]: signAfterShipPush(body, "aftership-webhook-secret") };
    const response = await post(body, headers);
    expect(await response.json()).toMatchObject({ accepted: true, updated: 1 });
    expect((await post(body, headers)).status).toBe(200);
    const shipment = await database().db.shipment.findUniqueOrThrow({ where: { id: "aftership-parcel" }, include: { events: { orderBy: { occurredAt: "asc" } } } });
    expect(shipment.status).toBe("in_transit");
    expect(shipment.events.map((event) => [event.occurredAt.toISOString(), event.carrierCode]).sort()).toEqual([
      ["2026-11-17T00:20:00.000Z", "InfoReceived_001"],
      ["2026-11-18T14:10:00.000Z", "InTransit_007"],
      ["2026-11-24T06:45:00.000Z", "InTransit_005"],
      ["2026-11-24T06:45:00.000Z", "handover"],
      ["2026-11-25T07:12:00.000Z", "InTransit_003"],
    ]);
    expect(shipment.events.find((event) => event.carrierCode === "handover")?.description).toBe("Handed over to Royal Mail, new tracking number RM123456785GB");
    expect(shipment.events).toHaveLength(5);
  });
});
