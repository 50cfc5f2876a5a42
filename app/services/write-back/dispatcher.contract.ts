import { beforeEach, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { claimDueWriteBacks, enqueueWriteBack, listWriteBacks } from "~/data/write-backs.server";
import { toShopifyEventStatus } from "~/domain/shopify-status";
import type { CanonicalStatus } from "~/domain/status";
import { createAdminGraphqlClient } from "~/shopify/graphql/admin-client";
import { createFakeAdminApi, type FakeAdminApi } from "~/testing/fake-admin-api";
import { runWriteBackDispatcher, type WriteBackDispatcherOptions } from "./dispatcher.server";

const SHOP = "write-back-shop.myshopify.com";
const MINUTE = 60_000;

/**
 * The write-back outbox and its dispatcher, run once on SQLite and once on Postgres: exactly one
 * Shopify event per row under concurrent dispatchers, lost answers, retries and crashes.
 */
export function writeBackContract(expectedProvider: "sqlite" | "postgres") {
  let clock: number;
  let shopify: FakeAdminApi;
  const now = () => new Date(clock);

  const dispatcher = (overrides: Partial<WriteBackDispatcherOptions> = {}) => {
    const { db, provider } = database();
    return runWriteBackDispatcher({
      db,
      provider,
      now,
      adminFor: async (shop) =>
        createAdminGraphqlClient({
          shop,
          accessToken: "shpat_test",
          fetch: shopify.fetch,
          now: () => clock,
          // Waiting advances the fake clock, so the bucket refills without real sleeping.
          sleep: async (ms) => {
            clock += ms;
          },
          serverRetries: 0,
        }),
      ...overrides,
    });
  };

  async function parcel(fulfillment: number, number: string, status: CanonicalStatus, options: { shopifyStatus?: string } = {}) {
    const { db } = database();
    return db.shipment.create({
      data: {
        shopDomain: SHOP,
        orderId: `gid://shopify/Order/${fulfillment}`,
        orderName: `#${fulfillment}`,
        fulfillmentId: `gid://shopify/Fulfillment/${fulfillment}`,
        trackingNumber: number,
        status,
        ...(options.shopifyStatus ? { shopifyStatus: options.shopifyStatus, shopifyStatusAt: new Date(clock - MINUTE) } : {}),
      },
    });
  }

  async function transition(shipment: { id: string; fulfillmentId: string }, status: CanonicalStatus, happenedAt = new Date(clock - 5 * MINUTE)) {
    const { db } = database();
    await db.shipment.update({ where: { id: shipment.id }, data: { status } });
    await enqueueWriteBack(db, {
      shopDomain: SHOP,
      shipmentId: shipment.id,
      fulfillmentId: shipment.fulfillmentId,
      status,
      shopifyStatus: toShopifyEventStatus(status) ?? "IN_TRANSIT",
      happenedAt,
      estimatedDeliveryAt: new Date(clock + 2 * 24 * 60 * MINUTE),
      message: "Arrived at facility",
      location: { city: "Louisville", province: "KY", country: "US", postalCode: "40201" },
    });
    // The row is due from its insertion time (the real clock): keep the fake clock past it.
    clock = Math.max(clock, Date.now() + 1);
  }

  const rows = async () => listWriteBacks(database().db, { shopDomain: SHOP });

  beforeEach(async () => {
    // Outbox rows become due at their insertion time (the database clock), so the fake clock starts now.
    clock = Date.now();
    shopify = createFakeAdminApi({ now: () => clock });
    const { db } = database();
    await db.writeBack.deleteMany({});
    await db.shipment.deleteMany({});
    await db.shop.deleteMany({});
    await db.shop.create({ data: { domain: SHOP } });
  });

  describe(`write-back on ${expectedProvider}`, () => {
    it("runs on the configured provider", () => {
      expect(database().provider).toBe(expectedProvider);
    });

    it("creates the Shopify fulfillment event with status, time, estimate and place, once", async () => {
      const shipment = await parcel(1, "1Z999AA10123456784", "pending");
      const happenedAt = new Date(clock - 5 * MINUTE);
      await transition(shipment, "in_transit", happenedAt);
      const report = await dispatcher();
      expect(report).toMatchObject({ claimed: 1, sent: 1 });
      const [event] = shopify.events.get(shipment.fulfillmentId) ?? [];
      expect(event?.input).toMatchObject({
        fulfillmentId: shipment.fulfillmentId,
        status: "IN_TRANSIT",
        happenedAt: happenedAt.toISOString(),
        city: "Louisville",
        province: "KY",
        country: "US",
        zip: "40201",
        message: "Arrived at facility",
      });
      expect(event?.input.estimatedDeliveryAt).toBeDefined();
      const [row] = await rows();
      expect(row).toMatchObject({ state: "done", shopifyEventId: event?.id, attempts: 1 });
      const stored = await database().db.shipment.findUniqueOrThrow({ where: { id: shipment.id } });
      expect(stored.shopifyStatus).toBe("IN_TRANSIT");
      expect(await dispatcher()).toMatchObject({ claimed: 0, sent: 0 });
    });

    it("sends each row exactly once with four dispatchers racing", async () => {
      for (let index = 0; index < 24; index++) {
        const shipment = await parcel(100 + index, `NUM${index}`, "pending");
        await transition(shipment, "in_transit");
      }
      const reports = await Promise.all(
        ["a", "b", "c", "d"].map((owner) => dispatcher({ owner, limit: 10 })),
      );
      const more = await dispatcher({ owner: "e", limit: 50 });
      const sent = reports.reduce((sum, report) => sum + report.sent, 0) + more.sent;
      expect(sent).toBe(24);
      expect([...shopify.events.values()].map((list) => list.length)).toEqual(Array(24).fill(1));
      expect((await rows()).every((row) => row.state === "done")).toBe(true);
    });

    it("retries a 5xx with backoff and sends once when it clears", async () => {
      const shipment = await parcel(2, "N2", "pending");
      await transition(shipment, "out_for_delivery");
      shopify.fail("TracklineFulfillmentEventCreate", "http_500");
      expect(await dispatcher()).toMatchObject({ retried: 1, sent: 0 });
      const [row] = await rows();
      expect(row?.state).toBe("pending");
      expect(row?.lastError).toMatch(/HTTP 500/);
      expect(row!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(clock + MINUTE);
      expect(await dispatcher()).toMatchObject({ claimed: 0 });
      clock += 2 * MINUTE;
      expect(await dispatcher()).toMatchObject({ sent: 1 });
      expect(shopify.events.get(shipment.fulfillmentId)).toHaveLength(1);
    });

    it("does not create a second event when Shopify took the first but its answer was lost", async () => {
      const shipment = await parcel(3, "N3", "pending");
      await transition(shipment, "delivered");
      shopify.fail("TracklineFulfillmentEventCreate", "lost_response");
      expect(await dispatcher()).toMatchObject({ retried: 1 });
      clock += 5 * MINUTE;
      expect(await dispatcher()).toMatchObject({ sent: 1 });
      expect(shopify.events.get(shipment.fulfillmentId)).toHaveLength(1);
      expect(shopify.calls.filter((call) => call === "TracklineFulfillmentEventCreate")).toHaveLength(1);
    });

    it("never lets the Admin client resend a create whose answer was lost: the next attempt looks first", async () => {
      const shipment = await parcel(31, "N31", "pending");
      await transition(shipment, "in_transit");
      // A client that retries 5xx and network errors by itself (the production default).
      const retrying = async (shop: string) =>
        createAdminGraphqlClient({ shop, accessToken: "shpat_test", fetch: shopify.fetch, now: () => clock, sleep: async (ms) => void (clock += ms) });
      shopify.fail("TracklineFulfillmentEventCreate", "lost_response");
      expect(await dispatcher({ adminFor: retrying })).toMatchObject({ retried: 1, sent: 0 });
      expect(shopify.calls.filter((call) => call === "TracklineFulfillmentEventCreate")).toHaveLength(1);
      clock += 5 * MINUTE;
      expect(await dispatcher({ adminFor: retrying })).toMatchObject({ claimed: 1, sent: 1 });
      expect(shopify.events.get(shipment.fulfillmentId)).toHaveLength(1);
      expect(shopify.calls.filter((call) => call === "TracklineFulfillmentEventCreate")).toHaveLength(1);
    });

    it("does not send a row whose lease ran out while earlier rows of its claim were sent, once another dispatcher took it", async () => {
      const other = "write-back-other.myshopify.com";
      await database().db.shop.create({ data: { domain: other } });
      const first = await parcel(32, "N32", "pending");
      await transition(first, "in_transit", new Date(clock - 10 * MINUTE));
      const second = await database().db.shipment.create({
        data: { shopDomain: other, orderId: "gid://shopify/Order/33", orderName: "#33", fulfillmentId: "gid://shopify/Fulfillment/33", trackingNumber: "N33", status: "pending" },
      });
      await database().db.shipment.update({ where: { id: second.id }, data: { status: "in_transit" } });
      await enqueueWriteBack(database().db, {
        shopDomain: other,
        shipmentId: second.id,
        fulfillmentId: second.fulfillmentId,
        status: "in_transit",
        shopifyStatus: "IN_TRANSIT",
        happenedAt: new Date(clock - 5 * MINUTE),
      });
      clock = Math.max(clock, Date.now() + 1);
      const client = (shop: string) => createAdminGraphqlClient({ shop, accessToken: "shpat_test", fetch: shopify.fetch, now: () => clock, serverRetries: 0 });
      let takeover: Awaited<ReturnType<typeof runWriteBackDispatcher>> | undefined;
      // The slow dispatcher reaches its second row after its lease ran out; another one took the row meanwhile.
      const slow = await dispatcher({
        owner: "slow",
        leaseMs: 2 * MINUTE,
        adminFor: async (shop) => {
          if (shop === other) {
            clock += 3 * MINUTE;
            takeover = await dispatcher({ owner: "fresh", adminFor: async (name) => client(name) });
          }
          return client(shop);
        },
      });
      expect(takeover).toMatchObject({ claimed: 1, sent: 1 });
      expect(slow).toMatchObject({ claimed: 2, sent: 1, lostLease: 1 });
      expect(shopify.events.get(first.fulfillmentId)).toHaveLength(1);
      expect(shopify.events.get(second.fulfillmentId)).toHaveLength(1);
      expect((await listWriteBacks(database().db, {})).map((row) => row.state)).toEqual(["done", "done"]);
    });

    it("waits out THROTTLED answers using the throttle status, then sends", async () => {
      const shipment = await parcel(4, "N4", "pending");
      await transition(shipment, "in_transit");
      shopify.fail("TracklineFulfillmentEventCreate", "throttled", "throttled");
      const started = clock;
      expect(await dispatcher()).toMatchObject({ sent: 1 });
      expect(clock).toBeGreaterThan(started);
      expect(shopify.events.get(shipment.fulfillmentId)).toHaveLength(1);
    });

    it("takes over a crashed dispatcher's row when its lease expires, without a double send", async () => {
      const shipment = await parcel(5, "N5", "pending");
      await transition(shipment, "in_transit");
      const { db, provider } = database();
      // A dispatcher claims the row, sends it, and dies before recording the result.
      const [claimed] = await claimDueWriteBacks(db, provider, { owner: "crashed", now: now(), leaseMs: 2 * MINUTE, limit: 1 });
      expect(claimed).toBeDefined();
      shopify.events.set(shipment.fulfillmentId, [
        { id: "gid://shopify/FulfillmentEvent/999", status: "IN_TRANSIT", happenedAt: claimed!.happenedAt.toISOString(), input: {} },
      ]);
      expect(await dispatcher()).toMatchObject({ claimed: 0 });
      clock += 3 * MINUTE;
      expect(await dispatcher()).toMatchObject({ claimed: 1, sent: 1 });
      const [row] = await rows();
      expect(row).toMatchObject({ state: "done", shopifyEventId: "gid://shopify/FulfillmentEvent/999", attempts: 2 });
      expect(shopify.events.get(shipment.fulfillmentId)).toHaveLength(1);
    });

    it("records a permanent error and does not retry it", async () => {
      shopify = createFakeAdminApi({ now: () => clock, knownFulfillments: new Set() });
      const shipment = await parcel(6, "N6", "pending");
      await transition(shipment, "in_transit");
      expect(await dispatcher()).toMatchObject({ failed: 1 });
      const [row] = await rows();
      expect(row).toMatchObject({ state: "failed" });
      expect(row?.lastError).toMatch(/Fulfillment does not exist/);
      clock += 120 * MINUTE;
      expect(await dispatcher()).toMatchObject({ claimed: 0 });
    });

    it("skips shops that turned write-back off, and never moves Shopify backwards", async () => {
      const backwards = await parcel(7, "N7", "pending", { shopifyStatus: "DELIVERED" });
      await transition(backwards, "in_transit");
      expect(await dispatcher()).toMatchObject({ skipped: 1, sent: 0 });
      expect((await rows())[0]?.lastError).toMatch(/backwards/);

      await database().db.shop.update({ where: { domain: SHOP }, data: { writeBackEnabled: false } });
      const off = await parcel(8, "N8", "pending");
      await transition(off, "in_transit");
      expect(await dispatcher()).toMatchObject({ skipped: 1, sent: 0 });
      expect(shopify.events.size).toBe(0);
    });

    it("writes what describes the whole fulfillment when it has several parcels", async () => {
      const first = await parcel(9, "BOX1", "in_transit");
      const second = await parcel(9, "BOX2", "in_transit");
      await transition(first, "delivered");
      // One box delivered, the other still travelling: Shopify must not say DELIVERED yet.
      expect(await dispatcher()).toMatchObject({ skipped: 1, sent: 0 });
      clock += MINUTE;
      await transition(second, "delivered", new Date(clock - MINUTE));
      expect(await dispatcher()).toMatchObject({ sent: 1 });
      const events = shopify.events.get(first.fulfillmentId) ?? [];
      expect(events.map((event) => event.status)).toEqual(["DELIVERED"]);
      // An exception on one box is the fulfillment's status, however far the other got.
      const third = await parcel(10, "BOX3", "out_for_delivery");
      await parcel(10, "BOX4", "out_for_delivery");
      await transition(third, "exception");
      expect(await dispatcher()).toMatchObject({ sent: 1 });
      expect(shopify.events.get(third.fulfillmentId)?.map((event) => event.status)).toEqual(["FAILURE"]);
    });
  });
}
