import type { ActionFunctionArgs } from "@remix-run/node";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { signSeventeenTrackPush } from "~/carriers/seventeen_track/push.server";
import { planJourney } from "~/testing/carrier-simulator/journey";
import { renderSeventeenTrackInfo } from "~/testing/carrier-simulator/render";
import { database } from "~/data/client.server";
import { fulfillmentWebhookPayload } from "~/services/ingestion/fulfillment-webhook-builder.server";
import { POLL_AFTER_PUSH_MS } from "~/services/sync/sync-engine.server";
import { signedWebhookRequest } from "~/testing/shopify-requests";

const KEY = "seventeen-track-test-key";
process.env.SEVENTEEN_TRACK_API_KEY = KEY;
const carrierPushes = await import("./webhooks.carriers.$carrier");
const { action } = { action: (args: ActionFunctionArgs) => carrierPushes.action({ ...args, params: { carrier: "17track" } }) };
const { action: fulfillmentCreated } = await import("./webhooks.fulfillments.create");

const fixture = fs.readFileSync(path.join(import.meta.dirname, "../carriers/seventeen_track/__fixtures__/push-updated.json"), "utf8");
const shop = "push-shop.myshopify.com";

function push(body: string, sign = signSeventeenTrackPush(body, KEY)) {
  const request = new Request("https://trackline.test/webhooks/carriers/17track", {
    method: "POST",
    headers: { "Content-Type": "application/json", sign },
    body,
  });
  return action({ request, params: {}, context: {} });
}

