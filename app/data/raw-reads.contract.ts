import { beforeEach, describe, expect, it } from "vitest";
import { database } from "./client.server";
import { sharedDb } from "./db.server";
import { recordedMoments } from "./notifications.server";
import { addFailure, countFailuresOf, recordLookup } from "./lookups.server";
import { rawReaderOf } from "./raw-reads.server";
import { findTrackingPageSettings } from "./shop-settings.server";
import {
  findOrderShipments,
  findOrderShipmentsForLookup,
  findOrderShipmentsOf,
  findShipmentsByOrderName,
  findShipment,
  findShipmentsByTrackingNumber,
  findShopPresentation,
  findTrackingPageShop,
} from "./tracking-views.server";
import { orderIdOfShipment, orderParcelStates, parcelForInquiry } from "./inquiries.server";

const SHOP = "reads.myshopify.com";
const OTHER = "reads-other.myshopify.com";

/**
 * The storefront lookup's prepared reads (raw-reads.server.ts) against rows Prisma wrote, on each
 * provider: the same instants, flags and order Prisma would give, and never another shop's rows.
 */
export function rawReadsContract(expectedProvider: "sqlite" | "postgres") {
  describe(`prepared storefront reads on ${expectedProvider}`, () => {
    beforeEach(async () => {
      const { db } = database();
      await db.lookupEvent.deleteMany({});
      await db.shipment.deleteMany({});
      await db.shopLogo.deleteMany({});
      await db.shop.deleteMany({});
      await db.shop.create({ data: { domain: SHOP, name: "Reads", timezone: "Europe/Berlin", locales: "de, en", brandAccentColor: "#112233", trackingPageJson: '{"x":1}' } });
      await db.shop.create({ data: { domain: OTHER, name: "Other", uninstalledAt: new Date("2026-11-01T00:00:00Z") } });
      const base = { orderId: "gid://shopify/Order/1", orderName: "#1001", trackingNumber: "TRACK1", customerEmailHash: "e1" };
      // Same order name and tracking number in another shop: never part of this shop's answers.
      await db.shipment.create({ data: { ...base, id: "other_1", shopDomain: OTHER, fulfillmentId: "gid://shopify/Fulfillment/9", customerEmailHash: "e-other" } });
      await db.shipment.create({
        data: {
          ...base,
          id: "second",
          shopDomain: SHOP,
          fulfillmentId: "gid://shopify/Fulfillment/2",
          fulfillmentCreatedAt: new Date("2026-11-12T10:00:00.250Z"),
          trackingNumber: "TRACK2",
          status: "in_transit",
          late: true,
          isReturn: true,
          predictedDeliveryStart: new Date("2026-11-20T00:00:00Z"),
          lineItemsJson: JSON.stringify([{ name: "Mug", quantity: 2 }]),
          events: {
            create: [
              { id: "ev_b", occurredAt: new Date("2026-11-13T08:00:00Z"), status: "in_transit", carrierCode: "I", description: "Departed", city: "Köln", dedupeKey: "b" },
              { id: "ev_a", occurredAt: new Date("2026-11-12T20:00:00Z"), status: "picked_up", carrierCode: "P", description: "Picked up", dedupeKey: "a" },
              { id: "ev_c", occurredAt: new Date("2026-11-13T08:00:00Z"), status: "bogus", subStatus: "nonsense", carrierCode: "X", description: "Same instant, later id", dedupeKey: "c" },
            ],
          },
          writeBacks: {
            create: [
              { id: "wb_old", shopDomain: SHOP, fulfillmentId: "gid://shopify/Fulfillment/2", status: "picked_up", shopifyStatus: "CARRIER_PICKED_UP", happenedAt: new Date("2026-11-12T20:00:00Z"), state: "done", createdAt: new Date("2026-11-12T20:01:00Z") },
              { id: "wb_new", shopDomain: SHOP, fulfillmentId: "gid://shopify/Fulfillment/2", status: "in_transit", shopifyStatus: "IN_TRANSIT", happenedAt: new Date("2026-11-13T08:00:00Z"), state: "failed", lastError: "boom", createdAt: new Date("2026-11-13T08:01:00Z") },
            ],
          },
        },
      });
      await db.shipment.create({
        data: { ...base, id: "first", shopDomain: SHOP, fulfillmentId: "gid://shopify/Fulfillment/1", fulfillmentCreatedAt: new Date("2026-11-11T10:00:00Z"), stalled: true, status: "delivered", createdAt: new Date("2026-11-15T00:00:00Z") },
      });
    });

    it("reads shipments as Prisma would: instants, flags, events in order, the newest write-back", async () => {
      const { db, provider } = database();
      expect(provider).toBe(expectedProvider);
      const parcels = await findOrderShipments(db, SHOP, "gid://shopify/Order/1");
      expect(parcels.map((parcel) => parcel.id)).toEqual(["first", "second"]);
      const second = parcels[1]!;
      const stored = await db.shipment.findUniqueOrThrow({ where: { id: "second" } });
      expect(second.fulfillmentCreatedAt).toEqual(stored.fulfillmentCreatedAt);
      expect(second.fulfillmentCreatedAt?.toISOString()).toBe("2026-11-12T10:00:00.250Z");
      expect(second.predictedDeliveryStart).toEqual(new Date("2026-11-20T00:00:00Z"));
      expect(second.deliveredAt).toBeNull();
      expect(second.flags).toEqual({ stalled: false, late: true, notPickedUp: false });
      expect(second.isReturn).toBe(true);
      expect(second.lineItems).toEqual([{ name: "Mug", quantity: 2, imageUrl: null }]);
      expect(second.events).toEqual([
        { occurredAt: "2026-11-12T20:00:00.000Z", status: "picked_up", carrierCode: "P", description: "Picked up" },
        { occurredAt: "2026-11-13T08:00:00.000Z", status: "in_transit", carrierCode: "I", description: "Departed", location: { city: "Köln" } },
        { occurredAt: "2026-11-13T08:00:00.000Z", status: "unknown", carrierCode: "X", description: "Same instant, later id" },
      ]);
      expect(second.latestWriteBack).toEqual({ state: "failed", status: "in_transit", lastError: "boom", updatedAt: (await db.writeBack.findUniqueOrThrow({ where: { id: "wb_new" } })).updatedAt });
      expect(parcels[0]!.flags.stalled).toBe(true);
      expect(parcels[0]!.latestWriteBack).toBeNull();
      expect(await findShipment(db, SHOP, "second")).toEqual(second);
    });

    it("answers only from the asking shop", async () => {
      const { db } = database();
      expect(await findShipment(db, SHOP, "other_1")).toBeNull();
      const byTracking = await findShipmentsByTrackingNumber(db, SHOP, ["TRACK1", "track1"]);
      expect(byTracking.shipments.map((row) => row.id)).toEqual(["first"]);
      // With every parcel of the order, as the help block's own read gives them.
      expect([...byTracking.orderParcels].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
        [...(await orderParcelStates(db, SHOP, "gid://shopify/Order/1"))].sort((a, b) => a.id.localeCompare(b.id)),
      );
      expect(byTracking.orderParcels.map((parcel) => parcel.id)).toEqual(["first", "second"]);
      const otherTracking = await findShipmentsByTrackingNumber(db, OTHER, ["TRACK1"]);
      expect(otherTracking.shipments.map((row) => row.id)).toEqual(["other_1"]);
      expect(otherTracking.orderParcels.map((parcel) => parcel.id)).toEqual(["other_1"]);
      expect(await findShipmentsByTrackingNumber(db, SHOP, ["NOPE"])).toEqual({ shipments: [], orderParcels: [] });
      expect(await findShipmentsByOrderName(db, SHOP, ["1001", "#1001"])).toEqual([
        { orderId: "gid://shopify/Order/1", owner: { customerEmailHash: "e1", customerPhoneHash: null } },
        { orderId: "gid://shopify/Order/1", owner: { customerEmailHash: "e1", customerPhoneHash: null } },
      ]);
      expect(await findShipmentsByOrderName(db, SHOP, [])).toEqual([]);
      const attempt = { shopDomain: SHOP, surface: "storefront" as const, at: new Date("2026-11-20T12:00:00Z") };
      const forLookup = await findOrderShipmentsForLookup(db, SHOP, "gid://shopify/Order/1", attempt);
      expect(forLookup.shipments).toEqual(await findOrderShipments(db, SHOP, "gid://shopify/Order/1"));
      expect(forLookup.lookupRecorded?.("gid://shopify/Order/1")).toBe(false);
      expect((await findOrderShipmentsForLookup(db, OTHER, "gid://shopify/Order/2", { ...attempt, shopDomain: OTHER })).shipments).toEqual([]);
      // A signed link's parcel with its order's parcels, never across shops.
      expect(await findOrderShipmentsOf(db, SHOP, "first")).toEqual({ shipments: await findOrderShipments(db, SHOP, "gid://shopify/Order/1") });
      expect(await findOrderShipmentsOf(db, SHOP, "other_1")).toEqual({ shipments: [] });
      expect(await findOrderShipmentsOf(db, OTHER, "first")).toEqual({ shipments: [] });
      expect(await orderIdOfShipment(db, SHOP, "other_1")).toBeNull();
      expect(await orderIdOfShipment(db, SHOP, "first")).toBe("gid://shopify/Order/1");
      // Oldest created first; the first not delivered is the one asked about.
      expect(await parcelForInquiry(db, SHOP, "gid://shopify/Order/1", null)).toMatchObject({ shipmentId: "second", late: true, stalled: false });
      expect(await parcelForInquiry(db, SHOP, "gid://shopify/Order/1", "first")).toMatchObject({ shipmentId: "first", stalled: true });
      // The parcels a lookup loads carry what the inquiry choice reads, as its own read gives them.
      const states = await orderParcelStates(db, SHOP, "gid://shopify/Order/1");
      const stored = await db.shipment.findMany({ where: { shopDomain: SHOP }, select: { id: true, createdAt: true } });
      expect(states.map((state) => state.id).sort()).toEqual(["first", "second"]);
      for (const parcel of await findOrderShipments(db, SHOP, "gid://shopify/Order/1")) {
        expect(parcel.createdAt).toEqual(stored.find((row) => row.id === parcel.id)?.createdAt);
        expect(states.find((state) => state.id === parcel.id)).toEqual({
          id: parcel.id,
          orderId: parcel.orderId,
          status: parcel.status,
          late: parcel.flags.late,
          stalled: parcel.flags.stalled,
          carrier: parcel.carrier,
          originCountry: parcel.originCountry,
          destinationCountry: parcel.destinationCountry,
          createdAt: parcel.createdAt,
        });
      }
    });

    it("reads the shop's page settings and logo, and no uninstalled shop", async () => {
      const { db } = database();
      expect(await findShopPresentation(db, SHOP)).toEqual({ domain: SHOP, name: "Reads", timezone: "Europe/Berlin", brandAccentColor: "#112233", brandLogoUrl: null, locales: ["de", "en"] });
      expect(await findShopPresentation(db, OTHER)).toBeNull();
      expect(await findShopPresentation(db, "nobody.myshopify.com")).toBeNull();
      expect(await findTrackingPageSettings(db, SHOP)).toEqual({ trackingPageJson: '{"x":1}', logo: null });
      // The tracking page's single read gives both, and nothing for a shop not installed here.
      const both = async (domain: string) => {
        const presentation = await findShopPresentation(db, domain);
        return presentation ? { presentation, page: await findTrackingPageSettings(db, domain), failureCounts: null } : null;
      };
      expect(await findTrackingPageShop(db, SHOP)).toEqual(await both(SHOP));
      expect(await findTrackingPageShop(db, SHOP)).toEqual({
        presentation: { domain: SHOP, name: "Reads", timezone: "Europe/Berlin", brandAccentColor: "#112233", brandLogoUrl: null, locales: ["de", "en"] },
        page: { trackingPageJson: '{"x":1}', logo: null },
        failureCounts: null,
      });
      expect(await findTrackingPageShop(db, OTHER)).toBeNull();
      expect(await findTrackingPageShop(db, "nobody.myshopify.com")).toBeNull();
      // With a lookup's limiter counts: as countFailuresOf gives them, in the order asked, 0 for none.
      const window = new Date("2026-11-20T12:00:00Z");
      await db.rateLimitWindow.deleteMany({});
      for (let index = 0; index < 3; index++) await addFailure(db, "ip:a", window);
      await addFailure(db, "shop:s", window);
      await addFailure(db, "ip:b", new Date(window.getTime() - 600_000));
      const keys = ["shop:s", "ip:b", "ip:a"];
      expect((await findTrackingPageShop(db, SHOP, { keys, windowStart: window }))?.failureCounts).toEqual([1, 0, 3]);
      expect(await countFailuresOf(db, keys, window)).toEqual([1, 0, 3]);
      expect((await findTrackingPageShop(db, SHOP, { keys: [], windowStart: window }))?.failureCounts).toEqual([]);
      expect((await findTrackingPageShop(db, SHOP))?.failureCounts).toBeNull();
      expect(await findTrackingPageShop(db, OTHER, { keys, windowStart: window })).toBeNull();
      await db.shopLogo.create({ data: { shopDomain: SHOP, contentType: "image/png", bytes: Buffer.from([1, 2, 3]), width: 1, height: 1, sha256: "abc" } });
      // A saved setting is read at once: nothing is cached between requests.
      await db.shop.update({ where: { domain: SHOP }, data: { trackingPageJson: '{"x":2}', locales: "fr" } });
      expect(await findTrackingPageSettings(db, SHOP)).toEqual({ trackingPageJson: '{"x":2}', logo: { sha256: "abc", contentType: "image/png" } });
      expect((await findShopPresentation(db, SHOP))?.locales).toEqual(["fr"]);
      expect(await findTrackingPageShop(db, SHOP)).toEqual(await both(SHOP));
      expect((await findTrackingPageShop(db, SHOP))?.page).toEqual({ trackingPageJson: '{"x":2}', logo: { sha256: "abc", contentType: "image/png" } });
      expect(await findTrackingPageSettings(db, "nobody.myshopify.com")).toBeNull();
    });

    it("dedupes lookups within the window on instants Prisma stored", async () => {
      const { db } = database();
      const at = new Date("2026-11-20T12:00:00.123Z");
      const lookup = { shopDomain: SHOP, surface: "storefront" as const, orderId: "gid://shopify/Order/1", shipmentId: "first" };
      expect(await recordLookup(db, { ...lookup, at })).toBe(true);
      expect(await recordLookup(db, { ...lookup, at: new Date(at.getTime() + 29 * 60_000) })).toBe(false);
      expect(await recordLookup(db, { ...lookup, at: new Date(at.getTime() + 30 * 60_000) })).toBe(true);
      expect(await recordLookup(db, { ...lookup, surface: "email", at })).toBe(true);
      expect(await db.lookupEvent.count()).toBe(3);
      // Told by the caller's read: nothing recorded yet, but one is: the INSERT's own check holds.
      expect(await recordLookup(db, { ...lookup, at: new Date(at.getTime() + 31 * 60_000) }, undefined, false)).toBe(false);
      expect(await recordLookup(db, { ...lookup, surface: "email", at: new Date(at.getTime() + 1) }, undefined, true)).toBe(false);
      expect(await db.lookupEvent.count()).toBe(3);
      // The parcel reads tell the same as recordLookup's own check, per order, surface and window.
      const recorded = async (surface: "storefront" | "sms", minutes: number) => {
        const attempt = { shopDomain: SHOP, surface, at: new Date(at.getTime() + minutes * 60_000) };
        const answers = [
          (await findShipmentsByTrackingNumber(db, SHOP, ["TRACK1"], attempt)).lookupRecorded?.(lookup.orderId),
          (await findOrderShipmentsForLookup(db, SHOP, lookup.orderId, attempt)).lookupRecorded?.(lookup.orderId),
          (await findOrderShipmentsOf(db, SHOP, "second", attempt)).lookupRecorded?.(lookup.orderId),
        ];
        expect(new Set(answers).size).toBe(1);
        return answers[0];
      };
      expect(await recorded("storefront", 0)).toBe(true);
      expect(await recorded("storefront", 29)).toBe(true);
      expect(await recorded("storefront", 30)).toBe(true);
      expect(await recorded("storefront", -1)).toBe(false);
      expect(await recorded("storefront", 61)).toBe(false);
      expect(await recorded("sms", 0)).toBe(false);
      expect((await findOrderShipmentsForLookup(db, OTHER, lookup.orderId, { shopDomain: OTHER, surface: "storefront", at })).lookupRecorded?.(lookup.orderId)).toBe(false);
      expect((await findShipmentsByTrackingNumber(db, SHOP, ["TRACK1"])).lookupRecorded).toBeUndefined();
      // Written by plain SQL, read back by Prisma exactly as its own create would have stored them.
      const rows = await db.lookupEvent.findMany({ orderBy: [{ occurredAt: "asc" }, { surface: "asc" }], select: { shopDomain: true, surface: true, orderId: true, shipmentId: true, occurredAt: true } });
      expect(rows).toEqual([
        { ...lookup, surface: "email", occurredAt: at },
        { ...lookup, occurredAt: at },
        { ...lookup, occurredAt: new Date(at.getTime() + 30 * 60_000) },
      ]);
      // The analytics' day counts (an index on shop, day and surface) see them too.
      expect(await db.lookupEvent.count({ where: { shopDomain: SHOP, occurredAt: { gte: at, lt: new Date(at.getTime() + 31 * 60_000) } } })).toBe(3);
    });

    it("reads the last commit while the client's own write transaction is open, without waiting for it", async () => {
      const { db } = database();
      let written!: () => void;
      const wrote = new Promise<void>((resolve) => (written = resolve));
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const transaction = db.$transaction(
        async (tx) => {
          await tx.shop.update({ where: { domain: SHOP }, data: { name: "Renamed" } });
          written();
          await held;
        },
        { timeout: 20_000 },
      );
      await wrote;
      const started = Date.now();
      expect((await findShopPresentation(db, SHOP))?.name).toBe("Reads");
      expect(Date.now() - started).toBeLessThan(2_000);
      release();
      await transaction;
      expect((await findShopPresentation(db, SHOP))?.name).toBe("Renamed");
    });

    it("reads ordered rows with every value as the plain statement gives it: text of any kind, numbers, nulls", async () => {
      const { db } = database();
      const awkward = 'Quote " backslash \\ slash / newline \n tab \t nul-free, ünïcödé, 🚚, [1,"json-like"], {"a":1}';
      await db.trackingEvent.create({
        data: { id: "ev_d", shipmentId: "first", occurredAt: new Date("2026-11-11T11:00:00.007Z"), status: "info_received", carrierCode: "0", description: awkward, province: "", dedupeKey: "d" },
      });
      const reader = rawReaderOf(db);
      const read = async (columns: string[], from: string, orderBy: string, args: (string | number)[]) => {
        const plain = await reader.all(`SELECT ${columns.map((column) => `"${column}"`).join(", ")} ${from} ORDER BY ${orderBy}`, args);
        const ordered = await reader.allOrdered({ columns, from, orderBy, args });
        expect(ordered).toEqual(plain);
        return ordered;
      };
      const events = await read(
        ["id", "shipmentId", "occurredAt", "localTime", "status", "subStatus", "carrierCode", "description", "city", "province", "postalCode", "country", "dedupeKey"],
        `FROM "TrackingEvent" WHERE "shipmentId" IN (?, ?)`,
        `"occurredAt" ASC, "id" ASC`,
        ["first", "second"],
      );
      expect(events.map((event) => event.id)).toEqual(["ev_d", "ev_a", "ev_b", "ev_c"]);
      expect(events[0]!.description).toBe(awkward);
      const shipments = await read(
        ["id", "fulfillmentCreatedAt", "stalled", "late", "isReturn", "lineItemsJson", "predictedDeliveryStart", "trackingUrl"],
        `FROM "Shipment" WHERE "shopDomain" = ?`,
        `"fulfillmentCreatedAt" DESC, "id" ASC`,
        [SHOP],
      );
      expect(shipments.map((shipment) => shipment.id)).toEqual(["second", "first"]);
      expect(await reader.allOrdered({ columns: ["id"], from: `FROM "Shipment" WHERE "shopDomain" = ?`, orderBy: `"id" ASC`, args: ["nobody.myshopify.com"] })).toEqual([]);
      // Several reads at once: each answered as alone, its own arguments bound to it, empty ones empty.
      const eventRead = { columns: ["id", "description"], from: `FROM "TrackingEvent" WHERE "shipmentId" IN (SELECT "id" FROM "Shipment" WHERE "shopDomain" = ? AND "orderId" = ?)`, orderBy: `"occurredAt" ASC, "id" ASC`, args: [SHOP, "gid://shopify/Order/1"] };
      const shipmentRead = { columns: ["id", "late"], from: `FROM "Shipment" WHERE "shopDomain" = ? AND "id" <> ?`, orderBy: `"id" DESC`, args: [SHOP, "nothing"] };
      const emptyRead = { columns: ["id"], from: `FROM "Shipment" WHERE "shopDomain" = ?`, orderBy: `"id" ASC`, args: ["nobody.myshopify.com"] };
      const sets = await reader.allOrderedSets([eventRead, emptyRead, shipmentRead]);
      expect(sets).toEqual([await reader.allOrdered(eventRead), [], await reader.allOrdered(shipmentRead)]);
      expect(sets[0]!.map((event) => event.id)).toEqual(["ev_d", "ev_a", "ev_b", "ev_c"]);
      expect(sets[2]!.map((shipment) => shipment.id)).toEqual(["second", "first"]);
    });

    it("reads a first row as all() gives it, with the same values, and none when nothing matches", async () => {
      const { db } = database();
      const reader = rawReaderOf(db);
      const sql = `SELECT "id", "fulfillmentCreatedAt", "stalled", "late", "lineItemsJson", "trackingUrl", "createdAt" FROM "Shipment" WHERE "shopDomain" = ? ORDER BY "fulfillmentCreatedAt" DESC, "id" ASC`;
      const rows = await reader.all(sql, [SHOP]);
      expect(rows.map((row) => row.id)).toEqual(["second", "first"]);
      // The same statement read both ways, in either order, answers the same.
      expect(await reader.first(sql, [SHOP])).toEqual(rows[0]);
      expect(await reader.all(sql, [SHOP])).toEqual(rows);
      expect(await reader.first(sql, ["nobody.myshopify.com"])).toBeUndefined();
      expect(await reader.first(`SELECT COUNT(*) AS "n", ? AS "echo" FROM "Shipment" WHERE "shopDomain" = ?`, [new Date("2026-11-11T11:00:00.007Z"), SHOP])).toEqual(
        (await reader.all(`SELECT COUNT(*) AS "n", ? AS "echo" FROM "Shipment" WHERE "shopDomain" = ?`, [new Date("2026-11-11T11:00:00.007Z"), SHOP]))[0],
      );
    });

    it("reads recorded moments as the ORM does: per subject, within a shop when asked, none for unknown subjects", async () => {
      const { db } = database();
      await db.shipmentMoment.deleteMany({});
      const at = new Date("2026-11-13T08:00:00Z");
      const moment = (shopDomain: string, subjectKey: string, name: string) => ({
        shopDomain,
        subjectKey,
        shipmentId: subjectKey.startsWith("order:") ? null : subjectKey,
        orderId: "gid://shopify/Order/1",
        moment: name,
        occurredAt: at,
        status: "in_transit",
      });
      await db.shipmentMoment.createMany({
        data: [
          moment(SHOP, "second", "in_transit"),
          moment(SHOP, "second", "out_for_delivery"),
          moment(SHOP, "first", "delivered"),
          moment(SHOP, "order:gid://shopify/Order/1", "order_delivered"),
          // Another shop's moment of the same subject key.
          moment(OTHER, "second", "exception"),
        ],
      });
      const subjects = ["second", "first", "order:gid://shopify/Order/1", "missing"];
      const viaOrm = sharedDb(db.$extends({}));
      const asMap = (map: Map<string, Set<string>>) => [...map.entries()].map(([key, names]) => [key, [...names].sort()]);
      for (const shopDomain of [null, SHOP]) {
        const prepared = await recordedMoments(db, shopDomain, subjects);
        expect(asMap(prepared)).toEqual(asMap(await recordedMoments(viaOrm, shopDomain, subjects)));
        // Inside a transaction, through its client: the same answer.
        expect(asMap(await db.$transaction((tx) => recordedMoments(tx, shopDomain, subjects)))).toEqual(asMap(prepared));
      }
      expect(asMap(await recordedMoments(db, SHOP, subjects))).toEqual([
        ["second", ["in_transit", "out_for_delivery"]],
        ["first", ["delivered"]],
        ["order:gid://shopify/Order/1", ["order_delivered"]],
        ["missing", []],
      ]);
      expect(asMap(await recordedMoments(db, null, ["second"]))).toEqual([["second", ["exception", "in_transit", "out_for_delivery"]]]);
    });

    it("refuses a transaction's client, which has no prepared reader", async () => {
      const { db } = database();
      await expect(db.$transaction(async (tx) => rawReaderOf(tx))).rejects.toThrow("no prepared reader");
    });
  });
}
