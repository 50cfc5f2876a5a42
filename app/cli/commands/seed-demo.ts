import { appEnv, requireShopifyCredentials } from "~/config/env.server";
import { closeDatabase, database } from "~/data/client.server";
import { resetDemoShop, shipmentIdsByFulfillmentNumber, writeDemoLookups } from "~/data/demo-seed.server";
import { applySyncUpdates, claimDueShipments, type ShipmentSyncUpdate } from "~/data/sync.server";
import { buildDemoShop, type DemoShipment, type DemoShop } from "~/demo/demo-data.server";
import { DEMO_HOLDOUT, planDemoInquiries } from "~/demo/demo-inquiries";
import { DEMO_API_SECRET } from "~/config/demo-mode.server";
import { fulfillmentWebhookPayload, signWebhookDelivery } from "~/services/ingestion/fulfillment-webhook-builder.server";
import { seedDemoInquiries } from "~/demo/seed-inquiries.server";
import { seedAfterDeliveryDemo } from "~/demo/after-delivery-demo";
import { UsageError, type CliCommand } from "~/cli/command";
import { refreshEstimateModels } from "~/services/estimates/models.server";

/** The instant the demo data describes: the current hour, so one seed gives one shop per hour. */
export function demoAnchor(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 3_600_000) * 3_600_000);
}

const gidNumber = (gid: string) => Number(gid.slice(gid.lastIndexOf("/") + 1));
const toDate = (iso: string | null) => (iso ? new Date(iso) : null);

/**
 * Seeds the demo shop the way production fills a shop: every fulfillment is a signed
 * `fulfillments/create` delivery through the real webhook route (HMAC check, dedupe, carrier
 * resolution, invalid-number flags), then each parcel's carrier events — what the simulated
 * carrier answers, parsed by the real parser — are applied the way the sync engine applies them.
 */
