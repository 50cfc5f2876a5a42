import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CarrierAdapter, CarrierCode, TrackRequest, TrackResult } from "~/carriers/adapter";
import { database } from "~/data/client.server";
import { INVALID_ANSWER_MARKER } from "~/domain/invalid-answer";
import { SyncEngine, type AdapterSource } from "./sync-engine.server";

/**
 * The stop rule for numbers a carrier calls invalid, against a scripted adapter: what the carrier
 * answers next is set per test, so every step of the confirmation is visible.
 */
const HOUR = 3_600_000;
const shop = "invalid-answers.myshopify.com";
let now = Date.parse("2026-11-20T15:00:00Z");
let answer: (request: TrackRequest) => TrackResult;
const calls: string[] = [];

const scripted: CarrierAdapter = {
  code: "ups",
  maxBatchSize: 1,
  track: async (requests) =>
    requests.map((request) => {
      calls.push(request.trackingNumber);
      return answer(request);
    }),
};
const adapters: AdapterSource = { adapterFor: async (_carrier: CarrierCode) => scripted };
const engine = () => {
  const { db, provider } = database();
  return new SyncEngine({ db, provider, owner: "worker", adapters, clock: () => now });
};

const invalid = (request: TrackRequest): TrackResult => ({
  status: "invalid",
  trackingNumber: request.trackingNumber,
  code: "ups:TV1002",
  message: "Invalid inquiry number",
});
const notFound = (request: TrackRequest): TrackResult => ({ status: "not_found", trackingNumber: request.trackingNumber, message: "No tracking information available" });
const found = (request: TrackRequest): TrackResult => ({
  status: "found",
  trackingNumber: request.trackingNumber,
  events: [{ occurredAt: new Date(now - HOUR).toISOString(), status: "info_received", carrierCode: "M", description: "Label created" }],
  unmappedCodes: [],
  warnings: [],
  raw: {},
});

async function addShipment(trackingNumber: string) {
  const { db } = database();
  return db.shipment.create({
    data: {
      shopDomain: shop,
      orderId: `gid://shopify/Order/${trackingNumber}`,
      orderName: `#${trackingNumber}`,
      fulfillmentId: `gid://shopify/Fulfillment/${trackingNumber}`,
      fulfillmentCreatedAt: new Date(now - 2 * HOUR),
      trackingNumber,
      carrier: "ups",
      nextCheckAt: new Date(now - 1000),
    },
  });
}

const reload = (id: string) => database().db.shipment.findUniqueOrThrow({ where: { id } });

beforeAll(async () => {
  await database().db.shop.create({ data: { domain: shop } });
});

beforeEach(async () => {
  await database().db.shipment.deleteMany({});
  calls.length = 0;
  now = Date.parse("2026-11-20T15:00:00Z");
});

// 1Z999AA10123456784 is a well-formed UPS number (UPS mod 10 check digit 4).
const UPS_FORMAT = "1Z999AA10123456784";

describe("a carrier's definitive invalid answer", () => {
  it("one answer for a number in the carrier's format: still pending, asked again in an hour", async () => {
    const shipment = await addShipment(UPS_FORMAT);
    answer = invalid;
    const report = await engine().runOnce();
    expect(report).toMatchObject({ claimed: 1, invalidToRecheck: 1, invalidConfirmed: 0 });
    expect(await reload(shipment.id)).toMatchObject({
      status: "pending",
      trackingIssue: null,
      attemptCount: 1,
      lastError: `${INVALID_ANSWER_MARKER} ups:TV1002: Invalid inquiry number`,
      nextCheckAt: new Date(now + HOUR),
    });
  });

  it("a second answer in a row makes the shipment invalid with the carrier's reason and stops polling", async () => {
    const shipment = await addShipment(UPS_FORMAT);
    answer = invalid;
    await engine().runOnce();
    now += HOUR;
    const report = await engine().runOnce();
    expect(report).toMatchObject({ claimed: 1, invalidConfirmed: 1, statusChanges: 1 });
    expect(await reload(shipment.id)).toMatchObject({
      status: "invalid",
      nextCheckAt: null,
      trackingIssue: "invalid_number",
      trackingIssueDetail:
        "UPS says this tracking number is invalid (ups:TV1002: Invalid inquiry number); answered twice in a row. Check the number on the fulfillment.",
    });
    now += 7 * 24 * HOUR;
    expect((await engine().runOnce()).claimed).toBe(0);
    expect(calls).toEqual([UPS_FORMAT, UPS_FORMAT]);
  });

  it("one answer is enough when the number is not in any of the carrier's formats", async () => {
    const shipment = await addShipment("1Z999AA10123456785");
    answer = invalid;
    expect(await engine().runOnce()).toMatchObject({ invalidConfirmed: 1 });
    expect(await reload(shipment.id)).toMatchObject({ status: "invalid", nextCheckAt: null, trackingIssue: "invalid_number" });
    expect((await reload(shipment.id)).trackingIssueDetail).toContain("answered once, and the number is not a UPS format");
  });

  it("an answer with tracking in between starts the count again", async () => {
    const shipment = await addShipment(UPS_FORMAT);
    answer = invalid;
    await engine().runOnce();
    now += HOUR;
    answer = found;
    await engine().runOnce();
    expect(await reload(shipment.id)).toMatchObject({ status: "info_received", lastError: null });
    now += 24 * HOUR;
    answer = invalid;
    expect(await engine().runOnce()).toMatchObject({ invalidToRecheck: 1, invalidConfirmed: 0 });
    expect((await reload(shipment.id)).status).toBe("info_received");
  });

  it("'not found yet' never makes a shipment invalid: it stays pending and is asked again later", async () => {
    const shipment = await addShipment(UPS_FORMAT);
    answer = notFound;
    for (let pass = 0; pass < 3; pass++) {
      await engine().runOnce({ shipmentIds: [shipment.id] });
      const row = await reload(shipment.id);
      expect(row).toMatchObject({ status: "pending", trackingIssue: null });
      expect(row.nextCheckAt!.getTime()).toBeGreaterThan(now);
      now += 12 * HOUR;
    }
  });
});
