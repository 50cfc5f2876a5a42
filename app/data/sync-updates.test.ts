import { beforeEach, describe, expect, it } from "vitest";
import { database } from "./client.server";
import { sharedDb, type Db } from "./db.server";
import { applySyncUpdates, claimDueShipments, type MomentHooks, type ShipmentSyncUpdate } from "./sync.server";
import { orderSubject, type MomentRecord } from "./notifications.server";
import { insertRows, sqliteDate, sqlValue, txSql } from "./sync-writes.server";

const SHOP = "sync-updates.myshopify.com";
const NOW = new Date("2026-11-20T12:00:00.000Z");
const HOUR = 3_600_000;
const OWNER = "worker-a";

/** Stored shipments of every kind the sync meets: fresh, mid-journey with flags, estimates, an issue. */
async function seed(db: Db) {
  await db.trackingEvent.deleteMany({});
  await db.shipment.deleteMany({});
  await db.shipmentDayStat.deleteMany({});
  await db.deliveryDayStat.deleteMany({});
  await db.orderSummary.deleteMany({});
  await db.shop.deleteMany({});
  await db.shop.create({ data: { domain: SHOP, timezone: "America/New_York" } });
  for (let index = 0; index < 12; index++) {
    await db.shipment.create({
      data: {
        id: `s${String(index).padStart(2, "0")}`,
        shopDomain: SHOP,
        orderId: `gid://shopify/Order/${index % 4}`,
        orderName: `#${index}`,
        fulfillmentId: `gid://shopify/Fulfillment/${index}`,
        fulfillmentCreatedAt: new Date(NOW.getTime() - (30 + index) * HOUR),
        createdAt: new Date(NOW.getTime() - (29 + index) * HOUR),
        trackingNumber: `T${index}`,
        carrier: index % 3 === 0 ? "ups" : "fedex",
        status: index % 4 === 0 ? "in_transit" : "pending",
        subStatus: index % 6 === 0 ? "customs_hold" : null,
        stalled: index % 5 === 0,
        late: index % 7 === 0,
        notPickedUp: index % 3 === 1,
        pickedUpAt: index % 4 === 0 ? new Date("2026-11-19T01:02:03.004Z") : null,
        lastEventAt: index % 2 === 0 ? new Date("2026-11-19T05:00:00.000Z") : null,
        estimatedDeliveryAt: index % 2 ? new Date("2026-11-22T00:00:00.125Z") : null,
        attemptCount: index % 3,
        lastError: index % 5 === 1 ? "429: slow down" : null,
        originCountry: index % 4 === 1 ? "DE" : null,
        trackingIssue: index === 11 ? "invalid_number" : null,
        predictedDeliveryAt: index % 3 === 2 ? new Date("2026-11-23T10:00:00.000Z") : null,
        proofOfDeliveryJson: index === 8 ? '{"signedBy":"A"}' : null,
        nextCheckAt: new Date(NOW.getTime() - 1000),
      },
    });
  }
}

