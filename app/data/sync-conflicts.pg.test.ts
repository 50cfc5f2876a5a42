import pg from "pg";
import { describe, expect, it } from "vitest";
import { database } from "./client.server";
import { applySyncUpdates, type ShipmentSyncUpdate } from "./sync.server";

const SHOP = "sync-conflicts.myshopify.com";
const NOW = new Date("2026-11-20T12:00:00.000Z");
const OWNER = "worker-a";

function delivered(shipmentId: string): ShipmentSyncUpdate {
  return {
    shipmentId,
    owner: OWNER,
    added: [],
    updated: [],
    shipment: {
      status: "delivered",
      subStatus: null,
      stalled: false,
      late: false,
      notPickedUp: false,
      pickedUpAt: new Date("2026-11-19T12:00:00.000Z"),
      deliveredAt: new Date("2026-11-20T11:00:00.000Z"),
      lastEventAt: new Date("2026-11-20T11:00:00.000Z"),
      lastCheckedAt: NOW,
      nextCheckAt: null,
      isReturn: false,
      attemptCount: 0,
      lastError: null,
    },
    writeBack: null,
  };
}

/**
 * Another writer of the dashboard summaries (a webhook's transaction, say) holds one summary row
 * of the batch's and then asks for the other: Postgres rolls the batch back as a deadlock. The
 * batch is run again and applied, instead of its shipments waiting out their lease.
 */
describe("a sync batch on postgres that deadlocks with another writer", () => {
  it("is rolled back and applied again", async () => {
    // The batch's connections look for a deadlock after 3 s of waiting (Postgres's default is 1 s),
    // so a slow machine still sees the other writer's second request in place by then.
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    const { rows } = await admin.query<{ name: string }>("SELECT current_database() AS name");
    await admin.query(`ALTER DATABASE "${rows[0]!.name}" SET deadlock_timeout = '3s'`);
    await admin.end();
    const { db, provider } = database();
    await db.shop.create({ data: { domain: SHOP } });
    for (const id of ["conflict-1", "conflict-2"]) {
      await db.shipment.create({
        data: {
          id,
          shopDomain: SHOP,
          orderId: `gid://shopify/Order/${id}`,
          orderName: id,
          fulfillmentId: id,
          trackingNumber: id,
          carrier: "ups",
          status: "in_transit",
          createdAt: new Date("2026-11-19T10:00:00.000Z"),
          leaseOwner: OWNER,
          leaseUntil: new Date(NOW.getTime() + 600_000),
        },
      });
    }
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      // Only the batch's connection looks for the deadlock.
      await other.query("SET deadlock_timeout = '60s'");
      await other.query("BEGIN");
      // The batch moves both parcels from (…, in_transit) to (…, delivered), keys taken in that
      // order: "delivered" first. The other writer holds "in_transit"…
      await other.query(`UPDATE "ShipmentDayStat" SET "stalled" = "stalled" WHERE "shopDomain" = $1 AND "status" = 'in_transit'`, [SHOP]);
      const batch = applySyncUpdates(db, provider, [delivered("conflict-1"), delivered("conflict-2")], NOW);
      const waiting = async () =>
        (await other.query(`SELECT 1 FROM pg_stat_activity WHERE "datname" = current_database() AND "wait_event_type" = 'Lock' AND "pid" <> pg_backend_pid()`)).rowCount;
      for (let tries = 0; !(await waiting()); tries += 1) {
        if (tries > 500) throw new Error("the batch never waited for the other writer");
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      // …and now asks for "delivered", which the batch took: one of the two must give way.
      await other.query(
        `INSERT INTO "ShipmentDayStat" ("shopDomain", "day", "carrier", "status", "subStatus", "shipments", "stalled", "late", "notPickedUp", "withTrackingIssue")
         SELECT "shopDomain", "day", "carrier", 'delivered', '', 0, 0, 0, 0, 0 FROM "ShipmentDayStat" WHERE "shopDomain" = $1 AND "status" = 'in_transit'
         ON CONFLICT ("shopDomain", "day", "carrier", "status", "subStatus") DO UPDATE SET "late" = "ShipmentDayStat"."late"`,
        [SHOP],
      );
      // The other writer went on while the batch was still unfinished: the batch's first attempt
      // was rolled back. Once the other writer is done, the batch's next attempt goes through.
      await other.query("COMMIT");
      expect(await batch).toEqual({ applied: 2, lostLease: 0 });
    } finally {
      await other.end();
    }
    const stored = await db.shipment.findMany({ where: { shopDomain: SHOP }, orderBy: { id: "asc" }, select: { id: true, status: true, leaseOwner: true } });
    expect(stored).toEqual([
      { id: "conflict-1", status: "delivered", leaseOwner: null },
      { id: "conflict-2", status: "delivered", leaseOwner: null },
    ]);
    const days = await db.shipmentDayStat.findMany({ where: { shopDomain: SHOP }, select: { status: true, shipments: true }, orderBy: { status: "asc" } });
    expect(days).toEqual([
      { status: "delivered", shipments: 2 },
      { status: "in_transit", shipments: 0 },
    ]);
  });
});
