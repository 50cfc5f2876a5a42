import type { ActionFunctionArgs } from "@remix-run/node";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DHL_PUSH_TOKEN_HEADER } from "~/carriers/dhl/push.server";
import { UPS_TRACK_ALERT_CREDENTIAL_HEADER } from "~/carriers/ups/track-alert.server";
import { database } from "~/data/client.server";
import { fulfillmentWebhookPayload } from "~/services/ingestion/fulfillment-webhook-builder.server";
import { signedWebhookRequest } from "~/testing/shopify-requests";

process.env.UPS_TRACK_ALERT_CREDENTIAL = "ups-alert-credential";
process.env.DHL_PUSH_SECRET = "dhl-push-token";
const carrierPushes = await import("./webhooks.carriers.$carrier");
const ups = { action: (args: ActionFunctionArgs) => carrierPushes.action({ ...args, params: { carrier: "ups" } }) };
const dhl = { action: (args: ActionFunctionArgs) => carrierPushes.action({ ...args, params: { carrier: "dhl" } }) };
const { action: fulfillmentCreated } = await import("./webhooks.fulfillments.create");

const fixture = (carrier: string, name: string) =>
  fs.readFileSync(path.join(import.meta.dirname, `../carriers/${carrier}/__fixtures__/${name}.json`), "utf8");
const shop = "carrier-push.myshopify.com";

function post(action: typeof ups.action, body: string, headers: Record<string, string>) {
  return action({ request: new Request("https://trackline.test/webhooks/carriers/x", { method: "POST", body, headers }), params: {}, context: {} });
}

async function track(id: string, trackingNumber: string, carrier: string) {
  await database().db.shipment.create({
    data: {
      id,
      shopDomain: shop,
      orderId: `gid://shopify/Order/${id}`,
      orderName: `#${id}`,
      fulfillmentId: `gid://shopify/Fulfillment/${id}`,
      trackingNumber,
      carrier,
      nextCheckAt: new Date(),
    },
  });
}

describe("UPS Track Alert and DHL push", () => {
  beforeAll(async () => {
    await database().db.shop.create({ data: { domain: shop } });
    await track("ups-parcel", "1Z999AA10123456784", "ups");
    await track("dhl-parcel", "00340434292135100187", "dhl");
  });

  it("answers 404 on a path no pushing carrier owns, before reading the body", async () => {
    for (const carrier of ["nope", "seventeen_track", "ups.tsx", ""]) {
      const response = await carrierPushes.action({ request: new Request(`https://trackline.test/webhooks/carriers/${carrier}`, { method: "POST", body: "{}" }), params: { carrier }, context: {} });
      expect([carrier, response.status, await response.text()]).toEqual([carrier, 404, "No carrier takes pushes here"]);
    }
    expect(carrierPushes.loader().status).toBe(405);
  });

  it("merges a UPS Track Alert event with the right credential, refuses others", async () => {
    const body = fixture("ups", "track-alert-delivered");
    expect((await post(ups.action, body, { [UPS_TRACK_ALERT_CREDENTIAL_HEADER]: "wrong" })).status).toBe(401);
    expect((await post(ups.action, body, {})).status).toBe(401);
    const response = await post(ups.action, body, { [UPS_TRACK_ALERT_CREDENTIAL_HEADER]: "ups-alert-credential" });
    expect(await response.json()).toMatchObject({ accepted: true, updated: 1 });
    const shipment = await database().db.shipment.findUniqueOrThrow({ where: { id: "ups-parcel" }, include: { events: true } });
    expect(shipment.status).toBe("delivered");
    expect(shipment.events).toHaveLength(1);
  });

  it("merges DHL pushes in any order without duplicates, with the subscription token", async () => {
    const headers = { [DHL_PUSH_TOKEN_HEADER]: "dhl-push-token" };
    expect((await post(dhl.action, fixture("dhl", "push-in-transit"), { [DHL_PUSH_TOKEN_HEADER]: "nope" })).status).toBe(401);
    for (const name of ["push-out-for-delivery", "push-in-transit", "push-out-for-delivery"]) {
      expect((await post(dhl.action, fixture("dhl", name), headers)).status).toBe(200);
    }
    const shipment = await database().db.shipment.findUniqueOrThrow({ where: { id: "dhl-parcel" }, include: { events: true } });
    // DHL reports "loaded onto the delivery vehicle" as transit; the later scans win over older ones.
    expect(shipment.status).toBe("in_transit");
    expect(shipment.lastEventAt?.getTime()).toBe(Math.max(...shipment.events.map((event) => event.occurredAt.getTime())));
    expect(new Set(shipment.events.map((event) => event.dedupeKey)).size).toBe(shipment.events.length);
  });

  it("keeps UPS and DHL pushes for numbers not yet known, and applies them when the fulfillment arrives", async () => {
    const upsNumber = "1Z02ZPIE0325721754";
    const upsPush = await post(ups.action, fixture("ups", "track-alert-delivered").replaceAll("1Z999AA10123456784", upsNumber), {
      [UPS_TRACK_ALERT_CREDENTIAL_HEADER]: "ups-alert-credential",
    });
    expect(await upsPush.json()).toMatchObject({ accepted: true, updated: 0, unknownNumbers: [upsNumber], pending: 1 });
    const dhlNumber = "00340434292135100200";
    const dhlPush = await post(dhl.action, fixture("dhl", "push-in-transit").replaceAll("00340434292135100187", dhlNumber), { [DHL_PUSH_TOKEN_HEADER]: "dhl-push-token" });
    // The fixture's second shipment (…194) is unknown too.
    expect(await dhlPush.json()).toMatchObject({ accepted: true, updated: 0, unknownNumbers: [dhlNumber, "00340434292135100194"], pending: 2 });
    const { db } = database();
    const kept = () => db.pendingCarrierPush.findMany({ where: { trackingNumber: { in: [upsNumber, dhlNumber] } }, orderBy: { carrier: "asc" } });
    expect((await kept()).map((row) => [row.carrier, row.trackingNumber])).toEqual([
      ["dhl", dhlNumber],
      ["ups", upsNumber],
    ]);

    const body = fulfillmentWebhookPayload({
      fulfillmentId: 4_700_000_001,
      orderId: 5_700_000_001,
      orderName: "#7001",
      createdAt: new Date(),
      trackingCompany: "UPS",
      trackingNumbers: [upsNumber],
      destinationCountry: "US",
      lineItemCount: 1,
    });
    expect((await fulfillmentCreated({ request: signedWebhookRequest({ topic: "fulfillments/create", body }), params: {}, context: {} })).status).toBe(200);
    expect(await db.shipment.findFirstOrThrow({ where: { trackingNumber: upsNumber } })).toMatchObject({ carrier: "ups", status: "delivered" });
    expect((await kept()).map((row) => row.trackingNumber)).toEqual([dhlNumber]);
  });
});
