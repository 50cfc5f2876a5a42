import { Session } from "@shopify/shopify-api";
import { beforeEach, describe, expect, it } from "vitest";
import { appEnv } from "~/config/env.server";
import { database } from "./client.server";
import { applyMigrations } from "./migrate.server";
import { migrationNames, migrationStatus } from "./migrations.server";
import { DatabaseSessionStorage } from "./sessions.server";
import { countShipmentsByStatus, listShipments } from "./shipments.server";
import { markShopUninstalled, upsertInstalledShop } from "./shops.server";

/**
 * The data layer's behaviour, run once against SQLite and once against Postgres: both providers
 * must answer every repository call the same way.
 */
export function repositoryContract(expectedProvider: "sqlite" | "postgres") {
  const shop = "contract-shop.myshopify.com";

  beforeEach(async () => {
    const { db } = database();
    await db.shipment.deleteMany({});
    await db.session.deleteMany({});
    await db.shop.deleteMany({});
    await upsertInstalledShop(db, shop, { name: "Contract shop" });
  });

  describe(`data layer on ${expectedProvider}`, () => {
    it("connects to the configured provider with every migration applied", async () => {
      const { db, provider } = database();
      expect(provider).toBe(expectedProvider);
      const status = await migrationStatus(db, appEnv().DATABASE_URL);
      expect(status.pending).toEqual([]);
      expect(status.failed).toEqual([]);
      expect(status.applied).toEqual(migrationNames(appEnv().DATABASE_URL));
    });

    it("re-running the migrations is a no-op", async () => {
      await applyMigrations(appEnv().DATABASE_URL);
      const status = await migrationStatus(database().db, appEnv().DATABASE_URL);
      expect(status.applied).toEqual(migrationNames(appEnv().DATABASE_URL));
      expect(status.pending).toEqual([]);
    });

    it("stores, loads, finds and deletes Shopify's offline sessions", async () => {
      const storage = new DatabaseSessionStorage(database().db);
      const session = new Session({
        id: `offline_${shop}`,
        shop,
        state: "state",
        isOnline: false,
        scope: "read_orders,write_fulfillments",
        accessToken: "shpat_abc",
        expires: new Date("2027-01-01T00:00:00Z"),
        refreshToken: "shprt_def",
        refreshTokenExpires: new Date("2027-03-01T00:00:00Z"),
      });
      expect(await storage.storeSession(session)).toBe(true);
      const loaded = await storage.loadSession(session.id);
      expect(loaded?.toObject()).toEqual(session.toObject());
      expect(loaded?.isActive("read_orders,write_fulfillments", 0)).toBe(true);
      // Storing again updates the row in place (a refreshed token), never a second row.
      session.accessToken = "shpat_new";
      expect(await storage.storeSession(session)).toBe(true);
      expect((await storage.loadSession(session.id))?.accessToken).toBe("shpat_new");
      expect(await database().db.session.count({ where: { shop } })).toBe(1);
      expect((await storage.findSessionsByShop(shop)).map((found) => found.id)).toEqual([session.id]);
      expect(await storage.findSessionsByShop("other-shop.myshopify.com")).toEqual([]);
      expect(await storage.deleteSession(session.id)).toBe(true);
      expect(await storage.loadSession(session.id)).toBeUndefined();
      // Deleting what is already gone is not an error, as Shopify's storages answer.
      expect(await storage.deleteSession(session.id)).toBe(true);
    });

    it("keeps an online session's staff member, and finds the latest expiry first", async () => {
      const storage = new DatabaseSessionStorage(database().db);
      const online = (id: string, expires: string, user: { id: number; first_name: string; email: string }) =>
        new Session({
          id,
          shop,
          state: "state",
          isOnline: true,
          scope: "read_orders",
          accessToken: `shpua_${id}`,
          expires: new Date(expires),
          onlineAccessInfo: {
            expires_in: 86_400,
            associated_user_scope: "read_orders",
            associated_user: { ...user, last_name: "Lovelace", locale: "fr", account_owner: true, collaborator: false, email_verified: true },
          },
        });
      const older = online(`${shop}_101`, "2027-01-01T00:00:00Z", { id: 101, first_name: "Ada", email: "ada@example.com" });
      const newer = online(`${shop}_102`, "2027-02-01T00:00:00Z", { id: 102, first_name: "Grace", email: "grace@example.com" });
      await storage.storeSession(older);
      await storage.storeSession(newer);
      const loaded = await storage.loadSession(older.id);
      expect(loaded?.isOnline).toBe(true);
      expect(loaded?.onlineAccessInfo?.associated_user).toEqual({
        id: 101,
        first_name: "Ada",
        last_name: "Lovelace",
        email: "ada@example.com",
        locale: "fr",
        account_owner: true,
        collaborator: false,
        email_verified: true,
      });
      expect((await storage.findSessionsByShop(shop)).map((found) => found.id)).toEqual([newer.id, older.id]);
      expect(await storage.deleteSessions([older.id, newer.id])).toBe(true);
      expect(await storage.findSessionsByShop(shop)).toEqual([]);
    });

    it("pages shipments newest first without gaps or repeats, and counts by status", async () => {
      const { db } = database();
      const sameInstant = new Date("2026-11-01T12:00:00Z");
      for (let index = 0; index < 25; index++) {
        await db.shipment.create({
          data: {
            shopDomain: shop,
            orderId: `gid://shopify/Order/${index}`,
            orderName: `#${2000 + index}`,
            fulfillmentId: `gid://shopify/Fulfillment/${index}`,
            trackingNumber: `TRK${index}`,
            status: index < 5 ? "delivered" : "in_transit",
            // Ties on createdAt must still page deterministically (the id breaks them).
            createdAt: index % 2 === 0 ? sameInstant : new Date(sameInstant.getTime() + index * 1000),
          },
        });
      }
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof listShipments>> = await listShipments(db, shop, { limit: 7, after });
        expect(page.total).toBe(25);
        seen.push(...page.items.map((item) => item.trackingNumber));
        after = page.nextCursor;
      } while (after);
      expect(seen).toHaveLength(25);
      expect(new Set(seen).size).toBe(25);
      expect(seen[0]).toBe("TRK23");
      expect(await countShipmentsByStatus(db, shop)).toEqual({ delivered: 5, in_transit: 20 });
    });

    it("enforces one shipment per (shop, fulfillment, tracking number)", async () => {
      const { db } = database();
      const data = {
        shopDomain: shop,
        orderId: "gid://shopify/Order/1",
        orderName: "#1",
        fulfillmentId: "gid://shopify/Fulfillment/1",
        trackingNumber: "DUP1",
      };
      await db.shipment.create({ data });
      await expect(db.shipment.create({ data })).rejects.toThrow();
      expect(await db.shipment.count({ where: { shopDomain: shop } })).toBe(1);
    });

    it("uninstall removes sessions and stops tracking but keeps history", async () => {
      const { db } = database();
      await db.session.create({ data: { id: "s1", shop, state: "x", accessToken: "t" } });
      const shipment = await db.shipment.create({
        data: {
          shopDomain: shop,
          orderId: "gid://shopify/Order/9",
          orderName: "#9",
          fulfillmentId: "gid://shopify/Fulfillment/9",
          trackingNumber: "KEEP",
          nextCheckAt: new Date(),
          events: {
            create: { occurredAt: new Date(), status: "in_transit", carrierCode: "I", description: "Departed", dedupeKey: "k1" },
          },
        },
      });
      await markShopUninstalled(db, shop, new Date("2026-11-20T00:00:00Z"));
      expect(await db.session.count({ where: { shop } })).toBe(0);
      const after = await db.shipment.findUniqueOrThrow({ where: { id: shipment.id }, include: { events: true } });
      expect(after.nextCheckAt).toBeNull();
      expect(after.trackingStoppedAt?.toISOString()).toBe("2026-11-20T00:00:00.000Z");
      expect(after.events).toHaveLength(1);
    });
  });
}
