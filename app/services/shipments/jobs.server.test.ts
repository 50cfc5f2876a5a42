import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "~/data/db.server";
import { claimShipmentJob, findShipmentJob, shipmentJobFile } from "~/data/shipment-jobs.server";
import { copySqliteTemplate } from "~/testing/test-database.server";
import type { ParcelSyncOutcome } from "~/services/sync/sync-now.server";
import { exportEventCount } from "~/data/event-exports.server";
import { EXPORT_RETENTION_MS, RESYNC_RETENTION_MS, runShipmentJobs, shipmentJobView, startBulkResync, startEventsExport, startExport } from "./jobs.server";
import type { SyncNow } from "./resync.server";

const SHOP = "jobs-shop.myshopify.com";
const OTHER = "other-shop.myshopify.com";
const T0 = Date.parse("2026-12-01T10:00:00Z");

describe("background shipment jobs", () => {
  let db: Db;
  let database: ReturnType<typeof copySqliteTemplate>;
  beforeAll(async () => {
    database = copySqliteTemplate();
    db = createDb(database.url).db;
    for (const domain of [SHOP, OTHER]) await db.shop.create({ data: { domain } });
    for (let index = 0; index < 5; index++) {
      await db.shipment.create({
        data: {
          id: `s${index}`,
          shopDomain: SHOP,
          orderId: `gid://shopify/Order/${index}`,
          orderName: `#${2000 + index}`,
          fulfillmentId: `f${index}`,
          trackingNumber: `TRK${index}`,
          carrier: index === 4 ? "fedex" : "ups",
          status: "in_transit",
          createdAt: new Date(T0 - index * 60_000),
        },
      });
    }
    await db.shipment.create({
      data: { id: "x1", shopDomain: OTHER, orderId: "gid://shopify/Order/9", orderName: "#9", fulfillmentId: "f", trackingNumber: "X", status: "in_transit" },
    });
  });
  afterAll(async () => {
    await db.$disconnect();
    database.remove();
  });

  const outcomes: Record<string, ParcelSyncOutcome> = {
    s0: { kind: "new_events", newEvents: 3, statusChanged: true },
    s1: { kind: "no_news" },
    s2: { kind: "failed", reason: "no_credentials", carrier: "ups", detail: null },
    s4: { kind: "failed", reason: "rate_limited", carrier: "fedex", detail: null },
  };
  const fakeSync: SyncNow = async (_db, id) => {
    const outcome = outcomes[id];
    if (!outcome) throw new Error(`carrier timeout for ${id}`);
    return { changed: outcome.kind === "new_events" && outcome.statusChanged, outcome };
  };

  it("queues only the shop's own shipments and reports every parcel, failures with their reason", async () => {
    const job = await startBulkResync(db, SHOP, ["s0", "s1", "x1", "s2", "s3", "s4", "s0"], new Date(T0));
    expect(job).toMatchObject({ kind: "resync", state: "queued", total: 5, processed: 0 });
    expect(await startBulkResync(db, SHOP, ["x1"], new Date(T0))).toBeNull();

    let clock = T0 + 1_000;
    const ran = await runShipmentJobs({ db, owner: "w1", syncNow: fakeSync, clock: () => clock });
    expect(ran).toBe(job?.id);
    const done = await findShipmentJob(db, SHOP, job?.id ?? "");
    expect(done).toMatchObject({ state: "done", total: 5, processed: 5, finishedAt: new Date(clock), expiresAt: new Date(clock + RESYNC_RETENTION_MS) });
    const view = shipmentJobView(done!);
    expect(view.parcels.map((parcel) => [parcel.shipmentId, parcel.orderName, parcel.outcome])).toEqual([
      ["s0", "#2000", { kind: "new_events", newEvents: 3, statusChanged: true }],
      ["s1", "#2001", { kind: "no_news" }],
      ["s2", "#2002", { kind: "failed", reason: "no_credentials", carrier: "ups", detail: null }],
      ["s3", "#2003", { kind: "failed", reason: "carrier_error", carrier: "ups", detail: "carrier timeout for s3" }],
      ["s4", "#2004", { kind: "failed", reason: "rate_limited", carrier: "fedex", detail: null }],
    ]);
    expect(view.summary).toEqual({ newEvents: 1, noNews: 1, failed: 3, byReason: { no_credentials: 1, carrier_error: 1, rate_limited: 1 } });
    expect(await findShipmentJob(db, OTHER, job?.id ?? "")).toBeNull();
    clock += 1;
    expect(await runShipmentJobs({ db, owner: "w1", syncNow: fakeSync, clock: () => clock })).toBeNull();
  });

  it("hands a long resync on in steps, keeping the parcels already done, and a dead worker's job is taken up again", async () => {
    const job = await startBulkResync(db, SHOP, ["s0", "s1", "s2"], new Date(T0 + 10_000));
    let clock = T0 + 20_000;
    // Each parcel takes 10 s on this clock: a 15 s budget does two, then hands the rest on.
    const slow: SyncNow = async (dbArg, id) => {
      clock += 10_000;
      return fakeSync(dbArg, id);
    };
    await runShipmentJobs({ db, owner: "w1", syncNow: slow, clock: () => clock, budgetMs: 15_000 });
    expect(await findShipmentJob(db, SHOP, job!.id)).toMatchObject({ state: "running", processed: 2 });
    await runShipmentJobs({ db, owner: "w2", syncNow: slow, clock: () => clock, budgetMs: 15_000 });
    const done = await findShipmentJob(db, SHOP, job!.id);
    expect(done).toMatchObject({ state: "done", processed: 3 });
    expect(shipmentJobView(done!).parcels.map((parcel) => parcel.shipmentId)).toEqual(["s0", "s1", "s2"]);

    // A job whose worker died holds its lease only until the lease runs out.
    const orphan = await startBulkResync(db, SHOP, ["s1"], new Date(clock));
    expect(await claimShipmentJob(db, { owner: "dead", now: new Date(clock), leaseUntil: new Date(clock + 60_000) })).toMatchObject({ id: orphan!.id });
    expect(await claimShipmentJob(db, { owner: "w3", now: new Date(clock + 30_000), leaseUntil: new Date(clock + 90_000) })).toBeNull();
    expect(await claimShipmentJob(db, { owner: "w3", now: new Date(clock + 61_000), leaseUntil: new Date(clock + 120_000) })).toMatchObject({ id: orphan!.id });
  });

  it("exports the filtered shipments to a file kept for the retention, then deletes it", async () => {
    const job = await startExport(db, SHOP, new URLSearchParams("carrier=ups&after=abc"), 4, new Date(T0));
    expect(JSON.parse(job.payload)).toEqual({ search: "carrier=ups" });
    // The resync job left over from the previous test goes first; the export after it.
    const clock = T0 + 500_000;
    while ((await findShipmentJob(db, SHOP, job.id))?.state !== "done") {
      await runShipmentJobs({ db, owner: "w1", syncNow: fakeSync, clock: () => clock });
    }
    const done = await findShipmentJob(db, SHOP, job.id);
    expect(done).toMatchObject({ state: "done", processed: 4, fileName: "trackline-shipments-jobs-shop-2026-12-01.csv", expiresAt: new Date(clock + EXPORT_RETENTION_MS) });
    expect(shipmentJobView(done!).downloadUrl).toBe(`/app/shipments/jobs/${job.id}/download`);
    const file = await shipmentJobFile(db, SHOP, job.id);
    const lines = file!.content.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines).toHaveLength(5);
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(["#2000", "#2001", "#2002", "#2003"]);
    expect(await shipmentJobFile(db, OTHER, job.id)).toBeNull();

    await runShipmentJobs({ db, owner: "w1", syncNow: fakeSync, clock: () => clock + EXPORT_RETENTION_MS + 1 });
    expect(await findShipmentJob(db, SHOP, job.id)).toBeNull();
  });

  it("exports the filtered shipments' carrier events in the background the same way, to a file of its own", async () => {
    const event = (shipmentId: string, index: number) => ({
      shipmentId,
      occurredAt: new Date(T0 - (10 - index) * 3_600_000),
      status: "in_transit",
      carrierCode: `C${index}`,
      description: `Scan ${index}`,
      dedupeKey: `${shipmentId}-${index}`,
    });
    await db.trackingEvent.createMany({ data: [event("s0", 1), event("s0", 2), event("s1", 1), event("s4", 1), event("x1", 1)] });
    expect(await exportEventCount(db, SHOP, { carriers: ["ups"] })).toBe(3);
    const job = await startEventsExport(db, SHOP, new URLSearchParams("carrier=ups&after=abc"), 3, new Date(T0));
    expect(job).toMatchObject({ kind: "events_export", total: 3 });
    expect(JSON.parse(job.payload)).toEqual({ search: "carrier=ups" });
    const clock = T0 + 600_000;
    while ((await findShipmentJob(db, SHOP, job.id))?.state !== "done") {
      await runShipmentJobs({ db, owner: "w1", syncNow: fakeSync, clock: () => clock });
    }
    const done = await findShipmentJob(db, SHOP, job.id);
    expect(done).toMatchObject({ state: "done", processed: 3, fileName: "trackline-events-jobs-shop-2026-12-01.csv", expiresAt: new Date(clock + EXPORT_RETENTION_MS) });
    expect(shipmentJobView(done!).downloadUrl).toBe(`/app/shipments/jobs/${job.id}/download`);
    const lines = (await shipmentJobFile(db, SHOP, job.id))!.content.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines.slice(1).map((line) => line.split(",").slice(0, 2).join(","))).toEqual(["#2000,TRK0", "#2000,TRK0", "#2001,TRK1"]);
    expect(await shipmentJobFile(db, OTHER, job.id)).toBeNull();
  });
});