describe("17TRACK push", () => {
  beforeAll(async () => {
    const { db } = database();
    await db.shop.create({ data: { domain: shop } });
    await db.shipment.create({
      data: {
        id: "pushed-parcel",
        shopDomain: shop,
        orderId: "gid://shopify/Order/1",
        orderName: "#1001",
        fulfillmentId: "gid://shopify/Fulfillment/1",
        fulfillmentCreatedAt: new Date("2026-11-10T00:00:00Z"),
        trackingNumber: "LX123456789CN",
        carrier: "china_post",
        destinationCountry: "US",
        nextCheckAt: new Date(),
      },
    });
  });

  it("merges a signed update like a poll and moves the next poll out", async () => {
    const response = await push(fixture);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ accepted: true, updated: 1, unknownNumbers: [] });
    const shipment = await database().db.shipment.findUniqueOrThrow({ where: { id: "pushed-parcel" }, include: { events: true, writeBacks: true } });
    expect(shipment.status).toBe("delivered");
    expect(shipment.events.length).toBeGreaterThan(1);
    expect(shipment.writeBacks.map((row) => row.shopifyStatus)).toEqual(["DELIVERED"]);
    expect(shipment.leaseOwner).toBeNull();
    // Delivered stops polling altogether.
    expect(shipment.nextCheckAt).toBeNull();

    // The same push again changes nothing.
    const again = await push(fixture);
    expect(again.status).toBe(200);
    const events = await database().db.trackingEvent.count({ where: { shipmentId: "pushed-parcel" } });
    expect(events).toBe(shipment.events.length);
    expect(await database().db.writeBack.count({ where: { shipmentId: "pushed-parcel" } })).toBe(1);
  });

  it("pushes the next poll of a moving parcel at least a day out", async () => {
    const number = "LM123456785CN";
    await database().db.shipment.create({
      data: {
        id: "moving-parcel",
        shopDomain: shop,
        orderId: "gid://shopify/Order/2",
        orderName: "#1002",
        fulfillmentId: "gid://shopify/Fulfillment/2",
        trackingNumber: number,
        carrier: "china_post",
        nextCheckAt: new Date(),
      },
    });
    const now = Date.now();
    const journey = planJourney({ carrier: "seventeen_track", trackingNumber: number, startAt: now - 30 * 3_600_000 });
    const body = JSON.stringify({ event: "TRACKING_UPDATED", data: { carrier: 3011, ...renderSeventeenTrackInfo(journey, now), number } });
    expect((await push(body)).status).toBe(200);
    const shipment = await database().db.shipment.findUniqueOrThrow({ where: { id: "moving-parcel" } });
    expect(["picked_up", "in_transit"]).toContain(shipment.status);
    expect(shipment.nextCheckAt!.getTime()).toBeGreaterThanOrEqual(now + POLL_AFTER_PUSH_MS);
  });

  it("rejects a wrong or missing signature with 401 and changes nothing", async () => {
    expect((await push(fixture, "0".repeat(64))).status).toBe(401);
    expect((await push(fixture, "")).status).toBe(401);
    expect((await push(fixture.replace("LX123456789CN", "LX000000000CN"), signSeventeenTrackPush(fixture, KEY))).status).toBe(401);
  });

  it("keeps a signed but malformed body for replay and answers 200", async () => {
    const body = '{"event": "TRACKING_UPDATED", "data": ';
    const response = await push(body);
    expect(response.status).toBe(200);
    const { kept } = (await response.json()) as { kept: string };
    const receipt = await database().db.webhookReceipt.findUniqueOrThrow({ where: { id: kept } });
    expect(receipt.payload).toBe(body);
    expect(receipt.error).toMatch(/malformed JSON/);
  });

  it("reports numbers nobody tracks instead of failing", async () => {
    const body = fixture.replace("LX123456789CN", "LX999999999CN");
    const response = await push(body);
    expect(await response.json()).toMatchObject({ accepted: true, updated: 0 });
  });

  it("keeps a push for a number no shipment has yet and applies it when the fulfillment arrives", async () => {
    const number = "LX876543216CN";
    const response = await push(fixture.replace("LX123456789CN", number));
    expect(await response.json()).toMatchObject({ accepted: true, updated: 0, unknownNumbers: [number], pending: 1 });
    const { db } = database();
    const [kept] = await db.pendingCarrierPush.findMany({ where: { trackingNumber: number } });
    expect(kept).toMatchObject({ carrier: "seventeen_track", trackingNumber: number });
    expect(kept!.expiresAt.getTime() - kept!.receivedAt.getTime()).toBe(14 * 24 * 3_600_000);

    const body = fulfillmentWebhookPayload({
      fulfillmentId: 4_600_000_001,
      orderId: 5_600_000_001,
      orderName: "#6001",
      createdAt: new Date(),
      trackingCompany: "China Post",
      trackingNumbers: [number],
      destinationCountry: "US",
      lineItemCount: 1,
    });
    const created = await fulfillmentCreated({ request: signedWebhookRequest({ topic: "fulfillments/create", body }), params: {}, context: {} });
    expect(created.status).toBe(200);
    const shipment = await db.shipment.findFirstOrThrow({ where: { trackingNumber: number }, include: { events: true } });
    expect(shipment).toMatchObject({ carrier: "china_post", status: "delivered", nextCheckAt: null });
    expect(shipment.events.length).toBeGreaterThan(1);
    expect(await db.pendingCarrierPush.count({ where: { trackingNumber: number } })).toBe(0);
  });

  it("lets a kept push expire: after 14 days it is no longer applied", async () => {
    const number = "LX111111115CN";
    expect(await (await push(fixture.replace("LX123456789CN", number))).json()).toMatchObject({ pending: 1 });
    const { db } = database();
    // Fifteen days later.
    await db.pendingCarrierPush.updateMany({ where: { trackingNumber: number }, data: { expiresAt: new Date(Date.now() - 86_400_000) } });
    const body = fulfillmentWebhookPayload({
      fulfillmentId: 4_600_000_002,
      orderId: 5_600_000_002,
      orderName: "#6002",
      createdAt: new Date(),
      trackingCompany: "China Post",
      trackingNumbers: [number],
      destinationCountry: "US",
      lineItemCount: 1,
    });
    expect((await fulfillmentCreated({ request: signedWebhookRequest({ topic: "fulfillments/create", body }), params: {}, context: {} })).status).toBe(200);
    expect(await db.shipment.findFirstOrThrow({ where: { trackingNumber: number } })).toMatchObject({ status: "pending" });
  });
});
