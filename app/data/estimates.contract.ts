import { beforeEach, describe, expect, it } from "vitest";
import type { CarrierAdapter, TrackResult } from "~/carriers/adapter";
import { DeliveryCalendar, NO_HOLIDAYS } from "~/domain/eta/calendar";
import { EtaModel, type EtaModelJson } from "~/domain/eta/model";
import { learnFromDelivery, type DeliveredParcel } from "~/domain/eta/parcel";
import { deliveryWeekdaysFor } from "~/carriers/delivery-weekdays";
import { EstimateModelCache, importHistory, refreshEstimateModels } from "~/services/estimates/models.server";
import { SyncEngine } from "~/services/sync/sync-engine.server";
import { database } from "./client.server";
import { loadEstimateModels, saveEstimateModel } from "./estimates.server";

/**
 * Delivery estimates through the database, on SQLite and Postgres alike: the worker folds each
 * delivery into the shop's model exactly once (incremental cursor, concurrent refreshes), history
 * imports warm it, and a sync pass gives an in-transit parcel Trackline's window and the estimate
 * its shopper is shown, written back to Shopify.
 */
export function estimatesContract(expectedProvider: "sqlite" | "postgres") {
  const shop = "estimates-shop.myshopify.com";
  const DAY = 86_400_000;
  // Monday 2 March 2026, 10:00 UTC.
  const base = Date.parse("2026-03-02T10:00:00Z");

  async function delivered(index: number, days: number, deliveredAtMs: number) {
    const { db } = database();
    return db.shipment.create({
      data: {
        shopDomain: shop,
        orderId: `gid://shopify/Order/${index}`,
        orderName: `#${index}`,
        fulfillmentId: `gid://shopify/Fulfillment/${index}`,
        fulfillmentCreatedAt: new Date(deliveredAtMs - days * DAY),
        trackingNumber: `EST${index}`,
        carrier: "usps",
        status: "delivered",
        deliveredAt: new Date(deliveredAtMs),
        originCountry: "US",
        destinationCountry: "US",
      },
    });
  }

  beforeEach(async () => {
    const { db } = database();
    await db.shipment.deleteMany({});
    await db.deliveryEstimateModel.deleteMany({});
    await db.shop.deleteMany({});
    await db.shop.create({ data: { domain: shop, timezone: "UTC" } });
  });

  describe(`delivery estimates on ${expectedProvider}`, () => {
    it("folds each delivery into the shop's model once, and only what is new on the next refresh", async () => {
      const { db, provider } = database();
      expect(provider).toBe(expectedProvider);
      // Ten parcels shipped on a Monday and delivered that Thursday (3 business days).
      for (let index = 0; index < 10; index++) await delivered(index, 3, base + 3 * DAY + index * 60_000);
      const first = await refreshEstimateModels(db, provider, { now: new Date(base + 4 * DAY), holidays: NO_HOLIDAYS, settleMs: 0 });
      expect(first).toEqual({ shops: 1, deliveries: 10 });
      expect(await refreshEstimateModels(db, provider, { now: new Date(base + 5 * DAY), holidays: NO_HOLIDAYS, settleMs: 0 })).toEqual({ shops: 0, deliveries: 0 });
      // A delivery synced late carries its earlier delivery time: it waits until deliveries that
      // old have settled, then is folded in exactly once.
      await delivered(10, 3, base + 5 * DAY + 12 * 3_600_000);
      expect(await refreshEstimateModels(db, provider, { now: new Date(base + 6 * DAY), holidays: NO_HOLIDAYS })).toEqual({ shops: 0, deliveries: 0 });
      expect(await refreshEstimateModels(db, provider, { now: new Date(base + 9 * DAY), holidays: NO_HOLIDAYS })).toEqual({ shops: 1, deliveries: 1 });
      expect(await refreshEstimateModels(db, provider, { now: new Date(base + 10 * DAY), holidays: NO_HOLIDAYS })).toEqual({ shops: 0, deliveries: 0 });

      const stored = (await loadEstimateModels(db, [shop])).get(shop)!;
      expect(stored.observations).toBe(11);
      const model = EtaModel.fromJSON(JSON.parse(stored.modelJson) as EtaModelJson);
      const lane = { carrier: "usps", originCountry: "US", destinationCountry: "US" };
      const { level, observations } = model.distribution(lane, "label");
      expect(level).toBe("lane");
      expect(Math.round(observations)).toBe(11);
      expect(model.distribution(lane, "label").probabilities[3]).toBeGreaterThan(0.6);
    });

    it("the database's per-lane-and-day counting learns what folding each delivery one by one learns, across a DST change, with and without events, milestones and scan gaps counted from the scans in the database", async () => {
      const { db } = database();
      await db.shop.update({ where: { domain: shop }, data: { timezone: "America/New_York" } });
      // 2026-03-08 02:00 is New York's change to summer time: deliveries either side of it, at
      // times near local midnight, some picked up, some with the first estimates scored, one
      // with events, and one picked up after its delivery scan (not a picked-up observation).
      const start = Date.parse("2026-02-20T04:30:00Z");
      const parcels: DeliveredParcel[] = [];
      for (let index = 0; index < 60; index++) {
        const shippedAtMs = start + index * 7 * 3_600_000 + (index % 5) * 60_000;
        const deliveredAtMs = shippedAtMs + (2 + (index % 6)) * DAY + (index % 3) * 3_600_000;
        const lane = { carrier: index % 4 === 0 ? "ups" : "usps", originCountry: "US", destinationCountry: index % 7 === 0 ? "CA" : "US" };
        const pickedUpAtMs = index % 2 === 0 ? shippedAtMs + 5 * 3_600_000 : index === 9 ? deliveredAtMs + 3_600_000 : null;
        const firstPredictedAtMs = index % 3 === 0 ? shippedAtMs + 4 * DAY : null;
        const firstCarrierEstimateAtMs = index % 5 === 0 ? shippedAtMs + 3 * DAY : null;
        const hour = 3_600_000;
        const events =
          index === 21
            ? // Cross-border (destination Canada): scans at home, then in Canada, customs there, a
              // scan out of time order and one after the delivery scan (learned from nothing).
              [
                { occurredAt: new Date(shippedAtMs + 2 * hour).toISOString(), status: "picked_up" as const, carrierCode: "P", description: "Accepted", location: { country: "US" } },
                { occurredAt: new Date(shippedAtMs + 20 * hour).toISOString(), status: "in_transit" as const, carrierCode: "T", description: "Departed", location: { country: "US" } },
                { occurredAt: new Date(shippedAtMs + 44 * hour).toISOString(), status: "in_transit" as const, carrierCode: "A", description: "Arrived", location: { country: "CA" } },
                { occurredAt: new Date(shippedAtMs + 30 * hour).toISOString(), status: "in_transit" as const, carrierCode: "T", description: "Processed", location: { country: "US" } },
                { occurredAt: new Date(shippedAtMs + 50 * hour).toISOString(), status: "in_transit" as const, subStatus: "customs_hold" as const, carrierCode: "C", description: "Customs", location: { country: "CA" } },
                { occurredAt: new Date(deliveredAtMs - 6 * hour).toISOString(), status: "out_for_delivery" as const, carrierCode: "O", description: "Out", location: { country: "CA" } },
                { occurredAt: new Date(deliveredAtMs).toISOString(), status: "delivered" as const, carrierCode: "D", description: "Delivered", location: { country: "CA" } },
                { occurredAt: new Date(deliveredAtMs + 30 * hour).toISOString(), status: "in_transit" as const, carrierCode: "X", description: "Late scan", location: { country: "CA" } },
              ]
            : index === 11 || index === 12 || index === 35
            ? [
                { occurredAt: new Date(shippedAtMs + 3_600_000).toISOString(), status: "picked_up" as const, carrierCode: "P", description: "Accepted", location: { country: "US" } },
                { occurredAt: new Date(shippedAtMs + DAY).toISOString(), status: "in_transit" as const, carrierCode: "T", description: "Departed", location: { country: "US" } },
                { occurredAt: new Date(deliveredAtMs).toISOString(), status: "delivered" as const, carrierCode: "D", description: "Delivered", location: { country: "US" } },
              ]
            : undefined;
        // Counted in the carrier's delivery days: USPS and UPS in the US deliver on Saturdays, UPS to Canada does not.
        const deliveryWeekdays = deliveryWeekdaysFor(lane.carrier, lane.destinationCountry);
        parcels.push({ lane, shippedAtMs, deliveredAtMs, pickedUpAtMs, firstPredictedAtMs, firstCarrierEstimateAtMs, deliveryWeekdays, ...(events ? { events } : {}) });
        const row = await db.shipment.create({
          data: {
            shopDomain: shop,
            orderId: `gid://shopify/Order/g${index}`,
            orderName: `#g${index}`,
            fulfillmentId: `gid://shopify/Fulfillment/g${index}`,
            fulfillmentCreatedAt: new Date(shippedAtMs),
            trackingNumber: `GRP${index}`,
            carrier: lane.carrier,
            status: "delivered",
            pickedUpAt: pickedUpAtMs === null ? null : new Date(pickedUpAtMs),
            deliveredAt: new Date(deliveredAtMs),
            firstPredictedDeliveryAt: firstPredictedAtMs === null ? null : new Date(firstPredictedAtMs),
            firstCarrierEstimateAt: firstCarrierEstimateAtMs === null ? null : new Date(firstCarrierEstimateAtMs),
            originCountry: lane.originCountry,
            destinationCountry: lane.destinationCountry,
          },
        });
        if (events) {
          await db.trackingEvent.createMany({
            data: events.map((event, position) => ({
              shipmentId: row.id,
              occurredAt: new Date(event.occurredAt),
              status: event.status,
              carrierCode: event.carrierCode,
              description: event.description,
              ...("subStatus" in event ? { subStatus: event.subStatus } : {}),
              country: event.location.country,
              dedupeKey: `k${position}`,
            })),
          });
        }
      }
      const now = new Date(start + 40 * DAY);
      const got = await expectRefreshLearns(now, parcels);
      // The cross-border parcel's milestones and silences were learned: arrived in Canada, customs, out for delivery.
      for (const milestone of ["in_destination_country", "customs", "out_for_delivery"]) expect(got.transit[`${milestone}#usps/|US>CA`]).toBeDefined();
      expect(got.gaps["customs#usps/|US>CA"]).toBeDefined();
    });

    async function expectRefreshLearns(now: Date, parcels: readonly DeliveredParcel[]) {
      const { db, provider } = database();
      expect(await refreshEstimateModels(db, provider, { now, holidays: NO_HOLIDAYS })).toEqual({
        shops: 1,
        deliveries: 60,
      });
      const stored = EtaModel.fromJSON(JSON.parse((await loadEstimateModels(db, [shop])).get(shop)!.modelJson) as EtaModelJson);

      const expected = new EtaModel({}, Math.min(...parcels.map((parcel) => parcel.deliveredAtMs)));
      const calendar = new DeliveryCalendar("America/New_York", NO_HOLIDAYS);
      for (const parcel of [...parcels].sort((a, b) => a.deliveredAtMs - b.deliveredAtMs)) learnFromDelivery(expected, calendar, parcel);
      const want = expected.toJSON();
      const got = stored.toJSON();
      expect(got.asOfMs).toBe(want.asOfMs);
      expect(got.observations).toBe(60);
      expect(Object.keys(got.transit).sort()).toEqual(Object.keys(want.transit).sort());
      expect(Object.keys(got.gaps).sort()).toEqual(Object.keys(want.gaps).sort());
      // Same bins, weights equal to a part in a million (the grouped recency weights are summed
      // through a series; the stored weights keep seven significant digits).
      const close = (a: readonly number[], b: readonly number[]) => {
        expect(a.filter((_, i) => i % 2 === 0)).toEqual(b.filter((_, i) => i % 2 === 0));
        a.forEach((value, i) => (i % 2 === 1 ? expect(Math.abs(value - b[i]!) / b[i]!).toBeLessThan(1e-6) : undefined));
      };
      for (const key of Object.keys(want.transit)) close(got.transit[key]!, want.transit[key]!);
      for (const key of Object.keys(want.gaps)) close(got.gaps[key]!, want.gaps[key]!);
      expect(Object.keys(got.accuracy).sort()).toEqual(Object.keys(want.accuracy).sort());
      for (const [key, sources] of Object.entries(want.accuracy)) {
        for (const source of ["trackline", "carrier"] as const) {
          const a = got.accuracy[key]![source];
          const b = sources[source];
          for (const field of ["weight", "absErrorDays", "inWindow", "late"] as const) {
            expect(Math.abs(a[field] - b[field])).toBeLessThanOrEqual(1e-6 * Math.max(1, b[field]));
          }
        }
      }
      return got;
    }

    it("learns lanes down to the origin region, destination region and postal prefix the shipments recorded", async () => {
      const { db, provider } = database();
      for (let index = 0; index < 6; index++) {
        await db.shipment.create({
          data: {
            shopDomain: shop,
            orderId: `gid://shopify/Order/r${index}`,
            orderName: `#r${index}`,
            fulfillmentId: `gid://shopify/Fulfillment/r${index}`,
            fulfillmentCreatedAt: new Date(base),
            trackingNumber: `REG${index}`,
            carrier: "usps",
            status: "delivered",
            deliveredAt: new Date(base + (index < 4 ? 2 : 4) * DAY),
            originCountry: "US",
            originRegion: "NJ",
            destinationCountry: "US",
            destinationRegion: index < 4 ? "NY" : "CA",
            destinationPostalPrefix: index < 4 ? "100" : "941",
          },
        });
      }
      await refreshEstimateModels(db, provider, { now: new Date(base + 10 * DAY), holidays: NO_HOLIDAYS });
      const model = EtaModel.fromJSON(JSON.parse((await loadEstimateModels(db, [shop])).get(shop)!.modelJson) as EtaModelJson);
      const labelKeys = Object.keys(model.toJSON().transit).filter((key) => key.startsWith("label#")).sort();
      expect(labelKeys).toEqual([
        "label#*",
        "label#usps/",
        "label#usps/|US>US",
        "label#usps/|US>US|CA",
        "label#usps/|US>US|CA|941",
        "label#usps/|US>US|CA|941|NJ",
        "label#usps/|US>US|NY",
        "label#usps/|US>US|NY|100",
        "label#usps/|US>US|NY|100|NJ",
      ]);
      const newYork = model.distribution({ carrier: "usps", originCountry: "US", originRegion: "NJ", destinationCountry: "US", destinationRegion: "NY", destinationPostalPrefix: "100" }, "label");
      expect(newYork.level).toBe("lane");
      expect(Math.round(newYork.observations)).toBe(4);
    });

    it("a refresh that read a model another worker has since saved does not overwrite it", async () => {
      const { db } = database();
      const model = { shopDomain: shop, modelJson: JSON.stringify(new EtaModel().toJSON()), observations: 0, cursor: null };
      expect(await saveEstimateModel(db, model, new Date(base), null)).toBe(true);
      expect(await saveEstimateModel(db, model, new Date(base + 1), null)).toBe(false);
      expect(await saveEstimateModel(db, { ...model, observations: 5 }, new Date(base + 2), new Date(base))).toBe(true);
      expect(await saveEstimateModel(db, { ...model, observations: 9 }, new Date(base + 3), new Date(base))).toBe(false);
      expect((await loadEstimateModels(db, [shop])).get(shop)?.observations).toBe(5);
    });

    it("imports past deliveries into the model (warm start) without moving the refresh cursor", async () => {
      const { db, provider } = database();
      const rows = Array.from({ length: 30 }, (_, index) => ({
        id: `h${index}`,
        orderedAtMs: null,
        shippedAtMs: base + index * 3_600_000,
        deliveredAtMs: index === 29 ? null : base + 2 * DAY + index * 3_600_000,
        promisedAt: null,
        lane: { carrier: "usps", originCountry: "US", destinationCountry: "US" },
      }));
      expect(await importHistory(db, shop, rows, { now: new Date(base), holidays: NO_HOLIDAYS })).toEqual({ imported: 29, skipped: 1, observations: 29 });
      const stored = (await loadEstimateModels(db, [shop])).get(shop)!;
      expect(stored.cursor).toBeNull();
      await delivered(1, 3, base + 3 * DAY);
      expect(await refreshEstimateModels(db, provider, { now: new Date(base + 4 * DAY), holidays: NO_HOLIDAYS, settleMs: 0 })).toEqual({ shops: 1, deliveries: 1 });
      expect((await loadEstimateModels(db, [shop])).get(shop)?.observations).toBe(30);
    });

    it("a sync pass sets Trackline's window, the shown estimate and its write-back; past the window the parcel is late and re-estimated", async () => {
      const { db, provider } = database();
      // Shipped Monday 23 February, delivered Thursday 26: 3 business days each.
      for (let index = 0; index < 40; index++) await delivered(index, 3, base - 4 * DAY + index * 60_000);
      await refreshEstimateModels(db, provider, { now: new Date(base), holidays: NO_HOLIDAYS, settleMs: 0 });
      const parcel = await db.shipment.create({
        data: {
          shopDomain: shop,
          orderId: "gid://shopify/Order/live",
          orderName: "#live",
          fulfillmentId: "gid://shopify/Fulfillment/live",
          fulfillmentCreatedAt: new Date(base),
          trackingNumber: "LIVE1",
          carrier: "usps",
          originCountry: "US",
          destinationCountry: "US",
          nextCheckAt: new Date(base),
        },
      });
      let now = base + 2 * 3_600_000;
      let events = [{ occurredAt: new Date(base + 3_600_000).toISOString(), status: "in_transit" as const, carrierCode: "T", description: "Departed" }];
      const adapter: CarrierAdapter = {
        code: "usps",
        maxBatchSize: 10,
        track: async (requests) =>
          requests.map(
            (request): TrackResult => ({ status: "found", raw: {}, trackingNumber: request.trackingNumber, events, unmappedCodes: [], warnings: [] }),
          ),
      };
      const engine = new SyncEngine({
        db,
        provider,
        owner: "estimates-worker",
        adapters: { adapterFor: async () => adapter },
        clock: () => now,
        estimates: new EstimateModelCache(db, { holidays: NO_HOLIDAYS, clock: () => now }),
      });
      await engine.runOnce({ shipmentIds: [parcel.id] });
      const after = await db.shipment.findUniqueOrThrow({ where: { id: parcel.id }, include: { writeBacks: true } });
      // Every past parcel took 3 business days: Monday 2 March → Thursday 5 March, window included.
      expect(after.estimateSource).toBe("trackline");
      expect(after.predictedDeliveryAt?.toISOString()).toBe("2026-03-05T12:00:00.000Z");
      expect(after.predictedDeliveryStart!.getTime()).toBeLessThanOrEqual(Date.parse("2026-03-05T00:00:00Z"));
      expect(after.predictedDeliveryEnd!.getTime()).toBeGreaterThanOrEqual(Date.parse("2026-03-05T23:59:59.999Z"));
      expect(after.shownEstimateEnd?.toISOString()).toBe(after.predictedDeliveryEnd?.toISOString());
      expect(after.firstPredictedDeliveryAt?.toISOString()).toBe("2026-03-05T12:00:00.000Z");
      expect(after.late).toBe(false);
      expect(after.writeBacks.map((row) => [row.shopifyStatus, row.estimatedDeliveryAt?.toISOString()])).toEqual([
        ["IN_TRANSIT", "2026-03-05T12:00:00.000Z"],
      ]);

      // A week later, still in transit (no news): late against the window shown, and a new window ahead.
      events = [];
      now = base + 9 * DAY;
      await engine.runOnce({ shipmentIds: [parcel.id] });
      const late = await db.shipment.findUniqueOrThrow({ where: { id: parcel.id } });
      expect(late.late).toBe(true);
      expect(late.shownEstimateEnd?.toISOString()).toBe(after.shownEstimateEnd?.toISOString());
      expect(late.predictedDeliveryStart!.getTime()).toBeGreaterThanOrEqual(Date.parse("2026-03-11T00:00:00Z"));
      expect(late.firstPredictedDeliveryAt?.toISOString()).toBe("2026-03-05T12:00:00.000Z");
    });
  });
}
