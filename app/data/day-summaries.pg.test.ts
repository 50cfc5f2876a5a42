import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { daySummariesContract } from "./day-summaries.contract";

daySummariesContract("postgres");

/**
 * PL/pgSQL keeps a static statement's plan per connection, made for the transition tables of its
 * first run. On one connection, an UPDATE of one shipment and then one of 300 (a sync batch after
 * a webhook's write): the summary statements of the second must each read the transition tables
 * once, not once per row (nested loops planned for one row took minutes on such a batch). The
 * plans are read with auto_explain, which logs every nested statement's executed plan.
 */
describe("dashboard summary triggers on a connection that wrote one row first", () => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const notices: string[] = [];

  beforeAll(async () => {
    await client.connect();
    client.on("notice", (notice) => notices.push(notice.message ?? ""));
    await client.query(`INSERT INTO "Shop" ("domain", "timezone", "updatedAt") VALUES ('plans.myshopify.com', 'Europe/Paris', now())`);
    await client.query(
      `INSERT INTO "Shipment" ("id", "shopDomain", "orderId", "orderName", "fulfillmentId", "trackingNumber", "carrier", "status", "updatedAt")
       SELECT 'plan-' || i, 'plans.myshopify.com', 'gid://shopify/Order/' || (i % 50), '#' || (i % 50), 'f' || i, 'PLAN' || i, 'ups', 'in_transit', now()
       FROM generate_series(1, 300) AS i`,
    );
  });
  afterAll(() => client.end());

  it("reads each transition table once per statement on a batch of 300", async () => {
    await client.query(`LOAD 'auto_explain'`);
    for (const setting of ["log_min_duration = 0", "log_nested_statements = on", "log_analyze = on", "log_timing = off", "log_level = notice"]) {
      await client.query(`SET auto_explain.${setting}`);
    }
    await client.query(`UPDATE "Shipment" SET "status" = 'delivered', "deliveredAt" = now() WHERE "id" = 'plan-1'`);
    notices.length = 0;
    const batch = await client.query(`UPDATE "Shipment" SET "status" = 'exception', "subStatus" = 'damaged', "deliveredAt" = NULL WHERE "shopDomain" = 'plans.myshopify.com'`);
    expect(batch.rowCount).toBe(300);

    const triggerPlans = notices.filter((notice) => /Named Tuplestore Scan/.test(notice));
    expect(triggerPlans.length).toBeGreaterThan(0);
    const scans = triggerPlans.flatMap((plan) => [...plan.matchAll(/Named Tuplestore Scan +\(cost=[^)]*\) \(actual rows=(\d+) loops=(\d+)\)/g)].map((match) => ({ rows: Number(match[1]), loops: Number(match[2]) })));
    expect(scans.length).toBeGreaterThan(0);
    expect(scans.filter((scan) => scan.loops > 1)).toEqual([]);

    const stats = await client.query(`SELECT "status", "subStatus", "shipments" FROM "ShipmentDayStat" WHERE "shopDomain" = 'plans.myshopify.com' AND "shipments" <> 0`);
    expect(stats.rows).toEqual([{ status: "exception", subStatus: "damaged", shipments: 300 }]);
  });
});
