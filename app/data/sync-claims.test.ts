import { beforeEach, describe, expect, it } from "vitest";
import { database } from "./client.server";
import { sharedDb } from "./db.server";
import { claimDueShipments } from "./sync.server";

const SHOP = "claims.myshopify.com";
const NOW = new Date("2026-11-20T12:00:00.000Z");
const MINUTE = 60_000;

/**
 * SQLite claims due shipments in one prepared UPDATE … RETURNING: the same candidates, in the
 * same order, as the ORM's select-update-read, and never one lease for two claimers.
 */
describe("claiming due shipments on sqlite", () => {
  beforeEach(async () => {
    const { db } = database();
    await db.shipment.deleteMany({});
    await db.shop.deleteMany({});
    await db.shop.create({ data: { domain: SHOP } });
    const rows = Array.from({ length: 40 }, (_, index) => ({
      id: `ship_${String(39 - index).padStart(2, "0")}`,
      shopDomain: SHOP,
      orderId: `gid://shopify/Order/${index % 7}`,
      orderName: `#${index}`,
      fulfillmentId: `gid://shopify/Fulfillment/${index}`,
      fulfillmentCreatedAt: index % 3 === 0 ? null : new Date(NOW.getTime() - (index + 1) * 3_600_000 - 250),
      trackingNumber: `T${index}`,
      carrier: index === 5 ? null : index % 2 ? "fedex" : "ups",
      status: index % 4 === 0 ? "in_transit" : "pending",
      shopifyStatus: index % 5 === 0 ? "IN_TRANSIT" : null,
      estimatedDeliveryAt: index % 2 ? new Date("2026-11-22T00:00:00.125Z") : null,
      destinationCountry: index % 3 ? "US" : null,
      originCountry: index % 4 ? "DE" : null,
      destinationPostalPrefix: index % 6 ? "381" : null,
      attemptCount: index % 3,
      lastError: index % 9 === 0 ? "429: slow down" : null,
      subStatus: index % 8 === 0 ? "customs_hold" : null,
      stalled: index % 3 === 1,
      late: index % 5 === 2,
      shownEstimateEnd: index % 7 === 0 ? new Date("2026-11-23T18:00:00Z") : null,
      // Due in a scrambled order, some at the same instant; some not due; one stopped; one leased.
      nextCheckAt: index % 10 === 9 ? new Date(NOW.getTime() + MINUTE) : new Date(NOW.getTime() - ((index * 7) % 13) * MINUTE),
      trackingStoppedAt: index === 11 ? NOW : null,
      leaseUntil: index === 12 ? new Date(NOW.getTime() + MINUTE) : index === 13 ? new Date(NOW.getTime() - 1) : null,
      leaseOwner: index === 12 || index === 13 ? "other" : null,
    }));
    await db.shipment.createMany({ data: rows });
  });

  it("gives the ORM path's candidates, in its order", async () => {
    const { db, provider } = database();
    // An extended client has no connection of its own: it claims through the ORM.
    const orm = sharedDb(db.$extends({}));
    const options = { owner: "w1", now: NOW, leaseMs: 5 * MINUTE, limit: 25 };
    const viaOrm = await claimDueShipments(orm, provider, options);
    await db.shipment.updateMany({ where: { leaseOwner: "w1" }, data: { leaseOwner: null, leaseUntil: null } });
    const prepared = await claimDueShipments(db, provider, options);
    expect(prepared).toEqual(viaOrm);
    expect(prepared).toHaveLength(25);
    const leased = await db.shipment.findMany({ where: { leaseOwner: "w1" }, select: { id: true, leaseUntil: true } });
    expect(leased.map((row) => row.id).sort()).toEqual(prepared.map((row) => row.id).sort());
    expect(new Set(leased.map((row) => row.leaseUntil?.toISOString()))).toEqual(new Set(["2026-11-20T12:05:00.000Z"]));
    // Everything due and free was taken (36 due, minus the stopped, the carrier-less and the leased one).
    const rest = await claimDueShipments(db, provider, { ...options, owner: "w2", limit: 100 });
    expect(rest.map((row) => row.id).sort()).toEqual(
      (await db.shipment.findMany({ where: { leaseOwner: "w2" }, select: { id: true } })).map((row) => row.id).sort(),
    );
    expect(prepared.length + rest.length).toBe(36 - 3);
    expect(rest.some((row) => prepared.some((other) => other.id === row.id))).toBe(false);
  });

  it("never leases one shipment to two claimers racing for it", async () => {
    const { db, provider } = database();
    const owners = ["w0", "w1", "w2", "w3", "w4", "w5"];
    // Claims in flight at once (one worker's concurrent passes); other processes are kept out by
    // SQLite's write lock, which the one UPDATE holds from choosing the rows to leasing them.
    const claims = await Promise.all(owners.map((owner) => claimDueShipments(db, provider, { owner, now: NOW, leaseMs: 5 * MINUTE, limit: 6 })));
    const ids = claims.flat().map((row) => row.id);
    expect(claims.map((claim) => claim.length).sort()).toEqual([3, 6, 6, 6, 6, 6]);
    expect(new Set(ids).size).toBe(33);
    const stored = await db.shipment.findMany({ where: { id: { in: ids } }, select: { id: true, leaseOwner: true } });
    const ownerOf = new Map(stored.map((row) => [row.id, row.leaseOwner]));
    claims.forEach((claim, index) => {
      for (const row of claim) expect(ownerOf.get(row.id)).toBe(owners[index]);
    });
  });
});
