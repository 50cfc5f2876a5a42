import { beforeEach, describe, expect, it } from "vitest";
import { database } from "./client.server";
import { sharedDb, type Db } from "./db.server";
import { recordMoments, type DueAtPlanner, type MomentRecord } from "./notifications.server";
import { sqliteTransactionConnection } from "./sqlite-connection.server";
import { enqueueWriteBacksInBatch, insertRows, recordMomentsInBatch, rowId, txSql } from "./sync-writes.server";
import { loadEvents } from "./sync.server";
import { enqueueWriteBacks, type WriteBackRequest } from "./write-backs.server";

const SHOP = "outbox.myshopify.com";
const NOW = new Date("2026-11-20T12:00:00.000Z");
const MINUTE = 60_000;

/**
 * Coalescing as the notification planner does it: join the order's open group, else wait (ten
 * minutes, fifteen for s2, so joining a group shows); SMS goes at once.
 */
const dueAt: DueAtPlanner = (record, channel, open) =>
  channel === "sms" ? NOW : (open ?? new Date(NOW.getTime() + (record.shipmentId === "s2" ? 15 : 10) * MINUTE));

function moment(shipmentId: string | null, orderId: string, name: string, channels: MomentRecord["channels"], extra: Partial<MomentRecord> = {}): MomentRecord {
  return {
    shopDomain: SHOP,
    subjectKey: shipmentId ?? `order:${orderId}`,
    shipmentId,
    orderId,
    moment: name,
    occurredAt: new Date("2026-11-20T09:30:00.125Z"),
    status: "in_transit",
    reason: null,
    estimateAt: null,
    channels,
    ...extra,
  };
}

/** Rows as stored (instants as the database's own text), keyed by what they mean rather than by id. */
async function outboxRows(db: Db) {
  const moments = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT "id", "shopDomain", "subjectKey", "shipmentId", "orderId", "moment", CAST("occurredAt" AS TEXT) AS "occurredAt", "status", "reason",
            CAST("estimateAt" AS TEXT) AS "estimateAt", CAST("createdAt" AS TEXT) AS "createdAt" FROM "ShipmentMoment"`,
  );
  const notifications = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT "momentId", "shopDomain", "orderId", "shipmentId", "channel", "moment", "state", "attempts", CAST("nextAttemptAt" AS TEXT) AS "nextAttemptAt",
            CAST("createdAt" AS TEXT) AS "createdAt", "leaseUntil", "leaseOwner", "possibleDuplicates" FROM "Notification"`,
  );
  const subjectOf = new Map(moments.map((row) => [row.id, `${String(row.subjectKey)}/${String(row.moment)}`]));
  const key = (row: Record<string, unknown>) => JSON.stringify(row);
  return {
    moments: moments.map(({ id, ...row }) => (void id, row)).sort((a, b) => key(a).localeCompare(key(b))),
    notifications: notifications
      .map(({ momentId, ...row }): Record<string, unknown> => ({ ...row, of: subjectOf.get(momentId) }))
      .sort((a, b) => key(a).localeCompare(key(b))),
  };
}

