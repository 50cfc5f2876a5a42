import { beforeEach, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import crypto from "node:crypto";
import { listFailedReceipts, receiptBody } from "~/data/webhook-receipts.server";
import { action as fulfillmentCreated } from "~/routes/webhooks.fulfillments.create";
import { action as fulfillmentUpdated } from "~/routes/webhooks.fulfillments.update";
import { action as orderCancelled } from "~/routes/webhooks.orders.cancelled";
import { action as orderCreated } from "~/routes/webhooks.orders.create";
import { action as scopesUpdated } from "~/routes/webhooks.app.scopes_update";
import { signedWebhookRequest, TEST_APP } from "~/testing/shopify-requests";
import { fulfillmentWebhookPayload, type FulfillmentWebhookInput } from "./fulfillment-webhook-builder.server";
import { replayWebhook } from "./webhook-inbox.server";

const UPS = "1Z999AA10123456784";
const UPS_2 = "1Z02ZPIE0325721754";
const FEDEX = "132529281114";
const HOUR = 3_600_000;
const T0 = new Date("2026-11-20T10:00:00Z");

type Action = typeof fulfillmentCreated;

function payload(overrides: Partial<FulfillmentWebhookInput> = {}) {
  return fulfillmentWebhookPayload({
    fulfillmentId: 4_200_000_001,
    orderId: 5_100_000_001,
    orderName: "#1001",
    createdAt: T0,
    trackingCompany: "UPS",
    trackingNumbers: [UPS],
    destinationCountry: "DE",
    lineItemCount: 3,
    email: "Shopper@Example.com",
    ...overrides,
  });
}

async function deliver(route: Action, topic: string, body: unknown, options: Parameters<typeof signedWebhookRequest>[0] extends infer O ? Partial<O> : never = {}) {
  const request = signedWebhookRequest({ topic, body, ...options });
  return route({ request, params: {}, context: {} }).catch((error: unknown) => {
    if (error instanceof Response) return error;
    throw error;
  });
}

const shipments = () =>
  database().db.shipment.findMany({ where: { shopDomain: TEST_APP.shop }, orderBy: { trackingNumber: "asc" } });

/**
 * The webhook path end to end (real HMAC verification, dedupe, ordering rules), run once on
 * SQLite and once on Postgres.
 */
export function webhookContract(expectedProvider: "sqlite" | "postgres") {
  describe(`fulfillment webhooks on ${expectedProvider}`, () => {
    beforeEach(async () => {
      const { db } = database();
      await db.shipment.deleteMany({});
      await db.webhookReceipt.deleteMany({});
      await db.cancelledOrder.deleteMany({});
      await db.orderPlaced.deleteMany({});
      await db.carrierNameMapping.deleteMany({});
      await db.shop.deleteMany({});
    });

    it("runs on the configured provider", () => {
      expect(database().provider).toBe(expectedProvider);
    });

    it("stores one shipment per tracking number with order, destination, line items and carrier", async () => {
      const response = await deliver(fulfillmentCreated, "fulfillments/create", payload({ trackingNumbers: [UPS, FEDEX], trackingCompany: null }));
      expect(response.status).toBe(200);
      const rows = await shipments();
      expect(rows.map((row) => [row.trackingNumber, row.carrier, row.status])).toEqual([
        [FEDEX, "fedex", "pending"],
        [UPS, "ups", "pending"],
      ]);
      expect(rows[0]).toMatchObject({
        orderId: "gid://shopify/Order/5100000001",
        orderName: "#1001",
        fulfillmentId: "gid://shopify/Fulfillment/4200000001",
        destinationCountry: "DE",
        lineItemCount: 3,
        trackingIssue: null,
      });
      expect(rows[0]?.nextCheckAt).toBeInstanceOf(Date);
      // The email is kept only as the storefront lookup's hash.
      expect(rows[0]?.customerEmailHash).toMatch(/^[0-9a-f]{64}$/);
      const receipt = await database().db.webhookReceipt.findFirstOrThrow();
      expect(receipt).toMatchObject({ outcome: "processed", payload: null, topic: "fulfillments/create" });
    });

    it.each([
      ["a tampered body", { tamper: (raw: string) => raw.replace("#1001", "#9999") }, 401],
      ["the wrong secret", { secret: "someone-elses-secret" }, 401],
    ])("rejects %s (HTTP %s) and stores nothing", async (_name, forged, status) => {
      const response = await deliver(fulfillmentCreated, "fulfillments/create", payload(), forged);
      expect(response.status).toBe(status);
      expect(await shipments()).toEqual([]);
      expect(await database().db.webhookReceipt.count()).toBe(0);
    });

    it("answers 400 when Shopify's headers are missing", async () => {
      const signed = signedWebhookRequest({ topic: "fulfillments/create", body: payload() });
      const headers = new Headers(signed.headers);
      headers.delete("X-Shopify-Webhook-Id");
      headers.delete("X-Shopify-Topic");
      const request = new Request(signed.url, { method: "POST", headers, body: await signed.text() });
      const response = await fulfillmentCreated({ request, params: {}, context: {} }).catch((error: Response) => error);
      expect(response.status).toBe(400);
      expect(await database().db.webhookReceipt.count()).toBe(0);
    });

    it("acknowledges a replayed webhook id without processing it twice", async () => {
      await deliver(fulfillmentCreated, "fulfillments/create", payload(), { webhookId: "same-delivery" });
      // Same id, different content: must be recognised as the same delivery and skipped.
      const again = await deliver(fulfillmentCreated, "fulfillments/create", payload({ trackingNumbers: [FEDEX] }), { webhookId: "same-delivery" });
      expect(again.status).toBe(200);
      expect((await shipments()).map((row) => row.trackingNumber)).toEqual([UPS]);
      expect(await database().db.webhookReceipt.count()).toBe(1);
    });

    it("handles concurrent duplicates: one delivery wins, the other is a duplicate", async () => {
      const responses = await Promise.all(
        Array.from({ length: 5 }, () => deliver(fulfillmentCreated, "fulfillments/create", payload(), { webhookId: "racing" })),
      );
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
      expect(await shipments()).toHaveLength(1);
      expect(await database().db.webhookReceipt.count()).toBe(1);
    });

    it("processes a create and its update delivered at the same moment (one commit) consistently", async () => {
      const update = payload({ trackingNumbers: [UPS_2], updatedAt: new Date(T0.getTime() + HOUR) });
      const responses = await Promise.all([
        deliver(fulfillmentCreated, "fulfillments/create", payload()),
        deliver(fulfillmentUpdated, "fulfillments/update", update),
        deliver(fulfillmentCreated, "fulfillments/create", payload({ fulfillmentId: 4_200_000_009, trackingNumbers: [FEDEX], trackingCompany: "FedEx" })),
      ]);
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
      const rows = await shipments();
      expect(rows.filter((row) => row.trackingStoppedAt === null).map((row) => row.trackingNumber)).toEqual([FEDEX, UPS_2]);
      // Whichever committed first, the create's number is not tracked: stopped, or never stored (stale).
      expect(rows.find((row) => row.trackingNumber === UPS)?.stopReason ?? "removed_from_fulfillment").toBe("removed_from_fulfillment");
    });

    it("applies an update that arrives before its create, then ignores the older create", async () => {
      const update = payload({ trackingNumbers: [UPS, UPS_2], updatedAt: new Date(T0.getTime() + HOUR) });
      expect((await deliver(fulfillmentUpdated, "fulfillments/update", update)).status).toBe(200);
      expect((await deliver(fulfillmentCreated, "fulfillments/create", payload())).status).toBe(200);
      const rows = await shipments();
      expect(rows.map((row) => [row.trackingNumber, row.trackingStoppedAt])).toEqual([
        [UPS_2, null],
        [UPS, null],
      ]);
      const receipts = await database().db.webhookReceipt.findMany({ orderBy: { receivedAt: "asc" } });
      expect(receipts.map((receipt) => receipt.outcome).sort()).toEqual(["ignored", "processed"]);
    });

    it("never lets a stale update overwrite newer state", async () => {
      await deliver(fulfillmentCreated, "fulfillments/create", payload());
      await deliver(fulfillmentUpdated, "fulfillments/update", payload({ trackingNumbers: [UPS_2], updatedAt: new Date(T0.getTime() + 2 * HOUR) }));
      // An update from between the two, delivered last.
      await deliver(fulfillmentUpdated, "fulfillments/update", payload({ trackingNumbers: [UPS], updatedAt: new Date(T0.getTime() + HOUR) }));
      const rows = await shipments();
      const active = rows.filter((row) => row.trackingStoppedAt === null).map((row) => row.trackingNumber);
      expect(active).toEqual([UPS_2]);
      expect(rows.find((row) => row.trackingNumber === UPS)?.stopReason).toBe("removed_from_fulfillment");
    });

    it("stops a removed number but keeps its history, and tracks it again when it comes back", async () => {
      await deliver(fulfillmentCreated, "fulfillments/create", payload());
      const { db } = database();
      const original = await db.shipment.findFirstOrThrow({ where: { trackingNumber: UPS } });
      await db.trackingEvent.create({
        data: { shipmentId: original.id, occurredAt: T0, status: "in_transit", carrierCode: "I", description: "Departed", dedupeKey: "k1" },
      });
      await deliver(fulfillmentUpdated, "fulfillments/update", payload({ trackingNumbers: [FEDEX], trackingCompany: "FedEx", updatedAt: new Date(T0.getTime() + HOUR) }));
      let removed = await db.shipment.findUniqueOrThrow({ where: { id: original.id } });
      expect(removed).toMatchObject({ stopReason: "removed_from_fulfillment", nextCheckAt: null });
      expect(await db.trackingEvent.count({ where: { shipmentId: original.id } })).toBe(1);

      await deliver(fulfillmentUpdated, "fulfillments/update", payload({ trackingNumbers: [FEDEX, UPS], trackingCompany: null, updatedAt: new Date(T0.getTime() + 2 * HOUR) }));
      removed = await db.shipment.findUniqueOrThrow({ where: { id: original.id } });
      expect(removed).toMatchObject({ trackingStoppedAt: null, stopReason: null });
      expect(removed.nextCheckAt).toBeInstanceOf(Date);
    });

    it("stops tracking a cancelled fulfillment and a cancelled order", async () => {
      await deliver(fulfillmentCreated, "fulfillments/create", payload());
      await deliver(fulfillmentCreated, "fulfillments/create", payload({ fulfillmentId: 4_200_000_002, orderId: 5_100_000_002, orderName: "#1002", trackingNumbers: [FEDEX], trackingCompany: "FedEx" }));
      await deliver(fulfillmentUpdated, "fulfillments/update", payload({ status: "cancelled", updatedAt: new Date(T0.getTime() + HOUR) }));
      const response = await deliver(orderCancelled, "orders/cancelled", {
        id: 5_100_000_002,
        admin_graphql_api_id: "gid://shopify/Order/5100000002",
        name: "#1002",
        cancelled_at: new Date(T0.getTime() + HOUR).toISOString(),
        updated_at: new Date(T0.getTime() + HOUR).toISOString(),
        cancel_reason: "customer",
      });
      expect(response.status).toBe(200);
      const rows = await shipments();
      expect(rows.map((row) => [row.orderName, row.status, row.stopReason, row.nextCheckAt])).toEqual([
        ["#1002", "cancelled", "order_cancelled", null],
        ["#1001", "cancelled", "fulfillment_cancelled", null],
      ]);
    });

    it("honours a cancellation in every order of create, update (second tracking number) and cancel", async () => {
      const permutations = (items: string[]): string[][] =>
        items.length <= 1 ? [items] : items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
      const orders = permutations(["create", "update", "cancel"]);
      expect(orders).toHaveLength(6);
      for (const [index, order] of orders.entries()) {
        const ids = { fulfillmentId: 4_400_000_000 + index, orderId: 5_400_000_000 + index, orderName: `#44${index}` };
        const send = {
          create: () => deliver(fulfillmentCreated, "fulfillments/create", payload({ ...ids, trackingNumbers: [UPS] })),
          // Shopify added a second number an hour later; the order was cancelled after that, but
          // the deliveries arrive in any order.
          update: () => deliver(fulfillmentUpdated, "fulfillments/update", payload({ ...ids, trackingNumbers: [UPS, UPS_2], updatedAt: new Date(T0.getTime() + HOUR) })),
          cancel: () =>
            deliver(orderCancelled, "orders/cancelled", {
              id: ids.orderId,
              admin_graphql_api_id: `gid://shopify/Order/${ids.orderId}`,
              cancelled_at: new Date(T0.getTime() + 2 * HOUR).toISOString(),
              updated_at: new Date(T0.getTime() + 2 * HOUR).toISOString(),
            }),
        };
        for (const topic of order) expect((await send[topic as keyof typeof send]()).status).toBe(200);
        const rows = await database().db.shipment.findMany({ where: { orderId: `gid://shopify/Order/${ids.orderId}` }, orderBy: { trackingNumber: "asc" } });
        expect(
          rows.map((row) => ({ number: row.trackingNumber, status: row.status, stopReason: row.stopReason, stopped: row.trackingStoppedAt !== null, nextCheckAt: row.nextCheckAt })),
          order.join(" → "),
        ).toEqual([
          { number: UPS_2, status: "cancelled", stopReason: "order_cancelled", stopped: true, nextCheckAt: null },
          { number: UPS, status: "cancelled", stopReason: "order_cancelled", stopped: true, nextCheckAt: null },
        ]);
      }
      // Nothing dropped as stale after a cancellation: the only ignored deliveries are creates older than their update.
      const ignored = await database().db.webhookReceipt.findMany({ where: { outcome: "ignored" }, select: { topic: true } });
      expect(ignored.every((receipt) => receipt.topic === "fulfillments/create")).toBe(true);
      expect(await database().db.cancelledOrder.count()).toBe(6);
    });

    it("stores a fulfillment of an order cancelled in the same group commit as stopped", async () => {
      const cancel = {
        id: 5_100_000_001,
        admin_graphql_api_id: "gid://shopify/Order/5100000001",
        cancelled_at: new Date(T0.getTime() + HOUR).toISOString(),
      };
      const responses = await Promise.all([
        deliver(orderCancelled, "orders/cancelled", cancel),
        deliver(fulfillmentCreated, "fulfillments/create", payload()),
        deliver(fulfillmentCreated, "fulfillments/create", payload({ fulfillmentId: 4_200_000_002, trackingNumbers: [UPS_2] })),
      ]);
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
      expect((await shipments()).map((row) => [row.trackingNumber, row.status, row.nextCheckAt])).toEqual([
        [UPS_2, "cancelled", null],
        [UPS, "cancelled", null],
      ]);
    });

    describe("orders/create", () => {
      // Shopify's order payload carries the shopper's details too; only id and created_at are kept.
      const order = (overrides: Record<string, unknown> = {}) => ({
        id: 5_100_000_001,
        admin_graphql_api_id: "gid://shopify/Order/5100000001",
        name: "#1001",
        email: "Shopper@Example.com",
        customer: { first_name: "Ada", last_name: "Lovelace", email: "Shopper@Example.com" },
        created_at: "2026-11-19T08:30:00-05:00",
        updated_at: "2026-11-19T08:30:05-05:00",
        ...overrides,
      });
      const ORDERED = "2026-11-19T13:30:00.000Z";
      const placed = () => database().db.orderPlaced.findMany({ orderBy: { orderId: "asc" } });
      // A handler's note is kept in the receipt's error column.
      const receipt = async (webhookId: string) => {
        const row = await database().db.webhookReceipt.findUniqueOrThrow({ where: { webhookId }, select: { outcome: true, error: true } });
        return { outcome: row.outcome, note: row.error };
      };

      it("gives a fulfillment that arrives later the order's creation time", async () => {
        const received = new Date();
        expect((await deliver(orderCreated, "orders/create", order(), { webhookId: "order-1" })).status).toBe(200);
        const rows = await placed();
        expect(rows.map(({ receivedAt, ...row }) => ({ ...row, receivedAt: receivedAt.getTime() >= received.getTime() - 1_000 }))).toEqual([
          { shopDomain: TEST_APP.shop, orderId: "gid://shopify/Order/5100000001", orderCreatedAt: new Date(ORDERED), receivedAt: true },
        ]);
        expect(await receipt("order-1")).toEqual({ outcome: "processed", note: "0 shipments given the order's creation time" });

        await deliver(fulfillmentCreated, "fulfillments/create", payload({ trackingNumbers: [UPS, FEDEX], trackingCompany: null }));
        expect((await shipments()).map((row) => [row.trackingNumber, row.orderCreatedAt?.toISOString()])).toEqual([
          [FEDEX, ORDERED],
          [UPS, ORDERED],
        ]);
      });

      it("fills in the creation time of the order's parcels that arrived before it", async () => {
        await deliver(fulfillmentCreated, "fulfillments/create", payload({ trackingNumbers: [UPS] }));
        await deliver(fulfillmentCreated, "fulfillments/create", payload({ fulfillmentId: 4_200_000_002, trackingNumbers: [FEDEX], trackingCompany: "FedEx" }));
        // Another order's parcel is left alone.
        await deliver(fulfillmentCreated, "fulfillments/create", payload({ fulfillmentId: 4_200_000_003, orderId: 5_100_000_003, orderName: "#1003", trackingNumbers: [UPS_2] }));
        expect((await shipments()).map((row) => row.orderCreatedAt)).toEqual([null, null, null]);

        expect((await deliver(orderCreated, "orders/create", order(), { webhookId: "order-late" })).status).toBe(200);
        expect((await shipments()).map((row) => [row.trackingNumber, row.orderName, row.orderCreatedAt?.toISOString() ?? null])).toEqual([
          [FEDEX, "#1001", ORDERED],
          [UPS_2, "#1003", null],
          [UPS, "#1001", ORDERED],
        ]);
        expect(await receipt("order-late")).toEqual({ outcome: "processed", note: "2 shipments given the order's creation time" });
      });

      it("gives every parcel the creation time when the order and its fulfillments arrive in one group commit", async () => {
        await deliver(fulfillmentCreated, "fulfillments/create", payload({ trackingNumbers: [UPS] }));
        const responses = await Promise.all([
          deliver(fulfillmentUpdated, "fulfillments/update", payload({ trackingNumbers: [UPS, UPS_2], updatedAt: new Date(T0.getTime() + HOUR) })),
          deliver(orderCreated, "orders/create", order()),
          deliver(fulfillmentCreated, "fulfillments/create", payload({ fulfillmentId: 4_200_000_002, trackingNumbers: [FEDEX], trackingCompany: "FedEx" })),
        ]);
        expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
        expect((await shipments()).map((row) => [row.trackingNumber, row.orderCreatedAt?.toISOString()])).toEqual([
          [FEDEX, ORDERED],
          [UPS_2, ORDERED],
          [UPS, ORDERED],
        ]);
      });

      it("does nothing the second time the same order is delivered", async () => {
        await deliver(fulfillmentCreated, "fulfillments/create", payload({ trackingNumbers: [UPS] }));
        await deliver(orderCreated, "orders/create", order(), { webhookId: "order-first" });
        // The same delivery again (Shopify's retry), then the event under a new webhook id.
        expect((await deliver(orderCreated, "orders/create", order(), { webhookId: "order-first" })).status).toBe(200);
        expect((await deliver(orderCreated, "orders/create", order({ created_at: "2026-11-20T00:00:00Z" }), { webhookId: "order-again" })).status).toBe(200);
        expect(await receipt("order-first")).toEqual({ outcome: "processed", note: "1 shipments given the order's creation time" });
        expect(await receipt("order-again")).toEqual({ outcome: "ignored", note: "order creation time already recorded" });
        expect((await placed()).map((row) => [row.orderId, row.orderCreatedAt.toISOString()])).toEqual([["gid://shopify/Order/5100000001", ORDERED]]);
        expect((await shipments()).map((row) => [row.trackingNumber, row.orderCreatedAt?.toISOString()])).toEqual([[UPS, ORDERED]]);
      });

      it("keeps a payload without a usable created_at for replay, and applies it once corrected", async () => {
        await deliver(fulfillmentCreated, "fulfillments/create", payload({ trackingNumbers: [UPS] }));
        expect((await deliver(orderCreated, "orders/create", order({ created_at: "last Tuesday" }), { webhookId: "order-bad-date" })).status).toBe(200);
        const { created_at: _dropped, ...withoutCreatedAt } = order();
        expect((await deliver(orderCreated, "orders/create", withoutCreatedAt, { webhookId: "order-no-date" })).status).toBe(200);
        const failed = await listFailedReceipts(database().db);
        expect(failed.map((row) => [row.webhookId, row.topic, row.outcome]).sort()).toEqual([
          ["order-bad-date", "orders/create", "failed"],
          ["order-no-date", "orders/create", "failed"],
        ]);
        for (const row of failed) expect(row.error).toMatch(/orders\/create payload is invalid: created_at/);
        expect(await placed()).toEqual([]);
        expect((await shipments()).map((row) => row.orderCreatedAt)).toEqual([null]);

        await database().db.webhookReceipt.update({ where: { webhookId: "order-bad-date" }, data: { payload: JSON.stringify(order()) } });
        expect((await replayWebhook(database().db, "order-bad-date", new Date())).result.outcome).toBe("processed");
        expect((await shipments()).map((row) => row.orderCreatedAt?.toISOString())).toEqual([ORDERED]);
        expect((await placed()).map((row) => row.orderId)).toEqual(["gid://shopify/Order/5100000001"]);
      });

      it("is erased with the shop", async () => {
        await deliver(orderCreated, "orders/create", order());
        expect(await placed()).toHaveLength(1);
        await database().db.shop.delete({ where: { domain: TEST_APP.shop } });
        expect(await placed()).toEqual([]);
      });
    });

    it("flags an invalid number and a number that contradicts the declared carrier the moment they arrive", async () => {
      await deliver(
        fulfillmentCreated,
        "fulfillments/create",
        payload({ trackingNumbers: ["1Z999AA10123456785", FEDEX, "ZZ-UNKNOWN-FORMAT-77"], trackingCompany: "UPS" }),
      );
      const byNumber = new Map((await shipments()).map((row) => [row.trackingNumber, row]));
      expect(byNumber.get("1Z999AA10123456785")).toMatchObject({ status: "invalid", trackingIssue: "invalid_number", nextCheckAt: null });
      expect(byNumber.get("1Z999AA10123456785")?.trackingIssueDetail).toMatch(/check digit/);
      expect(byNumber.get(FEDEX)).toMatchObject({ status: "pending", carrier: "fedex", trackingIssue: "carrier_mismatch" });
      expect(byNumber.get("ZZUNKNOWNFORMAT77")).toMatchObject({ status: "pending", carrier: "ups", trackingIssue: "unrecognized_format" });
    });

    it("resolves the declared carrier through the shop's own name mappings", async () => {
      const { db } = database();
      await db.shop.create({ data: { domain: TEST_APP.shop } });
      await db.carrierNameMapping.create({ data: { shopDomain: TEST_APP.shop, name: "our warehouse courier", carrier: "fedex" } });
      await deliver(fulfillmentCreated, "fulfillments/create", payload({ trackingNumbers: [FEDEX], trackingCompany: "Our Warehouse Courier" }));
      expect((await shipments())[0]).toMatchObject({ carrier: "fedex", declaredCarrier: "Our Warehouse Courier", trackingIssue: null });
    });

    it("stores an authentic but malformed body for replay and answers 200", async () => {
      const response = await deliver(fulfillmentCreated, "fulfillments/create", '{"id": 42, "tracking_numbers": [', { webhookId: "broken-json" });
      expect(response.status).toBe(200);
      const [failed] = await listFailedReceipts(database().db);
      expect(failed).toMatchObject({ webhookId: "broken-json", outcome: "failed", payload: '{"id": 42, "tracking_numbers": [' });
      expect(failed?.error).toMatch(/not valid JSON/);
      const replay = await replayWebhook(database().db, "broken-json", new Date());
      expect(replay.result.outcome).toBe("failed");
    });

    it("stores a payload that fails validation with its error, and replays it once it can be processed", async () => {
      const invalid = { ...payload(), updated_at: "yesterday" };
      expect((await deliver(fulfillmentCreated, "fulfillments/create", invalid, { webhookId: "bad-date" })).status).toBe(200);
      const [failed] = await listFailedReceipts(database().db);
      expect(failed?.error).toMatch(/updated_at/);
      expect(await shipments()).toEqual([]);

      // Ops corrects the kept payload (or a code fix lands) and replays it.
      await database().db.webhookReceipt.update({ where: { webhookId: "bad-date" }, data: { payload: JSON.stringify(payload()) } });
      const replay = await replayWebhook(database().db, "bad-date", new Date());
      expect(replay.result.outcome).toBe("processed");
      expect(await shipments()).toHaveLength(1);
      expect(await listFailedReceipts(database().db)).toEqual([]);
      await expect(replayWebhook(database().db, "bad-date", new Date())).rejects.toThrow(/only failed deliveries/);
    });

    it("processes a 5 MB delivery well inside Shopify's 5 seconds", async () => {
      const huge = payload({ lineItemCount: 1 }) as Record<string, unknown>;
      huge.note_attributes = [{ name: "gift_message", value: "x".repeat(5 * 1024 * 1024) }];
      const started = performance.now();
      const response = await deliver(fulfillmentCreated, "fulfillments/create", huge);
      expect(response.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(await shipments()).toHaveLength(1);
    });

    it("app/scopes_update stores the granted scopes; a payload without them is kept with its error", async () => {
      const { db } = database();
      await db.session.deleteMany({});
      await db.session.create({ data: { id: `offline_${TEST_APP.shop}`, shop: TEST_APP.shop, state: "s", accessToken: "t", scope: "read_orders" } });
      await deliver(scopesUpdated, "app/scopes_update", { previous: ["read_orders"], current: ["read_orders", "read_all_orders"] });
      expect((await db.session.findUniqueOrThrow({ where: { id: `offline_${TEST_APP.shop}` } })).scope).toBe("read_orders,read_all_orders");
      expect((await deliver(scopesUpdated, "app/scopes_update", { previous: [] })).status).toBe(200);
      const [failed] = await listFailedReceipts(db);
      expect(failed?.error).toMatch(/app\/scopes_update payload is invalid: current/);
    });

    it("keeps a topic delivered to the wrong address as a failed delivery", async () => {
      const response = await deliver(fulfillmentCreated, "orders/create", { id: 1 }, { path: "/webhooks/fulfillments/create" });
      expect(response.status).toBe(200);
      const [failed] = await listFailedReceipts(database().db);
      expect(failed?.error).toMatch(/orders\/create is not handled at \/webhooks\/fulfillments\/create/);
    });

    it("isolates poisoned deliveries (unpaired surrogate, NUL) in a group commit: each answered by its own outcome, bodies kept losslessly", async () => {
      const good = Array.from({ length: 38 }, (_, index) =>
        payload({ fulfillmentId: 4_300_000_000 + index, orderId: 5_300_000_000 + index, orderName: `#${3000 + index}`, trackingNumbers: [`TLPOISON${index}`], trackingCompany: "Other" }),
      );
      const surrogate = payload({ fulfillmentId: 4_300_000_100, trackingCompany: "UPS \ud800 Ground" });
      const nul = payload({ fulfillmentId: 4_300_000_101, trackingCompany: "UPS \u0000 Ground" });
      const deliveries = [...good.slice(0, 19), surrogate, ...good.slice(19), nul];
      const responses = await Promise.all(
        deliveries.map((body, index) => deliver(fulfillmentCreated, "fulfillments/create", body, { webhookId: `storm-${index}` })),
      );
      expect(responses.map((response) => response.status)).toEqual(deliveries.map(() => 200));
      expect(await database().db.shipment.count()).toBe(38);
      const failed = await listFailedReceipts(database().db);
      expect(failed.map((receipt) => receipt.webhookId).sort()).toEqual(["storm-19", "storm-39"]);
      for (const receipt of failed) {
        expect(receipt.error).toMatch(/tracking_company holds a NUL or an unpaired surrogate/);
        expect(receiptBody(receipt)).toBe(JSON.stringify(receipt.webhookId === "storm-19" ? surrogate : nul));
      }
      expect(await database().db.webhookReceipt.count({ where: { outcome: "processed" } })).toBe(38);
    });

    it("keeps an authentic body holding raw NUL bytes or bytes that are not UTF-8, byte for byte", async () => {
      // A raw NUL character inside a JSON string (not its escape): authentic but not JSON.
      const withNul = '{"id": 42, "tracking_company": "UPS\u0000raw"}';
      expect((await deliver(fulfillmentCreated, "fulfillments/create", withNul, { webhookId: "raw-nul" })).status).toBe(200);

      const bytes = Buffer.concat([Buffer.from('{"id": 43, "name": "'), Buffer.from([0xed, 0xa0, 0x80, 0xff]), Buffer.from('"}')]);
      const signed = (secret: string) =>
        new Request(`${TEST_APP.appUrl}/webhooks/fulfillments/create`, {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            "X-Shopify-Topic": "fulfillments/create",
            "X-Shopify-Shop-Domain": TEST_APP.shop,
            "X-Shopify-Hmac-Sha256": crypto.createHmac("sha256", secret).update(bytes).digest("base64"),
            "X-Shopify-Webhook-Id": "not-utf8",
            "X-Shopify-API-Version": "2026-10",
          },
          body: bytes,
        });
      expect((await fulfillmentCreated({ request: signed("forged"), params: {}, context: {} })).status).toBe(401);
      expect((await fulfillmentCreated({ request: signed(TEST_APP.apiSecret), params: {}, context: {} })).status).toBe(200);

      const kept = new Map((await listFailedReceipts(database().db)).map((receipt) => [receipt.webhookId, receipt]));
      expect([...kept.keys()].sort()).toEqual(["not-utf8", "raw-nul"]);
      expect(receiptBody(kept.get("raw-nul")!)).toBe(withNul);
      expect(kept.get("raw-nul")?.error).toMatch(/not valid JSON/);
      expect(Buffer.from(receiptBody(kept.get("not-utf8")!) as Uint8Array).equals(bytes)).toBe(true);
      expect(kept.get("not-utf8")).toMatchObject({ error: "body is not UTF-8 text", payloadEncoding: "base64" });
      const replay = await replayWebhook(database().db, "not-utf8", new Date());
      expect(replay.result).toEqual({ outcome: "failed", note: "payload is not UTF-8 text" });
    });
  });
}