/** What a pass decided for each: some values as stored, some changed, some left undefined. */
function updates(): ShipmentSyncUpdate[] {
  return Array.from({ length: 12 }, (_, index): ShipmentSyncUpdate => {
    const keepStatus = index % 3 === 0;
    return {
      shipmentId: `s${String(index).padStart(2, "0")}`,
      owner: OWNER,
      added:
        index % 2 === 0
          ? [{ occurredAt: "2026-11-20T09:00:00.000Z", status: "in_transit", carrierCode: "AR", description: "Arrived", location: { city: "Memphis", country: "US" }, raw: { n: index }, dedupeKey: `k${index}` }]
          : [],
      updated: [],
      shipment: {
        // Unchanged for every third parcel; pending → in_transit (a dashboard move) for the others.
        status: keepStatus ? (index % 4 === 0 ? "in_transit" : "pending") : index === 10 ? "delivered" : "in_transit",
        subStatus: index % 6 === 0 ? "customs_hold" : null,
        stalled: index % 5 === 0 ? index !== 5 : false,
        late: index % 7 === 0,
        notPickedUp: false,
        pickedUpAt: index % 4 === 0 ? new Date("2026-11-19T01:02:03.004Z") : new Date("2026-11-20T08:00:00.000Z"),
        deliveredAt: index === 10 ? new Date("2026-11-20T11:00:00.000Z") : null,
        lastEventAt: new Date("2026-11-19T05:00:00.000Z"),
        lastCheckedAt: NOW,
        nextCheckAt: index === 10 ? null : new Date(NOW.getTime() + 4 * HOUR),
        ...(index % 2 ? { estimatedDeliveryAt: new Date("2026-11-22T00:00:00.125Z"), estimatedDeliveryEnd: new Date("2026-11-22T00:00:00.125Z") } : {}),
        isReturn: false,
        attemptCount: index === 9 ? 3 : 0,
        lastError: index === 9 ? "500: carrier down" : null,
        ...(index % 4 === 1 ? {} : { originCountry: index % 2 ? "US" : null }),
        ...(index === 11 ? { trackingIssue: "invalid_number", trackingIssueDetail: "unknown number" } : {}),
        ...(index % 3 === 2 ? { predictedDeliveryAt: new Date("2026-11-23T10:00:00.000Z"), estimateSource: "model" } : {}),
        ...(index === 8 ? { proofOfDeliveryJson: '{"signedBy":"A"}' } : {}),
      },
      writeBack: null,
    };
  });
}

/** Every Shipment column and every dashboard summary row as stored text. */
async function storedState(db: Db) {
  const text = async (table: string, order: string) => {
    const columns = (await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info('${table}')`)).map((row) => row.name);
    return db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT ${columns.map((name) => `CAST("${name}" AS TEXT) AS "${name}", typeof("${name}") AS "${name}:type"`).join(", ")} FROM "${table}" ORDER BY ${order}`,
    );
  };
  const events = (await text("TrackingEvent", `"shipmentId", "dedupeKey"`)).map(({ id, ...row }) => (void id, row));
  return {
    shipments: await text("Shipment", `"id"`),
    shipmentDays: await text("ShipmentDayStat", "1, 2, 3, 4, 5, 6, 7, 8"),
    deliveryDays: await text("DeliveryDayStat", "1, 2, 3, 4, 5, 6"),
    orders: await text("OrderSummary", "1, 2"),
    events,
  };
}