async function writeBackRows(db: Db) {
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT "shopDomain", "shipmentId", "fulfillmentId", "status", "shopifyStatus", CAST("happenedAt" AS TEXT) AS "happenedAt",
            CAST("estimatedDeliveryAt" AS TEXT) AS "estimatedDeliveryAt", "message", "city", "province", "country", "zip", "state", "attempts",
            CAST("nextAttemptAt" AS TEXT) AS "nextAttemptAt", CAST("createdAt" AS TEXT) AS "createdAt" FROM "WriteBack"`,
  );
  return rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/**
 * The sync's batched outbox writes (sync-writes.server.ts) against the per-row repositories they
 * replace on the sync path: byte-for-byte the same rows from the same inputs, on each provider.
 */
export function syncWritesContract(expectedProvider: "sqlite" | "postgres") {
  describe(`batched sync outbox writes on ${expectedProvider}`, () => {
    beforeEach(async () => {
      const { db } = database();
      await db.notification.deleteMany({});
      await db.shipmentMoment.deleteMany({});
      await db.writeBack.deleteMany({});
      await db.trackingEvent.deleteMany({});
      await db.shipment.deleteMany({});
      await db.shop.deleteMany({});
      await db.shop.create({ data: { domain: SHOP } });
      for (const [id, order] of [["s1", "o1"], ["s2", "o1"], ["s3", "o2"], ["s4", "o3"]] as const) {
        await db.shipment.create({
          data: { id, shopDomain: SHOP, orderId: `gid://shopify/Order/${order}`, orderName: `#${order}`, fulfillmentId: `gid://shopify/Fulfillment/${id}`, trackingNumber: `T-${id}` },
        });
      }
    });

    async function seedExisting(db: Db) {
      // Recorded before: s3's in_transit, and an open (waiting, never tried) email of order o3.
      await recordMoments(db, [moment("s3", "gid://shopify/Order/o2", "in_transit", [])], dueAt, NOW);
      await recordMoments(db, [moment("s4", "gid://shopify/Order/o3", "out_for_delivery", ["email"])], () => new Date(NOW.getTime() + 3 * MINUTE), NOW);
    }

    const records = [
      moment("s1", "gid://shopify/Order/o1", "in_transit", ["email", "sms"]),
      // The same order's second parcel joins the group the first one opened in this batch.
      moment("s2", "gid://shopify/Order/o1", "in_transit", ["email", "flow"]),
      // Twice in one batch (two updates of one shipment): recorded once.
      moment("s2", "gid://shopify/Order/o1", "in_transit", ["email"]),
      // Already recorded: skipped with its channels.
      moment("s3", "gid://shopify/Order/o2", "in_transit", ["email"]),
      moment("s3", "gid://shopify/Order/o2", "exception", ["email"], { reason: "x".repeat(700), estimateAt: new Date("2026-11-22T00:00:00Z"), status: "exception" }),
      // Joins the open group stored before the batch.
      moment("s4", "gid://shopify/Order/o3", "delivered", ["email", "sms"], { status: "delivered" }),
      moment(null, "gid://shopify/Order/o1", "order_delivered", ["klaviyo"], { status: "delivered" }),
    ];

    it("records the same moments and outbox rows as one-by-one recording, due as coalescing says", async () => {
      const { db, provider } = database();
      expect(provider).toBe(expectedProvider);
      await seedExisting(db);
      expect(await recordMoments(db, records, dueAt, NOW)).toBe(5);
      const oneByOne = await outboxRows(db);

      await db.notification.deleteMany({});
      await db.shipmentMoment.deleteMany({});
      await seedExisting(db);
      const created = await db.$transaction((tx) => recordMomentsInBatch(tx, txSql(db, tx, provider), records, dueAt, NOW));
      expect(created).toBe(5);
      const batched = await outboxRows(db);
      expect(batched).toEqual(oneByOne);
      // What coalescing decided, spelled out: o1's email waits ten minutes for both parcels, o3's joins the stored group.
      const due = (of: string, channel: string) => batched.notifications.find((row) => row.of === of && row.channel === channel)?.nextAttemptAt;
      expect(due("s2/in_transit", "email")).toBe(due("s1/in_transit", "email"));
      expect(due("s4/delivered", "email")).toBe(due("s4/out_for_delivery", "email"));
      expect(due("s1/in_transit", "email")).not.toBe(due("s4/delivered", "email"));
      expect(batched.notifications).toHaveLength(9);
      expect(batched.moments.find((row) => row.moment === "exception")?.reason).toBe("x".repeat(500));
    });

    it("queues the same write-backs as one-by-one enqueueing, never a transition twice", async () => {
      const { db, provider } = database();
      const request = (shipmentId: string, status: WriteBackRequest["status"], extra: Partial<WriteBackRequest> = {}): WriteBackRequest => ({
        shopDomain: SHOP,
        shipmentId,
        fulfillmentId: `gid://shopify/Fulfillment/${shipmentId}`,
        status,
        shopifyStatus: status === "delivered" ? "DELIVERED" : "IN_TRANSIT",
        happenedAt: new Date("2026-11-20T08:15:00.500Z"),
        ...extra,
      });
      const existing = request("s3", "in_transit");
      const batch = [
        request("s1", "in_transit", { estimatedDeliveryAt: new Date("2026-11-23T00:00:00Z"), message: "Departed", location: { city: "Memphis", province: "TN", country: "US", postalCode: "38118" } }),
        request("s1", "in_transit"),
        request("s2", "delivered", { location: { country: "US" } }),
        existing,
      ];
      await enqueueWriteBacks(db, [existing], NOW);
      expect(await enqueueWriteBacks(db, batch, NOW)).toBe(2);
      const oneByOne = await writeBackRows(db);
      await db.writeBack.deleteMany({});
      await enqueueWriteBacks(db, [existing], NOW);
      expect(await db.$transaction((tx) => enqueueWriteBacksInBatch(tx, txSql(db, tx, provider), batch, NOW))).toBe(2);
      expect(await writeBackRows(db)).toEqual(oneByOne);
      expect(oneByOne).toHaveLength(3);
    });

    it("writes inside the batch's transaction: a failure later in it leaves nothing behind", async () => {
      const { db, provider } = database();
      expect(sqliteTransactionConnection(db)).toBeNull();
      await expect(
        db.$transaction(async (tx) => {
          // SQLite: the statements go to the transaction's own connection, not through the ORM.
          expect(sqliteTransactionConnection(db) !== null).toBe(provider === "sqlite");
          await insertRows(txSql(db, tx, provider), "ShipmentMoment", [["id", "text"], ["shopDomain", "text"], ["subjectKey", "text"], ["orderId", "text"], ["moment", "text"], ["occurredAt", "timestamp"], ["status", "text"], ["createdAt", "timestamp"]], [
            { id: rowId(), shopDomain: SHOP, subjectKey: "s1", orderId: "o1", moment: "in_transit", occurredAt: NOW, status: "in_transit", createdAt: NOW },
          ]);
          expect(await tx.shipmentMoment.count()).toBe(1);
          throw new Error("the batch failed after its first write");
        }),
      ).rejects.toThrow("the batch failed after its first write");
      expect(await db.shipmentMoment.count()).toBe(0);
      expect(sqliteTransactionConnection(db)).toBeNull();
    });

    it("reads a pass's stored events as the ORM does: instants, absent fields, raw payloads, order", async () => {
      const { db } = database();
      await db.trackingEvent.deleteMany({});
      const at = (iso: string) => new Date(iso);
      await db.trackingEvent.createMany({
        data: [
          { id: "e3", shipmentId: "s1", occurredAt: at("2026-11-19T08:00:00.250Z"), status: "in_transit", carrierCode: "IT", description: "Departed", city: "Memphis", country: "US", dedupeKey: "k3", createdAt: at("2026-11-19T09:00:00Z"), rawPayload: '{"a":[1,{"b":null}],"c":"ü"}' },
          { id: "e1", shipmentId: "s1", occurredAt: at("2026-11-18T22:00:00Z"), localTime: "2026-11-18T17:00:00-05:00", status: "picked_up", subStatus: "label_scanned", carrierCode: "PU", description: "Picked up", province: "TN", postalCode: "38118", dedupeKey: "k1", createdAt: at("2026-11-19T09:00:00Z") },
          // Same instant as e3, stored later.
          { id: "e4", shipmentId: "s1", occurredAt: at("2026-11-19T08:00:00.250Z"), status: "in_transit", carrierCode: "AR", description: "Arrived", dedupeKey: "k4", createdAt: at("2026-11-19T10:00:00Z") },
          { id: "e2", shipmentId: "s3", occurredAt: at("2026-11-18T22:00:00Z"), status: "exception", carrierCode: "EX", description: "", dedupeKey: "k2", createdAt: at("2026-11-19T09:00:00Z"), rawPayload: "null" },
        ],
      });
      const ids = ["s1", "s2", "s3", "missing"];
      // An extended client has no reading connection of its own: it reads through the ORM.
      const viaOrm = await loadEvents(sharedDb(db.$extends({})), ids);
      const prepared = await loadEvents(db, ids);
      expect([...prepared.entries()]).toEqual([...viaOrm.entries()]);
      expect(prepared.get("s1")?.map((event) => event.id)).toEqual(["e1", "e3", "e4"]);
      expect(prepared.get("s1")?.[1]).toEqual({
        id: "e3",
        dedupeKey: "k3",
        occurredAt: "2026-11-19T08:00:00.250Z",
        status: "in_transit",
        carrierCode: "IT",
        description: "Departed",
        location: { city: "Memphis", country: "US" },
        raw: { a: [1, { b: null }], c: "ü" },
      });
      expect(prepared.get("s2")).toEqual([]);
    });

    it("makes ids that are unique and sort in the order they were made", () => {
      const ids = Array.from({ length: 2000 }, () => rowId());
      expect(new Set(ids).size).toBe(2000);
      expect([...ids].sort()).toEqual(ids);
    });
  });
}