async function seedThroughWebhooks(shop: DemoShop, now: Date, seed: number) {
  const env = appEnv();
  const secret = env.TRACKLINE_DEMO ? DEMO_API_SECRET : requireShopifyCredentials(env).apiSecret;
  // Loaded here: the Shopify app module reads credentials that other commands do not need.
  const { receiveShopifyWebhook } = await import("~/services/ingestion/webhook-request.server");
  const { db, provider } = database();
  await resetDemoShop(db, { domain: shop.domain, name: shop.name, timezone: "America/New_York", orderCount: shop.orderCount }, now);

  const sequence = new Map<string, number>();
  const deliveries = shop.shipments.map((shipment) => {
    const parcel = (sequence.get(shipment.orderName) ?? 0) + 1;
    sequence.set(shipment.orderName, parcel);
    const payload = fulfillmentWebhookPayload({
      fulfillmentId: gidNumber(shipment.fulfillmentId),
      orderId: gidNumber(shipment.orderId),
      orderName: shipment.orderName,
      sequence: parcel,
      createdAt: shipment.fulfillmentCreatedAt,
      trackingCompany: shipment.declaredCarrier,
      trackingNumbers: [shipment.trackingNumber],
      trackingUrls: shipment.trackingUrl ? [shipment.trackingUrl] : [],
      destinationCountry: shipment.destinationCountry,
      lineItemCount: shipment.lineItemCount,
      // The demo's shoppers are customer<order number>@example.com (see demo-data.server.ts).
      email: `customer${shipment.orderName.replace(/^#/, "")}@example.com`,
    });
    return signWebhookDelivery({ topic: "fulfillments/create", shopDomain: shop.domain, secret, payload });
  });
  // A few deliveries in flight at once, as Shopify sends them.
  let next = 0;
  const send = async () => {
    while (next < deliveries.length) {
      const delivery = deliveries[next++]!;
      const request = new Request("http://127.0.0.1/webhooks/fulfillments/create", { method: "POST", headers: delivery.headers, body: delivery.body });
      const response = await receiveShopifyWebhook(request, ["fulfillments/create"]).catch((error: unknown) => {
        if (error instanceof Response) return error;
        throw error;
      });
      if (response.status !== 200) throw new Error(`the webhook route answered ${response.status} to a demo delivery`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, send));

  // Carrier events, applied through the sync engine's own lease + apply path.
  const ids = await shipmentIdsByFulfillmentNumber(db, shop.domain);
  const idOf = (shipment: DemoShipment) => ids.get(`${shipment.fulfillmentId}|${shipment.trackingNumber}`);
  const tracked = shop.shipments.filter((shipment) => shipment.state.status !== "invalid" && idOf(shipment));
  const owner = "demo-seed";
  await claimDueShipments(db, provider, { owner, now, leaseMs: 600_000, limit: tracked.length, shipmentIds: tracked.map((shipment) => idOf(shipment)!) });
  const updates: ShipmentSyncUpdate[] = tracked.map((shipment) => ({
    shipmentId: idOf(shipment)!,
    owner,
    added: shipment.events,
    updated: [],
    shipment: {
      status: shipment.state.status,
      subStatus: shipment.state.subStatus,
      stalled: shipment.state.flags.stalled,
      late: shipment.state.flags.late,
      notPickedUp: shipment.state.flags.notPickedUp,
      pickedUpAt: toDate(shipment.state.pickedUpAt),
      deliveredAt: toDate(shipment.state.deliveredAt),
      lastEventAt: toDate(shipment.state.lastEventAt),
      lastCheckedAt: shipment.events.length > 0 ? (toDate(shipment.state.lastEventAt) ?? now) : now,
      nextCheckAt: toDate(shipment.state.nextCheckAt),
      estimatedDeliveryAt: shipment.estimatedDeliveryAt,
      estimatedDeliveryEnd: shipment.estimatedDeliveryEnd,
      // The window the shopper was shown (the carrier's: the shop had no model yet), kept as the
      // sync engine keeps it, so parcels past it read late and delivered ones score the carrier.
      shownEstimateEnd: shipment.estimatedDeliveryEnd,
      firstCarrierEstimateAt: shipment.estimatedDeliveryEnd,
      isReturn: shipment.state.status === "returning" || shipment.state.status === "returned",
      attemptCount: 0,
      lastError: null,
      originCountry: shipment.originCountry,
      ...(shipment.proofOfDelivery ? { proofOfDeliveryJson: JSON.stringify(shipment.proofOfDelivery) } : {}),
    },
    // The demo has no Shopify to write back to.
    writeBack: null,
  }));
  const applied = await applySyncUpdates(db, provider, updates, now);
  // The shop's delivery-estimate model learns from the seeded deliveries (the worker's refresh,
  // run once here), so the demo's sync loop gives parcels Trackline's own estimate from the start.
  const estimates = await refreshEstimateModels(db, provider, { now, shopDomains: [shop.domain], settleMs: 0 });
  const lookups = await writeDemoLookups(
    db,
    shop.shipments.flatMap((shipment) => {
      const shipmentId = idOf(shipment);
      return shipmentId
        ? shipment.lookups.map((lookup) => ({ shopDomain: shop.domain, shipmentId, orderId: shipment.orderId, surface: lookup.surface, occurredAt: lookup.occurredAt }))
        : [];
    }),
  );
  // "Where is my order?" contacts and a holdout running since before the first order shipped.
  const wismo = await seedDemoInquiries(db, shop.domain, planDemoInquiries(shop.shipments, { now, seed, shipmentId: idOf }), {
    holdout: DEMO_HOLDOUT,
    startedAt: new Date(now.getTime() - 70 * 86_400_000),
  });
  const afterDelivery = await seedAfterDeliveryDemo(shop, secret, (request, topics) => receiveShopifyWebhook(request, topics));
  return {
    afterDelivery,
    // Fulfillments' parcels and the demo returns' parcels.
    shipments: ids.size + afterDelivery.returnParcels,
    inquiries: wismo.inquiries,
    events: updates.reduce((sum, update) => sum + update.added.length, 0),
    synced: applied.applied,
    estimateDeliveries: estimates.deliveries,
    lookups,
    webhooks: deliveries.length,
  };
}

export const seedDemoCommand: CliCommand = {
  name: "seed-demo",
  summary: "Replace the demo shop's data with a deterministic, realistic order history",
  usage: `Usage: npm run --silent cli -- seed-demo [--seed N] [--orders N] [--now ISO] [--json]

Writes the demo shop (trackline-demo.myshopify.com) into DATABASE_URL: orders across
carriers, countries and statuses. Each fulfillment goes through the real webhook route as a
signed fulfillments/create delivery; carrier events (as the simulated carriers report them)
are then applied the way the sync engine applies them. Needs demo mode (TRACKLINE_DEMO=1) or
the app's Shopify credentials, to sign the deliveries.
--seed    deterministic seed (default 42)
--orders  number of orders (default 520)
--now     the instant the data describes (default: the start of the current hour)`,
  async run(args, io) {
    const option = (name: string) => {
      const index = args.indexOf(name);
      return index >= 0 ? args[index + 1] : undefined;
    };
    const seed = Number(option("--seed") ?? 42);
    const orders = Number(option("--orders") ?? 520);
    const nowText = option("--now");
    const now = nowText ? new Date(nowText) : demoAnchor(new Date());
    if (!Number.isInteger(seed)) throw new UsageError("--seed must be an integer");
    if (!Number.isInteger(orders) || orders < 1 || orders > 100_000) throw new UsageError("--orders must be 1–100000");
    if (Number.isNaN(now.getTime())) throw new UsageError("--now must be an ISO date");
    const shop = buildDemoShop({ now, seed, orders });
    try {
      const started = performance.now();
      const written = await seedThroughWebhooks(shop, now, seed);
      const seconds = (performance.now() - started) / 1000;
      const result = { shop: shop.domain, orders: shop.orderCount, ...written, now: now.toISOString(), seed, seconds: Number(seconds.toFixed(2)) };
      io.stdout(
        args.includes("--json")
          ? `${JSON.stringify(result)}\n`
          : `Seeded ${result.shop} through ${result.webhooks} signed webhooks: ${result.orders} orders, ${result.shipments} shipments, ${result.events} carrier events, ${result.lookups} lookups, ${result.inquiries} inquiries (seed ${seed}, as of ${result.now}, ${result.seconds}s)\n`,
      );
      return 0;
    } finally {
      await closeDatabase();
    }
  },
};