describe("the sync's writes on sqlite", () => {
  beforeEach(async () => {
    await seed(database().db);
  });

  it("store on the transaction's prepared statements what the ORM's raw SQL stores, column for column, dashboard included", async () => {
    const { db, provider } = database();
    expect(provider).toBe("sqlite");
    const run = async (client: Db) => {
      await seed(db);
      const claimed = await claimDueShipments(db, provider, { owner: OWNER, now: NOW, leaseMs: HOUR, limit: 100 });
      expect(claimed).toHaveLength(12);
      const result = await applySyncUpdates(client, provider, updates(), NOW);
      expect(result).toEqual({ applied: 12, lostLease: 0 });
      return storedState(db);
    };
    // An extended client has no connection of its own: every statement goes through the ORM's raw SQL.
    const batched = await run(sharedDb(db.$extends({})));
    const changedOnly = await run(db);
    expect(changedOnly).toEqual(batched);
    // What the comparison covers: leases released, values kept and changed, a delivery counted.
    const byId = new Map(changedOnly.shipments.map((row) => [row.id, row]));
    expect(byId.get("s00")).toMatchObject({ status: "in_transit", leaseOwner: null, leaseUntil: null, subStatus: "customs_hold", stalled: "1" });
    expect(byId.get("s05")).toMatchObject({ stalled: "0", lastError: null, attemptCount: "0" });
    // s09 leaves originCountry undefined: the stored one stays.
    expect(byId.get("s09")).toMatchObject({ attemptCount: "3", lastError: "500: carrier down", originCountry: "DE" });
    expect(byId.get("s10")).toMatchObject({ status: "delivered", nextCheckAt: null });
    expect(byId.get("s11")).toMatchObject({ trackingIssue: "invalid_number", trackingIssueDetail: "unknown number" });
    expect(changedOnly.deliveryDays.length).toBeGreaterThan(0);
    expect(changedOnly.events).toHaveLength(6);
    // An event row as the per-row path made it: every column, absent fields as NULL.
    const event = changedOnly.events.find((row) => row.shipmentId === "s04");
    expect(Object.fromEntries(Object.entries(event ?? {}).filter(([name]) => !name.endsWith(":type")))).toEqual({
      shipmentId: "s04",
      occurredAt: "2026-11-20T09:00:00.000+00:00",
      localTime: null,
      status: "in_transit",
      subStatus: null,
      carrierCode: "AR",
      description: "Arrived",
      city: "Memphis",
      province: null,
      postalCode: null,
      country: "US",
      rawPayload: '{"n":4}',
      dedupeKey: "k4",
      createdAt: sqliteDate(NOW),
    });
  });

  it("writes each defined column and keeps each undefined one, whether every, some or no update of the batch defines it", async () => {
    const { db, provider } = database();
    const types: Record<string, "text" | "integer" | "boolean" | "timestamp"> = {
      status: "text", subStatus: "text", stalled: "boolean", late: "boolean", notPickedUp: "boolean", pickedUpAt: "timestamp", deliveredAt: "timestamp",
      lastEventAt: "timestamp", lastCheckedAt: "timestamp", nextCheckAt: "timestamp", estimatedDeliveryAt: "timestamp", estimatedDeliveryEnd: "timestamp",
      isReturn: "boolean", attemptCount: "integer", lastError: "text", originCountry: "text", trackingIssue: "text", trackingIssueDetail: "text",
      predictedDeliveryAt: "timestamp", predictedDeliveryStart: "timestamp", predictedDeliveryEnd: "timestamp", estimateSource: "text",
      shownEstimateEnd: "timestamp", firstPredictedDeliveryAt: "timestamp", firstCarrierEstimateAt: "timestamp", proofOfDeliveryJson: "text",
    };
    const textOf = (type: string, value: unknown) => {
      const bound = sqlValue("sqlite", type as "text", value);
      return bound === null ? null : String(bound);
    };
    // Two batches: the mixed one above, then one whose updates all leave the optional columns out.
    for (const batch of [updates(), updates().map((update) => ({ ...update, added: [], shipment: { ...update.shipment, trackingIssue: undefined, originCountry: undefined, estimatedDeliveryAt: undefined, proofOfDeliveryJson: undefined } }))]) {
      await db.shipment.updateMany({ data: { nextCheckAt: new Date(NOW.getTime() - 1000), leaseOwner: null, leaseUntil: null } });
      await claimDueShipments(db, provider, { owner: OWNER, now: NOW, leaseMs: HOUR, limit: 100 });
      const before = new Map((await storedState(db)).shipments.map((row) => [row.id, row]));
      expect(await applySyncUpdates(db, provider, batch, NOW)).toEqual({ applied: 12, lostLease: 0 });
      const after = new Map((await storedState(db)).shipments.map((row) => [row.id, row]));
      for (const update of batch) {
        for (const [column, type] of Object.entries(types)) {
          const value = update.shipment[column as keyof ShipmentSyncUpdate["shipment"]];
          const expected = value === undefined ? before.get(update.shipmentId)?.[column] : textOf(type, value);
          expect([update.shipmentId, column, after.get(update.shipmentId)?.[column]]).toEqual([update.shipmentId, column, expected]);
        }
        expect(after.get(update.shipmentId)).toMatchObject({ leaseOwner: null, leaseUntil: null, updatedAt: sqliteDate(NOW) });
      }
    }
  });

  it("leaves a shipment whose lease another worker took untouched", async () => {
    const { db, provider } = database();
    await claimDueShipments(db, provider, { owner: OWNER, now: NOW, leaseMs: 1, limit: 100 });
    await claimDueShipments(db, provider, { owner: "worker-b", now: new Date(NOW.getTime() + 10), leaseMs: HOUR, limit: 1 });
    const before = await storedState(db);
    const result = await applySyncUpdates(db, provider, updates().slice(0, 1), NOW);
    expect(result).toEqual({ applied: 0, lostLease: 1 });
    expect(await storedState(db)).toEqual(before);
  });

  it("inserts rows in statements of a few fixed sizes that store what one statement for all of them stored", async () => {
    const { db, provider } = database();
    const columns = [
      ["id", "text"],
      ["shipmentId", "text"],
      ["occurredAt", "timestamp"],
      ["status", "text"],
      ["carrierCode", "text"],
      ["description", "text"],
      ["city", "text"],
      ["rawPayload", "text"],
      ["dedupeKey", "text"],
      ["createdAt", "timestamp"],
    ] as const;
    // 203 = 64 + 64 + 64 + 8 + 2 + 1: every kind of statement, in order.
    const rows = Array.from({ length: 203 }, (_, index) => ({
      id: `e${String(index).padStart(3, "0")}`,
      shipmentId: `s${String(index % 12).padStart(2, "0")}`,
      occurredAt: new Date(NOW.getTime() - index * 61_001),
      status: "in_transit",
      carrierCode: index % 5 ? "AR" : "",
      description: `Scan ${index} ☕`,
      city: index % 3 ? "Memphis" : null,
      rawPayload: index % 4 ? JSON.stringify({ index }) : null,
      dedupeKey: `k${index}`,
      createdAt: NOW,
    }));
    const eventsStored = async () =>
      db.$queryRawUnsafe<Record<string, unknown>[]>(
        `SELECT rowid AS "rowid", ${columns.map(([name]) => `CAST("${name}" AS TEXT) AS "${name}", typeof("${name}") AS "${name}:type"`).join(", ")} FROM "TrackingEvent" ORDER BY rowid`,
      );
    await db.$transaction(async (tx) => insertRows(txSql(db, tx, provider), "TrackingEvent", columns, rows));
    const fixedSizes = await eventsStored();
    await db.trackingEvent.deleteMany({});
    // As before: one statement with a tuple per row.
    const params = rows.flatMap((row) => columns.map(([name, type]) => sqlValue("sqlite", type, row[name])));
    await db.$executeRawUnsafe(
      `INSERT INTO "TrackingEvent" (${columns.map(([name]) => `"${name}"`).join(", ")}) VALUES ${rows.map(() => `(${columns.map(() => "?").join(", ")})`).join(", ")}`,
      ...params,
    );
    const oneStatement = await eventsStored();
    const withoutRowid = (stored: Record<string, unknown>[]) => stored.map(({ rowid, ...row }) => (void rowid, row));
    expect(withoutRowid(fixedSizes)).toEqual(withoutRowid(oneStatement));
    expect(fixedSizes.map((row) => row.id)).toEqual(rows.map((row) => row.id));
    expect(fixedSizes[202]).toMatchObject({ description: "Scan 202 ☕", city: "Memphis", "city:type": "text", occurredAt: sqliteDate(rows[202]!.occurredAt) });
  });

  it("record moments, the order's all-delivered moment and corrected events on the transaction's statements as through the ORM", async () => {
    const { db, provider } = database();
    const ORDER = "gid://shopify/Order/2";
    const deliveredAt = new Date("2026-11-20T11:00:00.000Z");
    const moment = (update: ShipmentSyncUpdate): MomentRecord => ({
      shopDomain: SHOP, subjectKey: update.shipmentId, shipmentId: update.shipmentId, orderId: ORDER, moment: "delivered",
      occurredAt: deliveredAt, status: "delivered", reason: null, estimateAt: null, channels: ["email"],
    });
    // The first pass delivers every parcel of order 2 (s02, s06, s10) and adds a scan to s04.
    const firstPass = () =>
      updates().map((update) =>
        ["s02", "s06", "s10"].includes(update.shipmentId)
          ? { ...update, shipment: { ...update.shipment, status: "delivered" as const, deliveredAt, nextCheckAt: null }, moments: [moment(update)] }
          : update,
      );
    // The second pass: the carrier re-sent s04's scan with corrected words.
    const secondPass = (): ShipmentSyncUpdate[] => {
      const update = updates()[4]!;
      const scan = update.added[0]!;
      return [{ ...update, added: [], updated: [{ ...scan, description: "Arrived at FedEx hub", raw: { n: 4, corrected: true } }] }];
    };
    const run = async (client: Db) => {
      await seed(db);
      await db.notification.deleteMany({});
      await db.shipmentMoment.deleteMany({});
      const parcelsSeen: unknown[] = [];
      const hooks: MomentHooks = {
        dueAt: (_record, _channel, open) => open ?? new Date(NOW.getTime() + HOUR),
        orderMoments: (shopDomain, orderId, parcels, recorded) => {
          parcelsSeen.push({ orderId, parcels: [...parcels].sort((a, b) => String((a as { id?: string }).id).localeCompare(String((b as { id?: string }).id))), recorded: [...recorded] });
          if (recorded.has("all_delivered") || parcels.some((parcel) => parcel.status !== "delivered")) return [];
          return [{ shopDomain, subjectKey: orderSubject(orderId), shipmentId: null, orderId, moment: "all_delivered", occurredAt: deliveredAt, status: "delivered", reason: null, estimateAt: null, channels: ["email"] }];
        },
      };
      await claimDueShipments(db, provider, { owner: OWNER, now: NOW, leaseMs: HOUR, limit: 100 });
      expect(await applySyncUpdates(client, provider, firstPass(), NOW, hooks)).toEqual({ applied: 12, lostLease: 0 });
      await db.shipment.update({ where: { id: "s04" }, data: { nextCheckAt: new Date(NOW.getTime() - 1000) } });
      await claimDueShipments(db, provider, { owner: OWNER, now: NOW, leaseMs: HOUR, limit: 100 });
      expect(await applySyncUpdates(client, provider, secondPass(), NOW, hooks)).toEqual({ applied: 1, lostLease: 0 });
      const moments = await db.shipmentMoment.findMany({ orderBy: [{ subjectKey: "asc" }, { moment: "asc" }], omit: { id: true } });
      const notifications = await db.notification.findMany({ orderBy: [{ shipmentId: "asc" }, { moment: "asc" }], omit: { id: true, momentId: true, updatedAt: true } });
      return { state: await storedState(db), moments, notifications, parcelsSeen };
    };
    const throughOrm = await run(sharedDb(db.$extends({})));
    const direct = await run(db);
    expect(direct).toEqual(throughOrm);
    expect(direct.moments.map((row) => [row.subjectKey, row.moment])).toEqual([
      [orderSubject(ORDER), "all_delivered"],
      ["s02", "delivered"],
      ["s06", "delivered"],
      ["s10", "delivered"],
    ]);
    expect(direct.notifications).toHaveLength(4);
    expect(direct.parcelsSeen).toEqual([
      {
        orderId: ORDER,
        parcels: ["s02", "s06", "s10"].map((id) => ({ id, orderId: ORDER, status: "delivered", trackingStoppedAt: null, deliveredAt })),
        recorded: [],
      },
    ]);
    const corrected = direct.state.events.find((row) => row.shipmentId === "s04");
    expect(corrected).toMatchObject({ dedupeKey: "k4", description: "Arrived at FedEx hub", rawPayload: '{"n":4,"corrected":true}', status: "in_transit" });
  });
});
